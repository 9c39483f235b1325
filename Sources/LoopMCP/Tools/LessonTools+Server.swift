import MCP

extension LessonTools {
    /// What the model reads at `initialize`: the short contract of these tools.
    static let instructions = """
        loop keeps lessons from the user's corrections of skills, commands and agents. \
        Call lessons_pending at the start of a session and after the user corrects you; \
        present each lesson in the consent gate and act only on the user's own typed answer. \
        Call lessons_relevant before running a skill to avoid mistakes users already corrected.
        """

    /// A fresh MCP server for one connection, with loop's tools registered.
    func makeServer(version: String, context: ConnectionContext) async -> Server {
        let server = Server(
            name: "loop", version: version, title: "loop", instructions: Self.instructions,
            capabilities: .init(tools: .init(listChanged: false)))
        await server.withMethodHandler(ListTools.self) { _ in
            ListTools.Result(tools: ToolCatalog.all)
        }
        await server.withMethodHandler(CallTool.self) { params in
            try await self.call(params, connection: context)
        }
        return server
    }
}

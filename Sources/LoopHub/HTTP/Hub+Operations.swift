import Hummingbird

extension Hub {
    func addOperationsRoutes(_ routes: inout RouteRegistrar) {
        routes.add(.get, "/healthz") { _, _ in
            do {
                _ = try await store.token(id: "healthz")
            } catch {
                return JSONResponse.make(.serviceUnavailable, ["status": "unavailable"])
            }
            return JSONResponse.make(.ok, ["status": "ok"])
        }
        routes.add(.get, "/metrics") { _, _ in
            let totals = try? await store.totals()
            return JSONResponse.raw(.ok, metrics.render(totals: totals), contentType: "text/plain; version=0.0.4; charset=utf-8")
        }
        routes.add(.get, "/openapi.json") { _, _ in
            JSONResponse.raw(.ok, OpenAPIDocument.json)
        }
    }
}

import Foundation
import LoopTestSupport
import Testing

/// A "hub" that answers every POST with a 307 to another port on the same
/// host, and a second server there that writes down the headers it gets.
/// The token must never reach the second one, from loopctl or from loopd.
@Suite("hub redirects end to end", .serialized, .enabled(if: LoopBinaries.available, "build loopd and loopctl first"))
struct HubRedirectEndToEndTests {
    static let servers = """
        import http.server, json, socketserver, sys, threading
        log = sys.argv[1]
        class Recorder(http.server.BaseHTTPRequestHandler):
            def do_POST(self):
                self.rfile.read(int(self.headers.get("Content-Length") or 0))
                with open(log, "a") as f: f.write(json.dumps(dict(self.headers)) + "\\n")
                self.send_response(201); self.send_header("Content-Length", "0"); self.end_headers()
            def log_message(self, *args): pass
        recorder = socketserver.TCPServer(("127.0.0.1", 0), Recorder)
        target = recorder.server_address[1]
        class Redirector(http.server.BaseHTTPRequestHandler):
            def do_POST(self):
                self.rfile.read(int(self.headers.get("Content-Length") or 0))
                self.send_response(307); self.send_header("Location", "http://127.0.0.1:%d%s" % (target, self.path))
                self.send_header("Content-Length", "0"); self.end_headers()
            def log_message(self, *args): pass
        redirector = socketserver.TCPServer(("127.0.0.1", 0), Redirector)
        threading.Thread(target=recorder.serve_forever, daemon=True).start()
        print(redirector.server_address[1], target, flush=True)
        redirector.serve_forever()
        """

    @Test func aCrossOriginRedirectNeverGetsTheToken() async throws {
        let harness = try DaemonHarness()
        defer { harness.user.root.remove() }
        let script = harness.user.root.appending("redirect.py")
        try Self.servers.write(to: script, atomically: true, encoding: .utf8)
        let headers = harness.user.root.appending("recorded-headers.jsonl")
        let server = try ChildProcess("/usr/bin/env", ["python3", script.path, headers.path],
                                      environment: harness.user.environment, logDirectory: harness.logs)
        defer { server.signal(SIGTERM) }
        #expect(await eventually { server.stdout.contains(" ") }, "servers did not start: \(server.stderr)")
        let ports = server.stdout.split(whereSeparator: \.isWhitespace).compactMap { Int($0) }
        try #require(ports.count == 2)
        let token = "loop-test-token-\(UUID().uuidString)"
        let login = try await ChildProcess.runWithInput(
            LoopBinaries.path("loopctl"), ["login", "--hub", "http://127.0.0.1:\(ports[0])", "--token-stdin"],
            input: token + "\n", environment: harness.user.environment, logDirectory: harness.logs)
        #expect(login.status == 0, "\(login.stderr)")
        let daemon = try await harness.startDaemon()
        let ids = try await DeliveryEndToEndTests.seed(harness, count: 2)

        let sent = try await harness.loopctl("send", ids[0])
        #expect(sent.status == 1, "a refused redirect is a failure: \(sent.stdout) \(sent.stderr)")
        #expect(sent.stdout.contains("http://127.0.0.1:\(ports[1])"), "the message names the target's origin: \(sent.stdout)")
        // loopd's background delivery uses the same client.
        _ = try await harness.loopctl("approve", ids[1])
        let failed = await eventually(timeout: 30) {
            (try? await harness.lessons().first { $0["id"] as? String == ids[1] }?["state"] as? String) == "failed"
        }
        #expect(failed, "loopd should fail the lesson on the redirect; stderr: \(daemon.stderr.suffix(2000))")
        let lastError = try await harness.lessons().first { $0["id"] as? String == ids[1] }?["lastError"] as? String
        #expect(lastError?.contains("127.0.0.1:\(ports[1])") == true, "\(lastError ?? "no error")")

        let recorded = (try? String(contentsOf: headers, encoding: .utf8)) ?? ""
        #expect(!recorded.contains(token), "the token reached another origin: \(recorded)")
        #expect(!recorded.lowercased().contains("authorization"), "\(recorded)")
        await harness.stop(daemon)
    }
}

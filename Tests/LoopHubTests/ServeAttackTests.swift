import Foundation
import GRDB
#if canImport(Glibc)
import Glibc
#endif
import LoopCore
@testable import LoopHub
import LoopTestSupport
import Testing

/// Attacks on the real `loophub serve` binary (issue 13): each test does what the
/// audit did and checks the hub no longer gives way.
@Suite("loophub binary under attack", .serialized)
struct ServeAttackTests {
    @Test("an author asking for another artifact's lesson gets the 404 of a missing id, naming nothing")
    func authorScopeIsNotFound() async throws {
        guard let hub = try await ServedHub.start() else { return }
        defer { hub.remove() }
        let contributor = try await hub.token("contributor")
        let author = try await hub.token("author", ["--artifact", "prd-*"])
        let hidden = LessonFixtures.lesson(artifact: "payroll-secrets-skill")
        #expect(try await hub.request("/v1/lessons", method: "POST", token: contributor, body: LessonFixtures.json(hidden)).0 == 201)
        let outside = try await hub.request("/v1/lessons/\(hidden.id)", token: author)
        let missing = try await hub.request("/v1/lessons/\(LessonFixtures.id())", token: author)
        #expect(outside.0 == 404, "\(outside.1)")
        #expect(outside.1 == missing.1)
        #expect(!outside.1.contains("payroll"))
        await hub.stop()
    }

    /// A value the shared Redactor recognises only by its randomness next to the word
    /// "token" (no known prefix, no assignment): the entropy rule.
    static let randomSecret = "Zq8vR2xL9pT4mW7nK3bY6cF1hJ5sD0gAe"

    @Test("a quarantined submission is kept redacted by every rule: not in the listing, the database files or the logs")
    func quarantineStoresNoPlaintext() async throws {
        guard let hub = try await ServedHub.start(["--log-level", "trace"]) else { return }
        defer { hub.remove() }
        let contributor = try await hub.token("contributor")
        let admin = try await hub.token("admin")
        let leaks = [LessonFixtures.githubToken, "alice.private@example.com", Self.randomSecret]
        let lesson = LessonFixtures.lesson(summary: "Configure it with \(leaks[0]) and mail \(leaks[1]).",
                                           after: "the deploy token is \(leaks[2]) for now")
        let (status, answer) = try await hub.request("/v1/lessons", method: "POST", token: contributor, body: LessonFixtures.json(lesson))
        #expect(status == 202, "\(answer)")
        let (_, listing) = try await hub.request("/v1/quarantine", token: admin)
        #expect(listing.contains(lesson.id))
        await hub.stop()
        let files = ["", "-wal", "-shm"].compactMap { try? Data(contentsOf: URL(fileURLWithPath: hub.databasePath + $0)) }
        for leak in leaks {
            #expect(!answer.contains(leak))
            #expect(!listing.contains(leak), "\(leak.prefix(4))… is in the quarantine listing")
            #expect(!files.contains { $0.range(of: Data(leak.utf8)) != nil }, "\(leak.prefix(4))… is in the database files")
            #expect(!hub.server.stderr.contains(leak) && !hub.server.stdout.contains(leak), "\(leak.prefix(4))… is in the logs")
        }
        #expect(Redactor().verify("the deploy token is \(Self.randomSecret)") == ["secret:entropy"],
                "the shared Redactor has no entropy rule, so random secrets pass it")
    }

    @Test("a row rewritten outside loophub is logged as tampered, not a silent 503")
    func tamperedRowIsLogged() async throws {
        guard let hub = try await ServedHub.start() else { return }
        defer { hub.remove() }
        let contributor = try await hub.token("contributor")
        let author = try await hub.token("author", ["--artifact", "prd-*"])
        let lesson = LessonFixtures.lesson(artifact: "prd-writer")
        #expect(try await hub.request("/v1/lessons", method: "POST", token: contributor, body: LessonFixtures.json(lesson)).0 == 201)
        // With the file, an attacker can drop the triggers; the hub must still notice.
        var other = lesson
        other.artifact.name = "sql-helper"
        let rewritten = LessonFixtures.json(other)
        let queue = try DatabaseQueue(path: hub.databasePath)
        try await queue.writeWithoutTransaction { db in
            try db.execute(sql: "DROP TRIGGER lessons_refuse_update")
            try db.execute(sql: "UPDATE lessons SET body = ? WHERE id = ?", arguments: [rewritten, lesson.id])
        }
        try queue.close()
        let (status, _) = try await hub.request("/v1/lessons/\(lesson.id)", token: author)
        #expect(status == 503)
        let logged = await eventually(timeout: 5) { hub.server.stderr.contains("TAMPERED ROW: lessons row \(lesson.id)") }
        #expect(logged, "stderr: \(hub.server.stderr)")
        await hub.stop()
    }

    @Test("1,100 idle connections under ulimit -n 1024: /healthz still answers, idle ones are closed after the timeout")
    func idleConnectionsDoNotStarveHealth() async throws {
        let idleCount = 1_100
        guard let hub = try await ServedHub.start(["--idle-timeout", "3", "--max-connections", "5000"], descriptorLimit: 1_024)
        else { return }
        defer { hub.remove() }
        // The cap was asked above the descriptor limit; loophub lowers it and says so.
        #expect(hub.server.stderr.contains("connection cap lowered"), "\(hub.server.stderr)")
        // The flood runs in a child: 1,100 sockets in this process would push its
        // descriptors past 1,024, where Foundation's Process (used by every other
        // test running alongside) corrupts memory.
        let script = Fixtures.repositoryRoot.appendingPathComponent("Tests/LoopHubTests/Support/idle_flood.py").path
        let run = try await ChildProcess.run(
            "/usr/bin/env", ["python3", script, "\(hub.port)", "\(idleCount)", "20"],
            environment: ProcessInfo.processInfo.environment, logDirectory: hub.directory.url, timeout: 60)
        #expect(run.status == 0, "\(run.stderr)")
        let report = try #require(
            try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any], "flood output: \(run.stdout)")
        #expect(report["before"] as? Int == 200)
        #expect(report["opened"] as? Int == idleCount, "\(report)")
        // A connection admitted before the flood keeps being served, at once.
        #expect(report["admitted"] as? Int == 200, "\(report)")
        // A new one waits in the backlog at most until the idle ones time out.
        #expect(report["fresh"] as? Int == 200, "\(report)")
        // Every idle connection is closed by the server: the admitted ones after 3 s,
        // the queued ones 3 s after they are admitted.
        #expect(report["closed"] as? Int == idleCount, "\(report)")
        print("idle-connections: \(run.stdout)")
        #expect(await hub.stop() == 0, "graceful shutdown: \(hub.server.stderr)")
    }

    @Test("a head dripped byte by byte is cut off by the idle timeout; a dripped body by the request timeout (408)")
    func slowClientsAreCutOff() async throws {
        guard let hub = try await ServedHub.start(["--idle-timeout", "2", "--request-timeout", "3"]) else { return }
        defer { hub.remove() }
        let contributor = try await hub.token("contributor")
        // Head: one header line every 500 ms, never the blank line that ends it.
        let head = try #require(RawConnection.open(port: hub.port))
        defer { head.close() }
        #expect(head.send("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n"))
        let headStart = ContinuousClock.now
        var headClosed = false
        for index in 0..<20 {
            try await Task.sleep(for: .milliseconds(500))
            if head.poll() == .closed || !head.send("X-Drip-\(index): x\r\n") {
                headClosed = true
                break
            }
        }
        let headLasted = ContinuousClock.now - headStart
        #expect(headClosed && headLasted < .seconds(5), "head drip lasted \(headLasted)")

        // Body: 16 bytes every second (inside the idle timeout) of a declared 4,000.
        let body = try #require(RawConnection.open(port: hub.port))
        defer { body.close() }
        #expect(body.send("POST /v1/lessons HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer \(contributor)\r\n"
            + "Content-Type: application/json\r\nContent-Length: 4000\r\n\r\n{\"summary\":\""))
        let bodyStart = ContinuousClock.now
        var answer = ""
        var bodyClosed = false
        for _ in 0..<10 {
            try await Task.sleep(for: .seconds(1))
            switch body.poll() {
            case .data(let text): answer += text
            case .closed: bodyClosed = true
            case .open: break
            }
            if bodyClosed || answer.contains("\r\n\r\n") { break }
            if !body.send(String(repeating: "a", count: 16)) { bodyClosed = true }
        }
        let bodyLasted = ContinuousClock.now - bodyStart
        #expect(answer.hasPrefix("HTTP/1.1 408") || bodyClosed, "answer: \(answer.prefix(80))")
        #expect(bodyLasted < .seconds(7), "body drip lasted \(bodyLasted)")
        print("slow-clients: head drip closed after \(headLasted), body drip answered after \(bodyLasted): \(answer.prefix(12))")
        await hub.stop()
    }
}

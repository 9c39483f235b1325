import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import LoopTestSupport
import Testing

/// Consent and delivery against the real loophub: nothing leaves before
/// consent, every approved lesson arrives exactly once, failures are clear.
@Suite("delivery end to end", .serialized, HubHarness.required)
struct DeliveryEndToEndTests {
    /// `count` pending lessons, made the real way: loopd sees a correction in each of `count` sessions.
    static func seed(_ harness: DaemonHarness, count: Int) async throws -> [String] {
        let repo = harness.user.home.appendingPathComponent("work/app")
        try FileManager.default.createDirectory(at: repo, withIntermediateDirectories: true)
        let project = try harness.projectDirectory(for: repo.path)
        for index in 0..<count {
            let writer = try TranscriptWriter(path: project.appendingPathComponent("session-\(index).jsonl"))
            for line in BadInputEndToEndTests.exchange(session: "delivery-\(index)", cwd: repo.path) { try writer.append(line) }
        }
        let all = await eventually(timeout: 30) { (try? await harness.lessons().count) == count }
        let ids = try await harness.lessons().compactMap { $0["id"] as? String }
        let logs = (try? FileManager.default.contentsOfDirectory(atPath: harness.logs.path))?.filter { $0.hasPrefix("loopd") && $0.hasSuffix(".err") }
            .compactMap { try? String(contentsOf: harness.logs.appendingPathComponent($0), encoding: .utf8) }.joined(separator: "\n") ?? ""
        try #require(all && ids.count == count, "expected \(count) pending lessons, found \(ids.count); loopd: \(logs.suffix(3000))")
        return ids
    }

    func state(_ harness: DaemonHarness, _ id: String) async throws -> String? {
        try await harness.lessons().first { $0["id"] as? String == id }?["state"] as? String
    }

    func login(_ harness: DaemonHarness, hub: HubHarness, token: String) async throws {
        let login = try await ChildProcess.runWithInput(LoopBinaries.path("loopctl"), ["login", "--hub", hub.url, "--token-stdin"],
                                                        input: token + "\n", environment: harness.user.environment, logDirectory: harness.logs)
        #expect(login.status == 0, "\(login.stderr)")
        let tokenFile = harness.user.home.appendingPathComponent(".config/loop/token").path
        let mode = (try FileManager.default.attributesOfItem(atPath: tokenFile)[.posixPermissions] as? NSNumber)?.intValue
        #expect(mode == 0o600, "the token file is private")
    }

    @Test func nothingLeavesBeforeConsentThenSendDeliversOnce() async throws {
        let hub = try HubHarness()
        defer { hub.directory.remove() }
        try await hub.start()
        let contributor = try await hub.token(role: "contributor")
        let admin = try await hub.token(role: "admin")
        let harness = try DaemonHarness()
        defer { harness.user.root.remove() }
        try await login(harness, hub: hub, token: contributor)
        let daemon = try await harness.startDaemon()
        let ids = try await Self.seed(harness, count: 2)
        try await Task.sleep(for: .seconds(1))
        #expect(try await hub.ingestRequests() == 0, "the hub saw no request before consent")
        #expect(try await hub.storedIDs(admin: admin).isEmpty)

        let sent = try await harness.loopctl("send", String(ids[0].prefix(13)))
        #expect(sent.status == 0, "\(sent.stdout) \(sent.stderr)")
        #expect(try await hub.storedIDs(admin: admin) == [ids[0]])
        #expect(try await state(harness, ids[0]) == "sent")
        #expect(try await state(harness, ids[1]) == "pending", "the other lesson was not consented to")
        let shown = try await harness.loopctl("show", ids[0], "--json")
        let detail = try JSONSerialization.jsonObject(with: Data(shown.stdout.utf8)) as? [String: Any]
        #expect((detail?["evidence"] as? [Any])?.isEmpty == true, "a sent lesson keeps only what the user saw")

        // Sending again is harmless: the id is the idempotency key.
        let again = try await harness.loopctl("send", "--all-approved")
        #expect(again.status == 0)
        #expect(try await hub.storedIDs(admin: admin) == [ids[0]], "stored once, whoever sent it")
        await harness.stop(daemon)
        await hub.stop()
    }

    @Test func hubDownAtSendTimeThenBackIsSentExactlyOnceByLoopd() async throws {
        let hub = try HubHarness()
        defer { hub.directory.remove() }
        try await hub.start()
        let contributor = try await hub.token(role: "contributor")
        let admin = try await hub.token(role: "admin")
        let port = hub.port
        await hub.stop()
        let harness = try DaemonHarness()
        defer { harness.user.root.remove() }
        try await login(harness, hub: hub, token: contributor)
        let daemon = try await harness.startDaemon()
        let ids = try await Self.seed(harness, count: 1)
        let down = try await harness.loopctl("send", ids[0])
        #expect(down.status == 3, "hub unreachable is exit status 3: \(down.stdout) \(down.stderr)")
        #expect(try await state(harness, ids[0]) == "approved")
        try await hub.start(port: port)
        let arrived = await eventually(timeout: 40) { (try? await state(harness, ids[0])) == "sent" }
        #expect(arrived, "loopd retries in the background; stderr: \(daemon.stderr.suffix(2000))")
        #expect(try await hub.storedIDs(admin: admin) == ids)
        await harness.stop(daemon)
        await hub.stop()
    }

    @Test func conflictAndRevokedTokenFailWithAClearReasonAndLoseNothing() async throws {
        let hub = try HubHarness()
        defer { hub.directory.remove() }
        try await hub.start()
        let contributor = try await hub.token(role: "contributor")
        let harness = try DaemonHarness()
        defer { harness.user.root.remove() }
        try await login(harness, hub: hub, token: contributor)
        let daemon = try await harness.startDaemon()
        let ids = try await Self.seed(harness, count: 2)

        // Someone already stored a different lesson under the first id.
        let show = try await harness.loopctl("show", ids[0], "--json")
        var lesson = (try JSONSerialization.jsonObject(with: Data(show.stdout.utf8)) as? [String: Any])?["lesson"] as? [String: Any] ?? [:]
        lesson["summary"] = "A different lesson that happens to share the id."
        var request = URLRequest(url: URL(string: "\(hub.url)/v1/lessons")!)
        request.httpMethod = "POST"
        request.setValue("Bearer \(contributor)", forHTTPHeaderField: "Authorization")
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        request.httpBody = try JSONSerialization.data(withJSONObject: lesson)
        let (_, response) = try await URLSession.shared.data(for: request)
        #expect((response as? HTTPURLResponse)?.statusCode == 201)
        let conflict = try await harness.loopctl("send", ids[0])
        #expect(conflict.status == 1)
        #expect(conflict.stdout.contains("409"))
        let failed = try await harness.lessons().first { $0["id"] as? String == ids[0] }
        #expect(failed?["state"] as? String == "failed")
        #expect((failed?["lastError"] as? String)?.contains("409") == true, "loopctl list shows why")

        try await hub.revokeAll()
        try await Task.sleep(for: .milliseconds(1_500))  // the hub caches token rows for a second
        let revoked = try await harness.loopctl("send", ids[1])
        #expect(revoked.status == 1)
        #expect(revoked.stdout.contains("loopctl login"))
        #expect(try await state(harness, ids[1]) == "failed")
        #expect(try await harness.lessons().count == 2, "nothing lost")
        await harness.stop(daemon)
        await hub.stop()
    }

    @Test func killingSendersRepeatedlyStillDeliversEachLessonOnce() async throws {
        let hub = try HubHarness()
        defer { hub.directory.remove() }
        try await hub.start()
        let contributor = try await hub.token(role: "contributor")
        let admin = try await hub.token(role: "admin")
        let harness = try DaemonHarness()
        defer { harness.user.root.remove() }
        try await login(harness, hub: hub, token: contributor)
        var daemon = try await harness.startDaemon()
        let ids = try await Self.seed(harness, count: 6)
        // Consent to all of them; loopd starts sending in the background.
        for id in ids { _ = try await harness.loopctl("approve", id) }
        for round in 0..<6 {
            // loopctl and loopd race to send; both are killed at a random moment.
            let sender = try ChildProcess(LoopBinaries.path("loopctl"), ["send", "--all-approved"], environment: harness.user.environment, logDirectory: harness.logs)
            try await Task.sleep(for: .milliseconds(Int.random(in: 5...120)))
            sender.signal(SIGKILL)
            daemon.signal(SIGKILL)
            _ = await daemon.wait(timeout: 5)
            daemon = try await harness.startDaemon()
            if round == 5 { break }
        }
        let done = await eventually(timeout: 60) { (try? await harness.lessons().allSatisfy { $0["state"] as? String == "sent" }) == true }
        #expect(done, "every approved lesson ends sent")
        #expect(try await hub.storedIDs(admin: admin).sorted() == ids.sorted(), "each exactly once on the hub")
        await harness.stop(daemon)
        await hub.stop()
    }
}

@Suite("loopctl review in a terminal", .serialized, HubHarness.required)
struct ReviewTTYEndToEndTests {
    @Test func sendDeclineEditQuit() async throws {
        let hub = try HubHarness()
        defer { hub.directory.remove() }
        try await hub.start()
        let contributor = try await hub.token(role: "contributor")
        let admin = try await hub.token(role: "admin")
        let harness = try DaemonHarness()
        defer { harness.user.root.remove() }
        let login = try await ChildProcess.runWithInput(LoopBinaries.path("loopctl"), ["login", "--hub", hub.url, "--token-stdin"],
                                                        input: contributor, environment: harness.user.environment, logDirectory: harness.logs)
        #expect(login.status == 0)
        let daemon = try await harness.startDaemon()
        let ids = try await DeliveryEndToEndTests.seed(harness, count: 4)
        await harness.stop(daemon)  // review works without the daemon
        let newestFirst = try await harness.lessons().compactMap { $0["id"] as? String }
        let script = Fixtures.repositoryRoot.appendingPathComponent("Tests/Interop/review_tty.py").path
        var environment = harness.user.environment
        environment["EDITOR"] = "python3 \(script) --editor"
        environment["NO_COLOR"] = "1"
        environment["TERM"] = "xterm"
        let run = try await ChildProcess.run("/usr/bin/env", ["python3", script, LoopBinaries.path("loopctl"), "sdeq"],
                                             environment: environment, logDirectory: harness.logs, timeout: 120)
        #expect(run.status == 0, "\(run.stdout)\n\(run.stderr)")
        #expect(run.stdout.contains("1 of 4"))
        #expect(run.stdout.contains("\"schema\" : \"loop.lesson/v1\""), "the exact payload is shown")
        let states = Dictionary(uniqueKeysWithValues: try await harness.lessons().compactMap { item -> (String, [String: Any])? in
            (item["id"] as? String).map { ($0, item) }
        })
        #expect(states[newestFirst[0]]?["state"] as? String == "sent")
        #expect(states[newestFirst[1]]?["state"] as? String == "declined")
        #expect(states[newestFirst[2]]?["state"] as? String == "pending")
        #expect((states[newestFirst[2]]?["summary"] as? String)?.hasPrefix("PRDs must follow the Problem/Solution/Metrics") == true)
        #expect(states[newestFirst[3]]?["state"] as? String == "pending")
        #expect(try await hub.storedIDs(admin: admin) == [newestFirst[0]])
        let log = try await harness.loopctl("show", newestFirst[0], "--json")
        #expect(log.stdout.contains("\"actor\" : \"cli\""), "decisions are logged with actor cli")
        #expect(Set(ids) == Set(newestFirst))
        await hub.stop()
    }

    @Test func withoutATerminalReviewOnlyLists() async throws {
        let harness = try DaemonHarness()
        defer { harness.user.root.remove() }
        let daemon = try await harness.startDaemon()
        _ = try await DeliveryEndToEndTests.seed(harness, count: 1)
        await harness.stop(daemon)
        let review = try await harness.loopctl("review")
        #expect(review.status == 0)
        #expect(review.stdout.contains("1 pending lessons"))
        #expect(try await harness.lessons().first?["state"] as? String == "pending")
    }
}

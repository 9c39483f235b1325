import Foundation
import LoopTestSupport
import Testing

/// `loopctl send` and loopd's background delivery race for the same approved
/// lessons; the send claim in the outbox makes exactly one of them post each
/// lesson, and loopctl says who did (docs/consent.md "One sender").
@Suite("one sender per lesson", .serialized, HubHarness.required)
struct OneSenderEndToEndTests {
    @Test func loopctlSendRacingLoopdPostsEachLessonOnce() async throws {
        let hub = try HubHarness()
        defer { hub.directory.remove() }
        try await hub.start()
        let contributor = try await hub.token(role: "contributor")
        let admin = try await hub.token(role: "admin")
        let harness = try DaemonHarness()
        defer { harness.user.root.remove() }
        let login = try await ChildProcess.runWithInput(LoopBinaries.path("loopctl"), ["login", "--hub", hub.url, "--token-stdin"],
                                                        input: contributor + "\n", environment: harness.user.environment, logDirectory: harness.logs)
        #expect(login.status == 0, "\(login.stderr)")
        let daemon = try await harness.startDaemon()
        let ids = try await DeliveryEndToEndTests.seed(harness, count: 8)
        #expect(try await hub.ingestRequests() == 0)

        // Half: `loopctl send ID` (approve, then send at once) for each, all at the same
        // time; loopd wakes on each approval and wants to send the same lessons.
        let direct = Array(ids.prefix(4))
        let outputs = try await withThrowingTaskGroup(of: (String, Int32, String).self) { group in
            for id in direct {
                group.addTask {
                    let run = try await ChildProcess.run(LoopBinaries.path("loopctl"), ["send", id], environment: harness.user.environment,
                                                         logDirectory: harness.logs)
                    return (id, run.status, run.stdout + run.stderr)
                }
            }
            var collected: [(String, Int32, String)] = []
            for try await output in group { collected.append(output) }
            return collected
        }
        // The other half: approved (loopd starts sending), then `loopctl send` of the same ids at once:
        // loopctl sends what loopd has not claimed and says what loopd did with the rest.
        let approved = Array(ids.suffix(4))
        let approve = try await ChildProcess.run(LoopBinaries.path("loopctl"), ["approve"] + approved, environment: harness.user.environment,
                                                 logDirectory: harness.logs)
        #expect(approve.status == 0, "\(approve.stderr)")
        let all = try await ChildProcess.run(LoopBinaries.path("loopctl"), ["send"] + approved, environment: harness.user.environment,
                                             logDirectory: harness.logs)

        for (id, status, text) in outputs {
            #expect(status == 0, "loopctl send \(id): \(text)")
            #expect(!text.contains("already had it"), "a first send is never a duplicate: \(text)")
            #expect(text.contains("sent") || text.contains("loopd is sending it now"), "loopctl says what happened: \(text)")
        }
        #expect(all.status == 0, "\(all.stdout) \(all.stderr)")
        #expect(!all.stdout.contains("already had it"), "a first send is never a duplicate: \(all.stdout)")
        let lines = all.stdout.split(separator: "\n")
        #expect(lines.count == approved.count, "one line per lesson: \(all.stdout)")
        for line in lines {
            #expect(line.hasSuffix("  sent") || line.contains("sent by loopd at ") || line.contains("loopd is sending it now"),
                    "loopctl says who sent it: \(line)")
        }
        print("loopctl send outputs:\n\(outputs.map(\.2).joined())\(all.stdout)")

        let done = await eventually(timeout: 40) { (try? await harness.lessons().allSatisfy { $0["state"] as? String == "sent" }) == true }
        #expect(done, "every lesson ends sent; loopd: \(daemon.stderr.suffix(2000))")
        #expect(try await hub.storedIDs(admin: admin).sorted() == ids.sorted())
        #expect(try await hub.ingestRequests() == ids.count, "each lesson was POSTed exactly once, by one sender")
        for id in ids {
            let log = try await harness.show(id)["transitions"] as? [[String: Any]] ?? []
            let notes = log.compactMap { $0["note"] as? String }
            #expect(!notes.contains { $0.contains("already had it") }, "\(id): \(notes)")
            let sender = log.last { $0["to"] as? String == "sent" }?["actor"] as? String
            print("\(id.prefix(13)) sent by \(sender ?? "?")")
        }
        await harness.stop(daemon)
        await hub.stop()
    }
}

import Testing
@testable import LoopHarness

@Suite struct RecentSetTests {
    @Test func keepsTheMostRecentMembers() {
        var set = RecentSet<Int>(capacity: 3)
        #expect(set.insert(1).inserted && set.insert(2).inserted && set.insert(3).inserted)
        #expect(!set.insert(2).inserted, "a member is not inserted twice")
        #expect(set.insert(4).inserted)
        #expect(!set.contains(1) && set.contains(2) && set.contains(3) && set.contains(4), "the oldest went")
        #expect(set.insert(5).inserted && set.insert(6).inserted)
        #expect(set.count == 3 && [4, 5, 6].allSatisfy(set.contains) && !set.contains(2))
        #expect(set.insert(1).inserted, "an evicted member can come back")
    }
}

/// Myers' O(ND) difference algorithm.
///
/// The common prefix is stripped first (the greedy search would follow that
/// snake anyway), then the rest is interned to ints so the search compares
/// cheaply: a small edit in a large file hashes only the lines from the first
/// change on. The common suffix is deliberately not stripped: jsdiff, which
/// produces Claude Code's structuredPatch, does not strip it either, and doing
/// so changes which of several equally short diffs is chosen (a blank line
/// matched at the end of an inserted block instead of its start). A small edit
/// in a large file still costs only O((N+M)·D). The search keeps one trace row per edit step,
/// i.e. O(D²) memory; past `maxEditCost` steps it gives up on minimality and
/// reports everything after the common prefix as one replacement, which is still a correct
/// (just coarser) diff and bounds time and memory on wholly rewritten files.
enum MyersDiff {
    /// 2,000 edit steps keep the trace under ~16 MB (Int32 rows) and the search
    /// well under a second for 10k-line files; real edits are far smaller.
    static let defaultMaxEditCost = 2_000

    /// Marks, for each element of `a`, whether it is deleted, and for each of
    /// `b`, whether it is inserted. Unmarked elements match pairwise in order.
    static func edits<Element: Hashable>(
        _ a: [Element], _ b: [Element], maxEditCost: Int = defaultMaxEditCost
    ) -> (deleted: [Bool], inserted: [Bool]) {
        var deleted = [Bool](repeating: false, count: a.count)
        var inserted = [Bool](repeating: false, count: b.count)
        var prefix = 0
        while prefix < a.count, prefix < b.count, a[prefix] == b[prefix] { prefix += 1 }
        var ids: [Element: Int] = [:]
        func intern(_ element: Element) -> Int {
            if let id = ids[element] { return id }
            let id = ids.count
            ids[element] = id
            return id
        }
        let oldMiddle = a[prefix...].map(intern)
        let newMiddle = b[prefix...].map(intern)

        if let path = search(oldMiddle, newMiddle, maxEditCost: maxEditCost) {
            for i in path.deleted { deleted[prefix + i] = true }
            for j in path.inserted { inserted[prefix + j] = true }
        } else {
            for i in oldMiddle.indices { deleted[prefix + i] = true }
            for j in newMiddle.indices { inserted[prefix + j] = true }
        }
        return (deleted, inserted)
    }

    /// The forward greedy search plus backtracking. Returns nil when the edit
    /// distance exceeds `maxEditCost`.
    private static func search(
        _ a: [Int], _ b: [Int], maxEditCost: Int
    ) -> (deleted: [Int], inserted: [Int])? {
        let n = a.count, m = b.count
        if n == 0 || m == 0 { return (Array(0..<n), Array(0..<m)) }
        let maxD = n + m
        let offset = maxD + 1
        var v = [Int](repeating: 0, count: 2 * maxD + 3)
        // trace[d] holds v[-d...d] after step d (index k + d).
        var trace: [[Int32]] = []
        var finalD = -1
        outer: for d in 0...maxD {
            if d > maxEditCost { return nil }
            for k in stride(from: -d, through: d, by: 2) {
                var x: Int
                if k == -d || (k != d && v[offset + k - 1] < v[offset + k + 1]) {
                    x = v[offset + k + 1]
                } else {
                    x = v[offset + k - 1] + 1
                }
                var y = x - k
                while x < n, y < m, a[x] == b[y] { x += 1; y += 1 }
                v[offset + k] = x
                if x >= n, y >= m {
                    trace.append(v[(offset - d)...(offset + d)].map { Int32($0) })
                    finalD = d
                    break outer
                }
            }
            trace.append(v[(offset - d)...(offset + d)].map { Int32($0) })
        }

        var deleted: [Int] = [], inserted: [Int] = []
        var x = n, y = m
        var d = finalD
        while d > 0 {
            let previous = trace[d - 1]
            func previousX(_ k: Int) -> Int { Int(previous[k + d - 1]) }
            let k = x - y
            let cameFromAbove = k == -d || (k != d && previousX(k - 1) < previousX(k + 1))
            let previousK = cameFromAbove ? k + 1 : k - 1
            let startX = previousX(previousK)
            let startY = startX - previousK
            // Step d was one edit from (startX, startY) followed by a snake of
            // matches up to (x, y); only the edit needs recording.
            if cameFromAbove { inserted.append(startY) } else { deleted.append(startX) }
            x = startX
            y = startY
            d -= 1
        }
        return (deleted, inserted)
    }
}

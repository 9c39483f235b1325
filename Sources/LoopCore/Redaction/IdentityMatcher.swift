/// The machine's and organisation's own names: user, host, internal domains and a
/// deny-list of people's names, matched as whole words, case-insensitively.
struct IdentityMatcher: Sendable {
    struct Needle: Sendable {
        let lowered: [UInt8]
        let type: String
        let replacement: Finding.Replacement
        /// Internal domains also match as the suffix of a longer host name.
        let isDomain: Bool
    }

    let repositoryRoot: [UInt8]?
    let homeDirectory: [UInt8]?
    /// Needles indexed by their first (lower-cased) byte.
    private let needles: [[Needle]]
    let isEmpty: Bool
    /// First bytes (both cases) of all needles: most words are rejected by this alone.
    let firstBytes: Charset
    /// Second bytes (both cases): with a common first letter (`alice`), most words still stop here.
    let secondBytes: Charset
    let hasDomains: Bool

    /// `learnedUserNames` come from home paths in the texts (`LearnedUserNames`).
    init(_ context: RedactionContext, learnedUserNames: [String] = []) {
        func normalised(_ path: String?) -> [UInt8]? {
            guard var p = path, p.count > 1 else { return nil }
            while p.count > 1, p.hasSuffix("/") { p.removeLast() }
            return Array(p.utf8)
        }
        repositoryRoot = normalised(context.repositoryRoot)
        homeDirectory = normalised(context.homeDirectory)
        var all: [Needle] = []
        func add(_ word: String?, _ type: String, _ replacement: Finding.Replacement, domain: Bool = false) {
            guard let word, word.utf8.count >= 3 else { return }
            all.append(Needle(lowered: Array(word.lowercased().utf8), type: type, replacement: replacement, isDomain: domain))
        }
        add(context.userName, "user", .literal("<user>"))
        for name in learnedUserNames { add(name, "user", .literal("<user>")) }
        if let host = context.hostName {
            add(host, "host", .numbered)
            if let short = host.split(separator: ".").first, short.count < host.count { add(String(short), "host", .numbered) }
        }
        for domain in context.internalDomains {
            add(domain.hasPrefix(".") ? String(domain.dropFirst()) : domain, "host", .numbered, domain: true)
        }
        for name in context.denyNames { add(name, "name", .numbered) }
        var table = [[Needle]](repeating: [], count: 256)
        for needle in all.sorted(by: { $0.lowered.count > $1.lowered.count }) {
            table[Int(needle.lowered[0])].append(needle)
        }
        needles = table
        var first = Charset("")
        var second = Charset("")
        for needle in all {
            first.insert(needle.lowered[0])
            if needle.lowered[0] &- 97 < 26 { first.insert(needle.lowered[0] - 32) }
            second.insert(needle.lowered[1])
            if needle.lowered[1] &- 97 < 26 { second.insert(needle.lowered[1] - 32) }
        }
        firstBytes = first
        secondBytes = second
        isEmpty = all.isEmpty
        hasDomains = all.contains { $0.isDomain }
    }

    /// Matches at a word start `i`; a domain also claims the host labels before it
    /// (`build01.corp.example.com` for `corp.example.com`) — handled by scanning from
    /// the host name's own start, since every label starts a word.
    func match(_ bytes: UnsafeBufferPointer<UInt8>, at i: Int, into findings: inout [Finding]) -> Int? {
        guard !isEmpty else { return nil }
        guard firstBytes.contains(bytes[i]) || hasDomains else { return nil }
        let candidates = needles[Int(ByteClass.lowercased(bytes[i]))]
        if !candidates.isEmpty {
            for needle in candidates where matchesWord(needle.lowered, bytes, at: i) {
                let end = i + needle.lowered.count
                findings.append(Finding(start: i, end: end, type: needle.type, replacement: needle.replacement))
                return end
            }
        }
        return hasDomains ? matchDomainSuffix(bytes, at: i, into: &findings) : nil
    }

    private func matchesWord(_ needle: [UInt8], _ bytes: UnsafeBufferPointer<UInt8>, at i: Int) -> Bool {
        let end = i + needle.count
        guard end <= bytes.count else { return false }
        for k in 0..<needle.count where ByteClass.lowercased(bytes[i + k]) != needle[k] { return false }
        return end == bytes.count || !ByteClass.isAlnum(bytes[end])
    }

    /// `build01.corp.example.com` when `corp.example.com` is internal.
    private func matchDomainSuffix(_ bytes: UnsafeBufferPointer<UInt8>, at i: Int, into findings: inout [Finding]) -> Int? {
        var end = i
        var dots = 0
        while end < bytes.count, end - i < 253 {
            let c = bytes[end]
            if c == UInt8(ascii: ".") { dots += 1 } else if !(ByteClass.isAlnum(c) || c == UInt8(ascii: "-")) { break }
            end += 1
        }
        guard dots > 0 else { return nil }
        var label = i
        while label < end {
            if bytes[label] == UInt8(ascii: "."), label + 1 < end {
                for needle in needles[Int(ByteClass.lowercased(bytes[label + 1]))] where needle.isDomain
                    && label + 1 + needle.lowered.count == end && matchesWord(needle.lowered, bytes, at: label + 1) {
                    findings.append(Finding(start: i, end: end, type: "host", replacement: .numbered))
                    return end
                }
            }
            label += 1
        }
        return nil
    }
}

/// A set that remembers only its most recent `capacity` members.
///
/// The decoders remember what they already emitted (tool results answered,
/// texts seen) to drop a line written twice. Such repeats sit next to each
/// other in a transcript, so the last few thousand entries are enough, and a
/// file holding hundreds of sessions does not grow the decoder without bound.
struct RecentSet<Element: Hashable & Sendable>: Sendable {
    let capacity: Int
    private var members: Set<Element> = []
    /// Insertion order, oldest at `oldest`; a ring once full.
    private var order: [Element] = []
    private var oldest = 0

    init(capacity: Int) {
        precondition(capacity > 0)
        self.capacity = capacity
    }

    func contains(_ element: Element) -> Bool { members.contains(element) }

    var count: Int { members.count }

    /// Inserts `element`, evicting the oldest member when full.
    @discardableResult
    mutating func insert(_ element: Element) -> (inserted: Bool, memberAfterInsert: Element) {
        guard !members.contains(element) else { return (false, element) }
        if order.count < capacity {
            order.append(element)
        } else {
            members.remove(order[oldest])
            order[oldest] = element
            oldest = (oldest + 1) % capacity
        }
        members.insert(element)
        return (true, element)
    }
}

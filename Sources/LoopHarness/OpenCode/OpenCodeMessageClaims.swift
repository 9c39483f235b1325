/// Which table layout a message was decoded from. OpenCode 2.0 copies every
/// 1.x message into `session_message` under the same `msg_` id and leaves the
/// V1 rows in place (1.x may even keep writing them), so the same message can
/// be read twice: whichever layout is decoded first claims the id, and the
/// other layout's rows for it (a V1 message and its parts, or the V2 row) are
/// skipped from then on.
struct OpenCodeMessageClaims {
    enum Layout { case v1, v2 }

    private var owners: [String: Layout] = [:]

    /// True when `layout` may decode message `id`: nobody claimed it yet (it
    /// is claimed now), or `layout` did.
    mutating func claim(_ id: String, by layout: Layout) -> Bool {
        if let owner = owners[id] { return owner == layout }
        owners[id] = layout
        return true
    }
}

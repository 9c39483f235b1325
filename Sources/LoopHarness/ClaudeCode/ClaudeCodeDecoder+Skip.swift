extension ClaudeCodeDecoder {
    /// Line types the decoder reads; every other type (progress,
    /// file-history-snapshot, system, summary, … most lines of a 2.1.x
    /// transcript) can at most announce a session or switch the current one.
    static let typesRead: Set<String> = ["user", "assistant", "attachment"]

    /// Whether a line of `type` is certain to yield no events and change no
    /// state: a type the decoder does not read, whose `sessionId` is absent or
    /// the session already announced and current. Such lines skip the envelope
    /// work (timestamp, context); anything else takes the full path, so
    /// skipping changes neither the events nor the issues.
    func carriesNothing(type: String, _ object: JSONObjectView) -> Bool {
        guard !Self.typesRead.contains(type), let current = lastSessionID, announcedSessions.contains(current) else {
            return false
        }
        guard let session = object.value("sessionId") else { return true }
        return session.isString(equalTo: current)
    }
}

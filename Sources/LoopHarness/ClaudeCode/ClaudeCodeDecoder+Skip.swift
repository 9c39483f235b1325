extension ClaudeCodeDecoder {
    /// Whether `line` is certain to yield no events and to change no decoder
    /// state, judged from its bytes alone (no Foundation objects): a valid JSON
    /// object whose top-level `type` is not one the decoder reads (progress,
    /// file-history-snapshot, system, summary, … which are most lines of a
    /// 2.1.x transcript), and whose `sessionId` is absent or the session
    /// already announced and current. Anything else takes the full path, so
    /// skipping changes neither the events nor the issues.
    func carriesNothing(_ line: some Collection<UInt8>) -> Bool {
        guard let current = lastSessionID, announcedSessions.contains(current) else { return false }
        return line.withContiguousStorageIfAvailable { bytes -> Bool in
            // The types the decoder reads end the scan early: their lines are long.
            guard let scan = ClaudeCodeLineScan.scan(bytes, giveUpAtType: { type in
                type.elementsEqual("user".utf8) || type.elementsEqual("assistant".utf8) || type.elementsEqual("attachment".utf8)
            }), scan.type != nil else { return false }
            guard let session = scan.sessionID else { return true }
            return UnsafeBufferPointer(rebasing: bytes[session]).elementsEqual(current.utf8)
        } ?? false
    }
}

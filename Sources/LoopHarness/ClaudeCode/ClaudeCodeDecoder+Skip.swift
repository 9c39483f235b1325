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
            guard let scan = ClaudeCodeLineScan.scan(bytes), let type = scan.type else { return false }
            let value = UnsafeBufferPointer(rebasing: bytes[type])
            if value.elementsEqual("user".utf8) || value.elementsEqual("assistant".utf8)
                || value.elementsEqual("attachment".utf8) { return false }
            guard let session = scan.sessionID else { return true }
            return UnsafeBufferPointer(rebasing: bytes[session]).elementsEqual(current.utf8)
        } ?? false
    }
}

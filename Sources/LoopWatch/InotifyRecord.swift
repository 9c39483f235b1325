#if canImport(Glibc)
import Glibc
#endif

/// One `struct inotify_event` as the kernel wrote it, decoded from a read buffer.
struct InotifyRecord: Equatable {
    var watchDescriptor: Int32
    var mask: UInt32
    var cookie: UInt32
    /// The entry name inside the watched directory; empty for events about the directory itself.
    var name: String

    func has(_ flag: Int32) -> Bool { mask & UInt32(bitPattern: flag) != 0 }
    var isDirectory: Bool { has(IN_ISDIR) }

    /// Splits the bytes of one `read(2)` on an inotify fd into records.
    ///
    /// The kernel only returns whole records, but a truncated tail is ignored
    /// rather than trusted, so a malformed buffer can never read out of bounds.
    static func decode(_ buffer: UnsafeRawBufferPointer) -> [InotifyRecord] {
        let headerSize = MemoryLayout<inotify_event>.size  // 16: wd, mask, cookie, len
        var records: [InotifyRecord] = []
        var offset = 0
        while offset + headerSize <= buffer.count {
            let wd = buffer.loadUnaligned(fromByteOffset: offset, as: Int32.self)
            let mask = buffer.loadUnaligned(fromByteOffset: offset + 4, as: UInt32.self)
            let cookie = buffer.loadUnaligned(fromByteOffset: offset + 8, as: UInt32.self)
            let length = Int(buffer.loadUnaligned(fromByteOffset: offset + 12, as: UInt32.self))
            let nameStart = offset + headerSize
            guard nameStart + length <= buffer.count else { break }
            // The name is NUL-padded to an alignment boundary.
            let nameBytes = buffer[nameStart..<nameStart + length].prefix { $0 != 0 }
            let name = String(decoding: nameBytes, as: UTF8.self)
            records.append(InotifyRecord(watchDescriptor: wd, mask: mask, cookie: cookie, name: name))
            offset = nameStart + length
        }
        return records
    }
}

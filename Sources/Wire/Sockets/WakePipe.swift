#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A non-blocking pipe used to break a selector out of its blocking wait.
///
/// Both selectors watch `readEnd`; `signal()` writes a byte, `drain()` empties the pipe.
/// A pipe works on every platform, unlike `eventfd`.
struct WakePipe: Sendable {
    /// The end the selector watches for readability.
    let readEnd: Int32
    /// The end `signal()` writes to.
    let writeEnd: Int32

    /// Opens the pipe with both ends non-blocking and close-on-exec.
    init() throws(SocketError) {
        var ends: [Int32] = [0, 0]
        try SystemCall.pipe.perform { pipe(&ends) }
        readEnd = ends[0]
        writeEnd = ends[1]
        for end in ends {
            try Socket(descriptor: end).makeNonBlocking()
        }
    }

    /// Wakes the selector. A full pipe already guarantees a wake-up, so its error is ignored.
    func signal() {
        var byte: UInt8 = 1
        _ = try? SystemCall.write.perform { write(writeEnd, &byte, 1) }
    }

    /// Reads every pending wake-up byte so the next wait blocks again.
    func drain() {
        var buffer = [UInt8](repeating: 0, count: 64)
        while true {
            let count = try? SystemCall.read.perform { read(readEnd, &buffer, buffer.count) }
            guard let count, count > 0 else { return }
        }
    }

    /// Closes both ends.
    func close() {
        Socket(descriptor: readEnd).close()
        Socket(descriptor: writeEnd).close()
    }
}

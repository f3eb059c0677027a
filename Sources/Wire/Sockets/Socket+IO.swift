#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension Socket {
    /// What one non-blocking read produced.
    enum ReceiveResult: Equatable, Sendable {
        /// Some bytes arrived.
        case bytes([UInt8])
        /// The peer closed its sending side; no more bytes will come.
        case endOfInput
        /// Nothing is available now; wait for readability.
        case wouldBlock
    }

    /// The largest single read: big enough for a typical request in one call, small enough
    /// that the per-thread buffer reads land in (`ReceiveScratch`) stays small.
    public static let receiveChunkBytes = 16 * 1024

    /// Reads whatever is available without blocking, up to `maxBytes`.
    ///
    /// Reads into this thread's scratch buffer and copies out only what arrived: most reads
    /// are a few hundred bytes, and allocating a full-size buffer for each showed up in
    /// request-rate profiles.
    func receiveNow(maxBytes: Int = receiveChunkBytes) throws(SocketError) -> ReceiveResult {
        guard maxBytes <= Self.receiveChunkBytes else {
            // Larger than the scratch buffer (nothing in the server asks for that): a buffer
            // of its own for this read.
            let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: maxBytes, alignment: 1)
            defer { buffer.deallocate() }
            return try receiveResult(into: buffer)
        }
        return try ReceiveScratch.withBuffer { scratch throws(SocketError) in
            try receiveResult(into: UnsafeMutableRawBufferPointer(rebasing: scratch[..<maxBytes]))
        }
    }

    /// One read into `buffer`, with what arrived copied out.
    private func receiveResult(into buffer: UnsafeMutableRawBufferPointer) throws(SocketError) -> ReceiveResult {
        guard let count = try receiveNow(into: buffer) else { return .wouldBlock }
        guard count > 0 else { return .endOfInput }
        return .bytes(Array(UnsafeRawBufferPointer(rebasing: buffer[..<count])))
    }

    /// Reads whatever is available without blocking into `buffer`.
    ///
    /// - Returns: how many bytes arrived (0 at end of input), or nil when nothing is
    ///   available now.
    func receiveNow(into buffer: UnsafeMutableRawBufferPointer) throws(SocketError) -> Int? {
        do throws(SocketError) {
            return try SystemCall.read.perform { recv(descriptor, buffer.baseAddress, buffer.count, 0) }
        } catch .wouldBlock {
            return nil
        }
    }

    /// Writes as much of `bytes` as the kernel accepts without blocking.
    ///
    /// - Returns: how many bytes were written; 0 means the send buffer is full.
    func sendNow(_ bytes: ArraySlice<UInt8>) throws(SocketError) -> Int {
        #if canImport(Glibc)
            let flags = Int32(MSG_NOSIGNAL)
        #else
            let flags: Int32 = 0
        #endif
        do throws(SocketError) {
            return try SystemCall.write.perform {
                bytes.withUnsafeBytes { send(descriptor, $0.baseAddress, $0.count, flags) }
            }
        } catch .wouldBlock {
            return 0
        }
    }
}

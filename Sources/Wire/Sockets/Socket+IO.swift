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
    /// that a connection never holds a large idle buffer. Below glibc's 64 KiB
    /// consolidation threshold: every read allocates its buffer (the one that finds nothing
    /// too), and freeing a 64 KiB one made `free` consolidate the heap once per request.
    public static let receiveChunkBytes = 16 * 1024

    /// Reads whatever is available without blocking.
    ///
    /// The buffer is left uninitialized: zeroing 64 KiB before every read showed up in
    /// request-rate profiles, and `recv` overwrites exactly the bytes it reports.
    func receiveNow(maxBytes: Int = receiveChunkBytes) throws(SocketError) -> ReceiveResult {
        var failure: SocketError?
        let buffer = [UInt8](unsafeUninitializedCapacity: maxBytes) { bytes, count in
            do throws(SocketError) {
                count = try SystemCall.read.perform { recv(descriptor, bytes.baseAddress, bytes.count, 0) }
            } catch {
                count = 0
                failure = error
            }
        }
        switch failure {
        case nil: return buffer.isEmpty ? .endOfInput : .bytes(buffer)
        case .wouldBlock?: return .wouldBlock
        case let error?: throw error
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

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// One receive buffer per thread, for reads whose bytes are copied out at once.
///
/// Every read used to allocate a buffer of `Socket.receiveChunkBytes` and free it again
/// (most requests are a few hundred bytes): with a buffer per thread a read allocates only
/// what it keeps, or nothing when the bytes go straight into a parser. Per thread rather
/// than per connection, so idle connections hold no buffer; only the readiness loops and
/// the cooperative pool's few threads ever read.
enum ReceiveScratch {
    /// The thread-specific key; each thread's buffer is freed when the thread exits.
    private static let key: pthread_key_t = {
        var key = pthread_key_t()
        let created = pthread_key_create(&key) { free($0) }
        precondition(created == 0, "cannot create a thread-specific key")
        return key
    }()

    /// Calls `body` with this thread's buffer of `Socket.receiveChunkBytes`.
    ///
    /// `body` must not call `withBuffer` again on the same thread (it would be handed the
    /// same bytes), so it should only read into the buffer and copy out of it.
    static func withBuffer<Result, Failure: Error>(
        _ body: (UnsafeMutableRawBufferPointer) throws(Failure) -> Result
    ) throws(Failure) -> Result {
        var pointer = pthread_getspecific(key)
        if pointer == nil {
            guard let allocated = malloc(Socket.receiveChunkBytes) else {
                preconditionFailure("cannot allocate a receive buffer")
            }
            pthread_setspecific(key, allocated)
            pointer = allocated
        }
        return try body(UnsafeMutableRawBufferPointer(start: pointer, count: Socket.receiveChunkBytes))
    }
}

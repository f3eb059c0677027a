#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension SystemCall {
    /// Runs `body` until it stops failing with `EINTR`, turning any other failure into a
    /// `SocketError`.
    ///
    /// Every syscall in Wire goes through here (STYLE §6), so signal interruptions are
    /// retried in exactly one place and errno is read immediately after the failing call.
    @discardableResult
    func perform<Result: BinaryInteger>(_ body: () -> Result) throws(SocketError) -> Result {
        while true {
            let result = body()
            if result != -1 { return result }
            let code = errno
            if code == EINTR { continue }
            throw SocketError(self, errno: code)
        }
    }
}

extension SocketError {
    /// Maps an errno from `call` to the case callers branch on.
    init(_ call: SystemCall, errno code: Int32) {
        switch code {
        case EAGAIN, EWOULDBLOCK, EINPROGRESS: self = .wouldBlock
        case ECONNRESET, EPIPE: self = .connectionReset
        case ECONNREFUSED: self = .connectionRefused
        default: self = .system(call, errno: code)
        }
    }
}

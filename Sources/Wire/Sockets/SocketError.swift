/// Everything that can go wrong below HTTP: one typed error for the socket layer.
///
/// Callers switch on the case instead of reading `errno`; the raw number is kept in
/// `.system` for logs and for the few codes nobody needs to branch on.
public enum SocketError: Error, Equatable, Sendable {
    /// A system call failed with an errno that has no dedicated case.
    case system(SystemCall, errno: Int32)
    /// The call would block (`EAGAIN`/`EWOULDBLOCK`/`EINPROGRESS`); wait for readiness and retry.
    case wouldBlock
    /// The peer reset or closed the connection while we were writing (`ECONNRESET`, `EPIPE`).
    case connectionReset
    /// Nothing listens on the target address (`ECONNREFUSED`).
    case connectionRefused
    /// The address is already bound by another socket (`EADDRINUSE`).
    case addressInUse(port: Int)
    /// `getaddrinfo` could not turn the host name into an address.
    case unresolvableHost(String)
    /// A readiness wait was cut short by `ReadinessLoop.interrupt(_:)` (server shutdown).
    case interrupted
    /// The waiting task was cancelled.
    case cancelled
    /// A deadline passed before the socket became ready.
    case timedOut
}

/// The system calls the socket layer makes, named so an error says which one failed.
public enum SystemCall: String, Sendable {
    case socket, bind, listen, accept, connect, read, write, close, shutdown
    case setOption = "setsockopt"
    case getOption = "getsockopt"
    case socketName = "getsockname"
    case fileControl = "fcntl"
    case pipe
    case epollCreate = "epoll_create1"
    case epollControl = "epoll_ctl"
    case epollWait = "epoll_wait"
    case poll
}

import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Waits on many bench sockets at once with `poll` and hands every text message that
/// arrives to a callback with the instant it was read.
struct BenchPoller {
    /// Why polling stopped.
    enum Failure: Error {
        case timedOut(String)
    }

    let sockets: [BenchWebSocket]
    private var descriptors: [pollfd]

    init(_ sockets: [BenchWebSocket]) {
        self.sockets = sockets
        descriptors = sockets.map { pollfd(fd: $0.fd, events: Int16(POLLIN), revents: 0) }
    }

    /// Reads until `isDone` answers true, calling `received(index, message, instant)` for
    /// each message; fails after `timeout` without completion.
    mutating func run(
        timeout: Duration = .seconds(20), label: String, isDone: () -> Bool,
        received: (Int, [UInt8], ContinuousClock.Instant) throws -> Void
    ) throws {
        let deadline = ContinuousClock.now + timeout
        while !isDone() {
            guard ContinuousClock.now < deadline else { throw Failure.timedOut(label) }
            let ready = poll(&descriptors, nfds_t(descriptors.count), 1000)
            guard ready > 0 else { continue }
            let now = ContinuousClock.now
            for index in descriptors.indices where descriptors[index].revents != 0 {
                descriptors[index].revents = 0
                for message in try sockets[index].readAvailable() {
                    try received(index, message, now)
                }
            }
        }
    }
}

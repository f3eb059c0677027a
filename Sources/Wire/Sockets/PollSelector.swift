import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The portable selector: `poll(2)` over the armed descriptors, rebuilt on every wait.
///
/// Used on platforms without epoll (macOS) and in tests that want to exercise the loop
/// against a second backend. Cost is linear in armed descriptors, which is fine for a
/// development server.
final class PollSelector: ReadinessSelector {
    /// Breaks `poll` out when the armed set changes or the loop stops.
    private let wakePipe: WakePipe
    /// The armed interest per descriptor; absent means disarmed.
    private let armed = Mutex<[Int32: ReadinessInterest]>([:])

    /// Opens the wake pipe.
    init() throws(SocketError) {
        wakePipe = try WakePipe()
    }

    var isEdgeTriggered: Bool { false }

    func update(_ descriptor: Int32, interest: ReadinessInterest) throws(SocketError) {
        armed.withLock { armed in
            armed[descriptor] = interest.isEmpty ? nil : interest
        }
        wakePipe.signal()
    }

    func remove(_ descriptor: Int32) {
        armed.withLock { _ = $0.removeValue(forKey: descriptor) }
    }

    func wait(timeoutMilliseconds: Int32, into ready: inout [ReadinessEvent]) throws(SocketError) {
        let snapshot = armed.withLock { Array($0) }
        var descriptors = [pollfd(fd: wakePipe.readEnd, events: Int16(POLLIN), revents: 0)]
        for (descriptor, interest) in snapshot {
            var events: Int16 = 0
            if interest.contains(.read) { events |= Int16(POLLIN) }
            if interest.contains(.write) { events |= Int16(POLLOUT) }
            descriptors.append(pollfd(fd: descriptor, events: events, revents: 0))
        }
        try SystemCall.poll.perform {
            descriptors.withUnsafeMutableBufferPointer { poll($0.baseAddress, nfds_t($0.count), timeoutMilliseconds) }
        }
        if descriptors[0].revents != 0 { wakePipe.drain() }
        let first = ready.count
        for entry in descriptors.dropFirst() where entry.revents != 0 {
            ready.append(ReadinessEvent(descriptor: entry.fd, interest: Self.interest(of: entry.revents)))
        }
        armed.withLock { armed in
            for event in ready[first...] {
                guard let current = armed[event.descriptor] else { continue }
                let remaining = current.subtracting(event.interest)
                armed[event.descriptor] = remaining.isEmpty ? nil : remaining
            }
        }
    }

    func wake() {
        wakePipe.signal()
    }

    func close() {
        wakePipe.close()
    }

    /// Translates poll bits; errors, hang-ups and invalid descriptors wake both directions.
    private static func interest(of bits: Int16) -> ReadinessInterest {
        var interest: ReadinessInterest = []
        let failure = Int16(POLLERR) | Int16(POLLHUP) | Int16(POLLNVAL)
        if bits & (Int16(POLLIN) | failure) != 0 { interest.insert(.read) }
        if bits & (Int16(POLLOUT) | failure) != 0 { interest.insert(.write) }
        return interest
    }
}

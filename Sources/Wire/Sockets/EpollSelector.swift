#if os(Linux)
    import Glibc
    import Synchronization

    /// The Linux selector: one epoll instance with edge-triggered registrations.
    ///
    /// Each descriptor is added once, for both directions, with `EPOLLET`: a wait then costs
    /// no `epoll_ctl` at all (re-arming a one-shot registration was one syscall per request
    /// and held the loop's lock while it ran), and epoll scales with the number of ready
    /// descriptors rather than the number of open connections.
    final class EpollSelector: ReadinessSelector {
        /// How many events one `epoll_wait` returns at most; more simply wait for the next round.
        static let eventsPerWait = 256

        /// The resolved epoll functions.
        private let epoll: EpollInterface
        /// The epoll instance.
        private let epollDescriptor: Int32
        /// Breaks `epoll_wait` out for `wake()`.
        private let wakePipe: WakePipe
        /// Descriptors added to the epoll set, so `update` knows whether to `ADD` or `MOD`.
        private let registered = Mutex<Set<Int32>>([])
        /// Where `epoll_wait` writes its events; kept rather than allocated per wait (a wait
        /// per handful of requests). Only the loop thread waits, so only it touches this.
        nonisolated(unsafe) private let eventBuffer: UnsafeMutableRawPointer

        /// Creates the epoll instance and registers the wake pipe (level-triggered, always armed).
        init() throws(SocketError) {
            let epoll = try EpollInterface.load()
            self.epoll = epoll
            epollDescriptor = try SystemCall.epollCreate.perform { epoll.create(O_CLOEXEC) }
            let buffer = UnsafeMutableRawPointer.allocate(
                byteCount: Self.eventsPerWait * EpollInterface.eventSize, alignment: 8)
            eventBuffer = buffer
            do throws(SocketError) {
                wakePipe = try WakePipe()
                try control(EpollInterface.add, wakePipe.readEnd, events: EpollInterface.input)
            } catch {
                Socket(descriptor: epollDescriptor).close()
                buffer.deallocate()
                throw error
            }
        }

        var isEdgeTriggered: Bool { true }

        func update(_ descriptor: Int32, interest: ReadinessInterest) throws(SocketError) {
            guard !interest.isEmpty else { return }
            let events =
                EpollInterface.edgeTriggered | EpollInterface.input | EpollInterface.readHangUp | EpollInterface.output
            try registered.withLock { registered throws(SocketError) in
                guard !registered.contains(descriptor) else { return }
                do throws(SocketError) {
                    try control(EpollInterface.add, descriptor, events: events)
                } catch .system(.epollControl, errno: EEXIST) {
                    // Closed without `remove` and the number reused: take over the registration.
                    try control(EpollInterface.modify, descriptor, events: events)
                }
                registered.insert(descriptor)
            }
        }

        func remove(_ descriptor: Int32) {
            registered.withLock { registered in
                guard registered.remove(descriptor) != nil else { return }
                try? control(EpollInterface.delete, descriptor, events: 0)
            }
        }

        func wait(timeoutMilliseconds: Int32, into ready: inout [ReadinessEvent]) throws(SocketError) {
            let (epoll, epollDescriptor, buffer) = (self.epoll, self.epollDescriptor, eventBuffer)
            let count = try SystemCall.epollWait.perform {
                epoll.wait(epollDescriptor, buffer, Int32(Self.eventsPerWait), timeoutMilliseconds)
            }
            for index in 0..<Int(count) {
                let (events, descriptor) = EpollInterface.loadEvent(at: buffer + index * EpollInterface.eventSize)
                if descriptor == wakePipe.readEnd {
                    wakePipe.drain()
                    continue
                }
                let closing = EpollInterface.readHangUp | EpollInterface.hangUp | EpollInterface.error
                ready.append(
                    ReadinessEvent(
                        descriptor: descriptor, interest: Self.interest(of: events), isCleanEdge: events & closing == 0))
            }
        }

        func wake() {
            wakePipe.signal()
        }

        func close() {
            wakePipe.close()
            Socket(descriptor: epollDescriptor).close()
            eventBuffer.deallocate()
        }

        /// Calls `epoll_ctl` with an event whose data is `descriptor`.
        private func control(_ operation: Int32, _ descriptor: Int32, events: UInt32) throws(SocketError) {
            let event = UnsafeMutableRawPointer.allocate(byteCount: EpollInterface.eventSize, alignment: 8)
            defer { event.deallocate() }
            EpollInterface.storeEvent(events, descriptor: descriptor, at: event)
            let (epoll, epollDescriptor) = (self.epoll, self.epollDescriptor)
            try SystemCall.epollControl.perform { epoll.control(epollDescriptor, operation, descriptor, event) }
        }

        /// Translates epoll bits; errors and hang-ups wake both directions.
        private static func interest(of bits: UInt32) -> ReadinessInterest {
            var interest: ReadinessInterest = []
            let failure = EpollInterface.error | EpollInterface.hangUp
            if bits & (EpollInterface.input | EpollInterface.readHangUp | failure) != 0 { interest.insert(.read) }
            if bits & (EpollInterface.output | failure) != 0 { interest.insert(.write) }
            return interest
        }
    }
#endif

#if os(Linux)
    import Glibc

    /// The epoll entry points and ABI constants, looked up at run time.
    ///
    /// Swift's Glibc module map leaves out `<sys/epoll.h>` and Wire has no C target, so the
    /// three functions are resolved with `dlsym` and called through C function pointers.
    /// The constants are the Linux kernel ABI and never change.
    struct EpollInterface: Sendable {
        /// `epoll_create1(flags)`.
        typealias Create = @convention(c) (Int32) -> Int32
        /// `epoll_ctl(epfd, op, fd, event)`.
        typealias Control = @convention(c) (Int32, Int32, Int32, UnsafeMutableRawPointer?) -> Int32
        /// `epoll_wait(epfd, events, maxevents, timeout)`.
        typealias Wait = @convention(c) (Int32, UnsafeMutableRawPointer?, Int32, Int32) -> Int32

        /// `EPOLLIN`: readable.
        static let input: UInt32 = 0x001
        /// `EPOLLOUT`: writable.
        static let output: UInt32 = 0x004
        /// `EPOLLERR`: error condition, always reported.
        static let error: UInt32 = 0x008
        /// `EPOLLHUP`: hang-up, always reported.
        static let hangUp: UInt32 = 0x010
        /// `EPOLLRDHUP`: the peer shut down its writing side.
        static let readHangUp: UInt32 = 0x2000
        /// `EPOLLONESHOT`: disarm after one report.
        /// `EPOLLET`: report each new readiness once, leaving the registration in place.
        static let edgeTriggered: UInt32 = 1 << 31
        static let oneShot: UInt32 = 1 << 30
        /// `EPOLL_CTL_ADD`.
        static let add: Int32 = 1
        /// `EPOLL_CTL_DEL`.
        static let delete: Int32 = 2
        /// `EPOLL_CTL_MOD`.
        static let modify: Int32 = 3

        #if arch(x86_64)
            /// `sizeof(struct epoll_event)`: the struct is packed on x86-64.
            static let eventSize = 12
            /// Offset of `epoll_data` inside the packed struct.
            static let dataOffset = 4
        #else
            /// `sizeof(struct epoll_event)`: naturally aligned on other architectures.
            static let eventSize = 16
            /// Offset of `epoll_data` after the alignment padding.
            static let dataOffset = 8
        #endif

        /// `epoll_create1`.
        let create: Create
        /// `epoll_ctl`.
        let control: Control
        /// `epoll_wait`.
        let wait: Wait

        /// Resolves the functions from the already-loaded C library.
        ///
        /// - Throws: `.system(.epollCreate, errno: ENOSYS)` when they are missing, so the loop
        ///   can fall back to `poll(2)`.
        static func load() throws(SocketError) -> EpollInterface {
            let library = dlopen(nil, RTLD_NOW)
            guard let create = dlsym(library, "epoll_create1"),
                let control = dlsym(library, "epoll_ctl"),
                let wait = dlsym(library, "epoll_wait")
            else { throw .system(.epollCreate, errno: ENOSYS) }
            return EpollInterface(
                create: unsafeBitCast(create, to: Create.self),
                control: unsafeBitCast(control, to: Control.self),
                wait: unsafeBitCast(wait, to: Wait.self))
        }

        /// Writes one `struct epoll_event` whose data is the descriptor itself.
        static func storeEvent(_ events: UInt32, descriptor: Int32, at pointer: UnsafeMutableRawPointer) {
            pointer.initializeMemory(as: UInt8.self, repeating: 0, count: eventSize)
            pointer.storeBytes(of: events, as: UInt32.self)
            pointer.storeBytes(of: descriptor, toByteOffset: dataOffset, as: Int32.self)
        }

        /// Reads the event bits and descriptor of one `struct epoll_event`.
        static func loadEvent(at pointer: UnsafeRawPointer) -> (events: UInt32, descriptor: Int32) {
            (pointer.loadUnaligned(as: UInt32.self), pointer.loadUnaligned(fromByteOffset: dataOffset, as: Int32.self))
        }
    }
#endif

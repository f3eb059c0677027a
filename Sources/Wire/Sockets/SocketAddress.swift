#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// An IPv4 or IPv6 socket address resolved from a host name and port.
///
/// Resolution goes through `getaddrinfo` so `127.0.0.1`, `0.0.0.0`, `::1` and `localhost`
/// all work as a bind or connect host without special cases.
struct SocketAddress: Sendable {
    /// The raw address, large enough for either family.
    var storage: sockaddr_storage
    /// How many bytes of `storage` are meaningful.
    var length: socklen_t

    /// The address family (`AF_INET` or `AF_INET6`).
    var family: Int32 { Int32(storage.ss_family) }

    /// The port in host byte order.
    var port: Int {
        var copy = storage
        return withUnsafeBytes(of: &copy) { raw in
            if family == AF_INET6 {
                let address = raw.loadUnaligned(as: sockaddr_in6.self)
                return Int(UInt16(bigEndian: address.sin6_port))
            }
            let address = raw.loadUnaligned(as: sockaddr_in.self)
            return Int(UInt16(bigEndian: address.sin_port))
        }
    }

    /// Resolves `host`:`port`; `passive` asks for an address suitable for `bind`.
    ///
    /// The first result wins, which is what `getaddrinfo` orders by preference.
    static func resolve(host: String, port: Int, passive: Bool) throws(SocketError) -> SocketAddress {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        #if canImport(Glibc)
            hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        #else
            hints.ai_socktype = SOCK_STREAM
        #endif
        hints.ai_flags = AI_NUMERICSERV | (passive ? AI_PASSIVE : 0)
        var results: UnsafeMutablePointer<addrinfo>?
        let status = getaddrinfo(host, String(port), &hints, &results)
        guard status == 0, let first = results, let address = first.pointee.ai_addr else {
            if let results { freeaddrinfo(results) }
            throw .unresolvableHost(host)
        }
        defer { freeaddrinfo(results) }
        var storage = sockaddr_storage()
        let length = first.pointee.ai_addrlen
        withUnsafeMutableBytes(of: &storage) { target in
            target.copyMemory(from: UnsafeRawBufferPointer(start: address, count: Int(length)))
        }
        return SocketAddress(storage: storage, length: length)
    }

    /// Lends the address as the `sockaddr` pointer that `bind`, `connect` and friends take.
    func withSocketAddress<Result>(_ body: (UnsafePointer<sockaddr>, socklen_t) -> Result) -> Result {
        var copy = storage
        return withUnsafePointer(to: &copy) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { body($0, length) }
        }
    }

    /// Reads the local address a socket is bound to, to learn the port the kernel picked for 0.
    static func local(of socket: Socket) throws(SocketError) -> SocketAddress {
        var storage = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        try SystemCall.socketName.perform {
            withUnsafeMutablePointer(to: &storage) { pointer in
                pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    getsockname(socket.descriptor, $0, &length)
                }
            }
        }
        return SocketAddress(storage: storage, length: length)
    }
}

import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A small closed-loop HTTP/1.1 load generator, so `Scripts/bench http` needs nothing but
/// Swift: `connections` keep-alive connections, each sending its next request as soon as the
/// previous response is complete, spread over a few threads that wait with `poll(2)`.
struct LoadGenerator {
    /// The server's port on 127.0.0.1.
    var port: Int
    /// The complete requests, each connection sending them in turn, again and again (none
    /// may ask to close). Several keep a server from answering every request from a cache.
    var requests: [[UInt8]]
    /// Open connections.
    var connections = 64
    /// Threads sharing the connections (wrk's `-t`).
    var threads = 2

    /// A generator cycling through `requests` on each connection.
    init(port: Int, requests: [[UInt8]], connections: Int = 64) {
        self.port = port
        self.requests = requests
        self.connections = connections
    }

    /// What a run measured.
    struct Result {
        var requests: Int
        var failures: Int
        var seconds: Double
        /// Sorted round-trip latencies in microseconds.
        var latencies: [UInt32]

        var requestsPerSecond: Double { Double(requests) / seconds }

        /// The latency at `fraction` (0.99 for p99), in milliseconds.
        func percentile(_ fraction: Double) -> Double {
            guard !latencies.isEmpty else { return 0 }
            let index = min(latencies.count - 1, Int(Double(latencies.count) * fraction))
            return Double(latencies[index]) / 1000
        }
    }

    /// Runs for `seconds` after a `warmup` whose requests are not counted.
    func run(seconds: Double, warmup: Double = 1) -> Result {
        let perThread = (0..<threads).map { t in connections / threads + (t < connections % threads ? 1 : 0) }
        let collected = Mutex<[ThreadResult]>([])
        let done = DispatchSemaphore(value: 0)
        let start = Date()
        let countFrom = start.addingTimeInterval(warmup)
        let end = countFrom.addingTimeInterval(seconds)
        for count in perThread {
            let worker = Worker(port: port, requests: requests, connections: count, countFrom: countFrom, end: end)
            let thread = Thread {
                let result = worker.run()
                collected.withLock { $0.append(result) }
                done.signal()
            }
            thread.start()
        }
        for _ in perThread { done.wait() }
        let results = collected.withLock { $0 }
        return Result(
            requests: results.map(\.requests).reduce(0, +), failures: results.map(\.failures).reduce(0, +),
            seconds: seconds, latencies: results.flatMap(\.latencies).sorted())
    }

    /// What one thread measured.
    struct ThreadResult: Sendable {
        var requests = 0
        var failures = 0
        var latencies: [UInt32] = []
    }

    /// One thread's connections and loop.
    struct Worker: Sendable {
        var port: Int
        var requests: [[UInt8]]
        var connections: Int
        var countFrom: Date
        var end: Date

        func run() -> ThreadResult {
            var result = ThreadResult()
            result.latencies.reserveCapacity(500_000)
            var sockets = (0..<connections).compactMap { _ in LoadGenerator.connect(port: port) }
            defer { for fd in sockets { close(fd) } }
            var polls = sockets.map { pollfd(fd: $0, events: Int16(POLLIN), revents: 0) }
            var buffers = [[UInt8]](repeating: [], count: sockets.count)
            var sentAt = [UInt64](repeating: 0, count: sockets.count)
            // Each connection starts at a different request, so the server sees them mixed.
            var next = Array(sockets.indices)
            func request(for i: Int) -> [UInt8] {
                defer { next[i] = (next[i] + 1) % requests.count }
                return requests[next[i] % requests.count]
            }
            var scratch = [UInt8](repeating: 0, count: 65536)
            let countFromTicks = LoadGenerator.ticks(of: countFrom)
            let endTicks = LoadGenerator.ticks(of: end)
            for i in sockets.indices {
                sentAt[i] = LoadGenerator.now()
                LoadGenerator.sendAll(request(for: i), on: sockets[i])
            }
            while LoadGenerator.now() < endTicks, !sockets.isEmpty {
                let ready = poll(&polls, nfds_t(polls.count), 100)
                guard ready > 0 else { continue }
                for i in polls.indices where polls[i].revents != 0 {
                    polls[i].revents = 0
                    let count = scratch.withUnsafeMutableBytes { recv(sockets[i], $0.baseAddress, $0.count, 0) }
                    guard count > 0 else {
                        // The server closed: count it and reconnect.
                        result.failures += 1
                        close(sockets[i])
                        guard let fd = LoadGenerator.connect(port: port) else { return result }
                        sockets[i] = fd
                        polls[i].fd = fd
                        buffers[i].removeAll()
                        sentAt[i] = LoadGenerator.now()
                        LoadGenerator.sendAll(request(for: i), on: fd)
                        continue
                    }
                    buffers[i] += scratch[0..<count]
                    while let (length, ok) = LoadGenerator.completeResponse(in: buffers[i]) {
                        buffers[i].removeFirst(length)
                        let now = LoadGenerator.now()
                        if now >= countFromTicks {
                            result.requests += 1
                            if !ok { result.failures += 1 }
                            result.latencies.append(UInt32(min(now - sentAt[i], UInt64(UInt32.max)) / 1000))
                        }
                        sentAt[i] = now
                        LoadGenerator.sendAll(request(for: i), on: sockets[i])
                    }
                }
            }
            return result
        }
    }

    /// The length of the first complete response in `buffer` and whether its status is 200.
    ///
    /// Byte scanning only: the server spells `Content-Length` exactly so, and parsing must
    /// cost the generator far less than the server spends answering.
    static func completeResponse(in buffer: [UInt8]) -> (Int, Bool)? {
        guard buffer.count >= 16 else { return nil }
        return buffer.withUnsafeBufferPointer { bytes -> (Int, Bool)? in
            var headEnd = -1
            var length = 0
            var i = 3
            while i < bytes.count {
                if bytes[i] == 10, bytes[i - 1] == 13 {
                    if bytes[i - 2] == 10, bytes[i - 3] == 13 {
                        headEnd = i + 1
                        break
                    }
                    length = contentLength(in: bytes, lineStart: i + 1) ?? length
                }
                i += 1
            }
            guard headEnd > 0, bytes.count >= headEnd + length else { return nil }
            let ok = bytes[9] == UInt8(ascii: "2") && bytes[10] == UInt8(ascii: "0") && bytes[11] == UInt8(ascii: "0")
            return (headEnd + length, ok)
        }
    }

    /// The value of a `Content-Length: N` header line starting at `lineStart`, if it is one.
    static func contentLength(in bytes: UnsafeBufferPointer<UInt8>, lineStart: Int) -> Int? {
        let name = contentLengthName
        guard lineStart + name.count < bytes.count else { return nil }
        for j in 0..<name.count where bytes[lineStart + j] != name[j] { return nil }
        var value = 0
        var k = lineStart + name.count
        while k < bytes.count, bytes[k] >= 48, bytes[k] <= 57 {
            value = value * 10 + Int(bytes[k] - 48)
            k += 1
        }
        return value
    }

    /// `Content-Length: ` as bytes.
    static let contentLengthName = Array("Content-Length: ".utf8)

    /// A blocking TCP connection to 127.0.0.1:`port` with Nagle off.
    static func connect(port: Int) -> Int32? {
        #if canImport(Glibc)
            let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
            let fd = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        guard fd >= 0 else { return nil }
        var one: Int32 = 1
        setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                systemConnect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard result == 0 else {
            close(fd)
            return nil
        }
        return fd
    }

    /// Writes all of `bytes` (small requests always fit the send buffer).
    static func sendAll(_ bytes: [UInt8], on fd: Int32) {
        var offset = 0
        while offset < bytes.count {
            let sent = bytes[offset...].withUnsafeBytes { send(fd, $0.baseAddress, $0.count, noSignal) }
            if sent <= 0 { return }
            offset += sent
        }
    }

    /// A monotonic clock in nanoseconds.
    static func now() -> UInt64 {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return UInt64(time.tv_sec) * 1_000_000_000 + UInt64(time.tv_nsec)
    }

    /// `date` on the `now()` clock.
    static func ticks(of date: Date) -> UInt64 {
        let offset = date.timeIntervalSinceNow
        return UInt64(max(0, Double(now()) + offset * 1e9))
    }

    #if canImport(Glibc)
        static let noSignal = Int32(MSG_NOSIGNAL)
        static let systemConnect = Glibc.connect
    #else
        static let noSignal: Int32 = 0
        static let systemConnect = Darwin.connect
    #endif
}

import Engine
import Foundation
import Wire

#if canImport(Glibc)
    import Glibc
    private let systemSend = Glibc.send
    private let noSignal = Int32(MSG_NOSIGNAL)
#elseif canImport(Darwin)
    import Darwin
    private let systemSend = Darwin.send
    private let noSignal: Int32 = 0
#endif

/// A blocking WebSocket client on a plain file descriptor, for the realtime bench: a
/// thousand of them are read by one `poll` loop on one thread, so the clients cost as
/// little as possible next to the server they measure and never touch its thread pool.
///
/// Used from one thread only.
final class BenchWebSocket {
    /// Why a bench socket failed.
    enum Failure: Error {
        case connect(Int32)
        case handshake(String)
        case closed
        case protocolError(WebSocketError)
    }

    let fd: Int32
    private var parser = WebSocketParser(role: .client)
    private var buffer = [UInt8](repeating: 0, count: 1 << 16)

    /// Connects to 127.0.0.1:`port` and completes the opening handshake on `path`.
    init(port: Int, path: String) throws {
        guard let connected = LoadGenerator.connect(port: port) else { throw Failure.connect(errno) }
        fd = connected
        let key = Data((0..<16).map { _ in UInt8.random(in: 0...255) }).base64EncodedString()
        let request =
            "GET \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
            + "Sec-WebSocket-Key: \(key)\r\nSec-WebSocket-Version: 13\r\n\r\n"
        try write(Array(request.utf8))
        var head: [UInt8] = []
        while head.firstRange(of: [13, 10, 13, 10]) == nil {
            let bytes = try readOnce()
            head += bytes
        }
        let end = head.firstRange(of: [13, 10, 13, 10])!
        let statusLine = String(decoding: head[..<end.lowerBound], as: UTF8.self)
        guard statusLine.hasPrefix("HTTP/1.1 101") else { throw Failure.handshake(statusLine) }
        parser.append(head[end.upperBound...])
    }

    deinit {
        close(fd)
    }

    /// Sends one JSON message in a masked text frame.
    func send(_ message: JSONValue) throws {
        let mask = (0..<4).map { _ in UInt8.random(in: 0...255) }
        try write(WebSocketFrame(opcode: .text, payload: message.jsonBytes).encoded(maskingKey: mask))
    }

    /// The next text message, blocking.
    func receive() throws -> [UInt8] {
        while true {
            if let message = try nextText() { return message }
            parser.append(try readOnce())
        }
    }

    /// Reads whatever one `recv` returns (the socket must be readable) and returns the text
    /// messages now complete; pings are answered.
    func readAvailable() throws -> [[UInt8]] {
        parser.append(try readOnce())
        var messages: [[UInt8]] = []
        while let message = try nextText() { messages.append(message) }
        return messages
    }

    /// The next complete text message already buffered, answering pings on the way.
    private func nextText() throws -> [UInt8]? {
        while true {
            let event: WebSocketEvent?
            do throws(WebSocketError) {
                event = try parser.next()
            } catch {
                throw Failure.protocolError(error)
            }
            switch event {
            case nil: return nil
            case .message(.text(let text)): return Array(text.utf8)
            case .message(.binary(let bytes)): return bytes
            case .ping(let payload):
                let mask = (0..<4).map { _ in UInt8.random(in: 0...255) }
                try write(WebSocketFrame(opcode: .pong, payload: payload).encoded(maskingKey: mask))
            case .pong: continue
            case .close: throw Failure.closed
            }
        }
    }

    private func readOnce() throws -> [UInt8] {
        let count = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
        guard count > 0 else { throw Failure.closed }
        return Array(buffer[0..<count])
    }

    private func write(_ bytes: [UInt8]) throws {
        var offset = 0
        while offset < bytes.count {
            let sent = bytes[offset...].withUnsafeBytes { systemSend(fd, $0.baseAddress, $0.count, noSignal) }
            guard sent > 0 else { throw Failure.closed }
            offset += sent
        }
    }
}

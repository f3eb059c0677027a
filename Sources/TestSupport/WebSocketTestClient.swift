import Engine
import Foundation
import Wire

/// A WebSocket client over a real TCP socket on 127.0.0.1, for end-to-end tests of the
/// server's WebSocket layer and session protocol.
///
/// Built on Wire's non-blocking `AsyncSocket` and its frame parser in the client role, so it
/// never blocks the cooperative pool. Every receive has a timeout, so a missing reply fails
/// a test instead of hanging it. Frames it sends are masked, as RFC 6455 §5.3 requires of a
/// client; `send(frame:masked:)` and `send(raw:)` can break the rules on purpose.
/// Call `disconnect()` when done.
public actor WebSocketTestClient {
    /// Why a client operation failed.
    public enum Failure: Error, Equatable {
        /// The server answered the upgrade with something other than 101.
        case handshakeRejected(status: Int, body: String)
        /// The 101 carried a wrong `Sec-WebSocket-Accept`.
        case wrongAcceptValue(String?)
        /// Nothing arrived in time.
        case timedOut
        /// The server closed the TCP connection.
        case connectionClosed
        /// The server sent a close frame while a message was expected.
        case closedByServer(code: WebSocketCloseCode?, reason: String)
        /// The socket failed.
        case socket(SocketError)
        /// The server broke the framing rules.
        case protocolViolation(WebSocketError)
        /// A message arrived that the caller did not expect (binary, unparseable JSON).
        case unexpectedMessage(String)
    }

    /// The default wait for any reply.
    public static let defaultTimeout = Duration.seconds(5)

    /// The connection.
    public nonisolated let socket: AsyncSocket
    /// The 101 response's headers, names lowercased.
    public nonisolated let handshakeHeaders: [String: String]
    /// Parses server frames (unmasked, RFC 6455 §5.1).
    private var parser = WebSocketParser(role: .client)
    /// Whether `disconnect()` already closed the socket.
    private var isDisconnected = false

    private init(socket: AsyncSocket, handshakeHeaders: [String: String], leftover: [UInt8]) {
        self.socket = socket
        self.handshakeHeaders = handshakeHeaders
        parser.append(leftover)
    }

    /// Connects to 127.0.0.1:`port` and performs the opening handshake on `path`.
    ///
    /// - Parameter headers: extra request headers, e.g. to offer `permessage-deflate`.
    public static func connect(
        port: Int, path: String = "/", headers: [(String, String)] = [], timeout: Duration = defaultTimeout
    ) async throws(Failure) -> WebSocketTestClient {
        let socket: AsyncSocket
        do {
            socket = try await AsyncSocket.connect(host: "127.0.0.1", port: port)
        } catch {
            throw .socket(error)
        }
        do throws(Failure) {
            let key = Data((0..<16).map { _ in UInt8.random(in: 0...255) }).base64EncodedString()
            var request = "GET \(path) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nUpgrade: websocket\r\n"
            request += "Connection: Upgrade\r\nSec-WebSocket-Key: \(key)\r\nSec-WebSocket-Version: 13\r\n"
            for (name, value) in headers { request += "\(name): \(value)\r\n" }
            request += "\r\n"
            try await write(Array(request.utf8), to: socket)
            let response = try await HandshakeResponse.read(from: socket, timeout: timeout)
            guard response.status == 101 else {
                throw .handshakeRejected(status: response.status, body: String(decoding: response.rest, as: UTF8.self))
            }
            let accept = response.headers["sec-websocket-accept"]
            guard accept == WebSocketHandshake.acceptValue(forKey: key) else { throw .wrongAcceptValue(accept) }
            return WebSocketTestClient(socket: socket, handshakeHeaders: response.headers, leftover: response.rest)
        } catch {
            socket.close()
            throw error
        }
    }

    /// Sends a text message in one masked frame.
    public func send(text: String) async throws(Failure) {
        try await send(frame: .text(text))
    }

    /// Sends a JSON value as a text message.
    public func send(json: JSONValue) async throws(Failure) {
        try await send(frame: WebSocketFrame(opcode: .text, payload: json.jsonBytes))
    }

    /// Sends any frame; `masked: false` breaks RFC 6455 §5.1 on purpose.
    public func send(frame: WebSocketFrame, masked: Bool = true) async throws(Failure) {
        let key = masked ? (0..<4).map { _ in UInt8.random(in: 0...255) } : nil
        try await Self.write(frame.encoded(maskingKey: key), to: socket)
    }

    /// Sends bytes as they are, for malformed-frame tests.
    public func send(raw bytes: [UInt8]) async throws(Failure) {
        try await Self.write(bytes, to: socket)
    }

    /// Sends a ping with `payload`.
    public func ping(_ payload: [UInt8] = []) async throws(Failure) {
        try await send(frame: WebSocketFrame(opcode: .ping, payload: payload))
    }

    /// The next frame event as it arrives (pings are not answered).
    public func receiveEvent(timeout: Duration = defaultTimeout) async throws(Failure) -> WebSocketEvent {
        let deadline = ContinuousClock.now + timeout
        while true {
            do {
                if let event = try parser.next() { return event }
            } catch {
                throw .protocolViolation(error)
            }
            let remaining = deadline - ContinuousClock.now
            guard remaining > .zero else { throw .timedOut }
            let bytes = try await readChunk(timeout: remaining)
            guard !bytes.isEmpty else { throw .connectionClosed }
            parser.append(bytes)
        }
    }

    /// The next text message, answering pings and skipping pongs on the way, as a browser
    /// would.
    public func receiveText(timeout: Duration = defaultTimeout) async throws(Failure) -> String {
        let deadline = ContinuousClock.now + timeout
        while true {
            switch try await receiveEvent(timeout: deadline - ContinuousClock.now) {
            case .message(.text(let text)): return text
            case .message(.binary(let bytes)): throw .unexpectedMessage("binary message of \(bytes.count) bytes")
            case .ping(let payload): try await send(frame: WebSocketFrame(opcode: .pong, payload: payload))
            case .pong: continue
            case .close(let code, let reason): throw .closedByServer(code: code, reason: reason)
            }
        }
    }

    /// The next text message parsed as JSON.
    public func receiveJSON(timeout: Duration = defaultTimeout) async throws(Failure) -> JSONValue {
        let text = try await receiveText(timeout: timeout)
        guard let json = try? JSONParser.parse(text) else { throw .unexpectedMessage(text) }
        return json
    }

    /// The next text message within `window`, or `nil` if none arrives: for asserting that
    /// the server stays silent.
    public func receiveTextIfAny(within window: Duration) async throws(Failure) -> String? {
        do {
            return try await receiveText(timeout: window)
        } catch .timedOut {
            return nil
        }
    }

    /// Starts the closing handshake and returns the code of the server's answering close
    /// frame (RFC 6455 §5.5.1), skipping any messages still in flight.
    public func close(code: WebSocketCloseCode = .normalClosure, reason: String = "") async throws(Failure)
        -> WebSocketCloseCode?
    {
        try await send(frame: .close(code: code, reason: reason))
        return try await waitForClose()?.code
    }

    /// Reads until the server's close frame (returned) or the end of the connection (`nil`),
    /// discarding messages and never answering pings, as a dead peer would.
    public func waitForClose(timeout: Duration = defaultTimeout) async throws(Failure)
        -> (code: WebSocketCloseCode?, reason: String)?
    {
        let deadline = ContinuousClock.now + timeout
        while true {
            do {
                if case .close(let code, let reason) = try await receiveEvent(timeout: deadline - ContinuousClock.now) {
                    return (code, reason)
                }
            } catch .connectionClosed {
                return nil
            }
        }
    }

    /// Waits until the server closes the TCP connection, discarding whatever arrives.
    public func waitForEndOfStream(timeout: Duration = defaultTimeout) async throws(Failure) {
        let deadline = ContinuousClock.now + timeout
        while true {
            let remaining = deadline - ContinuousClock.now
            guard remaining > .zero else { throw .timedOut }
            let bytes = try await readChunk(timeout: remaining)
            if bytes.isEmpty { return }
        }
    }

    /// Closes the socket without a closing handshake. Safe to call twice.
    public func disconnect() {
        guard !isDisconnected else { return }
        isDisconnected = true
        socket.close()
    }

    /// One read racing a timer; bytes a read returns after losing the race are kept.
    private func readChunk(timeout: Duration) async throws(Failure) -> [UInt8] {
        let (winner, late) = await Self.read(from: socket, timeout: timeout)
        parser.append(late)
        return try winner.get()
    }

    /// Writes all of `bytes`.
    private static func write(_ bytes: [UInt8], to socket: AsyncSocket) async throws(Failure) {
        do {
            try await socket.write(bytes)
        } catch {
            throw .socket(error)
        }
    }
}

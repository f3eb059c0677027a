import Engine
import Wire

/// A Server-Sent Events client over a real socket (protocol-session §2.2, protocol-http
/// §6): sends one GET, then yields the `data:` of each event as JSON, skipping comments
/// and `retry:` lines. Understands chunked and close-delimited bodies.
public actor EventStreamTestClient {
    /// The response head's status and lower-cased headers.
    public nonisolated let status: Int
    public nonisolated let headers: [String: String]
    private let socket: AsyncSocket
    /// Body bytes still chunk-encoded.
    private var raw: [UInt8]
    /// De-chunked body bytes not yet split into events.
    private var body: [UInt8] = []
    private let isChunked: Bool
    private var isDisconnected = false

    private init(socket: AsyncSocket, status: Int, headers: [String: String], rest: [UInt8]) {
        self.socket = socket
        self.status = status
        self.headers = headers
        raw = rest
        isChunked = headers["transfer-encoding"]?.lowercased() == "chunked"
    }

    /// Connects to 127.0.0.1:`port` and sends `GET path`; returns once the head arrived.
    public static func connect(
        port: Int, path: String, timeout: Duration = WebSocketTestClient.defaultTimeout
    ) async throws(WebSocketTestClient.Failure) -> EventStreamTestClient {
        let socket: AsyncSocket
        do {
            socket = try await AsyncSocket.connect(host: "127.0.0.1", port: port)
        } catch {
            throw .socket(error)
        }
        do {
            try await socket.write(
                Array("GET \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n".utf8))
        } catch {
            socket.close()
            throw .socket(error)
        }
        do throws(WebSocketTestClient.Failure) {
            let head = try await WebSocketTestClient.HandshakeResponse.read(from: socket, timeout: timeout)
            return EventStreamTestClient(socket: socket, status: head.status, headers: head.headers, rest: head.rest)
        } catch {
            socket.close()
            throw error
        }
    }

    /// The data of the next event, parsed as JSON.
    public func nextMessage(
        timeout: Duration = WebSocketTestClient.defaultTimeout
    ) async throws(WebSocketTestClient.Failure) -> JSONValue {
        let deadline = ContinuousClock.now + timeout
        while true {
            decodeChunks()
            if let data = takeEvent() {
                guard let data else { continue }
                do {
                    return try JSONParser.parse(data)
                } catch {
                    throw .unexpectedMessage(String(decoding: data, as: UTF8.self))
                }
            }
            let remaining = deadline - ContinuousClock.now
            guard remaining > .zero else { throw .timedOut }
            let (winner, late) = await WebSocketTestClient.read(from: socket, timeout: remaining)
            raw += try winner.get() + late
            if case .success(let bytes) = winner, bytes.isEmpty { throw .connectionClosed }
        }
    }

    /// Waits until the server ends the stream, discarding what arrives.
    public func waitForEnd(timeout: Duration = WebSocketTestClient.defaultTimeout) async throws(WebSocketTestClient
        .Failure)
    {
        let deadline = ContinuousClock.now + timeout
        while true {
            let remaining = deadline - ContinuousClock.now
            guard remaining > .zero else { throw .timedOut }
            let (winner, _) = await WebSocketTestClient.read(from: socket, timeout: remaining)
            if case .failure(.socket) = winner { return }
            if try winner.get().isEmpty { return }
        }
    }

    /// Closes the socket. Safe to call twice.
    public func disconnect() {
        guard !isDisconnected else { return }
        isDisconnected = true
        socket.close()
    }

    /// One complete event: `.some(data)` for an event with data, `.some(nil)` for a
    /// comment or `retry:` only event, nil when none is complete yet.
    private func takeEvent() -> [UInt8]?? {
        guard let end = body.firstRange(of: [10, 10]) else { return nil }
        let event = body[..<end.lowerBound]
        body.removeSubrange(..<end.upperBound)
        var data: [[UInt8]] = []
        for line in event.split(separator: 10, omittingEmptySubsequences: false)
        where line.starts(with: Array("data:".utf8)) {
            data.append(Array(line.dropFirst(5)))
        }
        guard !data.isEmpty else { return .some(nil) }
        return .some(Array(data.joined(separator: [10])))
    }

    /// Moves complete chunks from `raw` to `body`.
    private func decodeChunks() {
        guard isChunked else {
            body += raw
            raw = []
            return
        }
        while let lineEnd = raw.firstRange(of: [13, 10]) {
            let sizeText = String(decoding: raw[..<lineEnd.lowerBound], as: UTF8.self)
            guard let size = Int(sizeText.split(separator: ";").first ?? "", radix: 16) else { return }
            let start = lineEnd.upperBound
            guard raw.count >= start + size + 2 else { return }
            body += raw[start..<start + size]
            raw.removeSubrange(..<(start + size + 2))
        }
    }
}

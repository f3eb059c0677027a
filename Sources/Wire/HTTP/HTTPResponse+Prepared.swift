extension HTTPResponse {
    /// This response with its encoding kept, for a constant answer sent again and again
    /// (`GET /health`): a plain keep-alive HTTP/1.1 request then gets the kept bytes as they
    /// are, where encoding the head each time was about a sixth of answering it.
    ///
    /// Only a complete body that does not ask to close the connection is kept; any other
    /// response is returned as it is.
    public func prepared() -> HTTPResponse {
        guard case .bytes(let bytes) = body, !headers.contains("Connection") else { return self }
        var prepared = self
        prepared.keptEncoding = encoded(
            framing: .contentLength(bytes.count), keepAlive: true, requestVersion: .http11, body: bytes)
        return prepared
    }

    /// The kept encoding, when `request` needs nothing added to it: HTTP/1.1, not `HEAD`,
    /// no `Origin` (so no CORS headers) and no `Connection` header (so it stays open).
    func keptEncoding(fitting request: HTTPRequest) -> [UInt8]? {
        guard let keptEncoding, request.version == .http11, request.method != .head else { return nil }
        for field in request.headers.fields
        where HTTPHeaders.matches(field.name, "Origin") || HTTPHeaders.matches(field.name, "Connection") {
            return nil
        }
        return keptEncoding
    }
}

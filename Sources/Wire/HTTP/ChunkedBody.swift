/// Incremental decoding of a chunked request body (RFC 9112 §7.1).
struct ChunkedBody: Sendable {
    /// Which part of the chunked framing comes next.
    enum Phase: Hashable, Sendable {
        /// A chunk-size line: hex size, optional `;extensions`, line end.
        case size
        /// This many data bytes of the current chunk are still to come.
        case data(remaining: Int)
        /// The line end that follows a chunk's data.
        case dataEnd
        /// Trailer lines after the last (zero-size) chunk, up to an empty line.
        case trailers
    }

    /// The most hex digits accepted in a chunk size, so the value fits in `Int`.
    static let maxSizeDigits = 15

    /// See `Phase`.
    var phase = Phase.size
    /// The decoded data so far.
    var body: [UInt8] = []
    /// Bytes of trailer lines so far, bounded by `HTTPLimits.maxHeaderBytes`.
    var trailerBytes = 0

    /// Consumes as much framing from `buffer` starting at `index` as has arrived.
    ///
    /// - Returns: the complete body once the final empty trailer line is consumed, or `nil`
    ///   when more bytes are needed.
    mutating func decode(
        from buffer: [UInt8], at index: inout Int, limits: HTTPLimits
    ) throws(HTTPRequestError) -> [UInt8]? {
        while true {
            switch phase {
            case .size:
                guard let line = Self.takeLine(from: buffer, at: &index, limit: HTTPLimits.maxChunkLineBytes) else {
                    guard buffer.count - index <= HTTPLimits.maxChunkLineBytes else { throw .malformedChunk }
                    return nil
                }
                let size = try Self.chunkSize(line)
                if size == 0 {
                    phase = .trailers
                } else {
                    guard size <= limits.maxBodyBytes - body.count else {
                        throw .bodyTooLarge(limit: limits.maxBodyBytes)
                    }
                    phase = .data(remaining: size)
                }
            case .data(let remaining):
                let available = min(remaining, buffer.count - index)
                guard available > 0 else { return nil }
                body.append(contentsOf: buffer[index..<index + available])
                index += available
                phase = remaining == available ? .dataEnd : .data(remaining: remaining - available)
            case .dataEnd:
                guard index < buffer.count else { return nil }
                if buffer[index] == HTTPSyntax.lineFeed {
                    index += 1
                } else {
                    guard buffer[index] == HTTPSyntax.carriageReturn else { throw .malformedChunk }
                    guard index + 1 < buffer.count else { return nil }
                    guard buffer[index + 1] == HTTPSyntax.lineFeed else { throw .malformedChunk }
                    index += 2
                }
                phase = .size
            case .trailers:
                let remainingAllowance = limits.maxHeaderBytes - trailerBytes
                guard let line = Self.takeLine(from: buffer, at: &index, limit: remainingAllowance) else {
                    guard buffer.count - index <= remainingAllowance else {
                        throw .headersTooLarge(limit: limits.maxHeaderBytes)
                    }
                    return nil
                }
                trailerBytes += line.count + 1
                guard trailerBytes <= limits.maxHeaderBytes else {
                    throw .headersTooLarge(limit: limits.maxHeaderBytes)
                }
                if line.isEmpty { return body }
            }
        }
    }

    /// Takes one line (without its line end) if a line feed arrives within `limit` bytes.
    private static func takeLine(from buffer: [UInt8], at index: inout Int, limit: Int) -> ArraySlice<UInt8>? {
        let end = min(buffer.count, index + max(limit, 0) + 1)
        guard let lineFeed = buffer[index..<end].firstIndex(of: HTTPSyntax.lineFeed) else { return nil }
        let line = HTTPSyntax.droppingCarriageReturn(buffer[index..<lineFeed])
        index = lineFeed + 1
        return line
    }

    /// Parses the hex size at the start of a chunk-size line, ignoring extensions.
    private static func chunkSize(_ line: ArraySlice<UInt8>) throws(HTTPRequestError) -> Int {
        let sizeEnd = line.firstIndex(of: HTTPSyntax.semicolon) ?? line.endIndex
        let digits = HTTPSyntax.trimmingWhitespace(line[..<sizeEnd])
        guard !digits.isEmpty, digits.count <= maxSizeDigits else { throw .malformedChunk }
        var size = 0
        for digit in digits {
            guard let value = PercentDecoding.hexValue(digit) else { throw .malformedChunk }
            size = size << 4 | Int(value)
        }
        return size
    }
}

/// Writing frames to the wire (RFC 6455 §5.2).
extension WebSocketFrame {
    /// The frame's wire bytes, with the shortest length encoding (§5.2 requires the minimal
    /// number of bytes).
    ///
    /// - Parameter maskingKey: four bytes when this side is a client, which must mask every
    ///   frame (§5.3); `nil` for a server, which must not.
    public func encoded(maskingKey: [UInt8]? = nil) -> [UInt8] {
        let masked = maskingKey != nil
        var bytes: [UInt8] = []
        bytes.reserveCapacity(encodedCount(masked: masked))
        bytes.append((isFinal ? 0x80 : 0) | opcode.rawValue)
        let maskBit: UInt8 = masked ? 0x80 : 0
        switch payload.count {
        case 0...125:
            bytes.append(maskBit | UInt8(payload.count))
        case 126...0xFFFF:
            bytes.append(maskBit | 126)
            bytes.append(UInt8(payload.count >> 8))
            bytes.append(UInt8(truncatingIfNeeded: payload.count))
        default:
            bytes.append(maskBit | 127)
            let length = UInt64(payload.count)
            for shift in stride(from: 56, through: 0, by: -8) {
                bytes.append(UInt8(truncatingIfNeeded: length >> UInt64(shift)))
            }
        }
        guard let maskingKey, maskingKey.count == 4 else {
            bytes += payload
            return bytes
        }
        bytes += maskingKey
        bytes += Self.masking(payload[...], with: maskingKey)
        return bytes
    }

    /// XORs `payload` with the repeating four-byte key; masking and unmasking are the same
    /// operation (§5.3).
    static func masking(_ payload: ArraySlice<UInt8>, with key: [UInt8]) -> [UInt8] {
        var output = [UInt8](payload)
        output.withUnsafeMutableBufferPointer { buffer in
            for index in buffer.indices {
                buffer[index] ^= key[index & 3]
            }
        }
        return output
    }
}

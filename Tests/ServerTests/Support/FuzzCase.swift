/// One fuzz input: the bytes to send on a fresh connection and how to end it.
struct FuzzCase: Sendable {
    /// Which generator made it, for failure messages.
    var category: String
    /// Sent one `send` call each, back to back.
    var pieces: [[UInt8]]
    /// Whether the client half-closes after sending. Only stalled clients keep their side
    /// open: the server must then answer 408 (or an earlier error) on its own.
    var halfClose = true

    /// Everything the case sends.
    var bytes: [UInt8] { pieces.flatMap { $0 } }
}

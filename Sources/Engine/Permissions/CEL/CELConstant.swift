/// A literal value written in the source.
public enum CELConstant: Equatable, Sendable {
    /// `null`.
    case null
    /// `true` or `false`.
    case bool(Bool)
    /// A signed 64-bit literal (`42`, `-0x10`).
    case int(Int64)
    /// An unsigned 64-bit literal (`42u`).
    case uint(UInt64)
    /// A double literal (`1.5`, `1e3`).
    case double(Double)
    /// A string literal after escape decoding.
    case string(String)
    /// A bytes literal after escape decoding.
    case bytes([UInt8])
}

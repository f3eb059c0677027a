/// How a storage failure reaches a client.
extension InstantError {
    /// The transaction could not be made durable. Upstream reports database-level
    /// failures as `sql-raise`; the message says what the log hit.
    static func storageFailed(_ error: DurabilityError) -> InstantError {
        InstantError(.sqlRaise, "Raised Exception: the transaction could not be stored: \(error)")
    }
}

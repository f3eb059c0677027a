/// The auth flows' errors, with upstream's wording (protocol-http §2.3, §8, §9).
extension InstantError {
    /// `Record not found: <record-type>` (`ex/assert-record!`); clients branch on
    /// `hint.record-type` (`app-user` signs the client out, protocol-session §3.5).
    public static func recordNotFound(_ recordType: String) -> InstantError {
        InstantError(.recordNotFound, "Record not found: \(recordType)", hint: ["record-type": .string(recordType)])
    }

    /// `Record expired: <record-type>` (`ex/throw-expiration-err!`).
    public static func recordExpired(_ recordType: String) -> InstantError {
        InstantError(.recordExpired, "Record expired: \(recordType)", hint: ["record-type": .string(recordType)])
    }

    /// Upstream's `throw-validation-err!` for a request part, e.g. `body` or `params`.
    public static func validationFailed(_ dataType: String, _ message: String, input: JSONValue) -> InstantError {
        validation(dataType, message, input: input)
    }

    /// A permission failure of a sign-up (`assert-permitted!` on `["$users", "create"]`,
    /// permissions §8).
    public static func signUpDenied() -> InstantError {
        InstantError(
            .permissionDenied, "Permission denied: not perms-pass?",
            hint: ["input": ["$users", "create"], "expected": "perms-pass?"])
    }
}

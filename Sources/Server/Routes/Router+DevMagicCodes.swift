import Engine

/// `GET /dev/magic_codes?app_id=<app>[&email=<email>]`: the magic codes this process
/// issued for an app, oldest first, so scripts and browser tests can sign in without
/// reading the console. Local-only convenience with no upstream counterpart; it needs no
/// token, like the console line it mirrors.
///
/// Browsers send `Origin` on cross-origin requests: only pages served from this machine
/// may read codes, so a web page elsewhere cannot sign in as whoever it likes. Scripts
/// (no `Origin`) may.
extension Router {
    func devMagicCodes(_ request: APIRequest) throws(InstantError) -> APIResponse {
        if let origin = request.headers["origin"], !Self.isLoopbackOrigin(origin) {
            throw InstantError(
                .permissionDenied, "Magic codes are only shown to pages on this machine",
                hint: ["origin": .string(origin)])
        }
        let params = RequestParameters.query(of: request)
        let appID = try params.required("app_id", RequestParameters.uuid)
        let email = try params.optional("email", RequestParameters.email)
        let codes = magicCodes.entries(app: appID, email: email).map { entry -> JSONValue in
            [
                "email": .string(entry.email), "code": .string(entry.code),
                "created_at": .string(TimestampText.wholeSecondsUTC(milliseconds: entry.issuedAt)),
            ]
        }
        return APIResponse(body: ["codes": .array(codes)])
    }

    /// Whether `origin` (`scheme://host[:port]`) names this machine: `localhost`, a
    /// `127.0.0.0/8` address or `[::1]`.
    static func isLoopbackOrigin(_ origin: String) -> Bool {
        let lowered = origin.lowercased()
        guard let schemeEnd = lowered.firstRange(of: "://") else { return false }
        let authority = lowered[schemeEnd.upperBound...]
        var host = authority
        if authority.hasPrefix("[") {
            guard let close = authority.firstIndex(of: "]") else { return false }
            host = authority[...close]
        } else if let colon = authority.firstIndex(of: ":") {
            host = authority[..<colon]
        }
        if host == "[::1]" { return true }
        if host == "localhost" || host.hasSuffix(".localhost") { return true }
        let parts = host.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 4 && parts[0] == "127" && parts.allSatisfy { UInt8($0) != nil }
    }
}

import Engine

/// One part of a request (`body`, `params`) read the way upstream's `ex/get-param!` does:
/// a missing key is `param-missing`, a present one that fails coercion `param-malformed`,
/// both naming the path, e.g. `Missing parameter: ["body" "email"]` (protocol-http §2.3).
struct RequestParameters {
    /// The part's name in error paths: `body` or `params`.
    let part: String
    /// The part's members.
    let values: JSONObject

    /// The JSON body of `request` (which must be an object).
    static func body(of request: APIRequest) throws(InstantError) -> RequestParameters {
        let body = try request.jsonBody()
        guard case .object(let object) = body else {
            throw InstantError(
                .paramMalformed, "Malformed parameter: [\"body\"]", hint: ["in": ["body"], "original-input": body])
        }
        return RequestParameters(part: "body", values: object)
    }

    /// The JSON body when there is one, else an empty one (bodiless runtime posts).
    static func optionalBody(of request: APIRequest) throws(InstantError) -> RequestParameters {
        if request.body.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) {
            return RequestParameters(part: "body", values: JSONObject())
        }
        return try body(of: request)
    }

    /// The query string as upstream's `params`.
    static func query(of request: APIRequest) -> RequestParameters {
        var object = JSONObject()
        for key in request.query.keys.sorted() { object[key] = .string(request.query[key]!) }
        return RequestParameters(part: "params", values: object)
    }

    /// The raw value when present: Clojure truthiness, so JSON `null` and `false` count
    /// as absent.
    func raw(_ key: String) -> JSONValue? {
        guard let value = values[key], !value.isNull, value != .bool(false) else { return nil }
        return value
    }

    /// A required parameter, coerced.
    func required<T>(_ key: String, _ coerce: (JSONValue) -> T?) throws(InstantError) -> T {
        guard let value = raw(key) else {
            throw InstantError(
                .paramMissing, "Missing parameter: [\"\(part)\" \"\(key)\"]",
                hint: ["in": [.string(part), .string(key)]])
        }
        guard let coerced = coerce(value) else { throw malformed(key, value) }
        return coerced
    }

    /// An optional parameter, coerced when present.
    func optional<T>(_ key: String, _ coerce: (JSONValue) -> T?) throws(InstantError) -> T? {
        guard let value = raw(key) else { return nil }
        guard let coerced = coerce(value) else { throw malformed(key, value) }
        return coerced
    }

    /// `Malformed parameter: ["<part>" "<key>"]` with the input echoed.
    func malformed(_ key: String, _ value: JSONValue) -> InstantError {
        InstantError(
            .paramMalformed, "Malformed parameter: [\"\(part)\" \"\(key)\"]",
            hint: ["in": [.string(part), .string(key)], "original-input": value])
    }

    /// Coercion to a normalised email (`email/coerce`).
    static func email(_ value: JSONValue) -> String? {
        value.stringValue.flatMap(EmailAddress.coerce)
    }

    /// Coercion to a UUID (`uuid-util/coerce`), surrounding spaces allowed.
    static func uuid(_ value: JSONValue) -> EntityID? {
        value.stringValue.flatMap { EntityID(String(AdminAuth.trimmingSpaces($0[...]))) }
    }

    /// A trimmed string (`string-util/safe-trim`).
    static func trimmed(_ value: JSONValue) -> String? {
        value.stringValue.map { String(AdminAuth.trimmingSpaces($0[...])) }
    }

    /// A string that is not blank (`coerce-non-blank-str`).
    static func nonBlank(_ value: JSONValue) -> String? {
        guard let text = trimmed(value), !text.isEmpty else { return nil }
        return text
    }
}

import Engine

/// A failed request as the session reports it: the `error` envelope of protocol-session
/// §5.3, rendering its own wire form (STYLE §6).
struct SessionError: Error, Sendable, Equatable {
    /// What went wrong, in upstream's type/message/hint shape.
    var error: InstantError
    /// The request that failed: its `client-event-id` routes transaction failures, its
    /// `op` and `q` route query failures (§5.3).
    var request: SessionRequest

    /// 400 for client-caused errors, as the HTTP routes use (§5.3).
    var status: Int { APIResponse.status(for: error.kind) }

    /// `{"op": "error", "status", "client-event-id", "original-event", "type", "message", "hint"}`.
    var json: JSONValue {
        let members: [(String, JSONValue)] = [
            ("status", .int(Int64(status))),
            ("original-event", request.message),
            ("type", .string(error.kind.rawValue)),
            ("message", .string(error.message)),
            ("hint", error.hint),
        ]
        return SessionReply.message(.error, request.clientEventID, members)
    }

    /// "init has not run": any op but `init` before `init` (§5.3).
    static func initNotRun(_ request: SessionRequest) -> SessionError {
        SessionError(error: InstantError(.validationFailed, "init has not run"), request: request)
    }

    /// A second `init` on one session (§5.1).
    static func initAlreadyRan(_ request: SessionRequest) -> SessionError {
        SessionError(error: InstantError(.validationFailed, "init has already run"), request: request)
    }

    /// An unknown or missing op (§5.3): `param-malformed`, "Invalid op", the op as hint.
    static func invalidOp(_ request: SessionRequest) -> SessionError {
        SessionError(error: InstantError(.paramMalformed, "Invalid op", hint: ["op": request.op]), request: request)
    }

    /// A frame that is not a JSON object (§1.1): answered on this session only.
    static func unreadable(_ request: SessionRequest, detail: String) -> SessionError {
        SessionError(
            error: InstantError(.paramMalformed, "Malformed message: \(detail)", hint: ["in": ["message"]]),
            request: request)
    }

    /// A missing or malformed parameter of an op.
    static func parameter(_ name: String, of request: SessionRequest) -> SessionError {
        let value = request.message[name]
        let kind: InstantError.Kind = value == nil || value == .null ? .paramMissing : .paramMalformed
        let verb = kind == .paramMissing ? "Missing" : "Malformed"
        return SessionError(
            error: InstantError(kind, "\(verb) parameter: [\"\(name)\"]", hint: ["in": [.string(name)]]),
            request: request)
    }

    /// An `add-query` whose `q` is not an object (§6.1 item 2), in the validation shape the
    /// client shows to the query's subscribers.
    static func invalidQuery(_ request: SessionRequest) -> SessionError {
        let input = request.message["q"] ?? .null
        let detail = "the query must be an object, got \(input.kindName)"
        return SessionError(
            error: InstantError(
                .validationFailed, "Validation failed for query: \(detail)",
                hint: ["data-type": "query", "input": input, "errors": [["message": .string(detail)]]]),
            request: request)
    }
}

import Engine
import Foundation

/// The unsigned id token `POST /runtime/oauth/id_token` accepts locally, standing in for
/// a Google/Apple/Clerk token (protocol-http §9.6). Shape, documented in the README:
/// `base64url(header) "." base64url(payload) "."`, where the header is
/// `{"alg": "none"}` and the payload holds `email` (required), and optionally `sub`,
/// `picture` (becomes `imageURL`), `nonce` (must equal the request's `nonce` when the
/// request sends one) and `exp` (seconds since the epoch; must not have passed).
struct LocalIDToken: Equatable {
    var email: String
    var sub: String?
    var picture: String?

    /// Why a token was refused; rendered as an `oauth-error`.
    struct Rejection: Error, Equatable {
        var message: String
    }

    /// Parses and checks a token against the request's `nonce` and the current time.
    static func parse(_ text: String, nonce: String?, nowSeconds: Int64) throws(Rejection) -> LocalIDToken {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3 || parts.count == 2,
            let header = decodeObject(parts[0]), let payload = decodeObject(parts[1])
        else {
            throw Rejection(
                message: "Invalid id_token: expected base64url(header).base64url(payload). with JSON objects.")
        }
        guard header["alg"]?.stringValue == "none" else {
            throw Rejection(
                message: "Invalid id_token: instant-local accepts only unsigned tokens (\"alg\": \"none\").")
        }
        guard let rawEmail = payload["email"]?.stringValue, let email = EmailAddress.coerce(rawEmail) else {
            throw Rejection(message: "Invalid id_token: the payload needs a valid \"email\".")
        }
        if let nonce, payload["nonce"]?.stringValue != nonce {
            throw Rejection(message: "Invalid id_token: the nonce does not match.")
        }
        if let expires = payload["exp"]?.intValue, expires < nowSeconds {
            throw Rejection(message: "Invalid id_token: the token has expired.")
        }
        return LocalIDToken(email: email, sub: payload["sub"]?.stringValue, picture: payload["picture"]?.stringValue)
    }

    /// A base64url segment holding a JSON object.
    private static func decodeObject(_ segment: Substring) -> JSONValue? {
        var text = segment.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while text.count % 4 != 0 { text += "=" }
        guard let data = Data(base64Encoded: text), let value = try? JSONParser.parse(Array(data)),
            case .object = value
        else { return nil }
        return value
    }
}

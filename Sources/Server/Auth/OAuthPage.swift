import Engine

/// The local OAuth provider's sign-in page (protocol-http §9.6 allows a fake provider):
/// it asks for an email, or offers the app's existing users, and submits to
/// `GET /runtime/oauth/callback` with the flow's `state`.
enum OAuthPage {
    /// The page for one pending sign-in.
    /// - Parameters:
    ///   - state: the 72-character `<app id><state id>` the callback expects.
    ///   - users: existing users with an email, offered as one-click choices.
    ///   - problem: shown above the form when a submitted email was not usable.
    static func html(appTitle: String, clientName: String, state: String, users: [AppUser], problem: String?) -> String
    {
        let choices = users.compactMap(\.email).map { email in
            """
                  <li><a href="/runtime/oauth/callback?state=\(escape(state))&amp;email=\(escape(percentEncode(email)))">\(escape(email))</a></li>
            """
        }
        let existing =
            choices.isEmpty
            ? ""
            : """
                <h2>Existing users</h2>
                <ul class="users">
            \(choices.joined(separator: "\n"))
                </ul>
            """
        let notice = problem.map { "<p class=\"problem\">\(escape($0))</p>" } ?? ""
        return """
            <!DOCTYPE html>
            <html lang="en">
            <head>
              <meta charset="utf-8">
              <meta name="viewport" content="width=device-width, initial-scale=1">
              <title>Sign in to \(escape(appTitle))</title>
              <style>
                body { font-family: sans-serif; max-width: 28rem; margin: 3rem auto; padding: 0 1rem; }
                input[type=email] { width: 100%; padding: .5rem; box-sizing: border-box; }
                button { margin-top: .75rem; padding: .5rem 1rem; }
                .problem { color: #b00020; }
                .note { color: #666; font-size: .85rem; }
              </style>
            </head>
            <body>
              <h1>Sign in to \(escape(appTitle))</h1>
              <p class="note">instant-local's OAuth provider (client <code>\(escape(clientName))</code>):
              no password, any email signs in. For local development only.</p>
              \(notice)
              <form method="get" action="/runtime/oauth/callback">
                <input type="hidden" name="state" value="\(escape(state))">
                <label for="email">Email</label>
                <input type="email" id="email" name="email" required autofocus>
                <button type="submit">Sign in</button>
              </form>
            \(existing)
              <p><a href="/runtime/oauth/callback?state=\(escape(state))&amp;error=\(escape(percentEncode("Sign in was cancelled.")))">Cancel</a></p>
            </body>
            </html>

            """
    }

    /// HTML text and attribute escaping.
    static func escape(_ text: String) -> String {
        var out = ""
        for c in text {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(c)
            }
        }
        return out
    }

    /// Percent-encodes everything but RFC 3986 unreserved characters, for query values.
    static func percentEncode(_ text: String) -> String {
        var out = ""
        for byte in text.utf8 {
            let c = Character(Unicode.Scalar(byte))
            if c.isASCII, c.isLetter || c.isNumber || "-._~".contains(c) {
                out.append(c)
            } else {
                let hex = Array("0123456789ABCDEF")
                out += "%\(hex[Int(byte >> 4)])\(hex[Int(byte & 0xF)])"
            }
        }
        return out
    }

    /// `url` with `parameters` appended to its query string (before any fragment).
    static func appending(_ parameters: [(String, String)], to url: String) -> String {
        let fragmentStart = url.firstIndex(of: "#") ?? url.endIndex
        let base = String(url[..<fragmentStart])
        let fragment = String(url[fragmentStart...])
        let query = parameters.map { "\(percentEncode($0.0))=\(percentEncode($0.1))" }.joined(separator: "&")
        let separator = base.contains("?") ? (base.hasSuffix("?") || base.hasSuffix("&") ? "" : "&") : "?"
        return base + separator + query + fragment
    }
}

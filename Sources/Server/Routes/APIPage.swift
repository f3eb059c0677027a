/// An answer that is not JSON: an HTML page or a redirect. Only the local OAuth provider
/// (protocol-http §9.6) needs one; every API answer stays JSON (§1.3).
public struct APIPage: Sendable {
    /// A header to send.
    public struct Header: Sendable, Equatable {
        public var name: String
        public var value: String
    }

    public var status: Int
    public var headers: [Header]
    public var body: [UInt8]

    /// A `text/html` page.
    public static func html(_ html: String, status: Int = 200) -> APIPage {
        APIPage(
            status: status,
            headers: [
                Header(name: "Content-Type", value: "text/html; charset=utf-8"),
                Header(name: "Cache-Control", value: "no-store"),
            ],
            body: Array(html.utf8))
    }

    /// A `302 Found` to `location`.
    public static func redirect(to location: String) -> APIPage {
        APIPage(
            status: 302,
            headers: [Header(name: "Location", value: location), Header(name: "Cache-Control", value: "no-store")],
            body: [])
    }
}

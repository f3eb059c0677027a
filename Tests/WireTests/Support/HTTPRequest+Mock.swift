@testable import Wire

extension HTTPRequest {
    /// A request with every field defaulted, for tests that only care about one or two.
    static func make(
        method: HTTPMethod = .get,
        target: String = "/",
        version: HTTPVersion = .http11,
        headers: HTTPHeaders = ["Host": "localhost"],
        body: String = ""
    ) -> HTTPRequest {
        HTTPRequest(method: method, target: target, version: version, headers: headers, body: Array(body.utf8))
    }
}

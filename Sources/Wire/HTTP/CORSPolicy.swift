/// Cross-origin headers exactly as upstream's `ring.middleware.cors` setup produces them
/// (protocol-http §1.5): every origin allowed, `Origin` echoed, requested headers echoed.
///
/// The browser core client calls `/runtime/*` and `/storage/*` cross-origin with JSON bodies
/// and custom headers, so every such call is preceded by a preflight (§14 item 16).
public enum CORSPolicy {
    /// The methods upstream allows, in its spelling.
    public static let allowedMethods = "DELETE, GET, POST, PUT"
    /// How long a browser may cache a preflight answer, in seconds.
    public static let preflightMaxAge = "600"
    /// The preflight response body upstream sends.
    public static let preflightBody = "preflight complete"

    /// The server's own answer to a preflight, on any path; `nil` when `request` is not one.
    ///
    /// A preflight is `OPTIONS` with `Origin` and an `Access-Control-Request-Method` of GET,
    /// PUT, POST or DELETE. Anything else goes to the handler.
    public static func preflightResponse(for request: HTTPRequest) -> HTTPResponse? {
        guard request.method == .options, let origin = request.headers["Origin"],
            let method = request.headers["Access-Control-Request-Method"]?.trimmingHTTPWhitespace(),
            ["GET", "PUT", "POST", "DELETE"].contains(method.uppercased())
        else { return nil }
        var response = HTTPResponse.text(preflightBody)
        response.headers["Access-Control-Allow-Origin"] = origin
        response.headers["Access-Control-Allow-Methods"] = allowedMethods
        let requested = allowedHeaders(request.headers.values(for: "Access-Control-Request-Headers"))
        if !requested.isEmpty {
            response.headers["Access-Control-Allow-Headers"] = requested
        }
        response.headers["Vary"] = "origin, Access-Control-Request-Headers"
        response.headers["Access-Control-Max-Age"] = preflightMaxAge
        response.headers["Cache-Control"] = "public, max-age=\(preflightMaxAge)"
        return response
    }

    /// Adds the actual-request CORS headers when `request` carries an `Origin`; requests
    /// without one get none.
    public static func addHeaders(to response: inout HTTPResponse, for request: HTTPRequest) {
        guard let origin = request.headers["Origin"] else { return }
        if !response.headers.contains("Access-Control-Allow-Origin") {
            response.headers["Access-Control-Allow-Origin"] = origin
        }
        if !response.headers.contains("Access-Control-Allow-Methods") {
            response.headers["Access-Control-Allow-Methods"] = allowedMethods
        }
    }

    /// The requested header names the way upstream echoes them: each `-`-separated word
    /// capitalized, de-duplicated, sorted, joined with `", "`.
    static func allowedHeaders(_ requested: [String]) -> String {
        let names = requested.flatMap { $0.split(separator: ",") }
            .map { $0.trimmingHTTPWhitespace() }
            .filter { !$0.isEmpty }
            .map { name in
                name.split(separator: "-", omittingEmptySubsequences: false)
                    .map { $0.prefix(1).uppercased() + $0.dropFirst().lowercased() }
                    .joined(separator: "-")
            }
        return Set(names).sorted().joined(separator: ", ")
    }
}

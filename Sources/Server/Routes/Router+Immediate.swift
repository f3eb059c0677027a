/// The routes answered without suspending, for the HTTP server's immediate handler: it runs
/// on the readiness loop thread as soon as a request arrives on an idle keep-alive
/// connection, with no task behind it (`HTTPServer.ImmediateHandler`).
///
/// Only routes that never wait for anything belong here, and only cheap ones: every socket
/// on the loop waits while one runs.
extension Router {
    /// A route `respondImmediately` answers.
    public enum ImmediateRoute: Sendable {
        /// `GET /health`: a constant answer, so the bridge may cache its encoding.
        case health
    }

    /// `GET /health`'s answer, for readiness probes.
    public static let health = APIResponse(body: ["status": "ok"])

    /// The immediate route for a request with this method and path, if any; checked before
    /// the request is converted, so other requests pay nothing for the attempt.
    public static func immediateRoute(method: String, path: String) -> ImmediateRoute? {
        method == "GET" && path == "/health" ? .health : nil
    }
}

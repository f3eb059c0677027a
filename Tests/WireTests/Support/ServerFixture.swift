import Foundation

@testable import Wire

/// Starting servers for end-to-end tests.
enum ServerFixture {
    /// Starts a server on 127.0.0.1, port 0, and returns it with its port.
    static func start(
        _ configuration: HTTPServer.Configuration = HTTPServer.Configuration(),
        handler: @escaping HTTPServer.Handler = { request in .text("hello \(request.path)") }
    ) async throws -> (HTTPServer, Int) {
        let server = HTTPServer(configuration: configuration, handler: handler)
        let port = try await server.start()
        return (server, port)
    }

    /// Turns a literal written with `\n` line ends into wire text with CRLF line ends.
    static func wire(_ text: String) -> String {
        text.replacingOccurrences(of: "\n", with: "\r\n")
    }
}

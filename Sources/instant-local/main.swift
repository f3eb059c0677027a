import Dispatch
import Foundation
import Server

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// `instant-local`: parse flags, start the server, print where it is, stop on SIGINT/SIGTERM.

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("instant-local: \(message)\n".utf8))
    exit(1)
}

func say(_ text: String) {
    FileHandle.standardOutput.write(Data((text + "\n").utf8))
}

let options: CommandLineOptions
do {
    options = try CommandLineOptions.parse(Array(CommandLine.arguments.dropFirst()))
} catch {
    fail(error.message)
}
if options.help {
    say(CommandLineOptions.usage)
    exit(0)
}

let server: LocalServer
do {
    server = try LocalServer(
        host: options.host, port: options.port, dataDirectory: options.inMemory ? nil : options.dataDirectory)
} catch {
    fail(error.message)
}

// Signals become a graceful shutdown: stop accepting, finish requests, flush logs, exit 0.
// The handlers run on a plain dispatch queue, so they must not be main-actor code.
nonisolated func installStopHandlers(for server: LocalServer) -> [DispatchSourceSignal] {
    signal(SIGINT, SIG_IGN)
    signal(SIGTERM, SIG_IGN)
    signal(SIGPIPE, SIG_IGN)
    let queue = DispatchQueue(label: "instant-local.signals")
    return [SIGINT, SIGTERM].map { number -> DispatchSourceSignal in
        let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
        source.setEventHandler { @Sendable in
            Task {
                await server.shutdown()
                exit(0)
            }
        }
        source.resume()
        return source
    }
}
let stopSources = installStopHandlers(for: server)

Task {
    let endpoint: LocalServer.Endpoint
    do throws(LocalServer.StartError) {
        endpoint = try await server.start(fixtures: options.fixtures)
    } catch {
        fail(error.message)
    }
    if options.json {
        say(
            "{\"url\":\"\(endpoint.url)\",\"appId\":\"\(endpoint.appID)\",\"adminToken\":\"\(endpoint.adminToken)\"}")
    } else {
        let storage = options.inMemory ? "in memory (nothing is saved)" : options.dataDirectory
        say(
            """
            instant-local is running.

            URL:          \(endpoint.url)
            App ID:       \(endpoint.appID)
            Admin token:  \(endpoint.adminToken)
            Platform token: \(endpoint.platformToken)
            Data:         \(storage)

            JS:     init({ appId: "\(endpoint.appID)", apiURI: "\(endpoint.url)",
                           websocketURI: "\(endpoint.url.replacingOccurrences(of: "http", with: "ws"))/runtime/session" })
            Python: Instant(app_id="\(endpoint.appID)", admin_token="\(endpoint.adminToken)", api_uri="\(endpoint.url)")

            Press Ctrl-C to stop.
            """)
    }
    // Magic codes go to the console instead of e-mail, one line each, after the banner.
    server.magicCodes.startEchoing(options.json ? .json : .text)
}

withExtendedLifetime(stopSources) {
    dispatchMain()
}

// swift-tools-version: 6.0
import PackageDescription

/// instant-local: a single-process InstantDB-compatible development server.
/// No package dependencies: Foundation, Dispatch, Glibc/Darwin and Synchronization only.
let package = Package(
    name: "instant-local",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "instant-local", targets: ["instant-local"]),
        .library(name: "Engine", targets: ["Engine"]),
    ],
    targets: [
        // Triples, attrs, transactions, the durable log, queries. Knows nothing of sockets.
        .target(name: "Engine"),
        // Sockets, HTTP/1.1, WebSocket, SSE. Never imports Engine.
        .target(name: "Wire"),
        // Joins Engine and Wire: routes, sessions, the app registry.
        .target(name: "Server", dependencies: ["Engine", "Wire"]),
        // Helpers shared by the test targets (clients, temp dirs, fixtures).
        .target(name: "TestSupport", dependencies: ["Engine", "Wire", "Server"]),
        .executableTarget(name: "instant-local", dependencies: ["Server"]),
        // Child process for the crash-safety test: commits and prints acknowledged tx ids.
        .executableTarget(name: "CrashWriter", dependencies: ["Engine"]),
        .executableTarget(name: "Bench", dependencies: ["Engine", "Wire", "TestSupport"]),
        .testTarget(name: "EngineTests", dependencies: ["Engine", "TestSupport"]),
        .testTarget(name: "WireTests", dependencies: ["Wire", "TestSupport"]),
        .testTarget(name: "ServerTests", dependencies: ["Server", "TestSupport"]),
    ],
    swiftLanguageModes: [.v6]
)

import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A child process with its stdout and stderr on pipes, for tests and benchmarks of the
/// `instant-local` command.
///
/// Only plain descriptors and the pid, so it is a `Sendable` value; every blocking call is
/// bounded by a timeout and meant to run on a thread of its own (`onThread`).
public struct ChildProcess: Sendable {
    /// The child's pid.
    public let pid: pid_t
    /// The read end of the child's stdout.
    public let output: Int32
    /// The read end of the child's stderr.
    public let errors: Int32

    /// Why the child could not be started.
    public struct SpawnFailure: Error, CustomStringConvertible {
        public var code: Int32
        public var description: String { "posix_spawn failed: \(String(cString: strerror(code)))" }
    }

    /// Starts `executable` with `arguments` and this process's environment and directory.
    public static func spawn(_ executable: String, _ arguments: [String]) throws -> ChildProcess {
        try spawnLock.withLock { _ in try spawnLocked(executable, arguments) }
    }

    /// Serializes spawns in this process; see `makePipe`.
    private static let spawnLock = Mutex(())

    /// `spawn` with `spawnLock` held.
    private static func spawnLocked(_ executable: String, _ arguments: [String]) throws -> ChildProcess {
        let outPipe = try makePipe()
        let errPipe = try makePipe()
        #if canImport(Glibc)
            var actions = posix_spawn_file_actions_t()
        #else
            var actions: posix_spawn_file_actions_t?
        #endif
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, outPipe[1], 1)
        posix_spawn_file_actions_adddup2(&actions, errPipe[1], 2)
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        var pid: pid_t = 0
        let result = posix_spawn(&pid, executable, &actions, nil, argv, environ)
        close(outPipe[1])
        close(errPipe[1])
        guard result == 0 else {
            for fd in [outPipe[0], errPipe[0]] { close(fd) }
            throw SpawnFailure(code: result)
        }
        return ChildProcess(pid: pid, output: outPipe[0], errors: errPipe[0])
    }

    /// A close-on-exec pipe, so children spawned concurrently by other tests never inherit
    /// (and hold open) another child's pipe. Called under `spawnLock`, which closes the window
    /// between `pipe` and `fcntl` for spawns made through this type.
    private static func makePipe() throws -> [Int32] {
        var fds: [Int32] = [0, 0]
        guard pipe(&fds) == 0 else { throw SpawnFailure(code: errno) }
        for fd in fds { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
        return fds
    }

    /// The next line of stdout without its newline; nil at end of output or after
    /// `timeoutSeconds` of silence.
    public func readLine(timeoutSeconds: Double = 10) -> String? {
        var line: [UInt8] = []
        while true {
            guard Self.waitReadable(output, timeoutSeconds: timeoutSeconds) else { return nil }
            var byte: UInt8 = 0
            let count = read(output, &byte, 1)
            if count < 0, errno == EINTR { continue }
            guard count == 1 else { return line.isEmpty ? nil : String(decoding: line, as: UTF8.self) }
            if byte == UInt8(ascii: "\n") { return String(decoding: line, as: UTF8.self) }
            line.append(byte)
        }
    }

    /// Lines of stdout up to and including the first that starts with `prefix`.
    public func readLines(through prefix: String, timeoutSeconds: Double = 10) -> [String] {
        var lines: [String] = []
        while let line = readLine(timeoutSeconds: timeoutSeconds) {
            lines.append(line)
            if line.hasPrefix(prefix) { break }
        }
        return lines
    }

    /// Everything left on stderr (call after the child exited).
    public func readErrors() -> String {
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while Self.waitReadable(errors, timeoutSeconds: 5) {
            let count = buffer.withUnsafeMutableBytes { read(errors, $0.baseAddress, $0.count) }
            if count <= 0 { break }
            bytes += buffer[0..<count]
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Sends `signal` to the child.
    public func send(_ signal: Int32) {
        kill(pid, signal)
    }

    /// The exit status once the child exits within `timeoutSeconds`; nil if it is still
    /// running then. A child killed by a signal reports 128 + the signal number.
    public func waitForExit(timeoutSeconds: Double = 10) -> Int32? {
        let deadline = Date().addingTimeInterval(timeoutSeconds)
        while true {
            var status: Int32 = 0
            let result = waitpid(pid, &status, WNOHANG)
            if result == pid {
                let signalled = status & 0x7F
                return signalled == 0 ? (status >> 8) & 0xFF : 128 + signalled
            }
            if result < 0, errno != EINTR { return nil }
            if Date() > deadline { return nil }
            usleep(5_000)  // polling the exit status, not waiting for readiness
        }
    }

    /// Kills the child if it still runs, reaps it and closes the pipes.
    public func terminate() {
        kill(pid, SIGKILL)
        _ = waitForExit(timeoutSeconds: 5)
        close(output)
        close(errors)
    }

    /// Whether `fd` has bytes (or end of input) within `timeoutSeconds`.
    private static func waitReadable(_ fd: Int32, timeoutSeconds: Double) -> Bool {
        var entry = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        while true {
            let result = poll(&entry, 1, Int32(timeoutSeconds * 1000))
            if result < 0, errno == EINTR { continue }
            return result > 0
        }
    }
}

import Dispatch
import Engine
import Foundation
import Synchronization

/// Where magic codes go instead of e-mail (protocol-http §8.3: a local server logs them):
/// kept in memory for the dev-only `GET /dev/magic_codes`, and, once the command has
/// printed its banner, echoed as one line on stdout.
///
/// Only the hashes are stored in `$magicCodes`, so this is the one place the plain codes
/// live, for this process only.
public final class MagicCodeOutbox: Sendable {
    /// One code as it was issued.
    public struct Entry: Sendable, Equatable {
        public var appID: EntityID
        public var email: String
        public var code: String
        /// Epoch milliseconds.
        public var issuedAt: Int64
    }

    /// Codes kept per app; older ones are dropped (they stay valid in `$magicCodes`).
    public static let capacityPerApp = 100

    private struct State {
        var entries: [EntityID: [Entry]] = [:]
        /// Whether codes are printed, and as what.
        var echo = Echo.off
    }

    /// How codes are printed on stdout.
    public enum Echo: Sendable {
        /// Not at all (tests, and before the banner).
        case off
        /// `Magic code for <email> (app <id>): <code>`, for people reading the console.
        case text
        /// `{"magicCode": {"appId", "email", "code"}}`, after the `--json` line, for scripts.
        case json
    }

    private let state = Mutex(State())
    /// Writes the echo lines off the request path, so a reader that stops draining
    /// stdout can block only this queue, never a request.
    private let printer = DispatchQueue(label: "instant-local.magic-codes")

    public init() {}

    /// Echoes every later code on stdout (the command calls this after its banner).
    public func startEchoing(_ echo: Echo) {
        state.withLock { $0.echo = echo }
    }

    /// Keeps a newly issued code, and prints it when echoing.
    func record(_ entry: Entry) {
        let echo = state.withLock { s -> Echo in
            var list = s.entries[entry.appID] ?? []
            list.append(entry)
            if list.count > Self.capacityPerApp { list.removeFirst(list.count - Self.capacityPerApp) }
            s.entries[entry.appID] = list
            return s.echo
        }
        let line: String
        switch echo {
        case .off:
            return
        case .text:
            line = "Magic code for \(entry.email) (app \(entry.appID)): \(entry.code)\n"
        case .json:
            let object: JSONValue = [
                "magicCode": [
                    "appId": JSONValue(entry.appID), "email": .string(entry.email), "code": .string(entry.code),
                ]
            ]
            line = object.jsonString + "\n"
        }
        printer.async { FileHandle.standardOutput.write(Data(line.utf8)) }
    }

    /// The codes issued for an app, oldest first, optionally for one email only.
    public func entries(app: EntityID, email: String? = nil) -> [Entry] {
        let list = state.withLock { $0.entries[app] ?? [] }
        guard let email else { return list }
        return list.filter { $0.email == email }
    }
}

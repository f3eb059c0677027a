/// The flags of the `instant-local` command (issue #6), parsed without I/O.
public struct CommandLineOptions: Equatable, Sendable {
    public var host = "127.0.0.1"
    public var port = 8888
    public var dataDirectory = "./.instant-local"
    public var inMemory = false
    public var fixtures: String?
    public var json = false
    public var help = false

    public init() {}

    /// Why the arguments could not be understood; the message is one sentence for the user.
    public struct ParseError: Error, Equatable {
        public var message: String
    }

    /// Parses `arguments` (without the program name). Flags may come in any order;
    /// `--flag value` and `--flag=value` are both accepted.
    public static func parse(_ arguments: [String]) throws(ParseError) -> CommandLineOptions {
        var options = CommandLineOptions()
        var index = 0
        func value(for flag: String, inline: String?) throws(ParseError) -> String {
            if let inline { return inline }
            index += 1
            guard index < arguments.count else { throw ParseError(message: "\(flag) needs a value.") }
            return arguments[index]
        }
        while index < arguments.count {
            let argument = arguments[index]
            var flag = argument
            var inline: String?
            if argument.hasPrefix("--"), let eq = argument.firstIndex(of: "=") {
                flag = String(argument[..<eq])
                inline = String(argument[argument.index(after: eq)...])
            }
            switch flag {
            case "--port", "-p":
                let raw = try value(for: flag, inline: inline)
                guard let port = Int(raw), (0...65535).contains(port) else {
                    throw ParseError(message: "--port must be a number from 0 to 65535, got '\(raw)'.")
                }
                options.port = port
            case "--host":
                options.host = try value(for: flag, inline: inline)
            case "--data-dir":
                options.dataDirectory = try value(for: flag, inline: inline)
            case "--fixtures":
                options.fixtures = try value(for: flag, inline: inline)
            case "--in-memory":
                options.inMemory = true
            case "--json":
                options.json = true
            case "--help", "-h":
                options.help = true
            default:
                throw ParseError(message: "Unknown option '\(argument)'. Run instant-local --help for the list.")
            }
            index += 1
        }
        return options
    }

    /// The `--help` text.
    public static let usage = """
        instant-local: a local InstantDB-compatible backend.

        Usage: instant-local [options]

          --port N          port to listen on (default 8888; 0 picks a free port)
          --host ADDRESS    address to bind (default 127.0.0.1)
          --data-dir PATH   where apps are stored (default ./.instant-local)
          --in-memory       keep everything in memory; nothing touches the disk
          --fixtures PATH   seed a new app from a folder with attrs.json and triples.json
          --json            print one JSON line {"url","appId","adminToken"} instead of the banner
          --help            show this text
        """
}

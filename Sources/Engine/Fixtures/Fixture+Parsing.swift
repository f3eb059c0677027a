import Foundation

/// Reading a fixture folder (shared/fixtures/README.md).
extension Fixture {
    /// The catalogue file inside a fixture folder.
    public static let attrsFileName = "attrs.json"
    /// The data file inside a fixture folder.
    public static let triplesFileName = "triples.json"

    /// Reads `attrs.json` and `triples.json` from `directory`.
    public static func load(from directory: URL) throws(FixtureError) -> Fixture {
        let attrs = try readJSON(directory.appendingPathComponent(attrsFileName))
        let triples = try readJSON(directory.appendingPathComponent(triplesFileName))
        return try Fixture(attrsJSON: attrs, triplesJSON: triples)
    }

    /// Parses the two documents.
    ///
    /// `attrsJSON` may be an array of attrs (zeneca) or an object keyed by attr id
    /// (movies); object members keep their file order. Each triple has 3 elements
    /// (no timestamp, movies) or 4 (`t` in epoch ms, zeneca).
    public init(attrsJSON: JSONValue, triplesJSON: JSONValue) throws(FixtureError) {
        let payloads: [JSONValue]
        switch attrsJSON {
        case .array(let items): payloads = items
        case .object(let members): payloads = members.entries.map(\.value)
        default: throw .invalidAttrContainer
        }
        var attrs: [Attr] = []
        attrs.reserveCapacity(payloads.count)
        for (index, payload) in payloads.enumerated() {
            switch Attr.decode(payload) {
            case .success(let attr): attrs.append(attr)
            case .failure(let error): throw .invalidAttr(index: index, error)
            }
        }
        guard case .array(let rows) = triplesJSON else { throw .invalidTripleContainer }
        var triples: [Triple] = []
        triples.reserveCapacity(rows.count)
        for (index, row) in rows.enumerated() {
            guard case .array(let parts) = row, parts.count == 3 || parts.count == 4,
                let entity = parts[0].entityID, let attr = parts[1].entityID
            else { throw .invalidTriple(index: index) }
            var createdAt: Int64?
            if parts.count == 4 {
                guard case .int(let t) = parts[3] else { throw .invalidTriple(index: index) }
                createdAt = t
            }
            triples.append(Triple(entity: entity, attr: attr, value: parts[2], createdAt: createdAt))
        }
        self.init(attrs: attrs, triples: triples)
    }

    private static func readJSON(_ url: URL) throws(FixtureError) -> JSONValue {
        guard let data = try? Data(contentsOf: url) else { throw .unreadableFile(path: url.path) }
        do {
            return try JSONParser.parse(data)
        } catch {
            throw .invalidJSON(path: url.path, error)
        }
    }
}

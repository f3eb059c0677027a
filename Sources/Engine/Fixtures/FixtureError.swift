/// Why a fixture could not be read or loaded.
public enum FixtureError: Error, Equatable, Sendable {
    /// The file is missing or unreadable.
    case unreadableFile(path: String)
    /// The file is not valid JSON.
    case invalidJSON(path: String, JSONParser.Error)
    /// `attrs.json` is neither an array of attrs nor an object of attrs keyed by id.
    case invalidAttrContainer
    /// One attr payload does not have the shape of data-model §2.1.
    case invalidAttr(index: Int, AttrShapeError)
    /// `triples.json` is not an array.
    case invalidTripleContainer
    /// One triple is not `[uuid, uuid, value]` or `[uuid, uuid, value, integer]`.
    case invalidTriple(index: Int)
    /// The transaction that applies a batch was rejected.
    case rejected(InstantError)
}

import Foundation

/// The app's rules document (permissions §1, §9): validated, saved beside the log in
/// `rules.json`, and swapped in under the state lock so a query or transaction sees one
/// rules version from start to end.
extension AppDatabase {
    /// The file holding the saved document and its version.
    static let rulesFileName = "rules.json"

    /// The current rules.
    public var rules: RuleSet { state.withLock { $0.rules } }

    /// Validates `document` (permissions §9), saves it durably and makes it current.
    /// Every live query re-runs under the new rules. The version increments only when
    /// the document changed (protocol-http §12.8).
    @discardableResult
    public func setRules(_ document: JSONValue) throws(InstantError) -> RuleSet {
        let validated = try RuleSet.validate(document)
        let (rules, wakes) = try state.withLock { (s) throws(InstantError) -> (RuleSet, CommitWakes?) in
            if s.rules.isSaved, s.rules.document == validated { return (s.rules, nil) }
            let rules = RuleSet(document: validated, version: s.rules.version + 1)
            if let directory { try Self.writeRules(rules, to: directory) }
            s.rules = rules
            s.generation = StateGeneration.next()
            return (rules, queries.withLock { $0.invalidateAll(txID: s.lastTxID) })
        }
        wakes?.deliver()
        return rules
    }

    /// The saved rules in `directory`, or none.
    static func readRules(from directory: String) -> RuleSet {
        let path = directory + "/" + rulesFileName
        guard let data = FileManager.default.contents(atPath: path), let json = try? JSONParser.parse(Array(data)),
            case .object(let document)? = json["code"]
        else { return .none }
        return RuleSet(document: document, version: Int(json["version"]?.intValue ?? 1))
    }

    /// Writes the document atomically (a temporary file, then a rename).
    static func writeRules(_ rules: RuleSet, to directory: String) throws(InstantError) {
        let json: JSONValue = ["code": .object(rules.document), "version": .int(Int64(rules.version))]
        do {
            try Data(json.jsonBytes).write(
                to: URL(fileURLWithPath: directory + "/" + rulesFileName), options: .atomic)
        } catch {
            throw InstantError(.sqlRaise, "Could not save the rules of this app.")
        }
    }
}

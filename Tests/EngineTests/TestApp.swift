import Foundation
import Testing

@testable import Engine

/// An app under test: an `AppState` plus a fake clock that advances 1 s per transaction.
struct TestApp {
    var state = AppState()
    /// The `now` the next transaction gets.
    var clock: Int64 = 1_700_000_000_000

    init() {}

    /// An app holding `schema`'s attrs, added by one admin transaction.
    init(_ schema: TestSchema) throws(InstantError) {
        try transact(schema.attrs.map { .addAttr($0) })
    }

    /// Runs typed steps, admin by default.
    @discardableResult
    mutating func transact(_ steps: [TxStep], admin: Bool = true) throws(InstantError) -> TxReport {
        defer { clock += 1_000 }
        return try state.transact(steps, context: TransactionContext(isAdmin: admin), now: clock)
    }

    /// Parses wire steps (JSON text) the way a session would, then runs them.
    @discardableResult
    mutating func transact(json: String, admin: Bool = true) throws(InstantError) -> TxReport {
        let parsed: JSONValue
        do { parsed = try JSONParser.parse(json) } catch { fatalError("bad JSON in test: \(json)") }
        return try transact(try TxStep.parse(parsed), admin: admin)
    }

    /// The single value of a cardinality-one attr, nil when there is no triple.
    func value(_ entity: EntityID, _ attr: Attr) -> JSONValue? {
        state.triples(of: entity, attr: attr.id).first?.value.json
    }

    /// All values of an attr on an entity, sorted by JSON text.
    func values(_ entity: EntityID, _ attr: Attr) -> [JSONValue] {
        state.triples(of: entity, attr: attr.id).map(\.value.json).sorted { $0.jsonString < $1.jsonString }
    }

    /// The `t` of the entity's triple for `attr`.
    func createdAt(_ entity: EntityID, _ attr: Attr) -> Int64? {
        state.triples(of: entity, attr: attr.id).first?.createdAt
    }

    /// The current attr with this id (inferred types and flags as the catalogue holds them).
    func attr(_ attr: Attr) -> Attr? { state.catalog[attr.id] }

    /// Everything a transaction could change: compared before and after a rejected one.
    var snapshot: Snapshot {
        Snapshot(
            triples: Set(state.allTriples()), attrs: state.catalog.all, deleted: state.catalog.deleted,
            lastTxID: state.lastTxID)
    }

    struct Snapshot: Equatable {
        var triples: Set<Triple>
        var attrs: [Attr]
        var deleted: [EntityID: Attr]
        var lastTxID: Int64
    }

    /// Runs steps that must fail with exactly `kind` and `message`, and checks that the
    /// failed transaction left no trace. Returns the error for further checks (hints).
    @discardableResult
    mutating func expectRejected(
        _ kind: InstantError.Kind, _ message: String, admin: Bool = true,
        sourceLocation: SourceLocation = #_sourceLocation, _ steps: [TxStep]
    ) -> InstantError? {
        let before = snapshot
        defer { #expect(snapshot == before, "a rejected transaction changed the state", sourceLocation: sourceLocation) }
        do {
            try transact(steps, admin: admin)
        } catch {
            #expect(error.kind == kind, sourceLocation: sourceLocation)
            #expect(error.message == message, sourceLocation: sourceLocation)
            return error
        }
        Issue.record("expected \(kind.rawValue): \(message)", sourceLocation: sourceLocation)
        return nil
    }
}

extension EntityID {
    /// A readable fixed id: `00000000-0000-4000-8000-<n as 12 hex digits>`.
    static func test(_ n: UInt64) -> EntityID {
        EntityID(high: 0x0000_0000_0000_4000, low: 0x8000_0000_0000_0000 | n)
    }
}

extension Attr {
    /// A user attr with fresh ids and every flag defaulted to off.
    static func make(
        _ etype: String, _ label: String, ref reverse: (etype: String, label: String)? = nil,
        cardinality: Cardinality = .one, unique: Bool = false, indexed: Bool = false, required: Bool = false,
        checked: CheckedDataType? = nil, onDelete: Bool = false, onDeleteReverse: Bool = false
    ) -> Attr {
        Attr(
            id: .random(), forwardIdentity: Identity(id: .random(), etype: etype, label: label),
            reverseIdentity: reverse.map { Identity(id: .random(), etype: $0.etype, label: $0.label) },
            valueType: reverse == nil ? .blob : .ref, cardinality: cardinality, isUnique: unique,
            isIndexed: indexed, isRequired: required, checkedDataType: checked, onDeleteCascade: onDelete,
            onDeleteReverseCascade: onDeleteReverse)
    }

    /// An `id` attr as the JS client creates it (§2.3).
    static func makeID(_ etype: String) -> Attr { make(etype, "id", unique: true) }
}

/// Shorthands for the low-level steps of data-model §7.4.
extension TxStep {
    static func add(_ e: EntityID, _ a: Attr, _ v: JSONValue, mode: TxMode? = nil) -> TxStep {
        .addTriple(.id(e), attr: a.id, value: v, mode: mode)
    }

    static func merge(_ e: EntityID, _ a: Attr, _ v: JSONValue, mode: TxMode? = nil) -> TxStep {
        .deepMergeTriple(.id(e), attr: a.id, value: v, mode: mode)
    }

    static func retract(_ e: EntityID, _ a: Attr, _ v: JSONValue) -> TxStep {
        .retractTriple(.id(e), attr: a.id, value: v)
    }

    static func delete(_ e: EntityID, _ etype: String?) -> TxStep { .deleteEntity(.id(e), etype: etype) }

    /// What the JS client sends for `tx.<etype>[e].update(values)` (§7.1): the id triple first.
    static func update(
        _ e: EntityID, id idAttr: Attr, _ values: [(Attr, JSONValue)], mode: TxMode? = nil
    ) -> [TxStep] {
        [add(e, idAttr, JSONValue(e), mode: mode)] + values.map { add(e, $0.0, $0.1, mode: mode) }
    }
}

extension JSONValue {
    /// Parses test JSON that is known to be valid.
    static func parse(_ text: String) -> JSONValue {
        do { return try JSONParser.parse(text) } catch { fatalError("bad JSON in test: \(text)") }
    }
}

/// The predicates behind `DatalogFunction` (architecture §1.2, data-model §5.3–§5.4).
extension DatalogEngine {
    /// Whether a stored value (or, for `entityIDPrefix`, its entity) satisfies a function.
    func passes(_ function: DatalogFunction, value: TripleValue, entity: EntityID?) -> Bool {
        if let test = function.valueTest { return test.holds(value) }
        switch function {
        case .notIn, .typedIn, .compare, .like:
            return false
        case .isNull:
            return false
        case .entityIDPrefix(let prefix):
            guard let entity else { return true }
            return entity.uuidString.filter { $0 != "-" }.hasPrefix(prefix)
        }
    }

    /// `$isNull` on one entity: whether it has no (or has a) non-null value for the attr;
    /// for a link, whether a link exists in the label's direction (data-model §5.4).
    func holds(_ test: NullTest, on entity: EntityID) -> Bool {
        var hasValue = false
        if let slot = catalog.existingSlot(for: test.attr.id) {
            if test.attr.isRef && test.isReverse {
                hasValue = store.postings(slot, .id(entity)) != nil
            } else if test.attr.isRef {
                hasValue = store.facts(of: entity).contains { $0.attr == slot && $0.value.entityID != nil }
            } else {
                hasValue = store.facts(of: entity).contains { $0.attr == slot && !$0.value.isNull }
            }
        }
        return test.expectsNull ? !hasValue : hasValue
    }
}

extension DatalogFunction {
    /// The predicate as a topic value test (the same code decides matches and topics).
    var valueTest: TopicValueTest? {
        switch self {
        case .notIn(let set): .notIn(set)
        case .typedIn(let set): .oneOf(set)
        case .compare(let op, let operand, let type): .compare(op, operand, type)
        case .like(let pattern): .like(pattern)
        case .isNull, .entityIDPrefix: nil
        }
    }

    /// Whether the predicate depends on the value alone, so a scan can skip a whole value.
    var testsValueOnly: Bool {
        switch self {
        case .notIn, .typedIn, .compare, .like: true
        case .isNull, .entityIDPrefix: false
        }
    }
}

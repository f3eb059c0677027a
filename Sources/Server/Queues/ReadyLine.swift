/// The groups waiting for a worker, served round-robin first across fairness classes and
/// then across the groups of one class (server-architecture §5.1 rule 3, issue 7 item 4).
///
/// Session lanes are grouped per session, but fairness is owed per app: an app with 500
/// busy sessions must not get 500 turns for every turn of an app with one. With every
/// group in its own class this is the plain round-robin line of §5.1.
struct ReadyLine<Key: Hashable & Sendable>: Sendable {
    /// The class a group shares its turns with.
    enum FairnessClass: Hashable, Sendable {
        /// A group alone in its class (no `classify` given).
        case group(Key)
        /// The class `classify` named.
        case named(String)
    }

    /// Maps a group to the name of the class it shares turns with; nil puts each group
    /// in its own.
    let classify: (@Sendable (Key) -> String)?
    /// Classes with ready groups, in round-robin order.
    private var classes = FIFO<FairnessClass>()
    /// The ready groups of each class in `classes`, in round-robin order.
    private var members: [FairnessClass: FIFO<Key>] = [:]
    /// Ready groups in every class.
    private(set) var count = 0

    init(classify: (@Sendable (Key) -> String)?) {
        self.classify = classify
    }

    var isEmpty: Bool { count == 0 }

    /// Puts a group at the back of its class; a class that had no ready group goes to the
    /// back of the line of classes.
    mutating func append(_ key: Key) {
        let fairnessClass = classify.map { FairnessClass.named($0(key)) } ?? .group(key)
        if var waiting = members.removeValue(forKey: fairnessClass) {
            waiting.append(key)
            members[fairnessClass] = waiting
        } else {
            var waiting = FIFO<Key>()
            waiting.append(key)
            members[fairnessClass] = waiting
            classes.append(fairnessClass)
        }
        count += 1
    }

    /// The first group of the first class; that class goes to the back of the line if it
    /// still has ready groups.
    mutating func popFirst() -> Key? {
        guard let fairnessClass = classes.popFirst(), var waiting = members.removeValue(forKey: fairnessClass),
            let key = waiting.popFirst()
        else { return nil }
        count -= 1
        if !waiting.isEmpty {
            members[fairnessClass] = waiting
            classes.append(fairnessClass)
        }
        return key
    }
}

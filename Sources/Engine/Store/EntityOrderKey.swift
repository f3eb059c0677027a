/// A row's position in an InstaQL ordering (data-model §6.1): the order value, where nil
/// (null or missing) sorts before every value, then the entity id as unsigned bytes.
///
/// Shared by the maintained orderings of the store and by the query layer's sorts, so
/// an ordered page read from an index and one sorted on the fly always agree.
struct EntityOrderKey: Sendable, Comparable {
    var value: TypedValue?
    var entity: EntityID

    static func < (lhs: EntityOrderKey, rhs: EntityOrderKey) -> Bool {
        switch compareNullsFirst(lhs.value, rhs.value) {
        case .less: true
        case .greater: false
        case .equal: lhs.entity < rhs.entity
        }
    }

    static func == (lhs: EntityOrderKey, rhs: EntityOrderKey) -> Bool {
        lhs.entity == rhs.entity && compareNullsFirst(lhs.value, rhs.value) == .equal
    }
}

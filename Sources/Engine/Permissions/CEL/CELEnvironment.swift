/// What an expression may refer to: the declared variables (the function table is
/// fixed). Upstream builds one compiler per action; this is its declaration set.
public struct CELEnvironment: Equatable, Sendable {
    /// Variables the expression may read; any other name is an undeclared reference.
    public var variables: Set<CELVariable>

    /// An environment declaring exactly `variables`.
    public init(variables: Set<CELVariable>) {
        self.variables = variables
    }

    /// The environment of a rule for `action` (permissions §3.1): `view`/`delete` see
    /// `auth`, `data`, `ruleParams`, `request`, `rateLimit`; `create`/`update` add
    /// `newData`; `unlink` adds `newData` and `linkedData`; `link` also `actions`.
    public static func rule(_ action: CELRuleAction) -> CELEnvironment {
        var variables: Set<CELVariable> = [.auth, .data, .ruleParams, .request, .rateLimit]
        switch action {
        case .view, .delete: break
        case .create, .update: variables.insert(.newData)
        case .unlink: variables.formUnion([.newData, .linkedData])
        case .link: variables.formUnion([.newData, .linkedData, .actions])
        }
        return CELEnvironment(variables: variables)
    }

    /// Type names usable as values (`type(x) == int`), with their types.
    static let typeIdentifiers: [String: CELType] = [
        "bool": .type(.bool), "bytes": .type(.bytes), "double": .type(.double), "int": .type(.int),
        "uint": .type(.uint), "string": .type(.string), "list": .type(.list(.dyn)),
        "map": .type(.map(.dyn, .dyn)), "null_type": .type(.null), "type": .type(.dyn), "dyn": .type(.dyn),
        "google.protobuf.Timestamp": .type(.timestamp), "google.protobuf.Duration": .type(.duration),
    ]

    /// The type of a global name, or nil when undeclared.
    func type(ofGlobal name: String) -> CELType? {
        if let variable = CELVariable(rawValue: name), variables.contains(variable) { return variable.type }
        return Self.typeIdentifiers[name]
    }
}

/// One signature of a declared function (cel-java `CelOverloadDecl`).
struct CELOverload: Sendable {
    /// cel-java's overload id, e.g. `add_int64`.
    let id: String
    /// Whether the function is called as a method (`s.startsWith(p)`); the receiver is
    /// then the first parameter.
    let isMember: Bool
    /// Parameter types, receiver first for methods.
    let parameters: [CELType]
    /// Result type.
    let result: CELType

    /// A global overload.
    static func global(_ id: String, _ parameters: [CELType], _ result: CELType) -> CELOverload {
        CELOverload(id: id, isMember: false, parameters: parameters, result: result)
    }

    /// A method overload; `parameters` starts with the receiver type.
    static func member(_ id: String, _ parameters: [CELType], _ result: CELType) -> CELOverload {
        CELOverload(id: id, isMember: true, parameters: parameters, result: result)
    }
}

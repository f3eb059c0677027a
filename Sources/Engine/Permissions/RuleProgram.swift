import Synchronization

/// One rule of a `RuleSet`, wrapped in its binds and compiled for its action.
///
/// A compile failure is kept rather than thrown: upstream compiles lazily, so a broken
/// link rule (not validated at save time, permissions §9) fails only the checks that
/// need it, with `validation-failed` (§3.6).
///
/// Immutable apart from the cache of `dataFields`' slots.
///
/// A class: queries look programs up and hold them per entity checked, and a reference
/// costs a retain where this struct's copy cost a dozen.
public final class RuleProgram: Sendable {
    /// The namespace whose rule this is (`attrs` for attr creation).
    public let etype: String
    /// The action name, or the field label for a field rule.
    public let action: String
    /// The rule text as written (without binds), reported by the dry-run endpoints.
    public let code: String
    /// The compiled program with its binds, or why it did not compile.
    let compiled: Result<CELProgram, CELError>
    /// The result when the rule is a literal (`"true"`, `"false"`): checks then skip the
    /// evaluator and the entity's data entirely.
    let constant: CELValue?
    /// Whether `constant` passes, when there is one.
    let constantPasses: Bool?
    /// The members of `data` the rule reads, when it reads only named members (see
    /// `CELPlan.fieldsRead`): a query then builds just those instead of the whole entity.
    let dataFields: [String]?
    /// Whether the rule reads no member of `auth` but `id` (nor `auth` whole), so a query
    /// need not load the user's row.
    let readsAuthIDOnly: Bool
    /// `dataFields` resolved in the last catalogue a query used, so a query does not
    /// resolve them again.
    private let resolvedFields = Mutex<RuleFieldSlots?>(nil)

    init(
        etype: String, action: String, code: String, compileAs: CELRuleAction,
        binds: [(name: String, expression: String)]
    ) {
        self.etype = etype
        self.action = action
        self.code = code
        compiled = Result { () throws(CELError) -> CELProgram in
            try CELProgram.compile(try CELRuleBinds.wrap(code, binds: binds), action: compileAs)
        }
        if case .success(let program) = compiled, case .constant(let value) = program.plan {
            constant = value
        } else {
            constant = nil
        }
        constantPasses = constant?.passesRule
        let plan = try? compiled.get().plan
        dataFields = plan?.fieldsRead(of: .data).map { $0.sorted() }
        readsAuthIDOnly = plan?.fieldsRead(of: .auth)?.isSubset(of: ["id"]) ?? false
    }

    /// `dataFields` as slots of `etype` in `state`'s catalogue; nil when the rule reads
    /// the whole entity.
    func fieldSlots(etype: String, in state: AppState) -> RuleFieldSlots? {
        guard let dataFields else { return nil }
        let version = state.catalog.version
        if let known = resolvedFields.withLock({ $0 }), known.catalogVersion == version, known.etype == etype {
            return known
        }
        let slots = state.ruleFieldSlots(etype: etype, labels: dataFields)
        resolvedFields.withLock { $0 = slots }
        return slots
    }

    /// `{etype, action, code, display-code}` as the dry-run endpoints report it.
    public var json: JSONValue {
        ["etype": .string(etype), "action": .string(action), "code": .string(code), "display-code": .string(code)]
    }

    /// Runs the rule: its raw result, or the client error that fails the request
    /// (compile failures as `validation-failed`, CEL errors as
    /// `permission-evaluation-failed`, rate limits as themselves; §8).
    func evaluate(in context: any RuleContext, showDetails: Bool) -> Result<CELValue, InstantError> {
        if let constant { return .success(constant) }
        let program: CELProgram
        switch compiled {
        case .success(let p): program = p
        case .failure(let error):
            return .failure(.permissionValidationFailed(path: [etype, action], error: error))
        }
        switch program.evaluate(in: context) {
        case .success(let value):
            return .success(value)
        case .failure(let error):
            if let request = error.requestFailure { return .failure(request) }
            let (message, hint) = error.permissionFailure(etype: etype, action: action, showDetails: showDetails)
            return .failure(InstantError(.permissionEvaluationFailed, message, hint: hint))
        }
    }
}

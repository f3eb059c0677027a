extension CELProgram {
    /// Every problem upstream reports for one rule expression when rules are saved
    /// (permissions §9, `expr-validation-errors`): the compile issues, or else the
    /// save-time checks of `saveTimeIssues`. Empty when the rule is valid.
    public static func validationIssues(_ source: String, action: CELRuleAction, rateLimitNames: Set<String>)
        -> [CELIssue]
    {
        do {
            return try compile(source, action: action).saveTimeIssues(rateLimitNames: rateLimitNames)
        } catch {
            return error.issues
        }
    }

    /// The extra checks upstream runs when rules are saved (permissions §3.6, §9):
    /// `auth.ref` needs a constant path starting with `$user.`, and every
    /// `rateLimit.<name>` must name a bucket of `$rateLimits`.
    public func saveTimeIssues(rateLimitNames: Set<String>) -> [CELIssue] {
        let source = CELSource(self.source)
        var issues: [CELIssue] = []
        for node in expression.allNodes {
            guard case .call(let function, let target, let arguments) = node.kind,
                let (object, name) = Self.qualifiedFunction(function, target)
            else { continue }
            if object == "auth", name == "ref" {
                var valid = false
                if arguments.count == 1, case .constant(.string(let path)) = arguments[0].kind {
                    valid = path.hasPrefix("$user.")
                }
                if !valid {
                    let offset = arguments.first?.offset ?? node.offset
                    issues.append(
                        CELIssue(message: "auth.ref arg must start with `$user.`", offset: offset, in: source))
                }
            }
            if object == "rateLimit", !rateLimitNames.contains(name) {
                let message =
                    "`\(name)` is not a valid rate limit config. It should be defined in the `$rateLimits` key."
                issues.append(CELIssue(message: message, offset: node.offset, in: source))
            }
        }
        return issues
    }

    /// Upstream's `function-name`: `[object, name]` for `object.f()`,
    /// `object.name.f()` and `object['name'].f()`; nil otherwise.
    static func qualifiedFunction(_ function: String, _ target: CELExpr?) -> (String, String)? {
        guard let target else { return nil }
        switch target.kind {
        case .identifier(let object):
            return (object, function)
        case .select(let operand, let field, false):
            guard case .identifier(let object) = operand.kind else { return nil }
            return (object, field)
        case .call("_[_]", nil, let arguments) where arguments.count == 2:
            guard case .identifier(let object) = arguments[0].kind, case .constant(let key) = arguments[1].kind else {
                return nil
            }
            if case .string(let name) = key { return (object, name) }
            return (object, "")
        default:
            return nil
        }
    }

    /// Names of all identifiers the source uses, parsed without checking (upstream
    /// `ident-usages`, which decides which binds a rule needs).
    public static func identifierUsages(_ source: String) throws(CELError) -> Set<String> {
        let parsed = try CELParser.parse(source)
        var names: Set<String> = []
        for node in parsed.allNodes {
            if case .identifier(let name) = node.kind { names.insert(name) }
        }
        return names
    }
}

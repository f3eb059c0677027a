/// Checking a rules document before it is saved (permissions §9).
extension RuleSet {
    /// System namespaces that accept rules; every other `$` key is reserved (§9).
    static let ruleNamespaces: Set<String> = ["$users", "$files", "$streams", "$default", "$rateLimits"]

    /// The document as an object, or upstream's `validation-failed` error listing every
    /// problem: `Validation failed for rule: <messages joined by ", ">`, hint
    /// `{data-type: "rule", errors: [{message, in}]}`.
    public static func validate(_ value: JSONValue) throws(InstantError) -> JSONObject {
        guard case .object(let document) = value else {
            throw failure([entry("rules must be an object", in: [])])
        }
        let candidate = RuleSet(document: document)
        let rateLimitNames = Set(document["$rateLimits"]?.objectValue?.keys ?? [])
        var errors: [JSONValue] = []
        for (etype, rules) in document.entries {
            if etype == "$rateLimits" {
                guard let buckets = rules.objectValue else {
                    errors.append(entry("$rateLimits must be an object", in: [etype]))
                    continue
                }
                for (name, config) in buckets.entries {
                    do throws(RateLimitConfigError) {
                        _ = try RateLimitConfig(parsing: config)
                    } catch {
                        errors.append(entry("Invalid rate limit `\(name)`: \(error.message)", in: [etype, name]))
                    }
                }
                continue
            }
            if etype.hasPrefix("$"), !ruleNamespaces.contains(etype) {
                let message = "The \(etype) namespace is a reserved internal namespace that does not yet support rules."
                errors.append(entry(message, in: [etype]))
                continue
            }
            errors += bindErrors(rules["bind"], etype: etype)
            if etype == "$users", let delete = rules["allow"]?["delete"], code(delete) != "false" {
                let message =
                    "The $users namespace doesn't support permissions for delete. Set `$users.allow.delete` to `\"false\"`."
                errors.append(entry(message, in: [etype, "allow", "delete"]))
            }
            let binds = candidate.binds(for: etype)
            for action in [CELRuleAction.view, .create, .update, .delete] {
                let allow = etype == "$default" ? rules["allow"] : nil
                let text = etype == "$default" ? code(allow?[action.rawValue]) ?? code(allow?["$default"]) : nil
                guard let code = text ?? candidate.program(etype: etype, action: action)?.code else { continue }
                errors += expressionErrors(
                    code, binds: binds, action: action, rateLimitNames: rateLimitNames,
                    in: [etype, "allow", action.rawValue])
            }
            if case .object(let fields)? = rules["fields"] {
                for (label, rule) in fields.entries {
                    if label == "id" {
                        let message = "You cannot set field rules for `id`. Use \(etype) -> allow -> view instead"
                        errors.append(entry(message, in: [etype, "fields", label]))
                    } else if let code = code(rule) {
                        errors += expressionErrors(
                            code, binds: binds, action: .view, rateLimitNames: rateLimitNames,
                            in: [etype, "fields", label])
                    }
                }
            }
        }
        guard errors.isEmpty else { throw failure(errors) }
        return document
    }

    /// Compile and save-time problems of one expression with its binds.
    static func expressionErrors(
        _ code: String, binds: [(name: String, expression: String)], action: CELRuleAction,
        rateLimitNames: Set<String>, in path: [String]
    ) -> [JSONValue] {
        let wrapped: String
        do {
            wrapped = try CELRuleBinds.wrap(code, binds: binds)
        } catch {
            return error.validationEntries(in: path)
        }
        return CELProgram.validationIssues(wrapped, action: action, rateLimitNames: rateLimitNames).map {
            entry($0.message, in: path)
        }
    }

    /// Bind-list shape problems (§2.2, §9).
    static func bindErrors(_ value: JSONValue?, etype: String) -> [JSONValue] {
        guard case .array(let items)? = value else { return [] }
        if items.count % 2 != 0 {
            return [entry("bind should have an even number of elements", in: [etype, "bind"])]
        }
        var seen: Set<String> = []
        var errors: [JSONValue] = []
        for index in stride(from: 0, to: items.count, by: 2) {
            guard let name = items[index].stringValue else { continue }
            if !seen.insert(name).inserted {
                errors.append(entry("bind should only contain a given variable name once", in: [etype, "bind", name]))
            }
        }
        return errors
    }

    /// One `{message, in}` entry.
    static func entry(_ message: String, in path: [String]) -> JSONValue {
        .object(JSONObject([("message", .string(message)), ("in", .array(path.map { .string($0) }))]))
    }

    /// The whole-document error.
    static func failure(_ errors: [JSONValue]) -> InstantError {
        let messages = errors.compactMap { $0["message"]?.stringValue }
        let hint = JSONObject([("data-type", "rule"), ("errors", .array(errors))])
        return InstantError(
            .validationFailed, "Validation failed for rule: " + messages.joined(separator: ", "), hint: .object(hint))
    }
}

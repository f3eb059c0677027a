/// Wraps a rule in the `cel.bind` calls for the binds it uses (permissions §2.2,
/// upstream `rule.clj` `with-binds`).
public enum CELRuleBinds {
    /// The rule text with every bind it reaches (directly or through other binds)
    /// wrapped around it as `cel.bind(name, expr, body)`, dependencies outermost.
    ///
    /// `binds` are `$default`'s followed by the namespace's; on a repeated name the
    /// later one wins. Fails on unparsable text and on cycles
    /// (`The binds have a cyclic dependency a -> b -> a`).
    public static func wrap(_ expression: String, binds: [(name: String, expression: String)]) throws(CELError)
        -> String
    {
        guard !binds.isEmpty else { return expression }
        var bindMap: [String: String] = [:]
        var order: [String] = []
        for (name, body) in binds {
            if bindMap.updateValue(body, forKey: name) == nil { order.append(name) }
        }
        var references: [String: [String]] = [:]
        var used: [String] = []
        var seen: Set<String> = []
        var queue: [(source: String?, text: String)] = [(nil, expression)]
        while !queue.isEmpty {
            let (source, text) = queue.removeFirst()
            let identifiers = try CELProgram.identifierUsages(text)
            let usages = order.filter { identifiers.contains($0) }
            if let source { references[source] = usages }
            for name in usages where !seen.contains(name) {
                seen.insert(name)
                used.append(name)
                queue.append((name, bindMap[name] ?? ""))
            }
        }
        let sorted = try topologicalOrder(used, references: references, source: expression)
        var body = expression
        for name in sorted.reversed() {
            body = "cel.bind(\(name), \(bindMap[name] ?? ""), \(body))"
        }
        return body
    }

    /// Binds ordered so that each comes after the binds it uses (upstream
    /// `sort-binds`), or the cycle error.
    static func topologicalOrder(_ names: [String], references: [String: [String]], source: String) throws(CELError)
        -> [String]
    {
        var done: Set<String> = []
        var visiting: Set<String> = []
        var output: [String] = []
        func visit(_ name: String, _ path: [String]) throws(CELError) {
            if done.contains(name) { return }
            if visiting.contains(name) {
                throw CELError.check([
                    CELIssue(
                        message: "The binds have a cyclic dependency \(path.joined(separator: " -> "))", offset: 0,
                        line: 1, column: 1)
                ])
            }
            visiting.insert(name)
            for dependency in references[name] ?? [] { try visit(dependency, path + [dependency]) }
            done.insert(name)
            output.append(name)
        }
        for name in names { try visit(name, [name]) }
        return output
    }
}

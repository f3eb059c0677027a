/// The InstaQL entry point: parse, validate, compile to Datalog, evaluate (data-model §4–§6).
public enum InstaQL {
    /// Parses `query` against `state`'s attrs and evaluates it.
    ///
    /// `$$ruleParams` is removed first (§4.1). Validation errors are thrown with
    /// upstream's type, message and hint.
    public static func run(query: JSONValue, on state: AppState, options: QueryOptions) throws(InstantError) -> QueryResult {
        let parsed = try parse(query: query, catalog: state.catalog, isAdmin: options.isAdmin)
        return evaluate(parsed, on: state, options: options)
    }

    /// Evaluates an already parsed query (architecture §2: compile to nested Datalog, run it).
    public static func evaluate(_ query: InstaQLQuery, on state: AppState, options: QueryOptions) -> QueryResult {
        var compiler = InstaQLCompiler(catalog: state.catalog)
        let forms = compiler.compile(query)
        var evaluator = QueryEvaluator(state: state, options: options, width: compiler.variableCount)
        return evaluator.evaluate(forms)
    }

    /// Parses and validates without evaluating.
    public static func parse(query: JSONValue, catalog: AttrCatalog, isAdmin: Bool) throws(InstantError) -> InstaQLQuery {
        var root = query
        if case .object(var o) = query {
            o["$$ruleParams"] = nil
            root = .object(o)
        }
        return try InstaQLParser(catalog: catalog, root: root, isAdmin: isAdmin).parseQuery()
    }
}

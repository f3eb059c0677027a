/// The InstaQL entry point: parse, validate, compile to Datalog, evaluate (data-model §4–§6).
public enum InstaQL {
    /// Parses `query` against `state`'s attrs and evaluates it.
    ///
    /// `$$ruleParams` is removed first (§4.1). Validation errors are thrown with
    /// upstream's type, message and hint.
    public static func run(query: JSONValue, on state: AppState, options: QueryOptions) throws(InstantError) -> QueryResult {
        let parsed = try parse(query: query, catalog: state.catalog, isAdmin: options.isAdmin)
        var ruleParams = JSONObject()
        if options.viewer != nil, case .object(let params)? = query["$$ruleParams"] { ruleParams = params }
        return try evaluate(parsed, on: state, options: options, ruleParams: ruleParams)
    }

    /// Evaluates an already parsed query (architecture §2: compile to nested Datalog, run it).
    /// Throws only when a permission rule cannot be evaluated (permissions §8.3).
    public static func evaluate(
        _ query: InstaQLQuery, on state: AppState, options: QueryOptions, ruleParams: JSONObject = JSONObject()
    ) throws(InstantError) -> QueryResult {
        var compiler = InstaQLCompiler(catalog: state.catalog)
        let forms = compiler.compile(query)
        var evaluator = QueryEvaluator(
            state: state, options: options, width: compiler.variableCount, ruleParams: ruleParams)
        let result = evaluator.evaluate(forms)
        if let failure = evaluator.permissions?.failure { throw failure }
        return result
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

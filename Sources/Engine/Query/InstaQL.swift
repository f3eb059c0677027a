/// The InstaQL entry point: parse, validate, evaluate (data-model §4–§6).
public enum InstaQL {
    /// Parses `query` against `state`'s attrs and evaluates it.
    ///
    /// `$$ruleParams` is removed first (§4.1). Validation errors are thrown with
    /// upstream's type, message and hint.
    public static func run(query: JSONValue, on state: AppState, options: QueryOptions) throws(InstantError) -> QueryResult {
        let parsed = try parse(query: query, catalog: state.catalog, isAdmin: options.isAdmin)
        var evaluator = QueryEvaluator(state: state, options: options)
        return evaluator.evaluate(parsed)
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

/// The InstaQL entry point: parse, validate, compile to Datalog, evaluate (data-model §4–§6).
public enum InstaQL {
    /// Parses `query` against `state`'s attrs and evaluates it.
    ///
    /// `$$ruleParams` is removed first (§4.1). Validation errors are thrown with
    /// upstream's type, message and hint. The compiled form is cached under the query and
    /// the catalogue's version, so a repeated query is only evaluated.
    ///
    /// `text`, when given, is JSON text that determines `query` exactly (the request body it
    /// was parsed from): the cache is then keyed on those bytes, which hash and compare in a
    /// fraction of what walking the parsed query costs.
    public static func run(
        query: JSONValue, text: [UInt8]? = nil, on state: AppState, options: QueryOptions
    ) throws(InstantError) -> QueryResult {
        let compiled = try compile(query: query, text: text, catalog: state.catalog, isAdmin: options.isAdmin)
        var ruleParams = JSONObject()
        if options.viewer != nil, case .object(let params)? = query["$$ruleParams"] { ruleParams = params }
        return try evaluate(compiled, on: state, options: options, ruleParams: ruleParams)
    }

    /// Evaluates an already parsed query (architecture §2: compile to nested Datalog, run it).
    /// Throws only when a permission rule cannot be evaluated (permissions §8.3).
    public static func evaluate(
        _ query: InstaQLQuery, on state: AppState, options: QueryOptions, ruleParams: JSONObject = JSONObject()
    ) throws(InstantError) -> QueryResult {
        try evaluate(compile(query, catalog: state.catalog), on: state, options: options, ruleParams: ruleParams)
    }

    /// Runs a compiled query; a rule that could not be evaluated fails the whole query.
    static func evaluate(
        _ compiled: CompiledQuery, on state: AppState, options: QueryOptions, ruleParams: JSONObject
    ) throws(InstantError) -> QueryResult {
        var evaluator = QueryEvaluator(
            state: state, options: options, width: compiled.width, ruleParams: ruleParams)
        let result = evaluator.evaluate(compiled.forms)
        if let failure = evaluator.permissions?.failure { throw failure }
        return result
    }

    /// Parses and validates without evaluating.
    public static func parse(query: JSONValue, catalog: AttrCatalog, isAdmin: Bool) throws(InstantError) -> InstaQLQuery {
        try InstaQLParser(catalog: catalog, root: withoutRuleParams(query), isAdmin: isAdmin).parseQuery()
    }

    /// The compiled query from the cache, or parsed, compiled and cached now.
    static func compile(
        query: JSONValue, text: [UInt8]? = nil, catalog: AttrCatalog, isAdmin: Bool
    ) throws(InstantError) -> CompiledQuery {
        // Keyed on the text, the query without `$$ruleParams` is only needed on a miss.
        var root: JSONValue?
        let key: CompiledQueryKey
        if let text {
            key = CompiledQueryKey(text: text, catalogVersion: catalog.version, isAdmin: isAdmin)
        } else {
            let stripped = withoutRuleParams(query)
            root = stripped
            key = CompiledQueryKey(query: stripped, catalogVersion: catalog.version, isAdmin: isAdmin)
        }
        if let hit = CompiledQueryCache.shared.lookup(key) { return hit }
        let parsed = try InstaQLParser(catalog: catalog, root: root ?? withoutRuleParams(query), isAdmin: isAdmin)
            .parseQuery()
        let compiled = compile(parsed, catalog: catalog)
        CompiledQueryCache.shared.store(compiled, for: key)
        return compiled
    }

    static func compile(_ query: InstaQLQuery, catalog: AttrCatalog) -> CompiledQuery {
        var compiler = InstaQLCompiler(catalog: catalog)
        let forms = compiler.compile(query)
        return CompiledQuery(forms: forms, width: compiler.variableCount)
    }

    /// `query` without its `$$ruleParams` member (§4.1); untouched, not copied, when it has none.
    static func withoutRuleParams(_ query: JSONValue) -> JSONValue {
        guard case .object(var o) = query, o["$$ruleParams"] != nil else { return query }
        o["$$ruleParams"] = nil
        return .object(o)
    }
}

import Testing

@testable import Engine

/// `&&`, `||`, `!`, `?:`, CEL's commutative error absorption, unbound variables, and
/// rule truthiness (permissions §3: a rule passes unless it yields null or false).
struct CELLogicTableTests {
    static let cases: [CELCase] = [
        CELCase("true && true", .value(.bool(true))),
        CELCase("true && false", .value(.bool(false))),
        CELCase("false || true", .value(.bool(true))),
        CELCase("false || false", .value(.bool(false))),
        CELCase("!true", .value(.bool(false))),
        CELCase("!!true", .value(.bool(true))),
        CELCase("!false && true", .value(.bool(true))),
        CELCase("false && 1 / 0 == 1", .value(.bool(false))),
        CELCase("1 / 0 == 1 && false", .value(.bool(false))),
        CELCase("1 / 0 == 1 || true", .value(.bool(true))),
        CELCase("true || 1 / 0 == 1", .value(.bool(true))),
        CELCase("1 / 0 == 1 || false", .error(.divideByZero)),
        CELCase("false || 1 / 0 == 1", .error(.divideByZero)),
        CELCase("1 / 0 == 1 && true", .error(.divideByZero)),
        CELCase("true && 1 / 0 == 1", .error(.divideByZero)),
        CELCase("1 / 0 == 1 && [][0] == 1", .error(.divideByZero)),
        CELCase("[][0] == 1 || 1 / 0 == 1", .error(.indexOutOfBounds)),
        CELCase("dyn(1) || true", .error(.invalidArgument)),
        CELCase("true || dyn(1)", .value(.bool(true))),
        CELCase("false || dyn(1)", .error(.invalidArgument)),
        CELCase("data.nothing || true", .error(.invalidArgument)),
        CELCase("data.missing && false", .error(.invalidArgument)),
        CELCase("false && data.missing", .value(.bool(false))),
        CELCase("(dyn(1) || true) || true", .value(.bool(true))),
        CELCase("true ? 1 : 2", .value(.int(1))),
        CELCase("false ? 1 : 2", .value(.int(2))),
        CELCase("true ? 1 : 1 / 0", .value(.int(1))),
        CELCase("1 > 2 ? 'a' : 'b'", .value(.string("b"))),
        CELCase("true ? false ? 1 : 2 : 3", .compileError("mismatched input")),
        CELCase("true ? 1 : false ? 2 : 3", .value(.int(1))),
        CELCase("false ? 1 : false ? 2 : 3", .value(.int(3))),
        CELCase("dyn(null) ? 1 : 2", .error(.invalidArgument)),
        CELCase(
            "true ? 1 : 'a'", .compileError("found no matching overload for '_?_:_' applied to '(bool, int, string)'")),
        CELCase("true ? dyn(1) : 'a'", .value(.int(1))),
        CELCase("1 / 0 == 1 ? 1 : 2", .error(.divideByZero)),
        CELCase("true || false && false", .value(.bool(true))),
        CELCase("false && true || true", .value(.bool(true))),
        CELCase("!(true && false)", .value(.bool(true))),
        CELCase("true && !false", .value(.bool(true))),
        CELCase("data.done || data.count == 3", .value(.bool(true))),
        CELCase("data.done ? 'done' : 'open'", .value(.string("open"))),
        CELCase("linkedData.id == 'x' || true", .value(.bool(true)), fixture: .unboundLinked),
        CELCase("linkedData.id == 'x' && false", .value(.bool(false)), fixture: .unboundLinked),
        CELCase("linkedData.id == 'x'", .error(.internalError), fixture: .unboundLinked),
        CELCase("1 / 0 == 1 || linkedData.id == 'x'", .error(.internalError), fixture: .unboundLinked),
        CELCase(
            "actions.linkedData == 'create' || linkedData.handle == 'bob'", .value(.bool(true)), fixture: .unboundLinked
        ),
        CELCase("true", .passes(true)),
        CELCase("false", .passes(false)),
        CELCase("null", .passes(false)),
        CELCase("0", .passes(true)),
        CELCase("''", .passes(true)),
        CELCase("[]", .passes(true)),
        CELCase("{}", .passes(true)),
        CELCase("'false'", .passes(true)),
        CELCase("data.nothing", .passes(false)),
        CELCase("data.missingField", .passes(false)),
        CELCase("data.title", .passes(true)),
        CELCase("data.done", .passes(false)),
        CELCase("!data.done", .passes(true)),
        CELCase("data.count", .passes(true)),
        CELCase("data.meta.size", .passes(false)),
        CELCase("auth.id", .passes(false), fixture: .signedOut),
        CELCase("auth.id", .passes(true)),
        CELCase("auth.id == data.ownerId", .passes(true)),
        CELCase("auth.id != null && auth.id == data.ownerId", .passes(false), fixture: .signedOut),
    ]

    @Test(arguments: cases)
    func evaluates(_ row: CELCase) {
        row.run()
    }
}

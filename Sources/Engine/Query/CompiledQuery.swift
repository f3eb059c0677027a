/// A query parsed and compiled against one catalogue version: everything evaluation needs
/// that does not depend on the triples, so a repeated query skips parsing and compiling.
final class CompiledQuery: Sendable {
    let forms: [CompiledForm]
    /// Variables across all forms (the width of every Datalog row).
    let width: Int

    init(forms: [CompiledForm], width: Int) {
        self.forms = forms
        self.width = width
    }
}

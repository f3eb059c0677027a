/// Source text of a CEL expression as Unicode scalars, the unit upstream counts
/// positions in.
struct CELSource: Sendable {
    /// The original text.
    let text: String
    /// The text split into scalars; offsets index this array.
    let scalars: [Unicode.Scalar]
    /// Offsets at which each line starts (line 1 starts at 0).
    let lineStarts: [Int]

    /// The source of `text`, split into scalars and lines.
    init(_ text: String) {
        self.text = text
        scalars = Array(text.unicodeScalars)
        var starts = [0]
        for (index, scalar) in scalars.enumerated() where scalar == "\n" {
            starts.append(index + 1)
        }
        lineStarts = starts
    }

    /// 1-based line and 0-based column of an offset.
    func lineAndColumn(of offset: Int) -> (line: Int, column: Int) {
        var low = 0
        var high = lineStarts.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if lineStarts[mid] <= offset { low = mid } else { high = mid - 1 }
        }
        return (low + 1, offset - lineStarts[low])
    }

    /// The text of one 1-based line, without its terminator.
    func lineText(_ line: Int) -> String {
        guard line >= 1, line <= lineStarts.count else { return "" }
        let start = lineStarts[line - 1]
        var end = line < lineStarts.count ? lineStarts[line] - 1 : scalars.count
        if end > start, scalars[end - 1] == "\r" { end -= 1 }
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars[start..<max(start, end)])
        return String(view)
    }
}

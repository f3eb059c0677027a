extension CELLexer {
    /// An int, uint or double literal (CEL grammar `NUM_INT`, `NUM_UINT`, `NUM_FLOAT`).
    ///
    /// Like ANTLR, takes the longest match: `1.` followed by a non-digit is the int
    /// `1` and a dot, `1e` without exponent digits is `1` and the identifier `e`.
    mutating func scanNumber() throws(CELError) -> CELToken.Kind {
        let start = position
        if peek() == "0", peek(1) == "x" || peek(1) == "X", peek(2)?.isCELHexDigit ?? false {
            position += 2
            let digitsStart = position
            while peek()?.isCELHexDigit ?? false { position += 1 }
            let digits = text(digitsStart, position)
            let magnitude = UInt64(digits, radix: 16)
            if peek() == "u" || peek() == "U" {
                position += 1
                guard let magnitude else { throw error("For input string: \"\(digits)\" under radix 16", at: start) }
                return .uint(magnitude)
            }
            return .int(magnitude: magnitude, text: text(start, position))
        }
        var isDouble = false
        while peek()?.isCELDigit ?? false { position += 1 }
        if peek() == ".", peek(1)?.isCELDigit ?? false {
            isDouble = true
            position += 1
            while peek()?.isCELDigit ?? false { position += 1 }
        }
        if peek() == "e" || peek() == "E" {
            var look = 1
            if peek(1) == "+" || peek(1) == "-" { look = 2 }
            if peek(look)?.isCELDigit ?? false {
                isDouble = true
                position += look
                while peek()?.isCELDigit ?? false { position += 1 }
            }
        }
        let literal = text(start, position)
        if isDouble {
            guard let value = Double(literal) else { throw error("For input string: \"\(literal)\"", at: start) }
            return .double(value)
        }
        if peek() == "u" || peek() == "U" {
            position += 1
            guard let value = UInt64(literal) else { throw error("For input string: \"\(literal)\"", at: start) }
            return .uint(value)
        }
        return .int(magnitude: UInt64(literal), text: literal)
    }

    /// The source text between two offsets.
    func text(_ start: Int, _ end: Int) -> String {
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars[start..<end])
        return String(view)
    }
}

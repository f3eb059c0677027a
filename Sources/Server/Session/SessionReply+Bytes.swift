import Engine

/// The serialised reply, as the socket sends it.
extension SessionReply {
    /// The message as compact JSON bytes. A `refresh-ok` is spliced together from each
    /// computation's already-serialised result, shared by every session of the
    /// subscription, so a commit that refreshes many sessions serialises each changed
    /// result once (issue 7's fan-out target); everything else goes through `json`.
    var bytes: [UInt8] {
        guard case .refreshOK(let outcome) = self else { return json.jsonBytes }
        var out = Array(#"{"op":"refresh-ok","processed-tx-id":"#.utf8)
        out += (outcome.processedTxID.map { JSONValue.int($0) } ?? .null).jsonBytes
        out += Array(#","computations":["#.utf8)
        for (index, computation) in outcome.computations.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            out += Array(#"{"instaql-query":"#.utf8)
            out += computation.query.jsonBytes
            out += Array(#","instaql-result":"#.utf8)
            out += computation.resultBytes
            out.append(UInt8(ascii: "}"))
        }
        out.append(UInt8(ascii: "]"))
        if let attrs = outcome.attrs {
            out += Array(#","attrs":"#.utf8)
            out += JSONValue.array(attrs.map(\.json)).jsonBytes
        }
        out.append(UInt8(ascii: "}"))
        return out
    }
}

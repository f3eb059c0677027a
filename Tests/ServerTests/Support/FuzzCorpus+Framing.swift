import Engine

/// Inputs that attack the HTTP layer: garbage, byte mutations, truncation, oversized heads,
/// broken chunked framing, contradictory framing headers and bad credentials.
extension FuzzCorpus {
    /// Random bytes, sometimes starting like a request.
    mutating func garbage() -> [UInt8] {
        let prefix: [UInt8] =
            random.chance(0.4)
            ? Array(
                random.pick([
                    "GET ", "POST /admin/query HTTP/1.1\r\n", "\r\n", "HTTP/1.1 ", "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n",
                ]).utf8) : []
        return prefix + random.bytes(random.int(0...2048))
    }

    /// `bytes` with one to eight random edits: flipped bits, syntax bytes dropped in,
    /// deletions, duplications, insertions.
    mutating func mutate(_ bytes: [UInt8]) -> [UInt8] {
        var result = bytes
        let syntax: [UInt8] = [
            0x00, 0x09, 0x0A, 0x0D, 0x20, 0x22, 0x25, 0x2C, 0x2F, 0x30, 0x3A, 0x3B, 0x3F, 0x7B, 0x7F, 0xFF,
        ]
        for _ in 0..<random.int(1...8) {
            guard !result.isEmpty else {
                result = random.bytes(4)
                continue
            }
            let at = random.int(0...(result.count - 1))
            switch random.int(0...5) {
            case 0: result[at] ^= UInt8(1) << UInt8(random.int(0...7))
            case 1: result[at] = random.pick(syntax)
            case 2: result.removeSubrange(at..<min(result.count, at + random.int(1...16)))
            case 3: result.insert(contentsOf: result[at..<min(result.count, at + random.int(1...64))], at: at)
            case 4: result.insert(contentsOf: random.bytes(random.int(1...8)), at: at)
            default: result.insert(random.pick(syntax), at: at)
            }
        }
        return result
    }

    /// `bytes` cut short somewhere before its end.
    mutating func truncate(_ bytes: [UInt8]) -> [UInt8] {
        Array(bytes.prefix(random.int(1...max(1, bytes.count - 1))))
    }

    /// A request whose head exceeds the 64 KiB limit, or comes close to it.
    mutating func hugeHead() -> [UInt8] {
        let limit = 64 * 1024
        switch random.int(0...4) {
        case 0:
            return request(
                "GET", "/health", headers: [("X-Big", String(repeating: "a", count: limit + random.int(-200...5000)))])
        case 1:
            let many = (0..<random.int(1500...3000)).map { ("X-H\($0)", "0123456789abcdef0123") }
            return request("GET", "/health", headers: many)
        case 2:
            return request("GET", "/" + String(repeating: "p", count: limit + 10), headers: [])
        case 3:
            // No end of head at all: the parser must give up at the limit, not buffer forever.
            return Array("GET /health HTTP/1.1\r\nX-Endless: ".utf8)
                + Array(repeating: UInt8(ascii: "z"), count: limit * 2)
        default:
            return request(
                "POST", "/admin/query", headers: adminHeaders(), body: validQueryBody().jsonBytes,
                chunkSizes: [1, 1, 1])
                + Array("GET /health HTTP/1.1\r\nX: ".utf8) + Array(repeating: UInt8(ascii: "y"), count: limit + 1) + [
                    13, 10, 13, 10,
                ]
        }
    }

    /// A chunked request whose framing is broken: bad sizes, missing line ends, lying sizes,
    /// endless extensions or trailers.
    mutating func badChunks() -> [UInt8] {
        let headers = adminHeaders()
        let head = Array(
            ("POST \(adminPath("query", headers: headers)) HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n"
                + headers.map { "\($0.0): \($0.1)\r\n" }.joined() + "\r\n").utf8)
        let body = validQueryBody().jsonBytes
        let size = String(body.count, radix: 16)
        let framing: String
        switch random.int(0...11) {
        case 0: framing = "zz\r\n"
        case 1: framing = "-\(size)\r\n"
        case 2: framing = "fffffffffffffff\r\n"  // 15 hex digits: far over the body limit
        case 3: framing = "ffffffffffffffffffff\r\n"  // would overflow Int
        case 4: framing = "\(size);" + String(repeating: "e", count: 2000) + "\r\n"
        case 5: framing = " \r\n"
        case 6: framing = "\(String(body.count + 5, radix: 16))\r\n"  // claims more than it sends
        case 7: framing = "\(String(max(1, body.count - 5), radix: 16))\r\n"  // claims less
        case 8: framing = "\(size)\r\n"  // no chunk terminator follows: data, then garbage
        case 9: framing = "0x\(size)\r\n"
        case 10: framing = "\(size)\n"
        default: framing = "\(size) ; ext=\"q\"\r\n"
        }
        var bytes = head + Array(framing.utf8) + body
        switch random.int(0...4) {
        case 0: bytes += Array("\r\n0\r\n\r\n".utf8)
        case 1: bytes += Array("XX0\r\n\r\n".utf8)
        case 2: bytes += Array("\r\n0\r\n".utf8) + Array(repeating: UInt8(ascii: "t"), count: 70_000)  // endless trailer
        case 3: bytes += Array("\r\n0\r\nTrailer: x\r\n\r\n".utf8)
        default: break
        }
        return bytes
    }

    /// An admin request with a broken app id, token or impersonation header.
    mutating func badCredentialsRequest() -> [UInt8] {
        var headers: [(String, String)] = [("content-type", "application/json")]
        let badIDs = [
            "", " ", "not-a-uuid", target.appID.uppercased(), " \(target.appID) ", EntityID.random().uuidString,
            String(target.appID.dropLast()), target.appID + "0", "\u{7F}", "ÿÿ", "00000000-0000-0000-0000-000000000000",
            target.adminToken,
        ]
        let badTokens = [
            "", "Bearer", "Bearer ", "Bearer  ", "Bearer pat_", "Bearer per_x", "Bearer eyJhbGciOi", "Basic dXNlcjpw",
            "Bearer \(EntityID.random().uuidString)", "Bearer \(target.appID)", "Bearer \(target.adminToken) extra",
            "Bearer Bearer \(target.adminToken)", target.adminToken, "bearer \(target.adminToken)", "Bearer \u{1}",
        ]
        var path = random.pick(["/admin/query", "/admin/transact"])
        switch random.int(0...3) {
        case 0: headers.append((random.pick(["app-id", "app_id", "App-Id", "APP-ID"]), random.pick(badIDs)))
        case 1:
            path +=
                "?app_id="
                + random.pick([
                    "", "%", "%zz", "%00", "x&app_id=\(target.appID)", "\(target.appID)%20", "+",
                    EntityID.random().uuidString,
                ])
        case 2: headers.append(("app-id", target.appID))
        default: break
        }
        if random.chance(0.8) { headers.append(("authorization", random.pick(badTokens))) }
        if random.chance(0.3) {
            headers.append(
                random.pick([
                    ("as-token", "x"), ("as-token", EntityID.random().uuidString), ("as-email", "nobody@example.com"),
                    ("as-guest", "true"), ("as-email", ""),
                ]))
        }
        if random.chance(0.3) { headers.append(("authorization", "Bearer \(target.adminToken)")) }  // duplicated header
        let body = path.hasPrefix("/admin/query") ? validQueryBody() : validTransactBody()
        return request("POST", path, headers: headers, body: body.jsonBytes)
    }

    /// A request with contradictory or malformed framing headers, odd versions or methods.
    mutating func framingRequest() -> [UInt8] {
        let body = validQueryBody().jsonBytes
        let headers = adminHeaders().map { "\($0.0): \($0.1)\r\n" }.joined()
        let line: String
        switch random.int(0...3) {
        case 0: line = "POST /admin/query?app_id=\(target.appID) HTTP/1.1\r\n"
        case 1:
            line =
                "POST /admin/query?app_id=\(target.appID) "
                + random.pick(["HTTP/1.0", "HTTP/2.0", "HTTP/1.10", "HTTP/9", "http/1.1", "HTTP/1.1 x"]) + "\r\n"
        case 2:
            line =
                random.pick(["post", "P@ST", "", " POST", "POST  /admin/query HTTP/1.1", "POST\t/admin/query"])
                + " /admin/query HTTP/1.1\r\n"
        default: line = "POST http://127.0.0.1/admin/query?app_id=\(target.appID) HTTP/1.1\r\n"
        }
        let framing = random.pick([
            "Content-Length: \(body.count)\r\n", "Content-Length: \(body.count)\r\nContent-Length: \(body.count)\r\n",
            "Content-Length: \(body.count)\r\nContent-Length: \(body.count + 1)\r\n",
            "Content-Length: \(body.count), \(body.count)\r\n",
            "Content-Length: -\(body.count)\r\n", "Content-Length: +\(body.count)\r\n", "Content-Length: 0x10\r\n",
            "Content-Length: 99999999999999999999999\r\n", "Content-Length: 70000000\r\n", "Content-Length:\r\n",
            "Content-Length: \(body.count)\r\nTransfer-Encoding: chunked\r\n", "Transfer-Encoding: gzip\r\n",
            "Transfer-Encoding: chunked, chunked\r\n", "Transfer-Encoding: Chunked\r\n", "Transfer-Encoding: \r\n",
            "Content-Length : \(body.count)\r\n", " Content-Length: \(body.count)\r\n",
            "Content-Length: \(body.count)\r\n X-Folded: y\r\n",
            "Expect: 100-continue\r\nContent-Length: \(body.count)\r\n",
            "Expect: 100-continue\r\nTransfer-Encoding: chunked\r\n",
            "Connection: close, upgrade\r\nUpgrade: websocket\r\nContent-Length: \(body.count)\r\n",
        ])
        return Array((line + "Host: x\r\n" + headers + framing + "\r\n").utf8) + body
    }
}

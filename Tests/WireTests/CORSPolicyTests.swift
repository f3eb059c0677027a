import Testing

@testable import Wire

struct CORSPolicyTests {
    @Test(arguments: ["/runtime/auth/send_magic_code", "/storage/upload", "/no/such/route", "*"])
    func answersPreflightsOnAnyPath(path: String) throws {
        let request = HTTPRequest.make(
            method: .options, target: path,
            headers: [
                "Origin": "http://localhost:3000",
                "Access-Control-Request-Method": "POST",
                "Access-Control-Request-Headers": "content-type,app_id, authorization,PATH",
            ])
        let response = try #require(CORSPolicy.preflightResponse(for: request))
        #expect(response.status == .ok)
        #expect(response.headers["Access-Control-Allow-Origin"] == "http://localhost:3000")
        #expect(response.headers["Access-Control-Allow-Methods"] == "DELETE, GET, POST, PUT")
        #expect(response.headers["Access-Control-Allow-Headers"] == "App_id, Authorization, Content-Type, Path")
        #expect(response.headers["Vary"] == "origin, Access-Control-Request-Headers")
        #expect(response.headers["Access-Control-Max-Age"] == "600")
        #expect(response.headers["Cache-Control"] == "public, max-age=600")
        guard case .bytes(let body) = response.body else {
            Issue.record("expected a byte body")
            return
        }
        #expect(String(decoding: body, as: UTF8.self) == "preflight complete")
    }

    @Test(
        arguments: [
            ["Access-Control-Request-Method": "POST"],
            ["Origin": "http://app"],
            ["Origin": "http://app", "Access-Control-Request-Method": "PATCH"],
        ] as [HTTPHeaders])
    func leavesOtherOptionsRequestsToTheHandler(headers: HTTPHeaders) {
        #expect(CORSPolicy.preflightResponse(for: .make(method: .options, headers: headers)) == nil)
    }

    @Test func omitsAllowHeadersWhenNoneWereRequested() throws {
        let request = HTTPRequest.make(
            method: .options, headers: ["Origin": "http://app", "Access-Control-Request-Method": "get"])
        let response = try #require(CORSPolicy.preflightResponse(for: request))
        #expect(!response.headers.contains("Access-Control-Allow-Headers"))
    }

    @Test func echoesTheOriginOnActualRequests() {
        var response = HTTPResponse.json(Array("{}".utf8))
        CORSPolicy.addHeaders(to: &response, for: .make(method: .post, headers: ["origin": "https://example.com"]))
        #expect(response.headers["Access-Control-Allow-Origin"] == "https://example.com")
        #expect(response.headers["Access-Control-Allow-Methods"] == "DELETE, GET, POST, PUT")
        #expect(!response.headers.contains("Access-Control-Allow-Credentials"))
    }

    @Test func addsNothingWithoutAnOrigin() {
        var response = HTTPResponse.json(Array("{}".utf8))
        CORSPolicy.addHeaders(to: &response, for: .make())
        #expect(response.headers == ["Content-Type": HTTPResponse.jsonContentType])
    }
}

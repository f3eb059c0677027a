import Engine
import Wire

/// Converts between the socket layer's HTTP types and the routes' API types, so
/// neither `Wire` nor the routes know about the other.
enum HTTPBridge {
    static func apiRequest(_ request: HTTPRequest) -> APIRequest {
        let fields = request.headers.fields.map { (name: $0.name, value: $0.value) }
        var query: [String: String] = [:]
        for item in request.query where query[item.name] == nil { query[item.name] = item.value }
        return APIRequest(
            method: request.method.rawValue, path: request.path, query: query, fields: APIHeaders(fields),
            body: request.body)
    }

    static func httpResponse(_ response: APIResponse, for request: HTTPRequest) -> HTTPResponse {
        if let session = response.session { return session.upgradeResponse(for: request) }
        return httpResponse(response)
    }

    static func httpResponse(_ response: APIResponse) -> HTTPResponse {
        if let events = response.events { return HTTPResponse.eventStream(events) }
        if let page = response.page {
            return HTTPResponse(
                status: status(page.status),
                headers: HTTPHeaders(page.headers.map { HTTPHeaderField(name: $0.name, value: $0.value) }),
                body: .bytes(page.body))
        }
        return HTTPResponse.json(response.encodedBody ?? response.body.jsonBytes, status: status(response.status))
    }

    static func status(_ code: Int) -> HTTPStatus {
        switch code {
        case 200: .ok
        case 302: HTTPStatus(code: 302, reason: "Found")
        case 400: .badRequest
        case 401: .unauthorized
        case 404: .notFound
        case 429: HTTPStatus(code: 429, reason: "Too Many Requests")
        default: HTTPStatus(code: code, reason: "Error")
        }
    }
}

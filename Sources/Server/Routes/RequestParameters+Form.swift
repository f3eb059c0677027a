import Engine
import Wire

extension RequestParameters {
    /// The body of `request` as upstream's `params` sees it: form fields when it is
    /// `application/x-www-form-urlencoded` (OAuth clients post the token request that
    /// way, protocol-http §9.6), else the JSON body, or an empty one when there is none.
    static func formOrOptionalBody(of request: APIRequest) throws(InstantError) -> RequestParameters {
        let mediaType = request.headers["content-type"]?.split(separator: ";").first?.lowercased()
            .filter { $0 != " " && $0 != "\t" }
        guard mediaType == "application/x-www-form-urlencoded" else { return try optionalBody(of: request) }
        var object = JSONObject()
        let fields = HTTPQuery(encoded: Substring(decoding: request.body, as: UTF8.self))
        for item in fields where object[item.name] == nil {
            object[item.name] = .string(item.value)
        }
        return RequestParameters(part: "body", values: object)
    }
}

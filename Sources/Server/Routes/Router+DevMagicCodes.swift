import Engine

/// `GET /dev/magic_codes?app_id=<app>[&email=<email>]`: the magic codes this process
/// issued for an app, oldest first, so scripts and browser tests can sign in without
/// reading the console. Local-only convenience with no upstream counterpart; it needs no
/// token, like the console line it mirrors.
extension Router {
    func devMagicCodes(_ request: APIRequest) throws(InstantError) -> APIResponse {
        let params = RequestParameters.query(of: request)
        let appID = try params.required("app_id", RequestParameters.uuid)
        let email = try params.optional("email", RequestParameters.email)
        let codes = magicCodes.entries(app: appID, email: email).map { entry -> JSONValue in
            [
                "email": .string(entry.email), "code": .string(entry.code),
                "created_at": .string(AppUser.timestampText(entry.issuedAt)),
            ]
        }
        return APIResponse(body: ["codes": .array(codes)])
    }
}

/// What the fuzz generators may aim at: the app whose id and token they use for requests
/// that should get past authentication.
struct FuzzTarget: Sendable {
    var appID: String
    var adminToken: String
}

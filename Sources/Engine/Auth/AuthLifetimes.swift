/// How long one-time secrets stay valid, as upstream's defaults.
public enum AuthLifetimes {
    /// Magic codes: the app's magic-code lifetime, upstream default 1440 minutes (§8.2).
    public static let magicCodeMilliseconds: Int64 = 1440 * 60 * 1000
    /// OAuth codes: five minutes (`app-oauth-code/expired?`).
    public static let oauthCodeMilliseconds: Int64 = 5 * 60 * 1000
    /// OAuth redirects (the page between start and callback): ten minutes.
    public static let oauthRedirectMilliseconds: Int64 = 10 * 60 * 1000
}

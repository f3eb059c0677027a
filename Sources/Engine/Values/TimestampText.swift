/// Row timestamps as upstream's JSON encoder writes them.
public enum TimestampText {
    /// `2025-05-04T09:30:12Z`: whole seconds (floored), UTC (protocol-http §1.3), as
    /// `created_at` of apps, users and magic codes. Plain calendar arithmetic shared with
    /// CEL's timestamps, not a date formatter: an app list renders one per row.
    public static func wholeSecondsUTC(milliseconds: Int64) -> String {
        CELTimestamp(seconds: CELTimestamp(milliseconds: milliseconds).seconds).formatted
    }
}

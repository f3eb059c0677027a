import Foundation
import Testing

import Engine

@testable import Server

/// The app row as clients read it (protocol-http §12.2).
@Suite struct AppRecordTests {
    @Test(arguments: [0, 999, 1_000, 951_782_400_000, 1_746_351_012_345, 4_102_444_799_000, 1_709_164_800_000])
    func createdAtIsISO8601UTCWithSeconds(_ ms: Int64) {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        #expect(TimestampText.wholeSecondsUTC(milliseconds: ms) == formatter.string(from: Date(timeIntervalSince1970: Double(ms / 1000))))
    }
}

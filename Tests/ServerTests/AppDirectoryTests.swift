import Engine
import Foundation
import TestSupport
import Testing

@testable import Server

/// The app list on disk: `apps.json` plus the append-only journal (issue #6 item 3: a second
/// start on the same data dir finds the same default app).
@Suite struct AppDirectoryTests {
    func record(_ title: String, at time: Int64) -> AppRecord {
        AppRecord(id: .random(), title: title, adminToken: .random(), createdAt: time)
    }

    @Test func changesSurviveReopening() throws {
        let directory = try RepositoryPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let first = try AppDirectory(dataDirectory: directory)
        let main = try first.defaultApp(now: 1)
        let kept = record("kept", at: 2)
        let dropped = record("dropped", at: 3)
        #expect(try first.insert(kept))
        #expect(try first.insert(dropped))
        #expect(try first.insert(kept) == false)
        #expect(try first.rename(kept.id, title: "renamed")?.title == "renamed")
        #expect(try first.remove(dropped.id)?.id == dropped.id)

        for _ in 0..<2 {  // the second reopen reads the folded apps.json alone
            let reopened = try AppDirectory(dataDirectory: directory)
            #expect(try reopened.defaultApp(now: 9) == main)
            #expect(reopened.all.map(\.title) == ["instant-local", "renamed"])
            #expect(reopened.app(dropped.id) == nil)
        }
        let journal = try Data(contentsOf: directory.appendingPathComponent("apps.journal"))
        #expect(journal.isEmpty)
    }

    @Test func compactFoldsTheJournalAndLaterChangesStillCount() throws {
        let directory = try RepositoryPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let apps = try AppDirectory(dataDirectory: directory)
        let before = record("before", at: 1)
        let after = record("after", at: 2)
        try apps.insert(before)
        try apps.compact()
        #expect(try Data(contentsOf: directory.appendingPathComponent("apps.journal")).isEmpty)
        let list = try JSONParser.parse(Array(Data(contentsOf: directory.appendingPathComponent("apps.json"))))
        #expect(list["apps"]?.arrayValue?.count == 1)
        try apps.insert(after)
        #expect(try AppDirectory(dataDirectory: directory).all.map(\.id) == [before.id, after.id])
    }

    @Test func tornLastJournalLineIsIgnored() throws {
        let directory = try RepositoryPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let first = try AppDirectory(dataDirectory: directory)
        let kept = record("kept", at: 1)
        try first.insert(kept)
        let handle = try FileHandle(forWritingTo: directory.appendingPathComponent("apps.journal"))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(#"{"insert":{"id":"#.utf8))
        try handle.close()
        let reopened = try AppDirectory(dataDirectory: directory)
        #expect(reopened.all.map(\.id) == [kept.id])
    }

    @Test func unreadableListIsAnError() throws {
        let directory = try RepositoryPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try Data("not json".utf8).write(to: directory.appendingPathComponent("apps.json"))
        #expect(throws: AppDirectory.Failure.self) { try AppDirectory(dataDirectory: directory) }
    }
}

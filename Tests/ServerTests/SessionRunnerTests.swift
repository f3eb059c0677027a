import Engine
import Testing

@testable import Server

/// A session's runner at shutdown, when the detach can run while an input is suspended
/// inside the (reentrant) runner.
@Suite(.timeLimit(.minutes(1)))
struct SessionRunnerTests {
    @Test func anInitStillRunningWhenTheSessionDetachesLeavesNothingAttached() async throws {
        let registry = AppRegistry(directory: nil)
        let storage = GatedStorage(registry: registry)
        let apps = try AppDirectory(dataDirectory: nil)
        let app = try apps.defaultApp(now: 0)
        let scheduler = SessionScheduler()
        let session = EntityID.random()
        let inbox = SessionInbox(key: SessionQueueKey(app: nil, session: session), scheduler: scheduler)
        let runner = SessionRunner(
            lane: SessionLane(
                id: session, host: SessionHost(apps: apps, storage: storage, scheduler: scheduler),
                connection: SSEOutlet(), inbox: inbox))
        let initialize: JSONValue = ["op": "init", "client-event-id": "e1", "app-id": JSONValue(app.id)]
        let input = SessionWork(
            kind: .input(.message(.text(initialize.jsonString))), queuedAtTurn: 0, backlogAtQueueing: 0)
        let handling = Task { await runner.handle(input, takenAtTurn: 0) }
        // The init is now suspended loading the app: the detach runs in between.
        var arrivals = storage.arrivals.makeAsyncIterator()
        _ = await arrivals.next()
        await runner.handle(SessionWork(kind: .detach, queuedAtTurn: 0, backlogAtQueueing: 0), takenAtTurn: 0)
        storage.open()
        await handling.value
        let database = try await registry.database(app: app.id)
        #expect(database.queryStoreStatistics.sessions == 0)
        // Later input is refused: it cannot attach the session again.
        await runner.handle(input, takenAtTurn: 0)
        #expect(database.queryStoreStatistics.sessions == 0)
        await scheduler.shutdown()
    }
}

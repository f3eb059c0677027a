import Synchronization
import Testing

@testable import Server

/// Serial per group, concurrent and fair across groups (server-architecture §5.1), with
/// real workers. Fairness is asserted on the recorded order, never on timing.
struct GroupedQueueTests {
    /// What the workers did, in the order they did it.
    final class Log: Sendable {
        private let events = Mutex<[String]>([])
        private let inFlight = Mutex<[String: Int]>([:])
        private let overlaps = Mutex(0)

        func start(_ group: String) {
            inFlight.withLock { running in
                running[group, default: 0] += 1
                if running[group, default: 0] > 1 { overlaps.withLock { $0 += 1 } }
            }
        }

        func end(_ group: String, _ label: String) {
            inFlight.withLock { $0[group, default: 1] -= 1 }
            events.withLock { $0.append(label) }
        }

        var order: [String] { events.withLock { $0 } }
        var overlapCount: Int { overlaps.withLock { $0 } }
    }

    /// Runs the queue's workers while `body` puts items, then finishes and drains it.
    func drive<Item: Sendable>(
        _ queue: GroupedQueue<String, Item>, _ body: @Sendable () async -> Void
    ) async {
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await queue.run() }
            await body()
            queue.finish()
        }
    }

    @Test func itemsOfAGroupRunOneAtATimeInPutOrder() async {
        let log = Log()
        let queue = GroupedQueue<String, Int>(workers: 4) { group, item in
            log.start(group)
            await Task.yield()
            log.end(group, "\(group):\(item)")
        }
        let groups = (0..<12).map { "g\($0)" }
        await drive(queue) {
            await withTaskGroup(of: Void.self) { producers in
                for group in groups {
                    producers.addTask {
                        for item in 0..<100 {
                            #expect(queue.put(item, in: group) == .queued)
                            if item % 7 == 0 { await Task.yield() }
                        }
                    }
                }
            }
        }
        let order = log.order
        #expect(order.count == groups.count * 100)
        #expect(log.overlapCount == 0)
        for group in groups {
            let items = order.filter { $0.hasPrefix(group + ":") }
            #expect(items == (0..<100).map { "\(group):\($0)" })
        }
        #expect(queue.activeGroupCount == 0)
    }

    @Test func oneWorkerAlternatesBetweenBusyGroups() async {
        let log = Log()
        let queue = GroupedQueue<String, Int>(workers: 1) { group, item in
            log.end(group, "\(group)\(item)")
        }
        // Queued before any worker runs, so the order is fully determined.
        for item in 1...3 {
            for group in ["a", "b", "c"] { queue.put(item, in: group) }
        }
        await drive(queue) {}
        #expect(log.order == ["a1", "b1", "c1", "a2", "b2", "c2", "a3", "b3", "c3"])
    }

    @Test func turnsGoRoundRobinAcrossFairnessClassesFirst() async {
        let log = Log()
        // Groups "a…" share class "a" (an app with three busy sessions), "b1" is alone.
        let queue = GroupedQueue<String, Int>(
            workers: 1, fairness: { String($0.prefix(1)) },
            process: { group, item in log.end(group, "\(group):\(item)") })
        for item in 1...2 {
            for group in ["a1", "a2", "a3"] { queue.put(item, in: group) }
        }
        queue.put(1, in: "b1")
        queue.put(2, in: "b1")
        await drive(queue) {}
        // Class a and class b alternate; within a, its sessions take turns.
        #expect(log.order == ["a1:1", "b1:1", "a2:1", "b1:2", "a3:1", "a1:2", "a2:2", "a3:2"])
    }

    @Test func anItemPutIgnoringTheLimitIsQueuedPastIt() async {
        let queue = GroupedQueue<String, Int>(workers: 1, maxWaitingPerGroup: 1) { _, _ in }
        #expect(queue.put(1, in: "g") == .queued)
        #expect(queue.put(2, in: "g") == .groupFull)
        #expect(queue.put(3, in: "g", ignoringLimit: true) == .queued)
        #expect(queue.waitingCount == 2)
        await drive(queue) {}
        #expect(queue.waitingCount == 0)
    }

    @Test(arguments: [1, 2, 4])
    func aFloodDoesNotDelayAnotherGroupsItem(workers: Int) async {
        let log = Log()
        let queue = Mutex<GroupedQueue<String, Int>?>(nil)
        let flood = GroupedQueue<String, Int>(workers: workers) { group, item in
            // While the flood's 10th item runs, a quiet group gets one item.
            if group == "flood" && item == 10 {
                _ = queue.withLock { $0 }?.put(0, in: "quiet")
            }
            await Task.yield()
            log.end(group, "\(group)\(item)")
            // Stop taking puts once the quiet item is through; the flood still drains.
            if group == "quiet" { queue.withLock { $0 }?.finish() }
        }
        queue.withLock { $0 = flood }
        for item in 0..<500 { flood.put(item, in: "flood") }
        await flood.run()
        let order = log.order
        let quiet = order.firstIndex(of: "quiet0") ?? .max
        let tenth = order.firstIndex(of: "flood10") ?? 0
        // The flood is serial, so at most the item in flight and one more can finish first.
        #expect(quiet <= tenth + 2)
        #expect(order.count == 501)
    }

    @Test func consecutiveWaitingItemsCombine() async {
        let processed = Mutex<[Int]>([])
        let queue = GroupedQueue<String, Int>(
            workers: 1, combine: { $0 + $1 }, process: { _, item in processed.withLock { $0.append(item) } })
        for _ in 0..<10 { queue.put(1, in: "refresh") }
        await drive(queue) {}
        // All ten were waiting when the worker took the head, so they fold into one.
        #expect(processed.withLock { $0 } == [10])
    }

    @Test func aGroupBeyondItsBoundRefusesItems() async {
        let queue = GroupedQueue<String, Int>(workers: 1, maxWaitingPerGroup: 3) { _, _ in }
        #expect((0..<4).map { queue.put($0, in: "slow") } == [.queued, .queued, .queued, .groupFull])
        #expect(queue.put(0, in: "other") == .queued)
        await drive(queue) {}
        #expect(queue.put(9, in: "slow") == .finished)
        #expect(queue.waitingCount == 0)
    }

    @Test func cancellingRunStopsIdleWorkers() async {
        let queue = GroupedQueue<String, Int>(workers: 3) { _, _ in }
        let task = Task { await queue.run() }
        task.cancel()
        await task.value
        #expect(queue.put(1, in: "late") == .finished)
    }
}

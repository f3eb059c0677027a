/// Owns one session's lane between turns. The session queue hands it one item at a time
/// (never two at once for one session), so the lane's state needs no lock; the actor only
/// gives that state a single owner across the suspension points of a turn.
actor SessionRunner {
    /// The session's shell.
    private var lane: SessionLane
    /// The most recent item's wait, for the scheduler's statistics.
    private(set) var lastWait: SessionWait?

    init(lane: SessionLane) {
        self.lane = lane
    }

    /// Handles one item completely.
    func handle(_ work: SessionWork, takenAtTurn turn: Int) async {
        lastWait = SessionWait(turns: turn - work.queuedAtTurn, backlog: work.backlogAtQueueing)
        switch work.kind {
        case .input(let input):
            // The lane is a value: run it on a copy across the suspension, then keep it.
            var working = lane
            await working.handle(input)
            lane = working
        case .detach:
            lane.detach()
        }
    }
}

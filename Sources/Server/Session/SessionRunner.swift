/// Owns one session's lane between turns. The session queue hands it one item at a time
/// (never two at once for one session), so the lane's state needs no lock; the actor only
/// gives that state a single owner across the suspension points of a turn.
///
/// The one exception is shutdown: `SessionInbox.finish()` runs the detach itself once the
/// queue has stopped, possibly while a worker's input is suspended inside this actor (it
/// is reentrant). So a detached runner refuses further input, and an input that was in
/// flight when the detach ran detaches its own copy of the lane, which may have attached
/// or subscribed after the detach.
actor SessionRunner {
    /// The session's shell.
    private var lane: SessionLane
    /// The most recent item's wait, for the scheduler's statistics.
    private(set) var lastWait: SessionWait?
    /// Set by the detach; no input is handled after it.
    private var isDetached = false

    init(lane: SessionLane) {
        self.lane = lane
    }

    /// Handles one item completely.
    func handle(_ work: SessionWork, takenAtTurn turn: Int) async {
        lastWait = SessionWait(turns: turn - work.queuedAtTurn, backlog: work.backlogAtQueueing)
        switch work.kind {
        case .input(let input):
            guard !isDetached else { return }
            // The lane is a value: run it on a copy across the suspension, then keep it.
            var working = lane
            await working.handle(input)
            if isDetached {
                working.detach()
            } else {
                lane = working
            }
        case .detach:
            isDetached = true
            lane.detach()
        }
    }
}

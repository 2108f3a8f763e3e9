import AWSClient
import Foundation
import OrderDeckCore
import Synchronization

/// A clock that moves only when a test advances it: sleepers wake in deadline order, so a
/// refresh schedule, a back-off or a note's expiry is tested in microseconds, not seconds.
public final class ManualClock: AppClock {
    private struct Sleeper {
        var id: Int
        var deadline: Date
        var continuation: CheckedContinuation<Void, any Error>
    }

    private struct State {
        var now: Date
        var nextId = 0
        var sleepers: [Sleeper] = []
        var cancelled: Set<Int> = []
        var parkWaiters: [(count: Int, continuation: CheckedContinuation<Void, Never>)] = []

        /// Waiters whose count of parked sleepers has been reached, taken out of the list.
        mutating func reachedWaiters() -> [CheckedContinuation<Void, Never>] {
            let reached = parkWaiters.filter { $0.count <= sleepers.count }.map(\.continuation)
            parkWaiters.removeAll { $0.count <= sleepers.count }
            return reached
        }
    }

    private let state: Mutex<State>

    public init(now: Date = Date(timeIntervalSince1970: 1_795_421_900)) { state = Mutex(State(now: now)) }

    public func now() -> Date { state.withLock { $0.now } }

    /// Tasks waiting on this clock now.
    public var sleeperCount: Int { state.withLock { $0.sleepers.count } }

    public func sleep(for duration: Duration) async throws {
        let id = state.withLock { state -> Int in
            state.nextId += 1
            return state.nextId
        }
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                let (outcome, reached) = state.withLock {
                    state -> (Result<Void, any Error>?, [CheckedContinuation<Void, Never>]) in
                    if state.cancelled.remove(id) != nil { return (.failure(CancellationError()), []) }
                    let deadline = state.now.addingTimeInterval(duration.seconds)
                    if deadline <= state.now { return (.success(()), []) }
                    state.sleepers.append(Sleeper(id: id, deadline: deadline, continuation: continuation))
                    return (nil, state.reachedWaiters())
                }
                for waiter in reached { waiter.resume() }
                if let outcome { continuation.resume(with: outcome) }
            }
        } onCancel: {
            let sleeper = state.withLock { state -> Sleeper? in
                guard let index = state.sleepers.firstIndex(where: { $0.id == id }) else {
                    state.cancelled.insert(id)
                    return nil
                }
                return state.sleepers.remove(at: index)
            }
            sleeper?.continuation.resume(throwing: CancellationError())
        }
    }

    /// Returns once at least `count` tasks wait on this clock (they have finished what they were
    /// doing and parked): then advancing the clock wakes all of them.
    public func waitUntilParked(_ count: Int) async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let ready = state.withLock { state -> Bool in
                if state.sleepers.count >= count { return true }
                state.parkWaiters.append((count, continuation))
                return false
            }
            if ready { continuation.resume() }
        }
    }

    /// Moves time forward and wakes every sleeper whose deadline has come, earliest first.
    public func advance(by duration: Duration) {
        let due = state.withLock { state -> [Sleeper] in
            state.now = state.now.addingTimeInterval(duration.seconds)
            let now = state.now
            let due = state.sleepers.filter { $0.deadline <= now }.sorted { $0.deadline < $1.deadline }
            state.sleepers.removeAll { $0.deadline <= now }
            return due
        }
        for sleeper in due { sleeper.continuation.resume() }
    }
}

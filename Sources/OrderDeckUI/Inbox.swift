import OrderDeckCore
import Synchronization

/// What background work reports to the dashboard.
public enum DashboardUpdate: Sendable {
    case machines([MachineInfo])
    case orders([Order], moreAvailable: Bool, loading: Bool)
    case executions(machine: String, [Execution])
    case detail(Execution, [ExecutionEvent])
    case logs([TailedEvent])
    case submitted(Submission)
    case submissions([Submission])
    case problem(String)
    case refreshState(String)
}

/// The hand-over point between background tasks and the terminal thread: tasks post, the
/// terminal loop drains. Posting wakes the loop, so it never polls on a timer.
public final class Inbox: Sendable {
    private let pending = Mutex<[DashboardUpdate]>([])
    private let wake: @Sendable () -> Void

    public init(wake: @escaping @Sendable () -> Void) { self.wake = wake }

    public func post(_ update: DashboardUpdate) {
        pending.withLock { $0.append(update) }
        wake()
    }

    public func drain() -> [DashboardUpdate] {
        pending.withLock { updates in
            defer { updates.removeAll() }
            return updates
        }
    }
}

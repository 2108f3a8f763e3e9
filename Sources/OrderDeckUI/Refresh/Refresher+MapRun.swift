import Foundation
import OrderDeckCore

extension Refresher {
    /// Children the Map Run screen lists (ListExecutions' largest page): a run of more says so.
    static let mapRunChildLimit = 1000

    /// Reads the watched Map Run now, then at the watching cadence while it runs.
    func startWatchingMapRun() {
        guard let arn = watchedMapRun else { return }
        loop(.mapRun, RefreshPolicy(base: policy.watching, watching: policy.watching)) {
            try await self.loadMapRun(arn)
        }
    }

    /// One read; a failure is said on the screen (and retried on the policy's back-off).
    func loadMapRun(_ arn: String) async throws -> RunResult {
        let detail: MapRunDetail
        do {
            detail = try await source.mapRun(arn, childLimit: Self.mapRunChildLimit)
        } catch {
            if !(error is CancellationError) { post(.mapRunFailed(arn, LoadFailure(error).message)) }
            throw error
        }
        guard watchedMapRun == arn else { return .done }
        post(.mapRun(detail))
        let running = detail.run.status == .running || detail.children.contains { $0.status == .running }
        return running ? .again(.changed, watchingRunning: true) : .done
    }
}

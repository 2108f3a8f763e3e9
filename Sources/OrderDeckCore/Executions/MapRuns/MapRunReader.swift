import AWSClient
import AWSServices
import Foundation

/// An execution's Map Runs and a Map Run's child executions, read through the Step Functions
/// API: ListMapRuns, DescribeMapRun, and ListExecutions by `mapRunArn`. What `history --map-run`,
/// `executions --map-run` and the dashboard's Map Run screen show.
public struct MapRunReader: Sendable {
    public let session: StackSession

    public init(session: StackSession) { self.session = session }

    /// One Map Run, described.
    public func describe(_ arn: String) async throws -> MapRun {
        MapRun(try await session.stepFunctions.describeMapRun(arn))
    }

    /// The ARNs of an execution's Map Runs, in the order they started (ListMapRuns, every page).
    /// An Express execution has none: a distributed Map runs only in a Standard workflow.
    public func runArns(of executionArn: String) async throws -> [String] {
        if ExecutionARN(executionArn).isExpress {
            throw CoreError.invalidInput(
                "\(Execution.name(fromArn: executionArn)) is an Express execution: a distributed Map (and so a Map Run) runs only in a Standard workflow"
            )
        }
        let listed = try await session.stepFunctions.listMapRuns(executionArn: executionArn).collect()
            .flatMap { $0 }
        return listed.sorted { $0.startDate < $1.startDate }.map(\.mapRunArn)
    }

    /// An execution's Map Runs, each described, in the order they started.
    public func runs(of executionArn: String) async throws -> [MapRun] {
        var runs: [MapRun] = []
        for arn in try await runArns(of: executionArn) { runs.append(try await describe(arn)) }
        return runs
    }

    /// Calls `body` with a Map Run's child executions a page at a time, newest first (it returns
    /// false to stop); at most `limit` in all.
    public func forEachChildPage(
        of mapRunArn: String, status: String? = nil, limit: Int? = nil, _ body: ([Execution]) async throws -> Bool
    ) async throws {
        var count = 0
        for try await page in session.stepFunctions.listExecutions(
            mapRunArn: mapRunArn, statusFilter: status,
            pageSize: min(limit ?? ExecutionStore.largestPage, ExecutionStore.largestPage))
        {
            let children = page.prefix(limit.map { $0 - count } ?? page.count).map(Self.child)
            count += children.count
            guard try await body(children), limit.map({ count < $0 }) ?? true else { return }
        }
    }

    /// A child as a list row: its machine is the Map Run's (`MACHINE/LABEL`), named in its ARN.
    static func child(_ item: StepFunctions.ExecutionListItem) -> Execution {
        Execution(listItem: item, machineName: ExecutionARN(item.executionArn).machineName ?? "")
    }

    /// The run and up to `childLimit` of its children; a listing that fails leaves the counts
    /// standing and says why.
    public func detail(_ mapRunArn: String, childLimit: Int = 1000) async throws -> MapRunDetail {
        let run = try await describe(mapRunArn)
        var children: [Execution] = []
        do {
            try await forEachChildPage(of: mapRunArn, limit: childLimit + 1) { page in
                children += page
                return true
            }
        } catch is CancellationError {
            throw CancellationError()
        } catch {
            return MapRunDetail(run: run, children: [], childrenProblem: LoadFailure(error).message)
        }
        let more = children.count > childLimit
        return MapRunDetail(run: run, children: Array(children.prefix(childLimit)), moreChildren: more)
    }
}

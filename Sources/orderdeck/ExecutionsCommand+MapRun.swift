import ArgumentParser
import Foundation
import OrderDeckCore

extension ExecutionsCommand {
    /// `--map-run` lists one Map Run's children: no machine to choose.
    func validateMapRun() throws {
        guard let mapRun else { return }
        if machine != nil { throw ValidationError("--map-run lists a Map Run's child executions: give no --machine") }
        try check(mapRun)
    }

    /// `--map-run ARN`: the Map Run's child executions (ListExecutions by `mapRunArn`), the
    /// executions listing's rows and JSON.
    func listChildren(of mapRun: MapRunArgument, session: StackSession, status: String?) async throws {
        var printer = ListingPrinter.executions(format: output)
        try await MapRunReader(session: session).forEachChildPage(
            of: mapRun.text, status: status, limit: limit > 0 ? limit : nil
        ) { page in
            printer.add(page)
            return true
        }
        printer.finish()
    }
}

extension HistoryCommand {
    /// `history --map-run` prints Map Runs, not a history: nothing else that shapes one.
    func validateMapRuns() throws {
        guard mapRuns else { return }
        if file != nil { throw ValidationError("--map-run reads Map Runs from the account: give no --file") }
        if events || drill != nil { throw ValidationError("--map-run lists Map Runs: give no --events or --drill") }
    }

    /// Each target's Map Runs (ListMapRuns, each described), in the order given.
    func printMapRuns(_ names: [String], session: StackSession) async throws {
        let resolver = ExecutionResolver(session: session, store: ExecutionStore(session: session))
        let reader = MapRunReader(session: session)
        for (index, name) in names.enumerated() {
            let arn = try await resolver.arn(for: name)
            let runs = try await reader.runs(of: arn)
            if output == .json {
                print(JSONOutput.mapRuns(of: arn, runs).description)
            } else {
                if index > 0 { print("") }
                print(MapRunText.runs(of: arn, runs))
            }
        }
    }
}

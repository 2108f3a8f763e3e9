import OrderDeckCore

extension Refresher {
    /// An execution replayed on the local engine through the source (which starts the engine on
    /// first use); its report, or why it could not run, goes to the Diff screen.
    func replay(_ arn: ExecutionARN) async {
        do {
            let report = try await source.replay(arn)
            post(.replayed(report))
        } catch {
            if !(error is CancellationError) { post(.replayFailed(arn, LoadFailure(error).message)) }
        }
    }

    /// What a Lambda function logged while a Task state ran, or why it could not be read.
    func readFunctionLogs(_ window: FunctionLogWindow) async {
        do {
            post(.functionLogs(window, try await source.functionLogs(window)))
        } catch {
            if !(error is CancellationError) { post(.functionLogsFailed(window, LoadFailure(error).message)) }
        }
    }
}

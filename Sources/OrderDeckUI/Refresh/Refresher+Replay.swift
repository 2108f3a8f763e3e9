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
}

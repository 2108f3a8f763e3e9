import OrderDeckCore

extension Refresher {
    /// Both histories for the Diff screen, read at the same time; one that cannot be read is said.
    func loadDiff(_ a: ExecutionARN, _ b: ExecutionARN) async {
        let source = self.source
        do {
            async let first = source.execution(a)
            async let second = source.execution(b)
            let (x, y) = try await (first, second)
            post(.diffHistories(a: (x.execution, x.events), b: (y.execution, y.events)))
        } catch {
            if !(error is CancellationError) { post(.diffFailed(a, b, LoadFailure(error).message)) }
        }
    }
}

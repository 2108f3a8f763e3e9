import OrderDeckCore

extension ExecutionsScreen {
    /// An execution read in full, with the version and alias its listing gave when its history
    /// did not say (an engine whose `ExecutionStarted` leaves them out: LocalStack's), so the
    /// Execution screen says what the list said.
    func withKnownRevision(_ detail: Execution) -> Execution {
        guard detail.version == nil, detail.alias == nil,
            let listed = byMachine[detail.machineName]?.first(where: { $0.arn == detail.arn })
        else { return detail }
        var known = detail
        known.version = listed.version
        known.alias = listed.alias
        return known
    }
}

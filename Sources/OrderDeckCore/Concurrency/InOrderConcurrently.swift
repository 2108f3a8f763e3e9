/// Runs `work` over `items` with at most `concurrency` in flight and hands each result to `body`
/// in the items' order, as soon as its turn comes (not after the last arrives): `history` of many
/// ids and the bulk redrive's checks both read a few at a time and answer in the order given.
func inOrderConcurrently<Item: Sendable, Result: Sendable>(
    _ items: [Item], concurrency: Int, _ work: @escaping @Sendable (Item) async throws -> Result,
    _ body: (Result) throws -> Void
) async throws {
    try await withThrowingTaskGroup(of: (Int, Result).self) { group in
        var arrived: [Int: Result] = [:]
        var next = 0
        var due = 0
        func startNext() {
            guard next < items.count else { return }
            let index = next
            let item = items[index]
            next += 1
            group.addTask { (index, try await work(item)) }
        }
        for _ in 0..<max(1, concurrency) { startNext() }
        while let (index, result) = try await group.next() {
            arrived[index] = result
            while let ready = arrived.removeValue(forKey: due) {
                try body(ready)
                due += 1
            }
            startNext()
        }
    }
}

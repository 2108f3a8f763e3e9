import Foundation

/// Waits for background work a test has set off (a refresh the clock woke): yields until
/// `condition` holds. Nothing sleeps; the wall-clock limit only turns a hang into a failure.
public func eventually(
    _ limit: Duration = .seconds(5), _ condition: () async -> Bool
) async -> Bool {
    let deadline = ContinuousClock.now + limit
    while ContinuousClock.now < deadline {
        if await condition() { return true }
        await Task.yield()
    }
    return await condition()
}

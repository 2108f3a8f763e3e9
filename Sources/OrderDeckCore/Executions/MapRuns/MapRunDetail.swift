import Foundation

/// A Map Run with its child executions, as the dashboard shows it: the run described, and the
/// children listed (ListExecutions by `mapRunArn`) — or why they could not be, since the counts
/// are worth showing even where the listing fails.
public struct MapRunDetail: Sendable, Hashable {
    public var run: MapRun
    /// Newest first, at most the limit asked for.
    public var children: [Execution]
    /// More children exist than were listed.
    public var moreChildren: Bool
    /// Why the children are not listed (the service's answer), when they are not.
    public var childrenProblem: String?

    public init(run: MapRun, children: [Execution], moreChildren: Bool = false, childrenProblem: String? = nil) {
        self.run = run
        self.children = children
        self.moreChildren = moreChildren
        self.childrenProblem = childrenProblem
    }
}

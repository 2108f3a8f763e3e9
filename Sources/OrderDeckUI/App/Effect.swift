import OrderDeckCore

/// What only the outside world can do; keys return these and the dashboard carries them out.
public enum Effect: Sendable, Equatable {
    case quit
    /// Load this execution, again while it runs.
    case watch(ExecutionARN)
    case stopWatching
    /// Read this Map Run (and its children), again while it runs.
    case watchMapRun(String)
    case stopWatchingMapRun
    case submit(JSONValue, FrontDoor?)
    /// Send a journaled submission again (same order id).
    case resend(String)
    case copy(String)
    case refresh
    /// Read one order by key (it is not among the loaded rows).
    case findOrder(OrderID, userId: String?)
    /// Page in the orders just older than the window holds (the operator scrolled past the end).
    case loadOlderOrders
    /// Leave this stack's dashboard and open the named stack's (`:stack NAME`).
    case switchStack(String)
    /// Open this text in the operator's editor; the result comes back through `applyEditedTemplate`.
    case editTemplate(String)
    /// Write what was on screen to a file (`summary`: "40 orders"); the note says where.
    case export(path: String, text: String, summary: String)
    /// StopExecution, with the error and cause the operator gave (after confirming).
    case stop(ExecutionARN, error: String?, cause: String?)
    /// RedriveExecution for each (after confirming), one after another.
    case redrive([ExecutionARN])
    /// Work out the Overview's figures from what is loaded, off the terminal thread.
    case workOutOverview
    /// Match a regular-expression filter over the orders off the terminal thread (replacing any
    /// such work under way: the filter changed).
    case filterOrders(OrderFilterJob)
    /// Read both executions' histories and compare them (the Diff screen).
    case diff(ExecutionARN, ExecutionARN)
    /// Replay an execution on the local engine from its recording and compare (the Diff screen).
    case replay(ExecutionARN)
    /// Read what a Lambda function logged while a Task state ran (shown in the inspector).
    case functionLogs(FunctionLogWindow)
}

import AWSClient
import AWSServices
import Foundation
import OrderDeckCore
import OrderDeckUI
import TerminalUI
import TestSupport

// Keystroke-to-frame on the dashboard with 100,000 orders, through the real event loop: a key
// event in, the state updated (filter, sort, jump…), the frame rendered into the cell buffer and
// diffed onto an in-memory terminal. What a real terminal adds (writing the changed cells) is
// bounded by the screen size, not the data. Also: a resize to a full repaint, and building the
// order index (done by the refresher, off the terminal thread).

let count = Int(CommandLine.arguments.dropFirst().first ?? "") ?? 100_000
let users = ["alice", "bob", "carol", "dave", "erin", "frank", "demo_user"]
let statuses = ["COMPLETED", "COMPLETED", "COMPLETED", "CANCELLED", "PENDING"]
let base = Date(timeIntervalSince1970: 1_795_000_000)
var orders: [Order] = []
orders.reserveCapacity(count)
for index in 0..<count {
    let id = String(
        format: "%08x-%04x-4%03x-a%03x-%012x", index &* 2_654_435_761 & 0xFFFF_FFFF, index & 0xFFFF, index & 0xFFF,
        (index >> 12) & 0xFFF, index)
    orders.append(
        Order(item: [
            "user_id": .s(users[index % users.count]), "id": .s(id),
            "orderStatus": .s(statuses[index % statuses.count]),
            "createdAt": .s(ISO8601.format(base.addingTimeInterval(Double(-index)))),
            "amount": .n("\(10 + index % 500).\(index % 100)"), "currency": .s("EUR"),
            "executionArn": .s("arn:aws:states:us-east-1:123456789012:execution:OrderWorkflow:\(id)"),
        ]))
}
// Two orders hold 100 KB fields (issue 31): a filter must cost no more for them.
for index in [min(count - 1, 5), min(count - 1, 50)] {
    var item = orders[index].attributes
    item["customerEmail"] = .s(String(repeating: "0123456789abcdef", count: 6400) + "@example.com")
    orders[index] = Order(item: item)
}

func milliseconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) * 1000 + Double(duration.components.attoseconds) / 1e15
}

let indexStart = ContinuousClock.now
let index = OrderIndex(orders)
let indexTime = milliseconds(ContinuousClock.now - indexStart)

var state = DashboardState(
    stack: .init(
        name: "bench", region: "us-east-1", endpoint: "http://127.0.0.1:5000", profile: nil, isLocal: true,
        readOnly: false))
state.apply(.orders(index, loading: false))
// What a live session holds beside the orders: the executions of the newest `order_window`
// orders (ended, a few failed) and a full log ring of Express records (each execution's
// start → task → end, as the vended logs carry them), so the Overview works from real volumes.
let executionCount = min(count, StackConfig.defaultOrderWindow)
let executions = orders.prefix(executionCount).enumerated().map { index, order in
    let status: ExecutionStatus = index % 20 == 0 ? .failed : .succeeded
    return Execution(
        arn: order.executionArn!, name: order.id.rawValue, machineName: "OrderWorkflow", status: status,
        startDate: order.createdAt, stopDate: order.createdAt?.addingTimeInterval(1.5 + Double(index % 7)),
        source: .api)
}
state.apply(.executions(machine: "OrderWorkflow", executions))
let logTypes = [
    "ExecutionStarted", "TaskStateEntered", "TaskScheduled", "TaskStarted", "TaskSucceeded", "TaskStateExited",
    "ChoiceStateEntered", "ChoiceStateExited", "SucceedStateEntered", "ExecutionSucceeded",
]
var logLines: [TailedEvent] = []
for (number, execution) in executions.prefix(LogsScreen.capacity / logTypes.count).enumerated() {
    let started = (execution.startDate ?? base).timeIntervalSince1970
    for (step, type) in logTypes.enumerated() {
        let millis = Int64((started + Double(step) * 0.2) * 1000)
        let message = JSONValue.object([
            ("id", .string(String(step + 1))), ("previous_event_id", .string(String(step))), ("type", .string(type)),
            ("execution_arn", .string(execution.arn.rawValue)), ("event_timestamp", .string(String(millis))),
            (
                "details",
                .object(
                    type.hasSuffix("Entered") || type.hasSuffix("Exited") ? [("name", .string("Step\(step / 2)"))] : [])
            ),
        ]).description
        logLines.append(
            TailedEvent(
                group: "/aws/vendedlogs/states/OrderWorkflow", stream: "s", eventId: "\(number)-\(step)",
                timestamp: millis, message: message, record: VendedLogEvent(message: message)))
    }
}
state.apply(.logs(logLines))
state.apply(.health(.live))
let clock = ManualClock(now: base)
let dashboard = Dashboard(state: state, source: FakeDashboardSource(), clock: clock)
let terminal = MemoryTerminal(width: 200, height: 50)
let loop = EventLoop(application: dashboard, terminal: terminal)
loop.tick()

var samples: [String: [Double]] = [:]
@MainActor func press(_ name: String, _ key: Key) {
    let start = ContinuousClock.now
    loop.process([.key(key)])
    samples[name, default: []].append(milliseconds(ContinuousClock.now - start))
}

for round in 0..<10 {
    for key: Key in [.character("j"), .down, .character("k"), .up, .pageDown, .pageUp, .character("G"), .end] {
        press("move \(key.displayName)", key)
    }
    press("first (g)", .character("g"))
    press("sort (s)", .character("s"))
    press("reverse sort (S)", .character("S"))
    press("filter prompt (/)", .character("/"))
    for character in (round % 2 == 0 ? "alice" : "a1b2") { press("filter typing", .character(character)) }
    for _ in 0..<3 { press("filter ⌫", .backspace) }
    press("filter clear (esc)", .escape)
    press("inspect (i)", .character("i"))
    press("inspector close (esc)", .escape)
    press("open execution (⏎)", .enter)
    press("back (esc)", .escape)
    press("logs of order (l)", .character("l"))
    press("back (q)", .character("q"))
    press("copy (y)", .character("y"))
    for (name, key) in [("executions (2)", "2"), ("logs (3)", "3"), ("submit (4)", "4"), ("orders (1)", "1")] {
        press(name, .character(Character(key)))
    }
    press("overview (0)", .character("0"))
    press("overview minute (←)", .left)
    press("overview back (esc)", .escape)
    press("next tab (tab)", .tab)
    press("orders (1)", .character("1"))
    press("help (?)", .character("?"))
    press("help close", .character("x"))
    press("refresh (r)", .character("r"))
    press("palette (:)", .character(":"))
    press("palette close (esc)", .escape)
}
// The paste of issue 31: 135 order ids joined by "|" (about 5,000 characters) into the Orders
// filter. A terminal hands a paste over in reads of a few KB: batches of 1,024 keys here, each
// one edit. Then ⏎, and keys while the rows are matched off the terminal thread; the time until
// the filtered list is on screen.
var pasteFiltered: [Double] = []
for round in 0..<5 {
    press("orders (1)", .character("1"))
    press("filter prompt (/)", .character("/"))
    let pasted = orders[(round * 135)..<(round * 135 + 135)].map(\.id.rawValue).joined(separator: "|")
    let keys = pasted.map { TerminalEvent.key(.character($0)) }
    for start in stride(from: 0, to: keys.count, by: 1024) {
        let begin = ContinuousClock.now
        loop.process(Array(keys[start..<min(keys.count, start + 1024)]))
        samples["paste (1,024 keys at once)", default: []].append(milliseconds(ContinuousClock.now - begin))
    }
    let entered = ContinuousClock.now
    press("paste applied (⏎)", .enter)
    var moves = 0
    while dashboard.state.orders.filtering != nil {
        if moves < 20 {
            press("move while filtering", moves % 2 == 0 ? .down : .up)
            moves += 1
        }
        usleep(500)
        loop.tick()
    }
    pasteFiltered.append(milliseconds(ContinuousClock.now - entered))
    precondition(
        dashboard.state.orders.visible.count == 135,
        "the pasted filter kept \(dashboard.state.orders.visible.count) rows")
    press("filter prompt (/)", .character("/"))
    press("filter clear (esc)", .escape)
}

var resizes: [Double] = []
for round in 0..<20 {
    let (width, height) = round % 2 == 0 ? (20, 6) : (200, 50)
    terminal.resize(width: width, height: height)
    let start = ContinuousClock.now
    loop.process(terminal.queued)
    resizes.append(milliseconds(ContinuousClock.now - start))
}

func line(_ name: String, _ values: [Double]) -> String {
    let sorted = values.sorted()
    func at(_ q: Double) -> Double { sorted[min(sorted.count - 1, Int(Double(sorted.count) * q))] }
    return String(
        format: "%-28@ n=%3d  p50 %7.2f ms  p99 %7.2f ms  max %7.2f ms", name as NSString, sorted.count, at(0.5),
        at(0.99),
        sorted.last ?? 0)
}

print(
    "dashboard with \(count) orders, \(executions.count) executions, \(logLines.count) log lines, 200x50,"
        + " keystroke to frame through the event loop")
for (name, values) in samples.sorted(by: { $0.key < $1.key }) { print(line(name, values)) }
let all = samples.values.flatMap { $0 }
print(line("ALL KEYS", all))
print(line("resize to full frame", resizes))
print(line("pasted filter to rows on screen", pasteFiltered))
print(String(format: "order index for %d orders (refresher, off the terminal thread): %.0f ms", count, indexTime))
let figuresStart = ContinuousClock.now
let figures = OverviewFigures(
    executions: executions, ordersByStatus: index.statusCounts, pendingOrders: index.pendingOrders, logs: logLines,
    now: base)
print(
    String(
        format: "overview figures (%d pending-ended; worked out off the terminal thread): %.0f ms",
        figures.pendingEnded.count, milliseconds(ContinuousClock.now - figuresStart)))

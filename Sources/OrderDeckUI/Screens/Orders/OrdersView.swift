import OrderDeckCore
import TerminalUI

enum OrdersView {
    static func render(_ state: DashboardState, into buffer: inout ScreenBuffer, y: Int, height: Int) {
        let screen = state.orders
        let orders = screen.visible
        var x = buffer.write("\(orders.count) order\(orders.count == 1 ? "" : "s")  ", x: 0, y: y, style: .title)
        for (status, count) in screen.statusCounts.sorted(by: { $0.key < $1.key }) {
            x += buffer.write("\(count) \(status)  ", x: x, y: y, style: StatusStyle.of(status))
        }
        if screen.loading { x += buffer.write("loading… ", x: x, y: y, style: Style(foreground: .yellow)) }
        if let limit = screen.index.windowLimit {
            x += buffer.write(
                "window: newest \(Format.count(limit)) (older: scroll past the end)  ", x: x, y: y, style: .muted)
        }
        if let status = screen.statusFilter { x += buffer.write("only \(status)  ", x: x, y: y, style: .highlight) }
        if let scope = screen.scope {
            x += buffer.write("only: \(scope.title) (esc: back)  ", x: x, y: y, style: .highlight)
        }
        if screen.filtering != nil { x += buffer.write("filtering… ", x: x, y: y, style: Style(foreground: .yellow)) }
        if !screen.filter.isEmpty {
            x += buffer.write(
                "filter /" + ChromeView.promptTail(screen.filter, width: 60).dropLast() + "  ", x: x, y: y,
                style: .highlight)
        }
        // Last: how changes arrive gives way to what narrows the list when the line is short.
        if let feed = screen.feed {
            buffer.write("\(feed)", x: x, y: y, style: feed.isStream ? Style(foreground: .green) : .muted)
        }
        // Only the rows on screen are looked up: this runs every frame.
        var executionStatus: [Int: ExecutionStatus] = [:]
        let top = screen.table.top
        for index in top..<min(orders.count, top + height) {
            if let arn = state.executionARN(for: orders[index]), let status = state.executions.status(of: arn) {
                executionStatus[index] = status
            }
        }
        let now = state.now
        screen.table.render(
            into: &buffer, x: 0, y: y + 1, width: buffer.width, height: height - 1,
            row: { OrdersColumns.row(orders[$0], executionStatus: executionStatus[$0], now: now) },
            style: { row, column in
                switch column {
                case 2: return StatusStyle.of(orders[row].status)
                case 6: return executionStatus[row].map(StatusStyle.of) ?? .plain
                default: return .plain
                }
            },
            matcher: screen.matcher)
        if orders.isEmpty && height > 3 {
            buffer.write(screen.loading ? "loading orders…" : "no orders", x: 2, y: y + 2, style: .muted)
        }
    }
}

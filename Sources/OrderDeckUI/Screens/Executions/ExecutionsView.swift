import OrderDeckCore
import TerminalUI

enum ExecutionsView {
    static func render(_ state: DashboardState, into buffer: inout ScreenBuffer, y: Int, height: Int) {
        let screen = state.executions
        guard let machine = screen.currentMachine else {
            buffer.write("loading state machines…", x: 0, y: y, style: .muted)
            return
        }
        let all = screen.scope == nil ? screen.byMachine[machine.name] ?? [] : screen.visible
        var x = 0
        if let scope = screen.scope {
            x += buffer.write("\(scope.title) ", x: 0, y: y, style: .title)
            x += buffer.write("(every machine; esc: back)  ", x: x, y: y, style: .muted)
        } else {
            x += buffer.write("\(machine.name) ", x: 0, y: y, style: .title)
        }
        if screen.scope == nil {
            x += buffer.write(machine.isExpress ? "(EXPRESS, from logs)  " : "(STANDARD)  ", x: x, y: y, style: .muted)
        }
        var counts: [String: Int] = [:]
        for execution in all { counts[execution.status.rawValue, default: 0] += 1 }
        for (status, count) in counts.sorted(by: { $0.key < $1.key }) {
            x += buffer.write(
                "\(count) \(status)  ", x: x, y: y, style: StatusStyle.of(ExecutionStatus(rawValue: status)))
        }
        if let filter = screen.statusFilter { x += buffer.write("only \(filter)  ", x: x, y: y, style: .highlight) }
        if screen.machines.count > 1 && screen.scope == nil {
            buffer.write("[m: \(screen.machineIndex + 1)/\(screen.machines.count)]", x: x, y: y, style: .muted)
        }
        let list = screen.visible
        let now = state.now
        // VERSION only while a listed execution ran a version or an alias.
        let showingVersion = list.contains { $0.version != nil || $0.alias != nil }
        var table = screen.table
        table.columns = ExecutionsColumns.columns(showingVersion: showingVersion)
        let note = table.columns.count - 1
        let marked = state.diff.marked?.arn
        table.render(
            into: &buffer, x: 0, y: y + 1, width: buffer.width, height: height - 1,
            row: { index in
                var cells = ExecutionsColumns.row(list[index], now: now, showingVersion: showingVersion)
                // The execution marked for `D` (diff), whichever row is selected.
                if list[index].arn == marked { cells[0] = "* " + cells[0] }
                return cells
            },
            style: { row, column in
                column == 1 ? StatusStyle.of(list[row].status) : (column == note ? .muted : .plain)
            },
            matcher: TextMatcher(ExecutionsFilter(screen.filter).text))
        if list.isEmpty && height > 3 { buffer.write("no executions", x: 2, y: y + 2, style: .muted) }
    }
}

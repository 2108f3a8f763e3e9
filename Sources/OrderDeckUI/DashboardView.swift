import AWSClient
import Foundation
import OrderDeckCore
import TerminalUI

/// Draws a `DashboardState` into a `ScreenBuffer`: a pure function, so every screen is tested as
/// text at any size.
public enum DashboardView {
    public static let minimumWidth = 20
    public static let minimumHeight = 6

    public static func render(_ state: DashboardState, into buffer: inout ScreenBuffer) {
        let width = buffer.width
        let height = buffer.height
        guard width >= minimumWidth, height >= minimumHeight else {
            buffer.write("terminal too small", x: 0, y: 0, style: .error, maxWidth: width)
            if height > 1 {
                buffer.write("\(width)x\(height), need \(minimumWidth)x\(minimumHeight)", x: 0, y: 1, maxWidth: width)
            }
            return
        }
        header(state, into: &buffer)
        tabs(state, into: &buffer)
        let body = (y: 2, height: height - 3)
        switch state.screen {
        case .orders: OrdersView.render(state, into: &buffer, y: body.y, height: body.height)
        case .executions: ExecutionsView.render(state, into: &buffer, y: body.y, height: body.height)
        case .detail: DetailView.render(state, into: &buffer, y: body.y, height: body.height)
        case .logs: LogsView.render(state, into: &buffer, y: body.y, height: body.height)
        case .submit: SubmitView.render(state, into: &buffer, y: body.y, height: body.height)
        }
        if let inspector = state.inspector {
            InspectorView.render(inspector, into: &buffer, y: body.y, height: body.height)
        }
        statusLine(state, into: &buffer)
        if state.showHelp { HelpView.render(state, into: &buffer) }
    }

    static func header(_ state: DashboardState, into buffer: inout ScreenBuffer) {
        buffer.fillRow(0, style: .header)
        var x = buffer.write(" OrderDeck ", x: 0, y: 0, style: Style.header.with { $0.bold = true })
        if state.stack.isLocal {
            x += buffer.write(" LOCAL ", x: x, y: 0, style: Style(foreground: .black, background: .green, bold: true))
        }
        if state.stack.readOnly {
            x += buffer.write(
                " READ-ONLY ", x: x, y: 0, style: Style(foreground: .black, background: .yellow, bold: true))
        }
        // The refresh state (throttled, backing off…) matters more than the endpoint: it goes first.
        let refresh = " ⟳ \(state.refreshState) "
        let refreshStyle =
            state.refreshState.hasPrefix("throttled")
            ? Style(foreground: .black, background: .yellow)
            : state.refreshState.hasPrefix("failing")
                ? Style(foreground: .white, background: .red, bold: true) : Style.header
        let refreshWidth = min(DisplayWidth.of(refresh), max(0, buffer.width - x))
        var parts = [" stack \(state.stack.name)"]
        if let profile = state.stack.profile { parts.append("profile \(profile)") }
        parts.append(state.stack.region)
        parts.append(state.stack.endpoint)
        let room = buffer.width - x - refreshWidth - 1
        if room > 0 {
            buffer.write(DisplayWidth.truncate(parts.joined(separator: " │ "), to: room), x: x, y: 0, style: .header)
        }
        buffer.write(refresh, x: buffer.width - refreshWidth, y: 0, style: refreshStyle, maxWidth: refreshWidth)
    }

    static func tabs(_ state: DashboardState, into buffer: inout ScreenBuffer) {
        var tabs: [(String, DashboardState.Screen)] = [
            ("1 Orders", .orders), ("2 Executions", .executions), ("3 Logs", .logs),
        ]
        if !state.stack.readOnly { tabs.append(("4 Submit", .submit)) }
        var x = 0
        let current = state.screen == .detail ? DashboardState.Screen.executions : state.screen
        for (title, screen) in tabs {
            let style = screen == current ? Style(foreground: .cyan, bold: true, reverse: true) : Style.muted
            x += buffer.write(" \(title) ", x: x, y: 1, style: style)
            x += 1
        }
        if state.screen == .detail {
            buffer.write("▸ execution", x: x, y: 1, style: .title)
        }
    }

    static func statusLine(_ state: DashboardState, into buffer: inout ScreenBuffer) {
        let y = buffer.height - 1
        buffer.fillRow(y)
        if let prompt = state.prompt {
            let text: String
            switch prompt {
            case .filter(let value): text = "/\(value)"
            case .command(let value): text = ":\(value)"
            case .search(let value): text = "search: \(value)"
            case .editField(let name, let value): text = "\(name) = \(value)"
            }
            buffer.write(text + "█", x: 0, y: y, style: Style(bold: true))
            return
        }
        if let status = state.status {
            buffer.write(status, x: 0, y: y, style: state.statusIsError ? .error : Style(foreground: .green))
            return
        }
        buffer.write(hints(for: state), x: 0, y: y, style: .muted)
    }

    static func hints(for state: DashboardState) -> String {
        if state.inspector != nil {
            return "↑↓ move  ⏎ fold/unfold  ← → fold/open  z Z fold/unfold all  y copy  esc close"
        }
        switch state.screen {
        case .orders: return "↑↓ move  ⏎ execution  i inspect  l logs  / filter  s sort  y copy  ? help  q quit"
        case .executions: return "↑↓ move  ⏎ open  m machine  f status  l logs  / filter  ? help  q quit"
        case .detail: return "↑↓ state  i inspect JSON  e events  l logs  o order  y copy ARN  esc back  ? help"
        case .logs: return "p pause  / search  n next  f filter  w wrap  i inspect  o execution  esc back  ? help"
        case .submit: return "↑↓ field  ⏎ edit  E edit JSON  s send  w watch  R resend  ? help"
        }
    }

    /// Counts by status as "3 SUCCEEDED  1 FAILED", coloured.
    @discardableResult
    static func counts(_ values: [String], into buffer: inout ScreenBuffer, x: Int, y: Int) -> Int {
        var counts: [String: Int] = [:]
        for value in values { counts[value, default: 0] += 1 }
        var column = x
        for (status, count) in counts.sorted(by: { $0.key < $1.key }) {
            column += buffer.write("\(count) \(status)  ", x: column, y: y, style: StatusStyle.of(status))
        }
        return column - x
    }
}

enum OrdersView {
    static func render(_ state: DashboardState, into buffer: inout ScreenBuffer, y: Int, height: Int) {
        var x = buffer.write("\(state.visibleOrders.count) orders  ", x: 0, y: y, style: .title)
        for (status, count) in state.visibleStatusCounts.sorted(by: { $0.key < $1.key }) {
            x += buffer.write("\(count) \(status)  ", x: x, y: y, style: StatusStyle.of(status))
        }
        if state.ordersLoading { x += buffer.write("loading… ", x: x, y: y, style: Style(foreground: .yellow)) }
        if !state.orderFilter.isEmpty { buffer.write("filter /\(state.orderFilter)", x: x, y: y, style: .highlight) }
        let orders = state.visibleOrders
        // Only the rows on screen are looked up: this runs every frame.
        let statusByArn = state.executionStatusByArn
        var executionStatus: [String: String] = [:]
        let top = state.ordersTable.top
        for index in top..<min(orders.count, top + height) {
            if let arn = state.executionArn(for: orders[index]), let status = statusByArn[arn] {
                executionStatus[orders[index].id] = status
            }
        }
        let now = state.now
        state.ordersTable.render(
            into: &buffer, x: 0, y: y + 1, width: buffer.width, height: height - 1,
            row: { OrdersColumns.row(orders[$0], executionStatus: executionStatus[orders[$0].id], now: now) },
            style: { row, column in
                switch column {
                case 2: return StatusStyle.of(orders[row].status)
                case 6: return StatusStyle.of(executionStatus[orders[row].id] ?? "")
                default: return .plain
                }
            },
            matcher: TextMatcher(state.orderFilter))
        if orders.isEmpty && height > 3 {
            buffer.write(state.ordersLoading ? "loading orders…" : "no orders", x: 2, y: y + 2, style: .muted)
        }
    }
}

enum ExecutionsView {
    static func render(_ state: DashboardState, into buffer: inout ScreenBuffer, y: Int, height: Int) {
        guard let machine = state.currentMachine else {
            buffer.write("loading state machines…", x: 0, y: y, style: .muted)
            return
        }
        let all = state.executionsByMachine[machine.name] ?? []
        var x = buffer.write("\(machine.name) ", x: 0, y: y, style: .title)
        x += buffer.write(machine.isExpress ? "(EXPRESS, from logs)  " : "(STANDARD)  ", x: x, y: y, style: .muted)
        x += DashboardView.counts(all.map(\.status), into: &buffer, x: x, y: y)
        if let filter = state.executionStatusFilter {
            x += buffer.write("only \(filter)  ", x: x, y: y, style: .highlight)
        }
        if state.machines.count > 1 {
            buffer.write("[m: \(state.machineIndex + 1)/\(state.machines.count)]", x: x, y: y, style: .muted)
        }
        let list = state.visibleExecutions
        let now = state.now
        state.executionsTable.render(
            into: &buffer, x: 0, y: y + 1, width: buffer.width, height: height - 1,
            row: { ExecutionsColumns.row(list[$0], now: now) },
            style: { row, column in column == 1 ? StatusStyle.of(list[row].status) : (column == 4 ? .muted : .plain) },
            matcher: TextMatcher(state.executionFilter))
        if list.isEmpty && height > 3 { buffer.write("no executions", x: 2, y: y + 2, style: .muted) }
    }
}

enum DetailView {
    static func render(_ state: DashboardState, into buffer: inout ScreenBuffer, y: Int, height: Int) {
        guard let arn = state.detailArn else { return }
        buffer.write(arn, x: 0, y: y, style: .title)
        guard let execution = state.detail else {
            buffer.write("loading execution…", x: 0, y: y + 1, style: .muted)
            return
        }
        var x = buffer.write(
            execution.status, x: 0, y: y + 1, style: StatusStyle.of(execution.status).with { $0.bold = true })
        x += buffer.write(
            "  started \(Format.time(execution.startDate))  took \(Format.duration(execution.elapsed(now: state.now)))",
            x: x, y: y + 1)
        if execution.isExpress { x += buffer.write("  Express: rebuilt from logs", x: x, y: y + 1, style: .muted) }
        if execution.isPartial {
            x += buffer.write("  PARTIAL RECORD", x: x, y: y + 1, style: Style(foreground: .magenta, bold: true))
        }
        if execution.isTruncated { buffer.write("  payload truncated", x: x, y: y + 1, style: .muted) }
        var top = y + 2
        if let failure = state.detailTimeline.failure {
            buffer.write(
                "✗ \(failure.state ?? "execution"): \(failure.error ?? "") — \(failure.cause ?? "")", x: 0, y: top,
                style: .error)
            top += 1
        }
        let remaining = y + height - top
        let tableHeight =
            state.detailRaw ? remaining : max(3, min(remaining / 2 + 1, state.detailTimeline.steps.count + 1))
        if state.detailRaw {
            let events = state.detailEvents
            state.detailTable.render(
                into: &buffer, x: 0, y: top, width: buffer.width, height: tableHeight,
                row: { index in
                    let event = events[index]
                    return [
                        String(event.id), Format.clock(event.timestamp), event.type, event.stateName ?? "",
                        event.error ?? event.output ?? event.input ?? "",
                    ]
                })
            return
        }
        let steps = state.detailTimeline.steps
        let total =
            state.detailTimeline.endedAt.map { end in
                state.detailTimeline.startedAt.map { end.timeIntervalSince($0) } ?? 0
            }
            ?? execution.elapsed(now: state.now) ?? 1
        state.detailTable.render(
            into: &buffer, x: 0, y: top, width: buffer.width, height: tableHeight,
            row: { index in
                let step = steps[index]
                let result =
                    step.failed
                    ? "FAILED \(step.error ?? "")"
                    : step.error.map { "caught \($0)" } ?? (step.exited == nil ? "running…" : "ok")
                return [
                    step.name, step.kind, Format.clock(step.entered), Format.duration(step.duration),
                    Format.bar(step.duration, total: total, width: 12),
                    String(step.retries), result,
                ]
            },
            style: { index, column in
                let step = steps[index]
                if column == 6 {
                    return step.failed
                        ? .error
                        : (step.error != nil
                            ? Style(foreground: .yellow)
                            : (step.exited == nil ? Style(foreground: .yellow) : Style(foreground: .green)))
                }
                if column == 4 { return Style(foreground: .cyan) }
                return .plain
            })
        // Input and output of the selected state, side by side when there is room.
        let paneTop = top + tableHeight
        let paneHeight = y + height - paneTop
        guard paneHeight >= 2, steps.indices.contains(state.detailTable.selected) else { return }
        let step = steps[state.detailTable.selected]
        let sideBySide = buffer.width >= 60
        let paneWidth = sideBySide ? (buffer.width - 1) / 2 : buffer.width
        JSONPane.render(
            title: "input of \(step.name)", text: step.input, into: &buffer, x: 0, y: paneTop, width: paneWidth,
            height: sideBySide ? paneHeight : paneHeight / 2)
        if sideBySide {
            JSONPane.render(
                title: "output", text: step.output, into: &buffer, x: paneWidth + 1, y: paneTop, width: paneWidth,
                height: paneHeight)
        } else {
            JSONPane.render(
                title: "output", text: step.output, into: &buffer, x: 0, y: paneTop + paneHeight / 2, width: paneWidth,
                height: paneHeight - paneHeight / 2)
        }
    }
}

/// Pretty, syntax-coloured JSON in a box-less pane (long payloads cut at the pane's end).
enum JSONPane {
    static func render(
        title: String, text: String?, into buffer: inout ScreenBuffer, x: Int, y: Int, width: Int, height: Int
    ) {
        guard height > 0, width > 0 else { return }
        buffer.style(x: x, y: y, width: width, style: Style(underline: true))
        buffer.write(title, x: x, y: y, style: Style(foreground: .cyan, underline: true), maxWidth: width)
        guard let text else {
            if height > 1 { buffer.write("(none)", x: x, y: y + 1, style: .muted, maxWidth: width) }
            return
        }
        let pretty = (try? JSONValue.parse(text))?.prettyText ?? text
        let lines = pretty.split(separator: "\n", omittingEmptySubsequences: false)
        // Long lines wrap (a 256 KB message fills the pane, it is not cut at its first row); only
        // the rows that fit are ever computed.
        var row = y + 1
        var lineOfRow: [Int] = []  // which line each drawn row belongs to
        var cut = false
        outer: for (index, line) in lines.enumerated() {
            var rest = Substring(TerminalSafe.escape(String(line.prefix(width * height * 2))))
            var first = true
            repeat {
                if row >= y + height {
                    cut = true
                    break outer
                }
                let chunk = Self.prefix(rest, width: width)
                buffer.write(String(chunk), x: x, y: row, maxWidth: width)
                if first { colour(String(chunk), into: &buffer, x: x, y: row, width: width) }
                rest = rest[chunk.endIndex...]
                first = false
                lineOfRow.append(index)
                row += 1
            } while !rest.isEmpty
        }
        if cut, height > 1, let hiddenFrom = lineOfRow.last {
            // The last row gives way to the note: from its line on, the rest is hidden.
            let startedAbove = lineOfRow.count > 1 && lineOfRow[lineOfRow.count - 2] == hiddenFrom
            let hidden = lines.count - hiddenFrom
            let note = hidden == 1 && startedAbove ? "… (cut)" : "… \(hidden) more lines"
            buffer.write(
                note.padding(toLength: width, withPad: " ", startingAt: 0), x: x, y: y + height - 1, style: .muted,
                maxWidth: width)
        }
    }

    /// The longest prefix of `text` that fits `width` display columns (at least one character).
    static func prefix(_ text: Substring, width: Int) -> Substring {
        var used = 0
        var end = text.startIndex
        while end < text.endIndex {
            let w = DisplayWidth.of(text[end])
            if used + w > width, end > text.startIndex { break }
            used += w
            end = text.index(after: end)
        }
        return text[..<end]
    }

    /// Keys cyan, strings green, numbers and literals yellow.
    static func colour(_ line: String, into buffer: inout ScreenBuffer, x: Int, y: Int, width: Int) {
        let trimmed = line.drop { $0 == " " }
        let indent = line.count - trimmed.count
        if trimmed.hasPrefix("\""), let close = trimmed.dropFirst().firstIndex(of: "\""),
            trimmed[trimmed.index(after: close)...].hasPrefix(":")
        {
            let keyLength = trimmed.distance(from: trimmed.startIndex, to: close) + 1
            buffer.style(x: x + indent, y: y, width: min(keyLength, width - indent), style: Style(foreground: .cyan))
            let valueStart = indent + keyLength + 2
            let value = line.dropFirst(valueStart)
            let style: Style =
                value.hasPrefix("\"")
                ? Style(foreground: .green)
                : (value.first.map { "{[".contains($0) } == true ? .plain : Style(foreground: .yellow))
            if valueStart < width {
                buffer.style(x: x + valueStart, y: y, width: min(value.count, width - valueStart), style: style)
            }
        }
    }
}

enum LogsView {
    static func render(_ state: DashboardState, into buffer: inout ScreenBuffer, y: Int, height: Int) {
        var x = buffer.write("\(state.visibleLogs.count) log events  ", x: 0, y: y, style: .title)
        x += buffer.write(
            state.logsPaused ? "PAUSED  " : "following  ", x: x, y: y,
            style: state.logsPaused ? Style(foreground: .yellow, bold: true) : Style(foreground: .green))
        if let execution = state.logsExecution {
            x += buffer.write("execution \(Execution.name(fromArn: execution))  ", x: x, y: y, style: .highlight)
        }
        if !state.logsFilter.isEmpty {
            x += buffer.write("filter \(state.logsFilter)  ", x: x, y: y, style: .highlight)
        }
        if !state.logsSearch.isEmpty { buffer.write("search \(state.logsSearch)", x: x, y: y, style: .muted) }
        let events = state.visibleLogs
        let selected = events.indices.contains(state.logsTable.selected) ? events[state.logsTable.selected] : nil
        let detailHeight = state.logsWrap && selected != nil ? max(2, height / 3) : 0
        state.logsTable.render(
            into: &buffer, x: 0, y: y + 1, width: buffer.width, height: height - 1 - detailHeight,
            row: { LogsColumns.row(events[$0]) },
            style: { row, column in
                guard column == 2, let record = events[row].record else { return .plain }
                if record.event.type.hasSuffix("Failed") || record.event.type.hasSuffix("TimedOut")
                    || record.event.type.hasSuffix("Aborted")
                {
                    return .error
                }
                if record.event.type.hasSuffix("Succeeded") { return Style(foreground: .green) }
                return .plain
            },
            matcher: TextMatcher(state.logsSearch))
        if let selected, detailHeight > 0 {
            // The selected line in full, wrapped, its JSON pretty-printed.
            JSONPane.render(
                title: "selected event", text: selected.message, into: &buffer, x: 0, y: y + height - detailHeight,
                width: buffer.width, height: detailHeight)
        }
    }
}

enum SubmitView {
    static func render(_ state: DashboardState, into buffer: inout ScreenBuffer, y: Int, height: Int) {
        buffer.write("New order (template, a fresh id is added)", x: 0, y: y, style: .title)
        let fields = state.submitFields
        for (index, field) in fields.enumerated() where y + 1 + index < y + height {
            let selected = index == state.submitField
            let style = selected ? Style.selected : Style.plain
            buffer.fillRow(y + 1 + index, from: 0, style: .plain)
            let x = buffer.write(
                " \(field.0.padding(toLength: 12, withPad: " ", startingAt: 0)) ", x: 0, y: y + 1 + index,
                style: style.with { $0.bold = true })
            buffer.write(field.1, x: x, y: y + 1 + index, style: style, maxWidth: 40)
        }
        var row = y + 2 + fields.count
        if let submission = state.lastSubmission, row < y + height {
            let accepted = submission.isAccepted
            buffer.write(
                "last: \(submission.outcome(inProcess: true))  request \(submission.requestId ?? "-")", x: 0, y: row,
                style: accepted ? Style(foreground: .green) : .error)
            row += 1
            if let arn = submission.executionArn, row < y + height {
                buffer.write("execution \(Execution.name(fromArn: arn))", x: 0, y: row, style: .muted)
                row += 1
            }
            // Submit and watch: the new execution's states as they happen.
            if let execution = state.detail, execution.arn == submission.executionArn {
                var x = buffer.write(
                    execution.status, x: 0, y: row, style: StatusStyle.of(execution.status).with { $0.bold = true })
                x += 2
                for step in state.detailTimeline.steps where x < buffer.width {
                    let style: Style =
                        step.failed
                        ? .error : (step.exited == nil ? Style(foreground: .yellow) : Style(foreground: .green))
                    x += buffer.write(step.name, x: x, y: row, style: style)
                    x += buffer.write(" › ", x: x, y: row, style: .muted)
                }
                row += 1
            }
        }
        if !state.submissions.isEmpty, row + 1 < y + height {
            row += 1
            buffer.write("recent submissions (journal)", x: 0, y: row, style: .title)
            row += 1
            for submission in state.submissions.prefix(max(0, y + height - row)) {
                buffer.write(
                    "\(Format.time(submission.createdAt))  \(submission.orderId)  \(submission.outcome(inProcess: true))",
                    x: 0, y: row,
                    style: submission.isAccepted ? .plain : .error)
                row += 1
            }
        }
    }
}

enum HelpView {
    static func render(_ state: DashboardState, into buffer: inout ScreenBuffer) {
        let lines =
            state.inspector != nil
            ? HelpText.inspector : HelpText.lines(for: state.screen, readOnly: state.stack.readOnly)
        let width = min(buffer.width - 2, (lines.map { DisplayWidth.of($0) }.max() ?? 20) + 4)
        let height = min(buffer.height - 2, lines.count + 2)
        let x = max(0, (buffer.width - width) / 2)
        let y = max(0, (buffer.height - height) / 2)
        for row in y..<(y + height) { buffer.fill(x: x, y: row, width: width, style: Style(reverse: true)) }
        buffer.write(
            " keys: \(state.screen.rawValue) ", x: x + 1, y: y, style: Style(bold: true, reverse: true),
            maxWidth: width - 2)
        for (index, line) in lines.prefix(height - 2).enumerated() {
            buffer.write(line, x: x + 2, y: y + 1 + index, style: Style(reverse: true), maxWidth: width - 3)
        }
    }
}

/// Every key, per screen (`?`). The README's key table is the same list.
public enum HelpText {
    public static let inspector = [
        "↑↓ j k  move    pgup pgdn  page    g G  first/last", "⏎ space  fold / unfold the object or array",
        "← h      fold (on a member: go to its parent)",
        "→ l      unfold", "z Z      fold everything / unfold everything", "y        copy the selected value as JSON",
        "esc i q  close",
    ]

    public static let global = [
        "1 2 3 4  orders, executions, logs, submit", "tab      next screen",
        ":        command (:orders :executions :logs :submit :machine NAME :stack NAME :quit)",
        "r        refresh now", "esc ⌫    back", "?        this help (any key closes)", "q        back / quit",
        "ctrl-c   quit",
    ]

    public static func lines(for screen: DashboardState.Screen, readOnly: Bool) -> [String] {
        let movement = "↑↓ j k  move    pgup pgdn  page    home end g G  first/last"
        let specific: [String]
        switch screen {
        case .orders:
            specific = [
                movement, "⏎ →      open the order's execution", "l        the execution's log lines",
                "/        filter (text or regex; matches highlighted)", "s S      sort column / direction",
                "i        inspect the whole item (foldable JSON)", "y        copy the order id",
            ]
        case .executions:
            specific = [
                movement, "⏎ →      open the execution", "m        next state machine", "f        status filter",
                "/        filter", "l        log lines", "y        copy the ARN",
            ]
        case .detail:
            specific = [
                movement + " (states)", "e        raw event list ⇄ timeline",
                "i        the state's input and output (or the event) as foldable JSON",
                "l        log lines of this execution", "o        its order row", "y        copy the ARN",
            ]
        case .logs:
            specific = [
                movement, "p space  pause / follow", "/        search (highlight)  n N  next/previous match",
                "f        filter lines", "w        show the selected line in full (wrapped)",
                "i        the selected event as foldable JSON", "o        open the line's execution",
            ]
        case .submit:
            specific =
                readOnly
                ? ["read-only: submitting is disabled"]
                : [
                    "↑↓       choose a field", "⏎ e      edit the field",
                    "E        edit the whole order as JSON in $EDITOR (validated)", "s ctrl-s  send (journaled first)",
                    "w        open the new execution", "R        re-send the last submission",
                ]
        }
        return specific + [""] + global
    }
}

/// The foldable JSON view over the screen body: one row per member, folded containers summarised.
enum InspectorView {
    static func render(_ inspector: JSONInspector, into buffer: inout ScreenBuffer, y: Int, height: Int) {
        for row in y..<(y + height) { buffer.fillRow(row) }
        buffer.write(inspector.title, x: 0, y: y, style: .title, maxWidth: buffer.width)
        let rows = height - 1
        guard rows > 0 else { return }
        let lines = inspector.lines
        let top = min(inspector.table.top, max(0, lines.count - 1))
        for (offset, index) in (top..<min(lines.count, top + rows)).enumerated() {
            let line = lines[index]
            let row = y + 1 + offset
            let selected = index == inspector.table.selected
            if selected { buffer.fill(x: 0, y: row, width: buffer.width, style: .selected) }
            let base: Style = selected ? .selected : .plain
            var x = line.depth * 2
            let marker = line.kind == .open && line.isContainer ? (line.isFolded ? "▸ " : "▾ ") : "  "
            x += buffer.write(marker, x: x, y: row, style: base.with { $0.foreground = .magenta })
            if let key = line.key {
                x += buffer.write(
                    JSONValue.string(key).description, x: x, y: row, style: selected ? base : Style(foreground: .cyan))
                x += buffer.write(": ", x: x, y: row, style: base)
            }
            let style: Style
            switch line.kind {
            case .string: style = Style(foreground: .green)
            case .number, .literal: style = Style(foreground: .yellow)
            case .open where line.isFolded: style = .muted
            case .open, .close: style = .plain
            }
            buffer.write(line.text, x: x, y: row, style: selected ? base : style, maxWidth: max(0, buffer.width - x))
        }
        if lines.count > rows {
            let position = " \(inspector.table.selected + 1)/\(lines.count) "
            buffer.write(position, x: max(0, buffer.width - DisplayWidth.of(position)), y: y, style: .muted)
        }
    }
}

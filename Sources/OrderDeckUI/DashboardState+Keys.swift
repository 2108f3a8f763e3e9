import AWSClient
import Foundation
import OrderDeckCore
import TerminalUI

extension DashboardState {
    /// Handles one key at a screen of `height` rows; returns what the outside world must do.
    public mutating func handle(_ key: Key, height: Int) -> [Effect] {
        let rows = max(1, height - 5)
        if let prompt { return handlePrompt(prompt, key) }
        if showHelp {
            showHelp = false
            return []
        }
        if inspector != nil { return handleInspector(key, rows: rows) }
        switch key {
        case .character("q"):
            if navigation.count > 1 { return back() }
            return [.quit]
        case .control("c"):
            return [.quit]
        case .character("?"):
            showHelp = true
            return []
        case .character(":"):
            prompt = .command("")
            return []
        case .escape, .backspace:
            return back()
        case .character("1"): return switchTo(.orders)
        case .character("2"): return switchTo(.executions)
        case .character("3"): return switchTo(.logs)
        case .character("4"): return stack.readOnly ? readOnlyRefusal() : switchTo(.submit)
        case .tab:
            let cycle: [Screen] =
                stack.readOnly ? [.orders, .executions, .logs] : [.orders, .executions, .logs, .submit]
            let next = cycle[((cycle.firstIndex(of: screen) ?? -1) + 1) % cycle.count]
            return switchTo(next)
        case .character("r"):
            status = "refreshing…"
            statusIsError = false
            return [.refresh]
        case .resize:
            return []
        case .character("i") where screen != .submit:
            openInspector()
            return []
        default:
            break
        }
        switch screen {
        case .orders: return handleOrders(key, rows: rows)
        case .executions: return handleExecutions(key, rows: rows)
        case .detail: return handleDetail(key, rows: rows)
        case .logs: return handleLogs(key, rows: rows)
        case .submit: return handleSubmit(key)
        }
    }

    // MARK: Inspector

    mutating func handleInspector(_ key: Key, rows: Int) -> [Effect] {
        switch key {
        case .escape, .backspace, .character("q"), .character("i"):
            inspector = nil
        case .control("c"):
            return [.quit]
        case .character("y"):
            guard let text = inspector?.selectedText else { return [] }
            return copy(text)
        default:
            _ = inspector?.handle(key, rows: max(1, rows - 1))
        }
        return []
    }

    /// `i`: the selected thing as foldable JSON — an order's item, a state's input and output
    /// (or a raw event's details), a log event's message.
    mutating func openInspector() {
        switch screen {
        case .orders:
            guard visibleOrders.indices.contains(ordersTable.selected) else { return }
            let order = visibleOrders[ordersTable.selected]
            inspector = JSONInspector(title: "order \(order.id)", value: JSONInspector.plain(order.attributes))
        case .detail:
            if detailRaw {
                guard detailEvents.indices.contains(detailTable.selected) else { return }
                let event = detailEvents[detailTable.selected]
                inspector = JSONInspector(title: "event \(event.id) \(event.type)", value: Self.expanded(event.details))
            } else {
                let steps = detailTimeline.steps
                guard steps.indices.contains(detailTable.selected) else { return }
                let step = steps[detailTable.selected]
                inspector = JSONInspector(
                    title: "state \(step.name)",
                    value: .object([
                        ("input", Self.parsedOrText(step.input)), ("output", Self.parsedOrText(step.output)),
                    ]))
            }
        case .logs:
            guard visibleLogs.indices.contains(logsTable.selected) else { return }
            let event = visibleLogs[logsTable.selected]
            inspector = JSONInspector(
                title: "log event \(event.eventId)", value: Self.expanded(Self.parsedOrText(event.message)))
        case .executions, .submit:
            return
        }
    }

    static func parsedOrText(_ text: String?) -> JSONValue {
        guard let text else { return .null }
        return (try? JSONValue.parse(text)) ?? .string(text)
    }

    /// Step Functions nests payloads as JSON strings ("input": "{\"a\":1}"); unfold them so they fold too.
    static func expanded(_ value: JSONValue, depth: Int = 0) -> JSONValue {
        guard depth < 8 else { return value }
        switch value {
        case .object(let members): return .object(members.map { ($0.0, expanded($0.1, depth: depth + 1)) })
        case .array(let elements): return .array(elements.map { expanded($0, depth: depth + 1) })
        case .string(let text):
            let trimmed = text.drop { $0 == " " }
            guard trimmed.hasPrefix("{") || trimmed.hasPrefix("["), let parsed = try? JSONValue.parse(text) else {
                return value
            }
            return expanded(parsed, depth: depth + 1)
        default: return value
        }
    }

    mutating func back() -> [Effect] {
        guard navigation.count > 1 else { return [] }
        let leaving = navigation.removeLast()
        if leaving == .logs, logsExecution != nil {
            logsExecution = nil
            recomputeLogs()
        }
        return leaving == .detail ? [.stopWatching] : []
    }

    mutating func switchTo(_ target: Screen) -> [Effect] {
        let wasDetail = screen == .detail
        navigation = [target]
        if target == .logs, logsExecution != nil {
            logsExecution = nil
            recomputeLogs()
        }
        return wasDetail ? [.stopWatching] : []
    }

    mutating func push(_ target: Screen) {
        if screen != target { navigation.append(target) }
    }

    mutating func readOnlyRefusal() -> [Effect] {
        status = "read-only: submitting orders is disabled for this stack"
        statusIsError = true
        return []
    }

    // MARK: Orders

    mutating func handleOrders(_ key: Key, rows: Int) -> [Effect] {
        if ordersTable.handleMovement(key, visibleRows: rows) { return [] }
        let order = visibleOrders.indices.contains(ordersTable.selected) ? visibleOrders[ordersTable.selected] : nil
        switch key {
        case .character("/"):
            prompt = .filter(orderFilter)
        case .character("s"):
            let keys = Order.SortKey.allCases
            orderSort = keys[((keys.firstIndex(of: orderSort) ?? 0) + 1) % keys.count]
            recomputeOrders()
        case .character("S"):
            orderSortDescending.toggle()
            recomputeOrders()
        case .enter, .right:
            guard let order, let arn = executionArn(for: order) else { return [] }
            return openDetail(arn)
        case .character("l"):
            guard let order, let arn = executionArn(for: order) else { return [] }
            openLogs(for: arn)
        case .character("y"):
            guard let order else { return [] }
            return copy(order.id)
        default:
            break
        }
        return []
    }

    /// The execution of an order: stored on the item, or found by the order id as execution name.
    public func executionArn(for order: Order) -> String? {
        if let arn = order.executionArn { return arn }
        // The order workflow names its executions after the order; Express webhook runs may share the name.
        for list in executionsByMachine.values {
            if let found = list.first(where: { $0.name == order.id && !$0.isExpress }) { return found.arn }
        }
        return nil
    }

    public mutating func openDetail(_ arn: String) -> [Effect] {
        if detailArn != arn {
            detail = nil
            detailEvents = []
            detailTimeline = Timeline(events: [])
            detailTable.setRowCount(0)
        }
        detailArn = arn
        detailRaw = false
        detailTable.columns = DetailColumns.timeline
        push(.detail)
        return [.watchDetail(arn)]
    }

    mutating func openLogs(for arn: String) {
        logsExecution = arn
        logsPaused = true
        recomputeLogs()
        logsTable.moveTo(0, visibleRows: 1)
        push(.logs)
    }

    mutating func copy(_ text: String) -> [Effect] {
        pendingClipboard = text
        status = "copied \(text)"
        statusIsError = false
        return [.copy(text)]
    }

    // MARK: Executions

    mutating func handleExecutions(_ key: Key, rows: Int) -> [Effect] {
        if executionsTable.handleMovement(key, visibleRows: rows) { return [] }
        let list = visibleExecutions
        let execution = list.indices.contains(executionsTable.selected) ? list[executionsTable.selected] : nil
        switch key {
        case .character("m"):
            guard !machines.isEmpty else { return [] }
            machineIndex = (machineIndex + 1) % machines.count
            executionsTable.moveTo(0, visibleRows: rows)
            executionsTable.setRowCount(visibleExecutions.count)
        case .character("f"):
            let filters: [String?] = [nil, "RUNNING", "SUCCEEDED", "FAILED", "TIMED_OUT", "ABORTED"]
            let next = ((filters.firstIndex(of: executionStatusFilter) ?? 0) + 1) % filters.count
            executionStatusFilter = filters[next]
            executionsTable.setRowCount(visibleExecutions.count)
        case .character("/"):
            prompt = .filter(executionFilter)
        case .enter, .right:
            guard let execution else { return [] }
            return openDetail(execution.arn)
        case .character("l"):
            guard let execution else { return [] }
            openLogs(for: execution.arn)
        case .character("y"):
            guard let execution else { return [] }
            return copy(execution.arn)
        default:
            break
        }
        return []
    }

    // MARK: Detail

    mutating func handleDetail(_ key: Key, rows: Int) -> [Effect] {
        // The timeline shares the body with the input/output panes; the raw list has it all.
        if detailTable.handleMovement(key, visibleRows: detailRaw ? max(1, rows - 2) : max(1, rows / 2)) { return [] }
        switch key {
        case .character("e"):
            detailRaw.toggle()
            detailTable.columns = detailRaw ? DetailColumns.events : DetailColumns.timeline
            detailTable.setRowCount(detailRaw ? detailEvents.count : detailTimeline.steps.count)
            detailTable.moveTo(0, visibleRows: rows)
        case .character("l"):
            guard let arn = detailArn else { return [] }
            openLogs(for: arn)
        case .character("o"):
            guard let arn = detailArn else { return [] }
            let name = Execution.name(fromArn: arn)
            guard let index = visibleOrders.firstIndex(where: { $0.id == name || $0.executionArn == arn }) else {
                if let found = orders.first(where: { $0.id == name || $0.executionArn == arn }) {
                    // Hidden by the filter: clear it so the order can be shown.
                    orderFilter = ""
                    refilterOrders(keeping: found.id)
                    navigation = [.orders]
                    return [.stopWatching]
                }
                status = "no order for \(name) (yet)"
                statusIsError = true
                return []
            }
            ordersTable.moveTo(index, visibleRows: rows)
            navigation = [.orders]
            return [.stopWatching]
        case .character("y"):
            guard let arn = detailArn else { return [] }
            return copy(arn)
        default:
            break
        }
        return []
    }

    // MARK: Logs

    mutating func handleLogs(_ key: Key, rows: Int) -> [Effect] {
        if logsTable.handleMovement(key, visibleRows: rows) {
            logsPaused = logsTable.selected < logsTable.rowCount - 1
            return []
        }
        switch key {
        case .character("p"), .character(" "):
            logsPaused.toggle()
            if !logsPaused { logsTable.moveTo(logsTable.rowCount - 1, visibleRows: rows) }
        case .character("/"):
            prompt = .search(logsSearch)
        case .character("f"):
            prompt = .filter(logsFilter)
        case .character("n"), .character("N"):
            guard let matcher = TextMatcher(logsSearch) else { return [] }
            let forward = key == .character("n")
            let count = visibleLogs.count
            guard count > 0 else { return [] }
            for step in 1...count {
                let index = (logsTable.selected + (forward ? step : -step) + count) % count
                if matcher.matches(LogsColumns.summary(visibleLogs[index])) {
                    logsTable.moveTo(index, visibleRows: rows)
                    logsPaused = true
                    break
                }
            }
        case .character("w"):
            logsWrap.toggle()
        case .character("o"):
            guard let event = visibleLogs.indices.contains(logsTable.selected) ? visibleLogs[logsTable.selected] : nil,
                let arn = event.record?.executionArn
            else { return [] }
            return openDetail(arn)
        default:
            break
        }
        return []
    }

    // MARK: Submit

    /// The editable fields of the template: its top-level scalars and the customer's e-mail.
    public var submitFields: [(String, String)] {
        var fields: [(String, String)] = []
        for (key, value) in template.objectMembers ?? [] {
            switch value {
            case .string(let text): fields.append((key, text))
            case .number(let text): fields.append((key, text))
            case .bool(let flag): fields.append((key, flag ? "true" : "false"))
            default: break
            }
        }
        return fields
    }

    mutating func handleSubmit(_ key: Key) -> [Effect] {
        let fields = submitFields
        switch key {
        case .down, .character("j"): submitField = min(fields.count - 1, submitField + 1)
        case .up, .character("k"): submitField = max(0, submitField - 1)
        case .enter, .character("e"):
            guard fields.indices.contains(submitField) else { return [] }
            prompt = .editField(fields[submitField].0, fields[submitField].1)
        case .character("s"), .control("s"):
            if stack.readOnly { return readOnlyRefusal() }
            let order = OrderTemplate.fresh(from: template)
            status = "sending order \(order["id"]?.stringValue ?? "")…"
            statusIsError = false
            return [.submit(order)]
        case .character("E"):
            return [.editTemplate(template.prettyText + "\n")]
        case .character("R"):
            guard let last = lastSubmission ?? submissions.first else { return [] }
            return [.resend(last.id)]
        case .character("w"):
            guard let arn = lastSubmission?.executionArn else { return [] }
            return openDetail(arn)
        default:
            break
        }
        return []
    }

    /// The template as the operator saved it in the editor: kept only if it is a JSON object.
    public mutating func applyEditedTemplate(_ text: String?, problem: String? = nil) {
        if let problem {
            status = problem
            statusIsError = true
            return
        }
        guard let text else { return }
        do {
            let value = try JSONValue.parse(text)
            guard value.objectMembers != nil else {
                status = "template not changed: it must be a JSON object"
                statusIsError = true
                return
            }
            template = value
            submitField = 0
            status = "template updated"
            statusIsError = false
        } catch {
            status = "template not changed: \(error)"
            statusIsError = true
        }
    }

    mutating func setField(_ name: String, _ text: String) {
        guard var members = template.objectMembers, let index = members.firstIndex(where: { $0.0 == name }) else {
            return
        }
        switch members[index].1 {
        case .number:
            guard let parsed = try? JSONValue.parse(text), case .number = parsed else {
                status = "\(name) must be a number"
                statusIsError = true
                return
            }
            members[index].1 = parsed
        case .bool:
            guard text == "true" || text == "false" else {
                status = "\(name) must be true or false"
                statusIsError = true
                return
            }
            members[index].1 = .bool(text == "true")
        default:
            members[index].1 = .string(text)
        }
        template = .object(members)
        status = nil
    }

    // MARK: Prompts

    mutating func handlePrompt(_ current: Prompt, _ key: Key) -> [Effect] {
        var text: String
        switch current {
        case .filter(let value), .command(let value), .search(let value), .editField(_, let value): text = value
        }
        switch key {
        case .escape:
            prompt = nil
            if case .filter = current { applyFilter("") }
            return []
        case .backspace:
            if !text.isEmpty { text.removeLast() }
        case .character(let character):
            text.append(character)
        case .enter:
            prompt = nil
            switch current {
            case .filter: applyFilter(text)
            case .search:
                logsSearch = text
                return handleLogs(.character("n"), rows: 10)
            case .command: return runCommand(text)
            case .editField(let name, _): setField(name, text)
            }
            return []
        default:
            return []
        }
        switch current {
        case .filter:
            prompt = .filter(text)
            applyFilter(text)  // live, as you type
        case .command: prompt = .command(text)
        case .search: prompt = .search(text)
        case .editField(let name, _): prompt = .editField(name, text)
        }
        return []
    }

    mutating func applyFilter(_ text: String) {
        switch screen {
        case .orders:
            orderFilter = text
            refilterOrders()
            ordersTable.moveTo(0, visibleRows: 1)
        case .executions:
            executionFilter = text
            executionsTable.setRowCount(visibleExecutions.count)
        case .logs:
            logsFilter = text
            recomputeLogs()
        default: break
        }
    }

    /// `:orders`, `:executions`, `:logs`, `:submit`, `:quit`, `:machine NAME`, `:stack [NAME]`.
    mutating func runCommand(_ text: String) -> [Effect] {
        let words = text.split(separator: " ").map(String.init)
        switch words.first ?? "" {
        case "orders", "o": return switchTo(.orders)
        case "executions", "ex", "e": return switchTo(.executions)
        case "logs", "l": return switchTo(.logs)
        case "submit", "s": return stack.readOnly ? readOnlyRefusal() : switchTo(.submit)
        case "quit", "q": return [.quit]
        case "machine", "m":
            if words.count > 1, let index = machines.firstIndex(where: { $0.name == words[1] }) {
                machineIndex = index
                executionsTable.setRowCount(visibleExecutions.count)
                return switchTo(.executions)
            }
            status = "no machine '\(words.dropFirst().joined(separator: " "))'"
            statusIsError = true
        case "stack":
            let others = stackNames.filter { $0 != stack.name }
            guard words.count > 1 else {
                status =
                    others.isEmpty
                    ? "no other stack configured (stacks come from the configuration file)"
                    : "stacks: \(others.joined(separator: ", ")) (now: \(stack.name))"
                statusIsError = others.isEmpty
                return []
            }
            let name = words[1]
            if name == stack.name {
                status = "already on stack \(name)"
                statusIsError = false
            } else if stackNames.contains(name) {
                return [.switchStack(name)]
            } else {
                status = "no stack '\(name)'" + (others.isEmpty ? "" : " (known: \(others.joined(separator: ", ")))")
                statusIsError = true
            }
        default:
            status =
                "unknown command ':\(text)' (try :orders :executions :logs :submit :machine NAME :stack NAME :quit)"
            statusIsError = true
        }
        return []
    }
}

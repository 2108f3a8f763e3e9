import ArgumentParser
import Foundation
import OrderDeckCore

/// An option value with a known set of answers, kept as typed and checked by the command's
/// `validate()`, before anything is contacted. swift-argument-parser's own complaint about a
/// value would be a usage screen; OrderDeck's is one line that names the valid ones (status 64).
protocol CheckedArgument: ExpressibleByArgument {
    /// What the operator typed.
    var text: String { get }
    /// Why the value is refused, or nil when it is one of the valid ones.
    var problem: String? { get }
}

extension CheckedArgument {
    var defaultValueDescription: String { text }
}

extension ParsableArguments {
    /// Refuses the first value that has a problem: "orderdeck: <problem>" on stderr, status 64.
    func check(_ values: (any CheckedArgument)?...) throws {
        for case let value? in values {
            guard let problem = value.problem else { continue }
            OrderDeckCommand.complain(problem)
            throw ExitStatus.usage.exitCode
        }
    }
}

/// `orders --status`: an order status, in any case.
struct OrderStatusArgument: CheckedArgument {
    let text: String
    init(argument: String) { text = argument }

    var value: String? { OrderStatus.known.first { $0.rawValue == text.uppercased() }?.rawValue }

    var problem: String? {
        value == nil
            ? "--status '\(text)' is not an order status (one of \(OrderStatus.known.map(\.rawValue).joined(separator: ", ")))"
            : nil
    }
}

/// `executions --status`: an execution status, in any case.
struct ExecutionStatusArgument: CheckedArgument {
    let text: String
    init(argument: String) { text = argument }

    static var known: [String] { ExecutionStatus.known.map(\.rawValue) }

    var value: String? { Self.known.first { $0 == text.uppercased() } }

    var problem: String? {
        value == nil
            ? "--status '\(text)' is not an execution status (one of \(Self.known.joined(separator: ", ")))" : nil
    }
}

/// `orders --sort`: a column to sort by.
struct OrderSortArgument: CheckedArgument {
    let text: String
    init(argument: String) { text = argument }

    var value: Order.SortKey? { Order.SortKey(rawValue: text) }

    var problem: String? {
        value == nil ? "--sort must be one of \(Order.SortKey.allCases.map(\.rawValue).joined(separator: ", "))" : nil
    }
}

/// `logs --since`: relative (30s, 10m, 2h, 1d, 1w) or an ISO 8601 time.
struct SinceArgument: CheckedArgument {
    let text: String
    init(argument: String) { text = argument }

    /// Where to start, counted back from `now` for a relative value.
    func start(now: Date) -> Date? { SinceTime.parse(text, now: now) }

    var problem: String? {
        start(now: Date()) == nil
            ? "--since must be relative (30s, 10m, 2h, 1d, 1w) or an ISO 8601 time (2026-11-24T16:00:00Z, 2026-11-24 16:00)"
            : nil
    }
}

/// `logs --grep`: a regular expression.
struct PatternArgument: CheckedArgument {
    let text: String
    init(argument: String) { text = argument }

    var expression: NSRegularExpression? { try? NSRegularExpression(pattern: text) }

    var problem: String? { expression == nil ? "--grep is not a valid regular expression: \(text)" : nil }
}

/// `executions --version`: a published version's number (from 1).
struct MachineVersionArgument: CheckedArgument {
    let text: String
    init(argument: String) { text = argument }

    var value: StateMachineQualifier? { Int(text).flatMap { $0 >= 1 ? .version($0) : nil } }

    var problem: String? {
        value == nil
            ? "--version '\(text)' is not a version number (1, 2, … as PublishStateMachineVersion numbers them)" : nil
    }
}

/// `executions --alias`: an alias's name.
struct MachineAliasArgument: CheckedArgument {
    let text: String
    init(argument: String) { text = argument }

    var value: StateMachineQualifier? { problem == nil ? .alias(text) : nil }

    var problem: String? { StateMachineQualifier.problem(aliasName: text).map { "--alias '\(text)': \($0)" } }
}

/// `submit --via`: which front door an order goes through.
struct FrontDoorArgument: CheckedArgument {
    let text: String
    init(argument: String) { text = argument }

    var value: FrontDoor? { FrontDoor(rawValue: text.lowercased()) }

    var problem: String? {
        value == nil
            ? "--via '\(text)' is not a front door (one of \(FrontDoor.allCases.map(\.rawValue).joined(separator: ", ")))"
            : nil
    }
}

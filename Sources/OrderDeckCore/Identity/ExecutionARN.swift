import Foundation

/// An execution's ARN and what it says: `arn:aws:states:REGION:ACCOUNT:execution:MACHINE:NAME`
/// (Standard) or `…:express:MACHINE:NAME:RUN-ID` (Express). The order workflow names each
/// execution after its order, so the ARN also names the order: that rule is written here only.
public struct ExecutionARN: Hashable, Sendable, Comparable, CustomStringConvertible {
    public let rawValue: String

    public init(_ rawValue: String) { self.rawValue = rawValue }

    private var parts: [Substring] { rawValue.split(separator: ":", omittingEmptySubsequences: false) }

    /// The execution's name (for an ARN that is not one, its last component).
    public var name: String {
        let parts = parts
        guard parts.count >= 8 else { return parts.last.map(String.init) ?? rawValue }
        return String(parts[7])
    }

    /// The state machine's name.
    public var machineName: String? {
        let parts = parts
        return parts.count >= 7 ? String(parts[6]) : nil
    }

    /// Express executions have their own resource type in the ARN.
    public var machineType: MachineType { parts.count > 5 && parts[5] == "express" ? .express : .standard }

    public var isExpress: Bool { machineType == .express }

    /// The ARN of a Standard machine's execution with this name (execution name = order id).
    public static func standard(machineArn: String, name: String) -> ExecutionARN {
        ExecutionARN(machineArn.replacingOccurrences(of: ":stateMachine:", with: ":execution:") + ":" + name)
    }

    /// Execution name = order id: the order this execution works on.
    public var orderID: OrderID { OrderID(name) }

    public var description: String { rawValue }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }
}

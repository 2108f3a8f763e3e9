/// A state machine's type: it decides where executions are read from (the Step Functions API for
/// Standard, the vended logs for Express).
public enum MachineType: String, Hashable, Sendable, CustomStringConvertible {
    case standard = "STANDARD"
    case express = "EXPRESS"

    /// Anything but EXPRESS is read as Standard (DescribeStateMachine says which).
    public init(describedType: String) { self = describedType == "EXPRESS" ? .express : .standard }

    public var description: String { rawValue }
}

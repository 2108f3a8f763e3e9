import AWSClient
import AWSServices

extension ExecutionStore {
    /// The query language of the definition an execution ran (its version's, when it ran one):
    /// DescribeStateMachineForExecution for a Standard execution, the machine's
    /// DescribeStateMachine for an Express one (AWS keeps nothing per Express execution). Nil
    /// when it cannot be read: the timeline does not depend on it.
    public func queryLanguages(of arn: ExecutionARN) async -> MachineQueryLanguages? {
        let definition: String?
        if arn.isExpress {
            guard let machine = try? await session.machine(forExecution: arn.rawValue) else { return nil }
            definition = try? await session.stepFunctions.describeStateMachine(machine.arn).definition
        } else {
            definition = try? await session.stepFunctions.describeStateMachineForExecution(arn.rawValue).definition
        }
        return definition.flatMap(MachineQueryLanguages.init(definition:))
    }

    /// The machines `executions` lists for a version or alias: ListExecutions takes their ARNs
    /// for Standard machines only; Express executions are rebuilt from logs, which say neither.
    public static func listable(_ machines: [MachineListing], qualifier: StateMachineQualifier?) -> (
        listed: [MachineListing], skipped: [MachineListing]
    ) {
        guard qualifier != nil else { return (machines, []) }
        return (machines.filter { $0.type == .standard }, machines.filter { $0.type != .standard })
    }
}

import ArgumentParser
import OrderDeckCore

/// `executions --map-run`: a Map Run's ARN (`arn:aws:states:REGION:ACCOUNT:mapRun:MACHINE/LABEL:ID`),
/// checked before anything is contacted.
struct MapRunArgument: CheckedArgument {
    let text: String
    init(argument: String) { text = argument }

    var problem: String? {
        MapRun.isArn(text)
            ? nil
            : "--map-run takes a Map Run ARN (arn:aws:states:REGION:ACCOUNT:mapRun:MACHINE/LABEL:ID; history EXECUTION --map-run lists them), not '\(text)'"
    }
}

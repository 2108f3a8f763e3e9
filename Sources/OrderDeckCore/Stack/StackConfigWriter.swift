import Foundation

/// The `[stacks.NAME]` sections `orderdeck config init` writes: for what discovery found, for the
/// running local stack, and for a CloudFormation stack's outputs. One `TOMLWriter`, so every value
/// is escaped the same way.
public enum StackConfigWriter {
    /// A CloudFormation output the template always has, missing from the stack.
    public struct MissingOutput: Error, CustomStringConvertible {
        public var stack: String
        public var output: String

        public var description: String {
            "stack \(stack) has no output \(output): was it deployed from config/aws/order-system.yaml?"
        }
    }

    /// What discovery found, as a `[stacks.discovered]` section.
    public static func discovered(
        _ found: PipelineDiscovery.Found, profile: String?, region: String, endpointURL: String?
    ) -> String {
        var toml = TOMLWriter()
        toml.comment("Written by 'orderdeck config init --discover': what is deployed in \(region).")
        toml.set("default_stack", .string("discovered"))
        toml.blankLine()
        toml.table("stacks", "discovered")
        if let profile { toml.set("profile", .string(profile)) }
        toml.set("region", .string(region))
        if let endpointURL { toml.set("endpoint_url", .string(endpointURL)) }
        toml.set("table", .string(found.table))
        toml.set("state_machines", .strings(found.machines.map(\.arn)))
        let groups = found.machines.compactMap(\.logGroup)
        if !groups.isEmpty { toml.set("log_groups", .strings(groups)) }
        if let queue = found.queueURL { toml.set("queue_url", .string(queue)) }
        if let url = found.apiURL {
            toml.blankLine()
            toml.table("stacks", "discovered", "api")
            toml.set("url", .string(url))
        }
        return toml.text
    }

    /// The stack `config init --local` writes: not `local`, which names the running stack itself
    /// (found from its record, whatever its port) wherever no configuration file says otherwise.
    public static let localStackName = "local-aws-cli"

    /// The running local stack as a configuration: a loopback endpoint and no profile, so its
    /// test credentials are used (never the credential chain).
    public static func local(
        region: String, endpointURL: String, table: String, machines: [String], apiURL: String?, apiKey: String?
    ) -> String {
        var toml = TOMLWriter()
        toml.comment(
            "Written by 'orderdeck config init --local' for the local stack now running ('orderdeck local up').")
        toml.comment("Its port changes when it is started again: write this file again then.")
        toml.set("default_stack", .string(localStackName))
        toml.blankLine()
        toml.table("stacks", localStackName)
        toml.set("region", .string(region))
        toml.set("endpoint_url", .string(endpointURL))
        toml.set("table", .string(table))
        toml.set("state_machines", .strings(machines))
        if let apiURL {
            toml.blankLine()
            toml.table("stacks", localStackName, "api")
            toml.set("url", .string(apiURL))
            if let apiKey {
                // The gateway was started with --api-key: without the key the written file could not submit.
                toml.set("auth", .string("api_key"))
                toml.set("api_key", .string(apiKey))
            }
        }
        return toml.text
    }

    /// A stack deployed from `config/aws/order-system.yaml`, from its outputs.
    public static func fromStackOutputs(
        name: String, outputs: [String: String], region: String, profile: String?, endpointURL: String?
    ) throws -> String {
        func output(_ key: String) throws -> String {
            guard let value = outputs[key], !value.isEmpty else { throw MissingOutput(stack: name, output: key) }
            return value
        }
        var toml = TOMLWriter()
        toml.comment("Written by 'orderdeck config init --from-stack \(name)'.")
        toml.set("default_stack", .string(name))
        toml.blankLine()
        toml.table("stacks", name)
        if let profile { toml.set("profile", .string(profile)) }
        toml.set("region", .string(region))
        if let endpointURL { toml.set("endpoint_url", .string(endpointURL)) }
        toml.set("table", .string(try output("TableName")))
        toml.set("state_machines", .strings([try output("OrderWorkflowArn"), try output("SampleArn")]))
        toml.set("log_groups", .strings([try output("OrderWorkflowLogGroup"), try output("SampleLogGroup")]))
        let apiURL = try output("ApiUrl")
        let invokeURL = endpointURL.flatMap { EmulatorInvokeURL.rewrite(apiURL, endpoint: $0) }
        toml.blankLine()
        toml.table("stacks", name, "api")
        if invokeURL != nil {
            // An emulator (LocalStack) answers the stage on its own endpoint; the host in the
            // output would need DNS beyond this machine.
            toml.comment("ApiUrl output: \(apiURL)")
        }
        toml.set("url", .string(invokeURL ?? apiURL))
        if outputs["ApiAuthorization"] == "AWS_IAM" {
            toml.set("auth", .string("iam"))
        } else if outputs["RequireApiKey"] == "true" {
            toml.set("auth", .string("api_key"))
            toml.set(
                "api_key_env", .string("ORDERDECK_API_KEY"), comment: "aws apigateway get-api-keys --include-values")
        } else {
            toml.set("auth", .string("none"))
        }
        return toml.text
    }
}

/// `https://ID.execute-api.HOST/STAGE/PATH` → `ENDPOINT/_aws/execute-api/ID/STAGE/PATH`: how an
/// emulator on `--endpoint-url` (LocalStack) serves a REST API stage, so nothing is sent to the
/// host name in the stack's output (`….localhost.localstack.cloud` or AWS's).
public enum EmulatorInvokeURL {
    public static func rewrite(_ apiURL: String, endpoint: String) -> String? {
        guard let url = URLComponents(string: apiURL), let host = url.host,
            let marker = host.range(of: ".execute-api.")
        else { return nil }
        let id = host[..<marker.lowerBound]
        let base = endpoint.hasSuffix("/") ? String(endpoint.dropLast()) : endpoint
        return "\(base)/_aws/execute-api/\(id)\(url.path)"
    }
}

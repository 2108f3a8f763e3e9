import AWSClient
import AWSServices
import Foundation
import LocalStack
import SigV4
import TestSupport
import Testing
import Yams

/// The CloudFormation template of the order system: generated from the ASL files, lint-clean,
/// least privilege, and deployable (into moto's CloudFormation here).
@Suite struct AWSTemplateTests {
    static var repository: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
    }

    static var templatePath: String { repository.appendingPathComponent("config/aws/order-system.yaml").path }

    static func committedTemplate() throws -> String { try String(contentsOfFile: templatePath, encoding: .utf8) }

    @Test func theCommittedTemplateIsRenderedFromTheASLFiles() throws {
        #expect(
            try AWSStackTemplate.render() == (try Self.committedTemplate()),
            "regenerate: swift run orderdeck aws template > config/aws/order-system.yaml")
    }

    @Test func cfnLintFindsNoErrors() async throws {
        let lint = try await CFNLint.executable()
        let (status, output) = try await Spawner.run(lint, [Self.templatePath])
        // cfn-lint exits 2 for errors, 4 for warnings, 8 for informational findings.
        #expect(status & 2 == 0, "cfn-lint errors:\n\(output)")
        #expect(status == 0, "cfn-lint findings:\n\(output)")
    }

    @Test func iamPoliciesUseNoWildcardsExceptLogDelivery() throws {
        let template = try #require(try Yams.load(yaml: try Self.committedTemplate()) as? [String: Any])
        let resources = try #require(template["Resources"] as? [String: Any])
        var statements = 0
        for (name, value) in resources {
            guard let resource = value as? [String: Any], resource["Type"] as? String == "AWS::IAM::Role",
                let properties = resource["Properties"] as? [String: Any],
                let policies = properties["Policies"] as? [[String: Any]]
            else { continue }
            for policy in policies {
                let document = try #require(policy["PolicyDocument"] as? [String: Any])
                for statement in try #require(document["Statement"] as? [[String: Any]]) {
                    statements += 1
                    let actions = (statement["Action"] as? [String]) ?? [(statement["Action"] as? String) ?? ""]
                    #expect(
                        !actions.contains { $0 == "*" || $0.hasSuffix(":*") }, "\(name): wildcard action \(actions)")
                    if let resource = statement["Resource"] as? String, resource == "*" {
                        // Allowed only for the log-delivery actions, which AWS accepts on "*" only.
                        #expect(
                            statement["Sid"] as? String == "VendedLogDeliveryRequiresWildcard",
                            "\(name): Resource * outside log delivery")
                        #expect(actions.allSatisfy { $0.hasPrefix("logs:") }, "\(name): Resource * with \(actions)")
                    }
                }
            }
        }
        #expect(statements >= 6)
        // The comment that says why sits right above each wildcard statement.
        let text = try Self.committedTemplate()
        #expect(text.components(separatedBy: "Sid: VendedLogDeliveryRequiresWildcard").count - 1 == 2)
        #expect(text.contains("AWS does not support resource-level permissions for them"))
        // Each API role may start only its own machine.
        for role in ["OrdersApiRole", "WebhookApiRole"] {
            let properties = (resources[role] as? [String: Any])?["Properties"] as? [String: Any]
            let statement =
                ((properties?["Policies"] as? [[String: Any]])?.first?["PolicyDocument"] as? [String: Any])?[
                    "Statement"] as? [[String: Any]]
            #expect(statement?.first?["Action"] as? String == "states:StartExecution")
            #expect((statement?.first?["Resource"] as? [String: Any])?["Ref"] != nil)
        }
    }

    @Test func theTemplateDeploysAndConfigInitMakesAWorkingConfig() async throws {
        // A plain moto: in execution mode moto's CloudFormation writes state machines where the
        // Step Functions API does not look.
        let moto = try await MotoFixture.shared.instance(.plain)
        // Its own region, so the stack's ORDER table does not meet other tests' tables.
        let region = "eu-west-1"
        let client = AWSClient(
            region: region, credentials: StaticCredentialProvider(MotoFixture.testCredentials),
            endpoints: EndpointResolver(
                region: region, explicitURL: moto.endpoint, environment: TestAWS.isolatedEnvironment()))
        let cloudFormation = CloudFormationClient(client: client)
        let stackName = "orders-\(UUID().uuidString.prefix(6).lowercased())"
        _ = try await cloudFormation.createStack(
            name: stackName, templateBody: try Self.committedTemplate(), parameters: ["TableName": "ORDER"])
        let stack = try #require(
            try await Waiting.until(.seconds(30)) {
                let stack = try await cloudFormation.describeStack(name: stackName)
                return stack.status.hasSuffix("IN_PROGRESS") ? nil : stack
            })
        #expect(stack.status == "CREATE_COMPLETE", "\(stack.statusReason ?? "")")

        let table = try await DynamoDBClient(client: client).describeTable("ORDER")
        #expect(table.keyNames.hash == "user_id")
        // The dashboard follows its changes (DynamoDB Streams), each order whole.
        #expect(table.LatestStreamArn != nil && table.StreamSpecification?.StreamViewType == "NEW_IMAGE")
        #expect(try await SNSClient(client: client).listTopics().contains(try #require(stack.outputs["TopicArn"])))
        let groups = try await CloudWatchLogsClient(client: client).describeLogGroups(
            prefix: "/aws/vendedlogs/states/\(stackName)"
        ).collect().flatMap { $0 }
        #expect(
            Set(groups.map(\.logGroupName)) == [
                "/aws/vendedlogs/states/\(stackName)-OrderWorkflow", "/aws/vendedlogs/states/\(stackName)-sample",
            ])

        // The machines run exactly the local stack's definitions, placeholders filled from the stack.
        let states = StepFunctionsClient(client: client)
        let workflow = try await states.describeStateMachine(try #require(stack.outputs["OrderWorkflowArn"]))
        let substitutions = ["OrderTableName": "ORDER", "TopicArn": try #require(stack.outputs["TopicArn"])]
        let expected = try StackDefinition.substitute(
            try ProjectFiles.read("statemachines/order-workflow.asl.json"), substitutions,
            file: "order-workflow.asl.json")
        // AWS applies DefinitionSubstitutions at deploy time; moto stores the definition as given,
        // so apply the template's substitutions where moto did not.
        let deployed =
            workflow.definition.contains("${")
            ? try StackDefinition.substitute(workflow.definition, substitutions, file: "deployed definition")
            : workflow.definition
        #expect(try JSONValue.parse(deployed) == (try JSONValue.parse(expected)))
        let sample = try await states.describeStateMachine(try #require(stack.outputs["SampleArn"]))
        #expect(
            try JSONValue.parse(sample.definition)
                == (try JSONValue.parse(try ProjectFiles.read("statemachines/sample.asl.json"))))

        // The REST API: stage main, POST /orders and /webhook with the StartExecution integration.
        let apiURL = try #require(stack.outputs["ApiUrl"])
        #expect(apiURL.hasSuffix("/main/orders"))
        let apiId = try #require(apiURL.split(separator: "/")[1].split(separator: ".").first.map(String.init))
        let resources = try await client.send(
            AWSRequest(method: "GET", path: "/restapis/\(apiId)/resources", query: [.init("embed", "methods")]),
            service: .apiGateway,
            operation: "GetResources")
        let body = try JSONValue.parse(resources.body)
        let items: [JSONValue] = body["item"]?.arrayValues ?? []
        let paths = Set(items.compactMap { $0["path"]?.stringValue })
        #expect(paths.isSuperset(of: ["/orders", "/webhook"]))
        let stage = try await client.send(
            AWSRequest(method: "GET", path: "/restapis/\(apiId)/stages/main"), service: .apiGateway,
            operation: "GetStage")
        #expect(stage.status == 200)

        // config init --from-stack writes a configuration on which `orders` works.
        let state = try TemporaryDirectory("config-init")
        defer { state.remove() }
        let cli = CLIRunner(
            stateDirectory: state.path,
            extraEnvironment: [
                "AWS_ACCESS_KEY_ID": "AKIAINIT", "AWS_SECRET_ACCESS_KEY": "init-secret",
                "AWS_CONFIG_FILE": state.path + "/none",
                "XDG_CONFIG_HOME": state.path + "/xdg",
            ])
        let initialised = try await cli.run([
            "config", "init", "--from-stack", stackName, "--region", region, "--endpoint-url", moto.endpoint,
        ])
        #expect(initialised.status == 0, "\(initialised.stderr)")
        let written = try String(contentsOfFile: state.path + "/xdg/orderdeck/config.toml", encoding: .utf8)
        #expect(written.contains("[stacks.\(stackName)]"))
        #expect(written.contains("auth = \"none\""))
        let orders = try await cli.run(["orders", "--output", "json"])
        #expect(orders.status == 0, "\(orders.stderr)")
        #expect(try JSONValue.parse(orders.stdout) == .array([]))
        let executions = try await cli.run(["executions"])
        #expect(executions.status == 0, "\(executions.stderr)")
        let again = try await cli.run([
            "config", "init", "--from-stack", stackName, "--region", region, "--endpoint-url", moto.endpoint,
        ])
        #expect(again.status == 64)

        // Zero configuration: `discover` finds the same pipeline from what is deployed — the
        // table keyed user_id + id, the machines (the workflow by its table, the API's by the
        // integration that starts it), their log groups, the API's URL.
        // moto's CloudFormation drops three things AWS keeps — DefinitionSubstitutions, the
        // machines' LoggingConfiguration and the integrations' RequestTemplates: put back what the
        // template says, so discovery meets what it would meet in AWS.
        let logGroup = "/aws/vendedlogs/states/\(stackName)-OrderWorkflow"
        _ = try await states.updateStateMachine(
            .init(
                stateMachineArn: workflow.stateMachineArn, definition: deployed,
                loggingConfiguration: .init(
                    level: "ALL", includeExecutionData: true,
                    logGroupArns: ["arn:aws:logs:\(region):123456789012:log-group:\(logGroup):*"])))
        let ordersResource = try #require(items.first { $0["path"]?.stringValue == "/orders" }?["id"]?.stringValue)
        let template =
            #"{"input": "$util.escapeJavaScript($input.json('$'))", "stateMachineArn": "\#(workflow.stateMachineArn)"}"#
        let put = try await client.send(
            AWSRequest(
                method: "PUT", path: "/restapis/\(apiId)/resources/\(ordersResource)/methods/POST/integration",
                body: Array(
                    JSONValue.object([
                        ("type", .string("AWS")), ("httpMethod", .string("POST")),
                        ("uri", .string("arn:aws:apigateway:\(region):states:action/StartExecution")),
                        ("requestTemplates", .object([("application/json", .string(template))])),
                    ]).description.utf8)),
            service: .apiGateway, operation: "PutIntegration")
        #expect(put.status < 300)
        let keyless = CLIRunner(
            stateDirectory: state.path + "/discover",
            extraEnvironment: [
                "AWS_ACCESS_KEY_ID": "AKIAINIT", "AWS_SECRET_ACCESS_KEY": "init-secret",
                "AWS_CONFIG_FILE": state.path + "/none", "XDG_CONFIG_HOME": state.path + "/none-xdg",
            ])
        let discovered = try await keyless.run(["discover", "--region", region, "--endpoint-url", moto.endpoint])
        #expect(discovered.status == 0, "\(discovered.stderr)")
        #expect(discovered.stdout.contains("table:           ORDER"), "\(discovered.stdout)")
        #expect(
            discovered.stdout.contains(
                "\(workflow.name) (STANDARD, logs /aws/vendedlogs/states/\(stackName)-OrderWorkflow)"))
        #expect(
            discovered.stdout.contains("submit URL:      https://\(apiId).execute-api.\(region).amazonaws.com/main/"))
        // …and every command works on it with no OrderDeck configuration at all.
        let viaDiscovery = try await keyless.run(["orders", "--region", region, "--endpoint-url", moto.endpoint])
        #expect(viaDiscovery.status == 0, "\(viaDiscovery.stderr)")
        let writtenByDiscovery = try await keyless.run([
            "config", "init", "--discover", "--region", region, "--endpoint-url", moto.endpoint, "--file", "-",
        ])
        #expect(writtenByDiscovery.stdout.contains("table = \"ORDER\""), "\(writtenByDiscovery.stdout)")
        #expect(writtenByDiscovery.stdout.contains(workflow.stateMachineArn))
    }
}

/// cfn-lint: on PATH, or installed from PyPI into OrderDeck's cache the first time.
enum CFNLint {
    static func executable() async throws -> String {
        for directory in (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":") {
            let candidate = "\(directory)/cfn-lint"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        let directories = StateDirectories.resolve(environment: ProcessInfo.processInfo.environment)
        let venv = directories.cache + "/cfn-lint"
        let binary = venv + "/bin/cfn-lint"
        if FileManager.default.isExecutableFile(atPath: binary) { return binary }
        try StateDirectories.ensure(directories.cache)
        let lock = try FileLock(path: directories.cache + "/cfn-lint.lock")
        defer { lock.unlock() }
        if FileManager.default.isExecutableFile(atPath: binary) { return binary }
        let (venvStatus, venvOutput) = try await Spawner.run("/usr/bin/env", ["python3", "-m", "venv", venv])
        guard venvStatus == 0 else { throw LocalStackError.installFailed("venv for cfn-lint: \(venvOutput)") }
        let (pipStatus, pipOutput) = try await Spawner.run(
            venv + "/bin/pip", ["install", "--quiet", "--disable-pip-version-check", "cfn-lint"])
        guard pipStatus == 0 else { throw LocalStackError.installFailed("pip install cfn-lint: \(pipOutput)") }
        return binary
    }
}

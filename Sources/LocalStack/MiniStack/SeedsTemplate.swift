import AWSClient
import AWSServices
import Foundation

/// The seeds' two systems as one CloudFormation template, built from `config/seeds/`: the Python
/// functions go in as inline code (`ZipFile`, which MiniStack deploys), the two ASL files with
/// `DefinitionSubstitutions` for the function ARNs.
///
/// - Webhook ingest: the Express machine `sample` — a Lambda that prints the payload (Go in the
///   original, Python here), then a Pass state.
/// - The order system: an SQS queue → `post_order` (event source mapping) → StartExecution of the
///   Standard machine `OrderWorkflow`, whose four Lambdas write the order, decide payment, and
///   complete or cancel it with an SNS notification; `ORDER_TABLE`, `TOPIC_ARN` and
///   `STATE_MACHINE_ARN` in their environment, as in the original.
///
/// The table is the one OrderDeck reads everywhere (`OrderTableSchema`: key, both indexes).
public enum SeedsTemplate {
    /// A function of the seeds: its CloudFormation logical id, name and source file.
    public struct Function: Sendable, Equatable {
        public var logicalId: String
        public var name: String
        public var file: String
        /// Extra environment beyond the table and topic every function gets.
        var startsOrders = false
    }

    public static let orderMachineName = "OrderWorkflow"
    public static let webhookMachineName = "sample"
    public static let queueName = "orders-app"

    public static let functions = [
        Function(logicalId: "PrintPayloadFunction", name: "sample-PrintPayload", file: "print_payload.py"),
        Function(logicalId: "PostOrderFunction", name: "post_order", file: "post_order.py", startsOrders: true),
        Function(logicalId: "InitializeOrderFunction", name: "InitializeOrder", file: "initialize_order.py"),
        Function(logicalId: "ProcessPaymentFunction", name: "ProcessPayment", file: "process_payment.py"),
        Function(logicalId: "CompleteOrderFunction", name: "CompleteOrder", file: "complete_order.py"),
        Function(logicalId: "CancelFailedOrderFunction", name: "CancelFailedOrder", file: "cancel_failed_order.py"),
    ]

    /// The template's JSON text.
    public static func body(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> String {
        var resources: [(String, JSONValue)] = [
            ("OrderTable", table()),
            ("OrderTopic", resource("AWS::SNS::Topic", [("TopicName", .string("orders-app-notifications"))])),
            (
                "OrderQueue",
                // As short as the consumer's timeout allows (AWS wants it at least the function's):
                // a throttled post_order's message comes back after it, and 30 s held an order
                // back for 30 s on a cold stack.
                resource(
                    "AWS::SQS::Queue", [("QueueName", .string(queueName)), ("VisibilityTimeout", .number("10"))])
            ),
            ("FunctionRole", role(service: "lambda.amazonaws.com")),
            ("StatesRole", role(service: "states.amazonaws.com")),
        ]
        for function in functions {
            let code = try ProjectFiles.read("seeds/functions/" + function.file, environment: environment)
            var variables: [(String, JSONValue)] = [
                ("ORDER_TABLE", ref("OrderTable")), ("TOPIC_ARN", ref("OrderTopic")),
            ]
            if function.startsOrders { variables.append(("STATE_MACHINE_ARN", ref("OrderWorkflow"))) }
            resources.append(
                (
                    function.logicalId,
                    resource(
                        "AWS::Lambda::Function",
                        [
                            ("FunctionName", .string(function.name)), ("Runtime", .string("python3.12")),
                            ("Handler", .string("index.handler")), ("Timeout", .number("10")),
                            ("Role", getAtt("FunctionRole", "Arn")), ("Code", .object([("ZipFile", .string(code))])),
                            ("Environment", .object([("Variables", .object(variables))])),
                        ])
                ))
        }
        resources.append(
            (
                "OrderQueueMapping",
                resource(
                    "AWS::Lambda::EventSourceMapping",
                    [
                        ("EventSourceArn", getAtt("OrderQueue", "Arn")), ("FunctionName", ref("PostOrderFunction")),
                        ("BatchSize", .number("1")),
                    ])
            ))
        resources += try machine(
            "OrderWorkflow", name: orderMachineName, type: "STANDARD", definition: "seeds/order-workflow.asl.json",
            functions: ["InitializeOrder", "ProcessPayment", "CompleteOrder", "CancelFailedOrder"],
            environment: environment)
        resources += try appSync(environment: environment)
        resources += try machine(
            "SampleMachine", name: webhookMachineName, type: "EXPRESS", definition: "seeds/webhook.asl.json",
            functions: ["PrintPayload"], environment: environment)
        let outputs: [(String, JSONValue)] = [
            ("TableName", ref("OrderTable")), ("TopicArn", ref("OrderTopic")), ("QueueUrl", ref("OrderQueue")),
            ("QueueArn", getAtt("OrderQueue", "Arn")), ("OrderWorkflowArn", ref("OrderWorkflow")),
            ("SampleArn", ref("SampleMachine")),
            ("GraphQLApiId", getAtt("OrderApi", "ApiId")), ("GraphQLApiKey", getAtt("OrderApiKey", "ApiKey")),
            ("OrderWorkflowLogGroup", .string(logGroup(orderMachineName))),
            ("SampleLogGroup", .string(logGroup(webhookMachineName))),
        ].map { ($0.0, .object([("Value", $0.1)])) }
        let template: JSONValue = .object([
            ("AWSTemplateFormatVersion", .string("2010-09-09")),
            (
                "Description",
                .string("The seeds' systems as written (OrderDeck config/seeds): webhook ingest and the order system.")
            ),
            (
                "Parameters",
                .object([
                    (
                        engineEndpointParameter,
                        .object([
                            ("Type", .string("String")),
                            ("Description", .string("Where the AppSync HTTP data source reaches SQS (the engine)")),
                        ])
                    )
                ])
            ),
            ("Resources", .object(resources)), ("Outputs", .object(outputs)),
        ])
        return template.description
    }

    /// The template's parameter: the engine's own address, where the AppSync data source sends.
    public static let engineEndpointParameter = "EngineEndpoint"

    /// The order system's front door proper: an AppSync API whose `postOrder` mutation sends the
    /// order to the queue through an HTTP data source (an APPSYNC_JS resolver: MiniStack runs
    /// those, not VTL). On AWS the data source would also sign for `sqs` with a service role.
    static func appSync(environment: [String: String]) throws -> [(String, JSONValue)] {
        let api = getAtt("OrderApi", "ApiId")
        return [
            (
                "OrderApi",
                resource(
                    "AWS::AppSync::GraphQLApi",
                    [
                        ("Name", .string("orders-app")), ("AuthenticationType", .string("API_KEY")),
                        ("EnvironmentVariables", .object([("QUEUE_URL", ref("OrderQueue"))])),
                    ])
            ),
            (
                "OrderApiSchema",
                resource(
                    "AWS::AppSync::GraphQLSchema",
                    [
                        ("ApiId", api),
                        (
                            "Definition",
                            .string(try ProjectFiles.read("seeds/appsync/schema.graphql", environment: environment))
                        ),
                    ])
            ),
            ("OrderApiKey", resource("AWS::AppSync::ApiKey", [("ApiId", api)])),
            (
                "OrderQueueSource",
                resource(
                    "AWS::AppSync::DataSource",
                    [
                        ("ApiId", api), ("Name", .string("OrderQueue")), ("Type", .string("HTTP")),
                        ("HttpConfig", .object([("Endpoint", ref(engineEndpointParameter))])),
                    ])
            ),
            (
                "PostOrderResolver",
                resource(
                    "AWS::AppSync::Resolver",
                    [
                        ("ApiId", api), ("TypeName", .string("Mutation")), ("FieldName", .string("postOrder")),
                        ("DataSourceName", getAtt("OrderQueueSource", "Name")), ("Kind", .string("UNIT")),
                        (
                            "Runtime",
                            .object([("Name", .string("APPSYNC_JS")), ("RuntimeVersion", .string("1.0.0"))])
                        ),
                        (
                            "Code",
                            .string(try ProjectFiles.read("seeds/appsync/post-order.js", environment: environment))
                        ),
                    ])
            ),
        ]
    }

    /// Where the machine's vended logs go (written by OrderDeck's delivery: MiniStack writes none).
    public static func logGroup(_ machine: String) -> String { "/aws/vendedlogs/states/\(machine)" }

    static func machine(
        _ logicalId: String, name: String, type: String, definition: String, functions: [String],
        environment: [String: String]
    ) throws -> [(String, JSONValue)] {
        let logs = logicalId + "Logs"
        let substitutions = functions.map { ("\($0)Arn", getAtt("\($0)Function", "Arn")) }
        return [
            (logs, resource("AWS::Logs::LogGroup", [("LogGroupName", .string(logGroup(name)))])),
            (
                logicalId,
                resource(
                    "AWS::StepFunctions::StateMachine",
                    [
                        ("StateMachineName", .string(name)), ("StateMachineType", .string(type)),
                        ("DefinitionString", .string(try ProjectFiles.read(definition, environment: environment))),
                        ("DefinitionSubstitutions", .object(substitutions)), ("RoleArn", getAtt("StatesRole", "Arn")),
                        (
                            "LoggingConfiguration",
                            .object([
                                ("Level", .string("ALL")), ("IncludeExecutionData", .bool(true)),
                                (
                                    "Destinations",
                                    .array([
                                        .object([
                                            ("CloudWatchLogsLogGroup", .object([("LogGroupArn", getAtt(logs, "Arn"))]))
                                        ])
                                    ])
                                ),
                            ])
                        ),
                    ])
            ),
        ]
    }

    /// `OrderTableSchema`'s table: the key and both indexes OrderDeck queries.
    static func table() -> JSONValue {
        let input = OrderTableSchema.createTableInput("ORDER")
        func keys(_ schema: [DynamoDB.KeySchemaElement]) -> JSONValue {
            .array(
                schema.map {
                    .object([("AttributeName", .string($0.AttributeName)), ("KeyType", .string($0.KeyType))])
                })
        }
        return resource(
            "AWS::DynamoDB::Table",
            [
                ("TableName", .string(input.TableName)), ("BillingMode", .string("PAY_PER_REQUEST")),
                (
                    "AttributeDefinitions",
                    .array(
                        input.AttributeDefinitions.map {
                            .object([
                                ("AttributeName", .string($0.AttributeName)),
                                ("AttributeType", .string($0.AttributeType)),
                            ])
                        })
                ),
                ("KeySchema", keys(input.KeySchema)),
                (
                    "GlobalSecondaryIndexes",
                    .array(
                        (input.GlobalSecondaryIndexes ?? []).map {
                            .object([
                                ("IndexName", .string($0.IndexName)), ("KeySchema", keys($0.KeySchema)),
                                ("Projection", .object([("ProjectionType", .string("ALL"))])),
                            ])
                        })
                ),
            ])
    }

    static func role(service: String) -> JSONValue {
        let statement: JSONValue = .object([
            ("Effect", .string("Allow")), ("Principal", .object([("Service", .string(service))])),
            ("Action", .string("sts:AssumeRole")),
        ])
        return resource(
            "AWS::IAM::Role",
            [
                (
                    "AssumeRolePolicyDocument",
                    .object([("Version", .string("2012-10-17")), ("Statement", .array([statement]))])
                )
            ])
    }

    static func resource(_ type: String, _ properties: [(String, JSONValue)]) -> JSONValue {
        .object([("Type", .string(type)), ("Properties", .object(properties))])
    }

    static func ref(_ logicalId: String) -> JSONValue { .object([("Ref", .string(logicalId))]) }

    static func getAtt(_ logicalId: String, _ attribute: String) -> JSONValue {
        .object([("Fn::GetAtt", .array([.string(logicalId), .string(attribute)]))])
    }
}

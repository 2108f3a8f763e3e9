import Foundation

/// What the client needs to know about a service to reach and sign for it.
public struct ServiceDescriptor: Sendable, Hashable {
    public enum WireProtocol: Sendable, Hashable {
        /// AWS JSON 1.0/1.1: POST `/`, `X-Amz-Target: <prefix>.<Operation>`.
        case json(version: String, targetPrefix: String)
        /// AWS query: form-encoded `Action=…&Version=…`, XML answers.
        case query(apiVersion: String)
        /// REST-JSON or plain HTTP: the caller builds path and body.
        case rest
    }

    /// Name used in messages ("DynamoDB").
    public var displayName: String
    /// SigV4 service name ("dynamodb", "states", "logs").
    public var signingName: String
    /// Host prefix of the regional endpoint ("dynamodb", "states", "logs").
    public var endpointPrefix: String
    /// Suffix of `AWS_ENDPOINT_URL_<SERVICE>` and key of `[services]` sections ("DYNAMODB" / "dynamodb").
    public var serviceId: String
    public var wireProtocol: WireProtocol
    /// Global services (IAM) have one endpoint and sign for us-east-1 in the aws partition.
    public var isGlobal: Bool

    public init(
        displayName: String, signingName: String, endpointPrefix: String, serviceId: String, wireProtocol: WireProtocol,
        isGlobal: Bool = false
    ) {
        self.displayName = displayName
        self.signingName = signingName
        self.endpointPrefix = endpointPrefix
        self.serviceId = serviceId
        self.wireProtocol = wireProtocol
        self.isGlobal = isGlobal
    }

    /// `AWS_ENDPOINT_URL_<SERVICE_ID>`: the service id upper-cased, spaces and dashes as underscores.
    public var endpointEnvironmentVariable: String {
        "AWS_ENDPOINT_URL_"
            + serviceId.uppercased().replacingOccurrences(of: " ", with: "_").replacingOccurrences(of: "-", with: "_")
    }

    /// Key in a `[services name]` section: the service id lower-cased with underscores.
    public var servicesSectionKey: String {
        serviceId.lowercased().replacingOccurrences(of: " ", with: "_").replacingOccurrences(of: "-", with: "_")
    }
}

extension ServiceDescriptor {
    public static let dynamoDB = ServiceDescriptor(
        displayName: "DynamoDB", signingName: "dynamodb", endpointPrefix: "dynamodb", serviceId: "DynamoDB",
        wireProtocol: .json(version: "1.0", targetPrefix: "DynamoDB_20120810"))
    /// DynamoDB Streams: its own host (`streams.dynamodb`), signed as DynamoDB.
    public static let dynamoDBStreams = ServiceDescriptor(
        displayName: "DynamoDB Streams", signingName: "dynamodb", endpointPrefix: "streams.dynamodb",
        serviceId: "DynamoDB Streams", wireProtocol: .json(version: "1.0", targetPrefix: "DynamoDBStreams_20120810"))
    public static let stepFunctions = ServiceDescriptor(
        displayName: "Step Functions", signingName: "states", endpointPrefix: "states", serviceId: "SFN",
        wireProtocol: .json(version: "1.0", targetPrefix: "AWSStepFunctions"))
    public static let cloudWatchLogs = ServiceDescriptor(
        displayName: "CloudWatch Logs", signingName: "logs", endpointPrefix: "logs", serviceId: "CloudWatch Logs",
        wireProtocol: .json(version: "1.1", targetPrefix: "Logs_20140328"))
    public static let sns = ServiceDescriptor(
        displayName: "SNS", signingName: "sns", endpointPrefix: "sns", serviceId: "SNS",
        wireProtocol: .query(apiVersion: "2010-03-31"))
    public static let iam = ServiceDescriptor(
        displayName: "IAM", signingName: "iam", endpointPrefix: "iam", serviceId: "IAM",
        wireProtocol: .query(apiVersion: "2010-05-08"), isGlobal: true)
    public static let sts = ServiceDescriptor(
        displayName: "STS", signingName: "sts", endpointPrefix: "sts", serviceId: "STS",
        wireProtocol: .query(apiVersion: "2011-06-15"))
    public static let cloudFormation = ServiceDescriptor(
        displayName: "CloudFormation", signingName: "cloudformation", endpointPrefix: "cloudformation",
        serviceId: "CloudFormation", wireProtocol: .query(apiVersion: "2010-05-15"))
    public static let cloudWatch = ServiceDescriptor(
        displayName: "CloudWatch", signingName: "monitoring", endpointPrefix: "monitoring", serviceId: "CloudWatch",
        wireProtocol: .query(apiVersion: "2010-08-01"))
    public static let apiGateway = ServiceDescriptor(
        displayName: "API Gateway", signingName: "apigateway", endpointPrefix: "apigateway", serviceId: "API Gateway",
        wireProtocol: .rest)
    /// Invoking a deployed API: IAM-authorised APIs are signed for `execute-api`.
    public static let executeAPI = ServiceDescriptor(
        displayName: "API endpoint", signingName: "execute-api", endpointPrefix: "execute-api",
        serviceId: "execute-api",
        wireProtocol: .rest)
    /// IAM Identity Center portal (GetRoleCredentials), bearer-token authorised.
    public static let sso = ServiceDescriptor(
        displayName: "SSO", signingName: "awsssoportal", endpointPrefix: "portal.sso", serviceId: "SSO",
        wireProtocol: .rest)
}

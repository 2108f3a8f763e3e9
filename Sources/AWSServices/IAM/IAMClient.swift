import AWSClient

/// IAM calls (query protocol) for provisioning: roles for the state machines and the API, and
/// users/keys for signature tests against the local stack.
public struct IAMClient: Sendable {
    public let client: AWSClient

    public init(client: AWSClient) { self.client = client }

    public struct Role: Sendable, Hashable {
        public var roleName: String
        public var arn: String
    }

    /// Creates a role, or returns the existing one with that name.
    public func createRole(name: String, assumeRolePolicy: String, path: String = "/") async throws -> Role {
        do {
            let result = try await client.query(
                .iam, "CreateRole",
                [("RoleName", name), ("AssumeRolePolicyDocument", assumeRolePolicy), ("Path", path)])
            return try Self.role(result.child("Role"))
        } catch let error as AWSServiceError where error.isAlreadyExists {
            return try await getRole(name: name)
        }
    }

    public func getRole(name: String) async throws -> Role {
        let result = try await client.query(.iam, "GetRole", [("RoleName", name)])
        return try Self.role(result.child("Role"))
    }

    public func putRolePolicy(roleName: String, policyName: String, document: String) async throws {
        _ = try await client.query(
            .iam, "PutRolePolicy", [("RoleName", roleName), ("PolicyName", policyName), ("PolicyDocument", document)])
    }

    public func createUser(name: String) async throws {
        do {
            _ = try await client.query(.iam, "CreateUser", [("UserName", name)])
        } catch let error as AWSServiceError where error.isAlreadyExists {}
    }

    /// A new access key for a user: (key id, secret).
    public func createAccessKey(userName: String) async throws -> (accessKeyId: String, secretAccessKey: String) {
        let result = try await client.query(.iam, "CreateAccessKey", [("UserName", userName)])
        guard let key = result.child("AccessKey"), let id = key.string("AccessKeyId"),
            let secret = key.string("SecretAccessKey")
        else {
            throw AWSClientError.invalidResponse(service: "IAM", operation: "CreateAccessKey", reason: "no AccessKey")
        }
        return (id, secret)
    }

    static func role(_ node: XMLNode?) throws -> Role {
        guard let node, let name = node.string("RoleName"), let arn = node.string("Arn") else {
            throw AWSClientError.invalidResponse(service: "IAM", operation: "Role", reason: "no Role in the answer")
        }
        return Role(roleName: name, arn: arn)
    }
}

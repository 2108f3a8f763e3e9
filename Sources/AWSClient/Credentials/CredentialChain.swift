/// Tries providers in order and returns the first credentials found.
///
/// A provider that is not configured is skipped and named in the final error; one that is
/// configured but fails stops the chain with its own error.
public struct CredentialChain: CredentialProvider {
    public let name = "credential chain"
    public let providers: [any CredentialProvider]

    public init(_ providers: [any CredentialProvider]) { self.providers = providers }

    public func credentials() async throws -> AWSCredentials? {
        var tried: [String] = []
        for provider in providers {
            if let found = try await provider.credentials() { return found }
            tried.append(provider.name)
        }
        throw AWSClientError.noCredentials(tried)
    }
}

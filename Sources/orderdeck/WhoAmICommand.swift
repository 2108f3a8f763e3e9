import AWSClient
import AWSServices
import ArgumentParser
import Foundation

/// `orderdeck whoami`: which account, identity, region and endpoints OrderDeck would use —
/// the first thing to run when pointing it at a new profile.
struct WhoAmICommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "whoami", abstract: "Show the identity, region and endpoints in use (STS GetCallerIdentity).")

    @OptionGroup var aws: AWSOptions

    func run() async throws {
        try await reportingFailures {
            let configuration = try aws.resolve()
            let client = configuration.makeClient()
            let identity = try await STSClient(client: client).getCallerIdentity()
            let source = try await configuration.credentials.credentials()?.source ?? "?"
            print("account:     \(identity.account)")
            print("identity:    \(identity.arn)")
            print("credentials: \(source)")
            print("profile:     \(configuration.profileName)")
            print("region:      \(configuration.region)")
            // Labels padded to the longest, never cut ("step functions", "cloudwatch logs").
            let services = [ServiceDescriptor.dynamoDB, .stepFunctions, .cloudWatchLogs]
            let width = max(12, services.map { $0.displayName.count + 1 }.max() ?? 0)
            for service in services {
                let label = (service.displayName.lowercased() + ":").padding(
                    toLength: width, withPad: " ", startingAt: 0)
                print("\(label) \(configuration.endpoints.endpoint(for: service).url)")
            }
        }
    }
}

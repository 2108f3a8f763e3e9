import AWSClient
import AWSServices
import ArgumentParser
import Foundation
import OrderDeckCore

/// `orderdeck whoami`: which account, identity, region and endpoints OrderDeck would use —
/// the first thing to run when pointing it at a new profile.
struct WhoAmICommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "whoami", abstract: "Show the identity, region and endpoints in use (STS GetCallerIdentity).")

    @OptionGroup var stack: StackOptions

    func run() async throws {
        try await reportingFailures {
            // A stack (--stack, --config, or the running local stack when nothing else is named),
            // else the AWS settings alone (profile, region, endpoint) as the AWS CLI resolves them.
            let aws = stack.aws
            let namesAWSOnly = stack.resolver.namesAWSSettingsOnly
            // With no AWS target named, the stack every other command would use, or the same error
            // they give (the local stack down: "not running ('orderdeck local up')"), never a
            // silent turn to the AWS settings alone.
            let session = namesAWSOnly ? nil : try await stack.session()
            let client: AWSClient
            var lines: [(String, String)] = []
            if let session {
                client = session.client
                let config = session.config
                lines.append(("stack", config.isLocal ? "\(config.name) (the local stack)" : config.name))
                lines.append(
                    ("profile", config.profile ?? aws.profile ?? (config.isLocal ? "- (test credentials)" : "default")))
            } else {
                let configuration = try aws.resolve()
                client = configuration.makeClient()
                lines.append(("profile", configuration.profileName))
            }
            let identity = try await STSClient(client: client).getCallerIdentity()
            let source = try await client.credentials.credentials()?.source ?? "?"
            lines.insert(
                contentsOf: [("account", identity.account), ("identity", identity.arn), ("credentials", source)], at: 0)
            lines.append(("region", client.region))
            // FIPS / dual-stack (use_fips_endpoint, AWS_USE_DUALSTACK_ENDPOINT, …): regulated
            // operators check this line; a configured endpoint URL below is used as it is.
            lines.append(("endpoints", client.endpoints.variant.description))
            for service in [ServiceDescriptor.dynamoDB, .stepFunctions, .cloudWatchLogs] {
                lines.append((service.displayName.lowercased(), client.endpoints.endpoint(for: service).url))
            }
            // Labels padded to the longest, never cut ("step functions", "cloudwatch logs").
            let width = (lines.map { $0.0.count }.max() ?? 0) + 2
            for (label, value) in lines {
                print((label + ":").padding(toLength: width, withPad: " ", startingAt: 0) + value)
            }
        }
    }
}

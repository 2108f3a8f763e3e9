import ArgumentParser
import Foundation
import LocalStack

/// `orderdeck local …`: the local copy of the order system on the moto server.
struct LocalCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "local", abstract: "Run the order system locally on the moto server.",
        subcommands: [InstallCommand.self])

    struct InstallCommand: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "install", abstract: "Create the private venv with the pinned moto server (done by 'up' when needed).")

        func run() async throws {
            try await reportingFailures {
                let installation = try MotoInstallation(directories: StateDirectories.resolve(environment: ProcessInfo.processInfo.environment))
                try await installation.ensureInstalled { FileHandle.standardError.write(Data("\($0)\n".utf8)) }
                print("\(installation.requirement) ready in \(installation.venvDirectory)")
            }
        }
    }
}

import Foundation

/// `credential_process`: runs the configured command and reads the JSON it prints (Version 1).
/// https://docs.aws.amazon.com/cli/latest/userguide/cli-configure-sourcing-external.html
public struct ProcessCredentialProvider: CredentialProvider {
    public let name: String
    let command: String
    let timeout: TimeInterval

    public init(command: String, profileName: String, timeout: TimeInterval = 60) {
        self.command = command
        self.name = "profile \(profileName) (credential_process)"
        self.timeout = timeout
    }

    struct Output: Decodable {
        let Version: Int
        let AccessKeyId: String
        let SecretAccessKey: String
        let SessionToken: String?
        let Expiration: String?
    }

    public func credentials() async throws -> AWSCredentials? {
        let (status, stdout, stderr) = try await run()
        guard status == 0 else {
            let detail = stderr.split(separator: "\n").first.map(String.init) ?? ""
            throw AWSClientError.credentialSource(
                source: name, reason: "command exited with status \(status)\(detail.isEmpty ? "" : ": \(detail)")")
        }
        let output: Output
        do {
            output = try JSONDecoder().decode(Output.self, from: stdout)
        } catch {
            throw AWSClientError.credentialSource(
                source: name, reason: "command output is not the expected JSON (\(AWSClient.describeDecoding(error)))")
        }
        guard output.Version == 1 else {
            throw AWSClientError.credentialSource(
                source: name, reason: "unsupported Version \(output.Version) (expected 1)")
        }
        var expiration: Date?
        if let text = output.Expiration {
            guard let parsed = ISO8601.parse(text) else {
                throw AWSClientError.credentialSource(source: name, reason: "Expiration '\(text)' is not ISO-8601")
            }
            expiration = parsed
        }
        return AWSCredentials(
            accessKeyId: output.AccessKeyId, secretAccessKey: output.SecretAccessKey, sessionToken: output.SessionToken,
            expiration: expiration, source: name)
    }

    private func run() async throws -> (Int32, Data, String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", command]
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            throw AWSClientError.credentialSource(
                source: name, reason: "cannot start command: \(error.localizedDescription)")
        }
        // Read both pipes off the cooperative pool: the command may take a while (MFA prompts, SSO).
        return try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                let stdout = out.fileHandleForReading.readDataToEndOfFile()
                let stderr = err.fileHandleForReading.readDataToEndOfFile()
                process.waitUntilExit()
                continuation.resume(
                    returning: (process.terminationStatus, stdout, String(decoding: stderr, as: UTF8.self)))
            }
        }
    }
}

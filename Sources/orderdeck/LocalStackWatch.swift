import Foundation
import LocalStack
import OrderDeckCore
import OrderDeckUI

/// Keeps a dashboard on the local stack where it is now: `local down` + `local up` starts moto and
/// the gateway on new ports, and a dashboard opened before would retry the old ones forever. The
/// stack record is read every 2 s; when its address is no longer the one the dashboard was opened
/// on, the dashboard is told (`stackMoved`) and reopens on the stack as it is.
enum LocalStackWatch {
    static func start(for config: StackConfig, inbox: Inbox) -> Task<Void, Never>? {
        let directories = StateDirectories.resolve(environment: CommandContext.current.environment)
        let path = StackRecord.path(in: directories)
        // Only a session made from the record itself (not a configuration file's fixed address).
        guard config.isLocal, let record = try? StackRecord.load(from: path),
            record.moto.endpoint == config.endpointURL
        else { return nil }
        let opened = address(of: record)
        return Task {
            while !Task.isCancelled {
                try? await Task.sleep(for: .seconds(2))
                guard !Task.isCancelled, let now = try? StackRecord.load(from: path) else { continue }
                let moved = address(of: now)
                if moved != opened {
                    inbox.post(.stackMoved("the local stack moved to \(now.moto.endpoint)"))
                    return
                }
            }
        }
    }

    /// What a restart changes: moto's endpoint and the gateway's port.
    static func address(of record: StackRecord) -> String {
        "\(record.moto.endpoint) \(record.gatewayPort)"
    }
}

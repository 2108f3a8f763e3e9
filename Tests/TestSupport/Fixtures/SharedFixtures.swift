import Foundation

/// The read-only `shared` folder beside the repository (recorded AWS histories, the SigV4 suite,
/// LocalStack's pins); `ORDERDECK_SHARED_DIR` points elsewhere.
public enum SharedFixtures {
    public static var directory: URL {
        if let override = ProcessInfo.processInfo.environment["ORDERDECK_SHARED_DIR"] {
            return URL(fileURLWithPath: override)
        }
        // Tests/TestSupport/Fixtures/<this file> → repository root → its sibling `shared`.
        let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        return repository.deletingLastPathComponent().appendingPathComponent("shared")
    }

    /// 403 execution histories recorded against real AWS, one JSON object a line.
    public static var recordedHistories: URL { directory.appendingPathComponent("aws-recorded/histories.jsonl") }

    /// Every `HistoryEventType` of the Step Functions API, read from botocore's service model in
    /// the machine's Python — so a type AWS adds shows up here without anyone typing it.
    /// An operation's input and output members in botocore's model of `service` (the required
    /// input members apart): exchanges scripted for a call no engine here implements are written
    /// from these, and checked against them.
    public struct OperationShape: Decodable, Sendable {
        public var input: [String]
        public var required: [String]
        public var output: [String]
        public var errors: [String]
    }

    /// Read off the test pool's threads (python takes a moment; a blocked pool thread starves
    /// other suites' waits).
    public static func operationShape(_ service: String, _ operation: String) async throws -> OperationShape {
        try await withCheckedThrowingContinuation { continuation in
            Thread.detachNewThread {
                continuation.resume(with: Result { try readOperationShape(service, operation) })
            }
        }
    }

    static func readOperationShape(_ service: String, _ operation: String) throws -> OperationShape {
        let script = """
            import botocore.session, json
            op = botocore.session.get_session().get_service_model('\(service)').operation_model('\(operation)')
            print(json.dumps({'input': list(op.input_shape.members), 'required': op.input_shape.required_members,
                              'output': list(op.output_shape.members), 'errors': [e.name for e in op.error_shapes]}))
            """
        let (data, status) = try output(of: ["python3", "-c", script])
        guard status == 0 else {
            throw CocoaError(
                .fileReadCorruptFile, userInfo: [NSLocalizedDescriptionKey: "botocore's \(service) model"])
        }
        return try JSONDecoder().decode(OperationShape.self, from: data)
    }

    /// What a command (through `env`) writes on stdout, and its exit status; stderr is dropped.
    public static func output(of arguments: [String], in directory: URL? = nil) throws -> (Data, Int32) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        process.currentDirectoryURL = directory
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (data, process.terminationStatus)
    }

    public static func historyEventTypes() throws -> [String] {
        let script = """
            import botocore.session, json
            model = botocore.session.get_session().get_service_model('stepfunctions')
            print(json.dumps(model.shape_for('HistoryEventType').enum))
            """
        let (data, status) = try output(of: ["python3", "-c", script])
        guard status == 0, let types = try JSONSerialization.jsonObject(with: data) as? [String]
        else {
            throw CocoaError(
                .fileReadCorruptFile, userInfo: [NSLocalizedDescriptionKey: "botocore's stepfunctions model"])
        }
        return types
    }
}

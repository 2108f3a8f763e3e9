import AWSClient
import Foundation
import Logging

/// The append-only record of every submission, written before the request goes out and again
/// when the outcome is known, so nothing is lost if the network or the process fails.
///
/// One JSON document per line (the whole submission, latest wins per id); the file is 0600 in a
/// 0700 directory, each append is one `write` followed by `fsync`. A corrupt line is skipped with
/// a warning and the rest kept. Never holds secrets: only URL, body and the API's answer.
public actor SubmissionJournal {
    public nonisolated let path: String
    private let logger: Logger
    /// Submissions started by this process (their `pending` means "in flight", not "unknown").
    private var ownPending: Set<String> = []
    public private(set) var warnings: [String] = []

    public init(path: String, logger: Logger = Logger(label: "orderdeck.journal")) {
        self.path = path
        self.logger = logger
    }

    public static func defaultPath(environment: [String: String]) -> String {
        // Set but empty counts as unset (the XDG rule), as ProcessEnvironment reads every variable.
        let environment = ProcessEnvironment(variables: environment)
        let state =
            environment["ORDERDECK_STATE_DIR"]
            ?? (environment["XDG_STATE_HOME"] ?? environment.homeDirectory + "/.local/state") + "/orderdeck"
        return state + "/submissions.jsonl"
    }

    public func record(_ submission: Submission) throws {
        if submission.state == .pending { ownPending.insert(submission.id) } else { ownPending.remove(submission.id) }
        let encoder = JSONEncoder()
        // Milliseconds kept: two sends within a second stay in order, and times read as sent.
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(ISO8601.formatMilliseconds(date))
        }
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var line = try encoder.encode(submission)
        line.append(UInt8(ascii: "\n"))
        try append(line)
    }

    public func isOwnPending(_ id: String) -> Bool { ownPending.contains(id) }

    /// Every submission, newest first; unreadable lines are reported in `warnings`. No journal yet
    /// is an empty one; a journal that exists but cannot be read (a directory, no permission)
    /// throws with the reason, so an operator never takes "nothing there" for "nothing sent".
    public func all() throws -> [Submission] {
        let data: Data
        switch RegularFile.read(path) {
        case .missing: return []
        case .contents(let contents): data = contents
        case .unreadable(let reason): throw CoreError.unreadable("cannot read the journal \(path): \(reason)")
        }
        let decoder = JSONDecoder()
        // Whole seconds (older journals) or milliseconds.
        decoder.dateDecodingStrategy = .custom { decoder in
            let container = try decoder.singleValueContainer()
            let text = try container.decode(String.self)
            guard let date = ISO8601.parse(text) else {
                throw DecodingError.dataCorruptedError(in: container, debugDescription: "not an ISO-8601 time: \(text)")
            }
            return date
        }
        var latest: [String: Submission] = [:]
        var order: [String] = []
        var problems: [String] = []
        for (index, line) in data.split(separator: UInt8(ascii: "\n")).enumerated() {
            guard let submission = try? decoder.decode(Submission.self, from: Data(line)) else {
                problems.append("\(path):\(index + 1): unreadable journal line skipped")
                continue
            }
            if latest[submission.id] == nil { order.append(submission.id) }
            latest[submission.id] = submission
        }
        if problems != warnings {
            for problem in problems where !warnings.contains(problem) { logger.warning("\(problem)") }
            warnings = problems
        }
        return order.reversed().compactMap { latest[$0] }
    }

    /// Appends one record. The file is locked for the append, and a torn last line (a process
    /// that died mid-write) is ended first, so the new record starts on a line of its own and is
    /// never swallowed by the broken one before it.
    private func append(_ bytes: Data) throws {
        let directory = (path as NSString).deletingLastPathComponent
        try FileManager.default.createDirectory(
            atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let fd = open(path, O_RDWR | O_CREAT | O_APPEND | O_CLOEXEC, 0o600)
        guard fd >= 0 else {
            throw CoreError.invalidInput("cannot open the journal \(path): \(String(cString: strerror(errno)))")
        }
        defer { close(fd) }
        _ = flock(fd, LOCK_EX)
        defer { _ = flock(fd, LOCK_UN) }
        var bytes = bytes
        let size = lseek(fd, 0, SEEK_END)
        if size > 0 {
            var last: UInt8 = 0
            if pread(fd, &last, 1, size - 1) == 1, last != UInt8(ascii: "\n") {
                bytes.insert(UInt8(ascii: "\n"), at: bytes.startIndex)
            }
        }
        let written = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        guard written == bytes.count else {
            throw CoreError.invalidInput("cannot write the journal \(path): \(String(cString: strerror(errno)))")
        }
        fsync(fd)
    }
}

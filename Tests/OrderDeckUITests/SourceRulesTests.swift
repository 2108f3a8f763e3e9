import Foundation
import OrderDeckCore
import Testing

/// The upper half's rules, checked on the source tree: small UI files, time only through the
/// clock seam, ncurses in one module, the dashboard free of the AWS client module, the executable
/// reading the process environment once, statuses and state kinds spelled only where AWS text is
/// parsed into their types.
@Suite struct SourceRulesTests {
    static let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Sources")

    static func swiftFiles(_ modules: [String]) -> [(path: String, text: String)] {
        modules.flatMap { module -> [(String, String)] in
            let root = sources.appendingPathComponent(module)
            let paths = FileManager.default.enumerator(atPath: root.path)?.compactMap { $0 as? String } ?? []
            return paths.filter { $0.hasSuffix(".swift") }.compactMap { relative in
                let url = root.appendingPathComponent(relative)
                return (try? String(contentsOf: url, encoding: .utf8)).map { ("\(module)/\(relative)", $0) }
            }
        }
    }

    static let upperHalf = ["OrderDeckUI", "TerminalUI", "CursesTerminal", "OrderDeckCore"]

    @Test func noUIFileIsOverAbout250Lines() {
        let files = Self.swiftFiles(["OrderDeckUI", "TerminalUI", "CursesTerminal"])
        #expect(files.count > 40)
        for file in files {
            let lines = file.text.split(separator: "\n", omittingEmptySubsequences: false).count
            #expect(lines <= 260, "\(file.path) has \(lines) lines")
        }
    }

    @Test func timePassesOnlyThroughTheClockSeam() {
        for file in Self.swiftFiles(Self.upperHalf) where !file.path.hasSuffix("Time/AppClock.swift") {
            for forbidden in ["Task.sleep", "ContinuousClock", "SuspendingClock"] {
                #expect(!file.text.contains(forbidden), "\(file.path) uses \(forbidden)")
            }
        }
    }

    /// The executable is held to the rules too: it reads the process environment once, at its
    /// root, and hands it on in the command context (every other file takes it injected); its
    /// imports are checked against Package.swift in `DeclaredImportsTests`.
    @Test func theExecutableReadsTheProcessEnvironmentOnlyAtItsRoot() {
        let files = Self.swiftFiles(["orderdeck"])
        #expect(files.count > 20)
        for file in files where !file.path.hasSuffix("/OrderDeckCommand.swift") {
            #expect(!file.text.contains("ProcessInfo.processInfo.environment"), "\(file.path) reads the environment")
        }
    }

    /// Statuses and the Map/Parallel kinds are written as AWS spells them only in Identity/, where
    /// AWS text becomes `ExecutionStatus`, `OrderStatus` and `StateKind`; everywhere else they are
    /// cases, so a typo does not compile into `.other`.
    @Test func statusAndStateKindLiteralsOnlyWhereAWSTextIsParsed() {
        let spelled =
            (ExecutionStatus.known + [.unknown]).map(\.rawValue) + (OrderStatus.known + [.unknown]).map(\.rawValue)
            + [StateKind.map, .parallel].map(\.rawValue)
        #expect(spelled.contains("SUCCEEDED") && spelled.contains("CANCELLED") && spelled.contains("Parallel"))
        // A step's outcome word, not a status: "FAILED States.TaskFailed" in the timeline's result.
        let wordsNotStatuses = ["OrderDeckCore/Executions/Timeline/TimelineText.swift": ["FAILED"]]
        let files = Self.swiftFiles(Self.upperHalf + ["orderdeck"])
        #expect(files.count > 100)
        for file in files where !file.path.hasPrefix("OrderDeckCore/Identity/") {
            for literal in spelled where !(wordsNotStatuses[file.path] ?? []).contains(literal) {
                #expect(!file.text.contains("\"\(literal)\""), "\(file.path) spells \"\(literal)\": use the case")
            }
        }
    }

    @Test func onlyOneModuleImportsNcursesAndTheDashboardDoesNotImportTheAWSClient() {
        for file in Self.swiftFiles(["OrderDeckUI", "TerminalUI", "OrderDeckCore", "orderdeck"]) {
            #expect(!file.text.contains("import CNCursesW"), "\(file.path) imports ncurses")
        }
        for file in Self.swiftFiles(["OrderDeckUI", "TerminalUI"]) {
            #expect(!file.text.contains("import AWSClient"), "\(file.path) imports the AWS client")
            #expect(!file.text.contains("import AWSServices"), "\(file.path) imports the AWS services")
        }
    }
}

import Foundation
import TestSupport
import Testing

/// Package.swift tells the truth about the layers: every module a target's files import is one the
/// target declares (the compiler's `MemberImportVisibility` makes each file import what it uses),
/// and the README's module list is the package's own graph. Read from `swift package
/// dump-package`, so the manifest is parsed by SwiftPM, not by a pattern here.
@Suite struct DeclaredImportsTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// Modules of the toolchain, imported without a package dependency.
    static let toolchain: Set<String> = [
        "Foundation", "FoundationEssentials", "FoundationNetworking", "FoundationXML", "Glibc", "Darwin",
        "Dispatch", "Synchronization", "Testing", "XCTest", "_Concurrency", "Observation", "RegexBuilder",
    ]

    struct Target {
        var name: String
        var type: String
        var path: String
        /// Targets of this package and products of others, by module name.
        var dependencies: Set<String>
        var packageDependencies: Set<String>
    }

    static func targets() throws -> [Target] {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("od-dump-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: scratch) }
        // A scratch path of its own: no wait on the lock of a build running in .build.
        let (data, _) = try SharedFixtures.output(
            of: ["swift", "package", "--scratch-path", scratch.path, "dump-package"], in: root)
        let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let targets = try #require(json["targets"] as? [[String: Any]])
        return targets.compactMap { target in
            guard let name = target["name"] as? String, let type = target["type"] as? String else { return nil }
            let folder = type == "test" ? "Tests" : "Sources"
            var dependencies: Set<String> = []
            var local: Set<String> = []
            for dependency in target["dependencies"] as? [[String: Any]] ?? [] {
                for (kind, value) in dependency {
                    guard let module = (value as? [Any])?.first as? String else { continue }
                    dependencies.insert(module)
                    if kind != "product" { local.insert(module) }
                }
            }
            return Target(
                name: name, type: type, path: target["path"] as? String ?? "\(folder)/\(name)",
                dependencies: dependencies, packageDependencies: local)
        }
    }

    /// `import X`, `@testable import X`, `@_exported import struct X.Y`, `public import X`, anywhere
    /// in a file (some sit inside `#if canImport`) but inside a multi-line string (Python run by a test).
    static func imports(in text: String) -> Set<String> {
        let pattern =
            #/^\s*(?:@\w+\s+)*(?:(?:public|package|internal|fileprivate|private)\s+)?import\s+(?:(?:struct|enum|class|protocol|func|var|let|typealias)\s+)?(\w+)/#
        let code = text.components(separatedBy: "\"\"\"").enumerated().filter { $0.offset.isMultiple(of: 2) }.map(
            \.element)
        return Set(
            code.joined(separator: "\n").split(separator: "\n").compactMap { line in
                (try? pattern.firstMatch(in: line)).map { String($0.output.1) }
            })
    }

    static func swiftFiles(under path: String) -> [(path: String, text: String)] {
        let folder = root.appendingPathComponent(path)
        let paths = FileManager.default.enumerator(atPath: folder.path)?.compactMap { $0 as? String } ?? []
        return paths.filter { $0.hasSuffix(".swift") }.sorted().compactMap { relative in
            let url = folder.appendingPathComponent(relative)
            return (try? String(contentsOf: url, encoding: .utf8)).map { ("\(path)/\(relative)", $0) }
        }
    }

    @Test func everyImportedModuleIsDeclaredByItsTarget() throws {
        let targets = try Self.targets().filter { ["regular", "executable", "test"].contains($0.type) }
        #expect(targets.contains { $0.name == "orderdeck" }, "the executable is checked too")
        #expect(targets.count > 15)
        for target in targets {
            let files = Self.swiftFiles(under: target.path)
            #expect(!files.isEmpty, "\(target.name): no Swift files under \(target.path)")
            for file in files {
                let undeclared = Self.imports(in: file.text).subtracting(target.dependencies)
                    .subtracting(Self.toolchain).subtracting([target.name])
                #expect(undeclared.isEmpty, "\(file.path) imports \(undeclared.sorted()), undeclared by \(target.name)")
            }
        }
    }

    /// The README lists each module with the modules of this package it depends on, one line each
    /// (`OrderDeckUI ← OrderDeckCore, TerminalUI`); the list is the package's graph.
    @Test func theReadmeModuleListMatchesThePackage() throws {
        let readme = try String(contentsOf: Self.root.appendingPathComponent("README.md"), encoding: .utf8)
        let start = try #require(readme.range(of: "<!-- module graph: checked by DeclaredImportsTests -->"))
        let block = readme[start.upperBound...].split(separator: "```", maxSplits: 2)[1]
        var listed: [String: Set<String>] = [:]
        for line in block.split(separator: "\n") {
            let parts = line.split(separator: "←", maxSplits: 1)
            let name = parts[0].trimmingCharacters(in: .whitespaces)
            let dependencies = parts.count > 1 ? parts[1].split(separator: ",") : []
            listed[name] = Set(dependencies.map { $0.trimmingCharacters(in: .whitespaces) })
        }
        let modules = try Self.targets().filter { ["regular", "executable", "system"].contains($0.type) }
            .filter { $0.path.hasPrefix("Sources/") }
        #expect(Set(listed.keys) == Set(modules.map(\.name)), "README lists \(listed.keys.sorted())")
        for module in modules {
            #expect(
                listed[module.name] == module.packageDependencies,
                "README: \(module.name) ← \(module.packageDependencies.sorted())")
        }
    }
}

import Foundation
import PackagePlugin

/// Writes `BuildInfo.swift` before each build: the git commit the binary is built from, so
/// `orderdeck --version` can say it ("unknown" outside a git checkout).
@main
struct BuildInfo: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: any Target) throws -> [Command] {
        let output = context.pluginWorkDirectoryURL.appendingPathComponent("BuildInfo")
        let file = output.appendingPathComponent("BuildInfo.swift").path
        let package = context.package.directoryURL.path
        let script = """
            mkdir -p '\(output.path)'
            commit=$(git -C '\(package)' rev-parse --short=12 HEAD 2>/dev/null || echo unknown)
            dirty=$(git -C '\(package)' status --porcelain --untracked-files=no 2>/dev/null | head -1)
            [ -n "$dirty" ] && commit="$commit+changes"
            new="enum BuildInfo { static let commit = \\"$commit\\" }"
            [ "$(cat '\(file)' 2>/dev/null)" = "$new" ] || printf '%s\\n' "$new" > '\(file)'
            """
        return [
            .prebuildCommand(
                displayName: "git commit for --version", executable: URL(fileURLWithPath: "/bin/sh"),
                arguments: ["-c", script], outputFilesDirectory: output)
        ]
    }
}

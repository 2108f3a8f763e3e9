import Foundation
import OrderDeckCore
import TerminalUI

/// What is on screen as rows to save (k9s's ctrl-s, dynamo-browse's `:export`): the rows the
/// screen shows now — filtered, narrowed, drilled — as CSV or JSON lines, by the file's extension.
public struct ExportTable: Sendable, Equatable {
    public var what: String
    public var headers: [String]
    public var rows: [[String]]
    /// Columns written as JSON numbers in JSON lines (as `orders --output json` writes amounts:
    /// the stored digits, never a string); an empty cell is null.
    public var numeric: Set<String>

    public init(what: String, headers: [String], rows: [[String]], numeric: Set<String> = []) {
        self.what = what
        self.headers = headers
        self.rows = rows
        self.numeric = numeric
    }

    public enum Format: String, Sendable {
        case csv, jsonl
        /// `.csv`, `.jsonl`/`.json`/`.ndjson`; nil for anything else.
        public init?(path: String) {
            switch (path as NSString).pathExtension.lowercased() {
            case "csv": self = .csv
            case "jsonl", "json", "ndjson": self = .jsonl
            default: return nil
            }
        }
    }

    /// The file's text: CSV with a header row (RFC 4180 quoting), or one JSON object a line.
    public func text(_ format: Format) -> String {
        switch format {
        case .csv:
            return ([headers] + rows).map { $0.map(Self.csvField).joined(separator: ",") }.joined(separator: "\r\n")
                + "\r\n"
        case .jsonl:
            return rows.map { row in
                JSONValue.object(zip(headers, row).map { ($0, value($1, numeric: numeric.contains($0))) }).description
            }.joined(separator: "\n") + (rows.isEmpty ? "" : "\n")
        }
    }

    /// A cell as JSON: a number where the column is numeric and the text is one.
    func value(_ text: String, numeric: Bool) -> JSONValue {
        guard numeric else { return .string(text) }
        if text.isEmpty { return .null }
        if let parsed = try? JSONValue.parse(text), case .number = parsed { return parsed }
        return .string(text)
    }

    /// Where exports go unless the operator types another path: `ORDERDECK_EXPORT_DIR`, else
    /// `$XDG_DATA_HOME/orderdeck/exports` (`~/.local/share/orderdeck/exports`); under the home
    /// folder it is written with `~`.
    public static func directory(environment: [String: String]) -> String {
        if let chosen = environment["ORDERDECK_EXPORT_DIR"], !chosen.isEmpty { return chosen }
        let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
        let data = environment["XDG_DATA_HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? home + "/.local/share"
        let path = data + "/orderdeck/exports"
        return path.hasPrefix(home + "/") ? "~" + path.dropFirst(home.count) : path
    }

    static func csvField(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}

extension DashboardState {
    /// The current screen's rows, or nil where there is nothing to save (Submit).
    public var exportTable: ExportTable? { screens[screen].export(self) }

    /// ctrl-s: asks where, proposing a file named after the screen and the time.
    mutating func beginExport() {
        guard let table = exportTable else {
            say("nothing to export on this screen", isError: true)
            return
        }
        let stamp = Format.iso(now).prefix(19).replacingOccurrences(of: ":", with: "")
            .replacingOccurrences(of: "-", with: "")
        let name = "orderdeck-\(table.what.replacingOccurrences(of: " ", with: "-"))-\(stamp).csv"
        // Into the export folder (ORDERDECK_EXPORT_DIR, else ~/.local/share/orderdeck/exports), said
        // in full: never wherever the dashboard happened to be started.
        prompt = Prompt(.export, text: (exportDirectory as NSString).appendingPathComponent(name))
    }

    /// ⏎ on the path: the rows go out as an effect (the dashboard writes the file).
    mutating func export(to path: String) -> [Effect] {
        guard let table = exportTable else { return [] }
        guard let format = ExportTable.Format(path: path) else {
            say("export: name a .csv or .jsonl file", isError: true)
            return []
        }
        return [.export(path: path, text: table.text(format), summary: "\(table.rows.count) \(table.what)")]
    }
}

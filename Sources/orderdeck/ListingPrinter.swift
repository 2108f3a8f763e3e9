import Foundation

/// Prints a listing batch by batch as its records arrive — `--output json` as one array of
/// records (README "JSON output"), `table` as a `StreamedTable` — so a listing of any size holds
/// only the page in hand. What a record looks like in each is given by the listing
/// (`orders`, `executions`).
struct ListingPrinter<Record> {
    let format: OutputFormat
    private let writeJSON: (Record, inout [UInt8]) -> Void
    private let row: (Record) -> [String]
    private var json = StreamedJSONArray()
    private var table: StreamedTable
    private(set) var printed = 0

    init(
        format: OutputFormat, headers: [String], rightAligned: Set<Int> = [],
        writeJSON: @escaping (Record, inout [UInt8]) -> Void, row: @escaping (Record) -> [String]
    ) {
        self.format = format
        self.writeJSON = writeJSON
        self.row = row
        table = StreamedTable(headers: headers, rightAligned: rightAligned)
    }

    mutating func add(_ records: some Collection<Record>) {
        printed += records.count
        switch format {
        case .json:
            for record in records { json.add { out in writeJSON(record, &out) } }
        case .table:
            table.add(records.map(row))
        }
    }

    /// `count` JSON records written straight by `write` (given each one's index): a page whose
    /// items never became records (`orders --output json` transcodes them).
    mutating func addJSON(count: Int, _ write: (Int, inout [UInt8]) throws -> Void) throws {
        precondition(format == .json, "addJSON is the JSON listing's path")
        printed += count
        for index in 0..<count { try json.add { out in try write(index, &out) } }
    }

    mutating func finish() {
        switch format {
        case .json: json.finish()
        case .table: table.finish()
        }
    }
}

/// A `TextTable` printed as its rows arrive, for listings of any size: the columns are sized
/// from the header and the first batch of rows (as `kubectl get` does) and kept; a later cell
/// wider than its column pushes the rest of its own row only. Nothing is held after a batch.
struct StreamedTable {
    var format: TextTable
    private var widths: [Int]?
    private var out = StandardOutput()

    init(headers: [String], rightAligned: Set<Int> = []) {
        format = TextTable(headers: headers, rightAligned: rightAligned)
    }

    /// Prints a batch of rows (the header first, with the first batch).
    mutating func add(_ rows: [[String]]) {
        let cleaned = rows.map(format.clean)
        if widths == nil {
            let sized = TextTable.widths(headers: format.headers, rows: cleaned)
            widths = sized
            out.write(format.line(format.headers, sized) + "\n")
        }
        for row in cleaned { out.write(format.line(row, widths!) + "\n") }
        out.flush()
    }

    /// Ends the table (a header alone when no row came).
    mutating func finish() {
        if widths == nil { add([]) }
        out.flush()
    }
}

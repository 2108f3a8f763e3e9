/// A JSON array printed element by element as they come: `[` before the first, `,` between,
/// `]` and a newline at the end (`[]` when none came) — the listing convention (README "JSON
/// output") for listings too big to hold.
struct StreamedJSONArray {
    private var out = StandardOutput()
    private var started = false

    /// Appends one element; `writeElement` writes its JSON bytes.
    mutating func add(_ writeElement: (inout [UInt8]) throws -> Void) rethrows {
        let separator = UInt8(ascii: started ? "," : "[")
        started = true
        try out.write { bytes in
            bytes.append(separator)
            try writeElement(&bytes)
        }
    }

    mutating func finish() {
        out.write(started ? "]\n" : "[]\n")
        out.flush()
    }
}

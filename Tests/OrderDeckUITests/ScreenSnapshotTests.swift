import Foundation
import OrderDeckUI
import TerminalUI
import Testing

/// Every screen rendered into the cell buffer at 80x24, 200x50 and 20x6 with fixed data, compared
/// with the recorded text in Snapshots/. Re-record with ORDERDECK_RECORD_SNAPSHOTS=1.
@Suite struct ScreenSnapshotTests {
    static let sizes = [(80, 24), (200, 50), (20, 6)]

    static func snapshotURL(_ name: String) -> URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Snapshots/\(name).txt")
    }

    static func check(_ name: String, _ text: String) throws {
        let url = snapshotURL(name)
        if ProcessInfo.processInfo.environment["ORDERDECK_RECORD_SNAPSHOTS"] == "1" {
            try (text + "\n").write(to: url, atomically: true, encoding: .utf8)
            return
        }
        let recorded = try String(contentsOf: url, encoding: .utf8)
        #expect(
            text + "\n" == recorded,
            "snapshot \(name) differs; re-record with ORDERDECK_RECORD_SNAPSHOTS=1 if intended:\n\(text)")
    }

    @Test(arguments: Screen.allCases)
    func screen(_ screen: Screen) throws {
        for (width, height) in Self.sizes {
            var buffer = ScreenBuffer(width: width, height: height)
            DashboardView.render(
                FixedData.state(screen: screen, size: TerminalSize(width: width, height: height)), into: &buffer)
            try Self.check("\(screen.rawValue)-\(width)x\(height)", buffer.text)
            // Nothing that reaches a cell may start an escape sequence.
            #expect(!buffer.cells.contains { $0.text.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F } })
        }
    }

    @Test func helpOverlayListsTheKeysOfTheScreen() throws {
        var state = FixedData.state(screen: .orders)
        _ = state.handle(.character("?"))
        var buffer = ScreenBuffer(width: 100, height: 30)
        DashboardView.render(state, into: &buffer)
        try Self.check("help-orders-100x30", buffer.text)
        #expect(buffer.text.contains("filter (text or regex, over each field's first 1,024 characters)"))
        _ = state.handle(.character("x"))
        #expect(!state.showHelp)
    }
}

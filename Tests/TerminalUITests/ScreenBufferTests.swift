import Foundation
import Testing

@testable import TerminalUI

@Suite struct ScreenBufferTests {
    @Test func wideCharactersTakeTwoCellsAndAreClipped() {
        var buffer = ScreenBuffer(width: 6, height: 1)
        let used = buffer.write("注文ab", x: 0, y: 0)
        #expect(used == 6)
        #expect(buffer.line(0) == "注文ab")
        var narrow = ScreenBuffer(width: 3, height: 1)
        narrow.write("注文", x: 0, y: 0)
        #expect(narrow.text == "注")
    }

    @Test func escapeSequencesNeverReachACell() {
        var buffer = ScreenBuffer(width: 60, height: 1)
        buffer.write("name\u{1B}]0;title\u{07}\u{1B}[31mred\u{9B}2J", x: 0, y: 0)
        #expect(buffer.text == "name\\u{1b}]0;title\\u{7}\\u{1b}[31mred\\u{9b}2J")
        #expect(!buffer.cells.contains { $0.text.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x9B } })
    }

    @Test func combiningMarksJoinTheirBase() {
        #expect(DisplayWidth.of("e\u{301}") == 1)
        #expect(DisplayWidth.of("😀") == 2)
        #expect(DisplayWidth.truncate("abcdef", to: 4) == "abc…")
        #expect(DisplayWidth.truncate("注文注文", to: 5) == "注文…")
    }

    @Test func tableWidthsShareTheRestAndDropLowPriorityColumnsWhenNarrow() {
        let table = TableView(columns: [
            .init("A", minWidth: 10, priority: 9), .init("B", width: 10, priority: 1),
            .init("C", width: 5, priority: 5),
        ])
        #expect(table.widths(for: 40) == [23, 10, 5])
        #expect(table.widths(for: 20) == [14, 0, 5])
        #expect(table.widths(for: 8) == [8, 0, 0])
    }

    @Test func matcherFallsBackToLiteralText() {
        #expect(TextMatcher("a(b")?.matches("xa(by") == true)
        #expect(TextMatcher("^ab")?.matches("abc") == true)
        #expect(TextMatcher("^ab")?.matches("cab") == false)
        #expect(TextMatcher("") == nil)
    }
}

/// A joined emoji is one grapheme of two cells here; a terminal adding up its code points makes
/// it four. The run after it is placed by its own column, so the rest of the row never shifts.
@Suite struct DrawRunTests {
    @Test func aJoinedEmojiEndsItsRun() {
        var buffer = ScreenBuffer(width: 10, height: 1)
        buffer.write("a👩‍💻bc", x: 0, y: 0)
        let runs = buffer.runs(over: nil)
        #expect(runs.map(\.x) == [0, 3])
        #expect(runs.map(\.text) == ["a👩‍💻", "bc     "])
        // A combining mark is no such grapheme: "é" keeps its run going.
        var plain = ScreenBuffer(width: 4, height: 1)
        plain.write("e\u{301}xy", x: 0, y: 0)
        #expect(plain.runs(over: nil).count == 1)
    }

    @Test func onlyChangedCellsAreWritten() {
        var before = ScreenBuffer(width: 6, height: 1)
        before.write("abcdef", x: 0, y: 0)
        var after = before
        after.write("X", x: 3, y: 0)
        #expect(after.runs(over: before) == [ScreenBuffer.Run(x: 3, y: 0, text: "X", style: .plain)])
    }
}

/// Pasted ids joined by "|" are plain texts: found in one pass, exactly where the expression
/// would find them.
@Suite struct LiteralAlternativesTests {
    @Test func alternativesOfPlainTextMatchAsTheRegularExpressionDoes() throws {
        let matcher = try #require(TextMatcher("Ab|x|cde-f|注文"))
        #expect(matcher.alternatives != nil && matcher.isPlainText)
        #expect(TextMatcher("a|b.c")?.alternatives == nil)
        #expect(TextMatcher("a||b")?.alternatives == nil)
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("abcdex-注文|")
        for _ in 0..<2_000 {
            let text = String((0..<Int.random(in: 0...12, using: &generator)).map { _ in alphabet.randomElement()! })
            let regex = try NSRegularExpression(pattern: "Ab|x|cde-f|注文", options: [.caseInsensitive])
            let expected = regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
            #expect(matcher.matches(lowercased: text.lowercased()) == expected, "\(text)")
            #expect(matcher.matches(text) == expected, "\(text)")
            // The highlighted ranges are where the expression finds its matches.
            let regexRanges = regex.matches(in: text, range: NSRange(text.startIndex..., in: text))
                .compactMap { Range($0.range, in: text) }.map { text[$0] }
            #expect(matcher.ranges(in: text).map { text[$0] } == regexRanges, "\(text)")
        }
    }
}

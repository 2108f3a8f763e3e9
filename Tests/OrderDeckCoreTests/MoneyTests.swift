import Foundation
import OrderDeckCore
import Testing

@Suite struct MoneyTests {
    @Test func amountsShowTheCurrencysMinorUnitsAndNothingIsRoundedAway() {
        #expect(Money.format("89.0", currency: "EUR") == "89.00 EUR")
        #expect(Money.format("47.97", currency: "EUR") == "47.97 EUR")
        #expect(Money.format("10", currency: "USD") == "10.00 USD")
        #expect(Money.format("1500", currency: "JPY") == "1500 JPY")
        #expect(Money.format("2.5", currency: "KWD") == "2.500 KWD")
        #expect(Money.format("-3.1", currency: "EUR") == "-3.10 EUR")
        #expect(Money.format("12.345", currency: "EUR") == "12.345 EUR", "extra digits are kept, not rounded")
        let exact = "12345678901234567890123456789012345.678"
        #expect(Money.format(exact, currency: "EUR") == exact + " EUR")
        #expect(Money.format("1e3", currency: "EUR") == "1e3 EUR", "not a plain decimal: as stored")
        #expect(Money.format("7.5", currency: nil) == "7.50")
        #expect(Money.format(nil, currency: "EUR") == "EUR")
    }
}

@Suite struct SinceTimeTests {
    @Test func relativeAndAbsoluteTimesAsAwsLogsTailTakesThem() throws {
        let now = try #require(SinceTime.parse("2026-11-24T16:30:00Z", now: .distantPast))
        #expect(SinceTime.parse("10m", now: now) == now.addingTimeInterval(-600))
        #expect(SinceTime.parse("2h", now: now) == now.addingTimeInterval(-7200))
        #expect(SinceTime.parse("1w", now: now) == now.addingTimeInterval(-604_800))
        let fourPM = now.addingTimeInterval(-1800)
        #expect(SinceTime.parse("2026-11-24T16:00:00Z", now: now) == fourPM)
        #expect(SinceTime.parse("2026-11-24T17:00:00+01:00", now: now) == fourPM)
        #expect(SinceTime.parse("2026-11-24 16:00", now: now) == fourPM, "no zone: UTC")
        #expect(SinceTime.parse("2026-11-24T16:00", now: now) == fourPM)
        #expect(SinceTime.parse("2026-11-24", now: now) == now.addingTimeInterval(-16.5 * 3600))
        for bad in ["yesterday", "10x", "-5m", "2026-13-40", ""] {
            #expect(SinceTime.parse(bad, now: now) == nil, "\(bad)")
        }
    }
}

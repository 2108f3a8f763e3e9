import AWSClient
import AWSServices
import Foundation
import OrderDeckCore
import OrderDeckUI
import TerminalUI

// Keystroke-to-frame on the dashboard with 100,000 orders: the time from a key to a finished
// frame in the cell buffer (state update, filter/sort, layout, render). Terminal output (the
// diff flush of changed cells) is not included; it is bounded by the screen size, not the data.

let count = Int(CommandLine.arguments.dropFirst().first ?? "") ?? 100_000
let users = ["alice", "bob", "carol", "dave", "erin", "frank", "demo_user"]
let statuses = ["COMPLETED", "COMPLETED", "COMPLETED", "CANCELLED", "PENDING"]
let base = Date(timeIntervalSince1970: 1_795_000_000)
var orders: [Order] = []
orders.reserveCapacity(count)
for index in 0..<count {
    let id = String(
        format: "%08x-%04x-4%03x-a%03x-%012x", index &* 2_654_435_761 & 0xFFFF_FFFF, index & 0xFFFF, index & 0xFFF,
        (index >> 12) & 0xFFF, index)
    orders.append(
        Order(item: [
            "user_id": .s(users[index % users.count]), "id": .s(id),
            "orderStatus": .s(statuses[index % statuses.count]),
            "createdAt": .s(ISO8601.format(base.addingTimeInterval(Double(-index)))),
            "amount": .n("\(10 + index % 500).\(index % 100)"),
            "currency": .s("EUR"),
        ]))
}

var state = DashboardState(
    stack: .init(
        name: "bench", region: "us-east-1", endpoint: "http://127.0.0.1:5000", profile: nil, isLocal: true,
        readOnly: false))
state.now = base
state.apply(.orders(orders, moreAvailable: false, loading: false))
var buffer = ScreenBuffer(width: 200, height: 50)

@MainActor func frame(_ key: Key) -> Double {
    let start = ContinuousClock.now
    _ = state.handle(key, height: buffer.height)
    buffer.clear()
    DashboardView.render(state, into: &buffer)
    let elapsed = ContinuousClock.now - start
    return Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
}

func report(_ name: String, _ samples: [Double]) {
    let sorted = samples.sorted()
    func at(_ q: Double) -> Double { sorted[min(sorted.count - 1, Int(Double(sorted.count) * q))] }
    print(
        String(
            format: "%-34@ n=%4d  p50 %7.2f ms  p99 %7.2f ms  max %7.2f ms", name as NSString, sorted.count, at(0.5),
            at(0.99), sorted.last ?? 0))
}

_ = frame(.resize)  // warm up
var filtering: [Double] = []
for round in 0..<10 {
    _ = frame(.character("/"))
    for character in (round % 2 == 0 ? "alice" : "a1b2") { filtering.append(frame(.character(character))) }
    for _ in 0..<3 { filtering.append(frame(.backspace)) }
    filtering.append(frame(.escape))
}
var scrolling: [Double] = []
for index in 0..<300 {
    let key: Key = index % 3 == 0 ? .pageDown : (index % 3 == 1 ? .character("j") : .end)
    scrolling.append(frame(index % 50 == 49 ? .home : key))
}
var sorting: [Double] = []
for _ in 0..<10 { sorting.append(frame(.character("s"))) }

print("dashboard with \(count) orders, 200x50 cell buffer")
report("filter keystroke-to-frame", filtering)
report("scroll keystroke-to-frame", scrolling)
report("sort keystroke-to-frame", sorting)

import OrderDeckCore
import TerminalUI
import TestSupport
import Testing

@testable import OrderDeckUI

/// Found by a new operator: at 60 columns the Orders table cut amounts to `12.… EUR` while the
/// README promises stored digits are never lost. The amount shrinks after the user and the
/// execution columns, so at 60 columns every amount is whole.
@Suite struct NarrowOrdersTests {
    @Test func everyAmountIsWholeAt60Columns() throws {
        for width in [60, 72, 80] {
            let size = TerminalSize(width: width, height: 20)
            let state = FixedData.state(screen: .orders, size: size)
            var buffer = ScreenBuffer(width: size.width, height: size.height)
            DashboardView.render(state, into: &buffer)
            let text = buffer.text
            #expect(text.contains("AMOUNT"), "\(width) columns:\n\(text)")
            let shown = state.orders.visible.prefix(8)
            #expect(!shown.isEmpty)
            for order in shown {
                let amount = Money.format(order.amount, currency: order.currency)
                #expect(text.contains(amount), "\(width) columns: \(amount) cut:\n\(text)")
            }
        }
    }
}

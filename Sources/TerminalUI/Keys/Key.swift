/// A key press (or terminal event), independent of ncurses.
public enum Key: Hashable, Sendable {
    case character(Character)
    case up, down, left, right
    case pageUp, pageDown, home, end
    case enter, escape, backspace, tab, backTab, delete
    case control(Character)
    case function(Int)
    case resize
    case mouseClick(x: Int, y: Int)
    case mouseDoubleClick(x: Int, y: Int)
    case mouseWheel(up: Bool)
}

// ncursesw for Swift 6. SwiftPM drops pkg-config's -D_XOPEN_SOURCE=600, which would hide the
// wide-character API (get_wch, wint_t): ask for it explicitly. Macros Swift does not import and
// global mutable state (stdscr, LINES, COLS) are reached through these inline functions.
#ifndef ORDERDECK_CNCURSESW_SHIM_H
#define ORDERDECK_CNCURSESW_SHIM_H
#define NCURSES_WIDECHAR 1
#define _XOPEN_SOURCE_EXTENDED 1
#include <locale.h>
#include <wchar.h>
#include <ncursesw/curses.h>
#include <sys/ioctl.h>
#include <unistd.h>

static inline WINDOW *od_stdscr(void) { return stdscr; }
static inline WINDOW *od_curscr(void) { return curscr; }
/* The terminal's size as the kernel knows it now (ioctl is variadic: Swift cannot call it). */
static inline int od_window_size(int *rows, int *cols) {
    struct winsize size;
    if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &size) != 0 || size.ws_row == 0 || size.ws_col == 0) return -1;
    *rows = size.ws_row;
    *cols = size.ws_col;
    return 0;
}
static inline int od_lines(void) { return LINES; }
static inline int od_cols(void) { return COLS; }
static inline int od_colors(void) { return COLORS; }
static inline attr_t od_a_bold(void) { return A_BOLD; }
static inline attr_t od_a_reverse(void) { return A_REVERSE; }
static inline attr_t od_a_underline(void) { return A_UNDERLINE; }
static inline attr_t od_a_dim(void) { return A_DIM; }
static inline attr_t od_a_normal(void) { return A_NORMAL; }
static inline attr_t od_color_pair(int pair) { return COLOR_PAIR(pair); }
static inline int od_key_code_yes(void) { return KEY_CODE_YES; }
static inline int od_get_wch(wint_t *out) { return get_wch(out); }
static inline int od_attrset(attr_t attributes) { return attrset(attributes); }
static inline int od_mvaddstr(int y, int x, const char *text) { return mvaddstr(y, x, text); }
/* Mouse (opt-in): clicks, double-clicks and the wheel; the masks are macros Swift cannot import. */
static inline void od_enable_mouse(void) {
    mousemask(BUTTON1_CLICKED | BUTTON1_DOUBLE_CLICKED | BUTTON1_PRESSED | BUTTON1_RELEASED | BUTTON4_PRESSED
#ifdef BUTTON5_PRESSED
              | BUTTON5_PRESSED
#endif
              , NULL);
    mouseinterval(250);
}
static inline int od_key_mouse(void) { return KEY_MOUSE; }
/* 1 click, 2 double-click, 3 wheel up, 4 wheel down, 0 anything else. */
static inline int od_read_mouse(int *x, int *y) {
    MEVENT event;
    if (getmouse(&event) != OK) return 0;
    *x = event.x;
    *y = event.y;
    if (event.bstate & BUTTON1_DOUBLE_CLICKED) return 2;
    if (event.bstate & (BUTTON1_CLICKED | BUTTON1_RELEASED)) return 1;
    if (event.bstate & BUTTON4_PRESSED) return 3;
#ifdef BUTTON5_PRESSED
    if (event.bstate & BUTTON5_PRESSED) return 4;
#endif
    return 0;
}
#endif

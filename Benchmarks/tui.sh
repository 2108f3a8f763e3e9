#!/usr/bin/env bash
# TUI benchmarks (issues 5/7/12, case 7): every key's keystroke-to-frame over 100,000 orders through the
# event loop, a resize, and the idle CPU of
# the real dashboard over 30 s with every live pane loading (orders, executions, logs), in tmux
# against the local stack. Prints figures; BENCHMARKS.md records them.
set -euo pipefail
cd "$(dirname "$0")/.."
export AWS_EC2_METADATA_DISABLED=true
swift build -c release --static-swift-stdlib --product TUIBenchmark >/dev/null
swift build -c release --static-swift-stdlib --product orderdeck >/dev/null
.build/release/TUIBenchmark "${ORDERS:-100000}"

state=$(mktemp -d)
export ORDERDECK_STATE_DIR="$state" XDG_CONFIG_HOME="$state/xdg"
.build/release/orderdeck local up >/dev/null
.build/release/orderdeck local seed --orders 40 >/dev/null 2>&1
socket="orderdeck-bench-$$"
tmux -L "$socket" new-session -d -s od -x 200 -y 50 "env ORDERDECK_STATE_DIR=$state XDG_CONFIG_HOME=$state/xdg AWS_EC2_METADATA_DISABLED=true TERM=xterm-256color $PWD/.build/release/orderdeck"
# After seeding, the log tail re-reads the last 30 s of events (its overlap window for late
# arrivals) on every poll until they age out: idle means after that.
sleep 40
pid=$(pgrep -f "^$PWD/.build/release/orderdeck$" | head -1)
ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
hz=$(getconf CLK_TCK)
before=$(ticks "$pid"); sleep 30; after=$(ticks "$pid")
echo "idle dashboard (orders, executions and logs panes live, 30 s): $(awk -v t=$((after - before)) -v hz="$hz" 'BEGIN { printf "%.2f%% of a core (%.2f s CPU)", t / hz / 30 * 100, t / hz }')"
tmux -L "$socket" send-keys -t od 2; sleep 30; later=$(ticks "$pid")
echo "idle on the executions screen (30 s): $(awk -v t=$((later - after)) -v hz="$hz" 'BEGIN { printf "%.2f%% of a core", t / hz / 30 * 100 }')"
tmux -L "$socket" kill-server
rm -f "/tmp/tmux-$(id -u)/$socket"  # kill-server leaves the socket here
.build/release/orderdeck local down >/dev/null
rm -rf "$state"

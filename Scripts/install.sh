#!/usr/bin/env bash
# Installs orderdeck like a tool: the release binary on PATH, its man page and its shell
# completions (bash, zsh, fish).
#
#   Scripts/install.sh                     # into ~/.local (bin/, share/man, share/…completions)
#   PREFIX=/usr/local Scripts/install.sh   # elsewhere
#   Scripts/install.sh --bin .build/debug --no-man   # an existing build, no man page (tests)
#
# The first release build takes about 3 minutes on an idle 2-core machine (much longer on a
# loaded one); later ones take seconds.
set -euo pipefail
cd "$(dirname "$0")/.."
prefix=${PREFIX:-$HOME/.local}
bin_dir=""
man=1
while [ $# -gt 0 ]; do
  case "$1" in
    --bin) bin_dir=$2; shift 2 ;;
    --no-man) man=0; shift ;;
    *) echo "install.sh: unknown option $1" >&2; exit 64 ;;
  esac
done
if [ -z "$bin_dir" ]; then
  # The Swift runtime and Foundation linked in: a command starts in ~9 ms instead of ~16 ms
  # (no dynamic loading and binding of the Swift libraries).
  swift build -c release --static-swift-stdlib --product orderdeck
  bin_dir=.build/release
fi
binary="$bin_dir/orderdeck"
[ -x "$binary" ] || { echo "install.sh: no orderdeck in $bin_dir" >&2; exit 1; }

install -d "$prefix/bin" "$prefix/share/man/man1" "$prefix/share/bash-completion/completions" \
  "$prefix/share/zsh/site-functions" "$prefix/share/fish/vendor_completions.d"
install -m 0755 "$binary" "$prefix/bin/orderdeck"
"$prefix/bin/orderdeck" --generate-completion-script bash > "$prefix/share/bash-completion/completions/orderdeck"
"$prefix/bin/orderdeck" --generate-completion-script zsh > "$prefix/share/zsh/site-functions/_orderdeck"
"$prefix/bin/orderdeck" --generate-completion-script fish > "$prefix/share/fish/vendor_completions.d/orderdeck.fish"
if [ $man -eq 1 ]; then
  swift package generate-manual --configuration release -o - 2>/dev/null | sed -n '/^\.\\"/,$p' \
    > "$prefix/share/man/man1/orderdeck.1"
fi
echo "installed $("$prefix/bin/orderdeck" --version) in $prefix/bin"
case ":$PATH:" in
  *":$prefix/bin:"*) ;;
  *) echo "add $prefix/bin to PATH (e.g. in ~/.profile: export PATH=\"$prefix/bin:\$PATH\")" ;;
esac

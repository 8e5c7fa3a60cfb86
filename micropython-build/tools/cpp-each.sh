#!/bin/sh
# Run a preprocessor command once per C source: `cpp-each.sh <cc...> -E <flags> a.c b.c ...` (or `-` for
# stdin). MicroPython's qstr extraction passes many sources to one `$(CPP)` call, and `zig cc -E` drops
# the libc include paths both for several inputs and for stdin; outputs are concatenated in order.
set -eu
args=""
files=""
for a in "$@"; do
    case "$a" in
        *.c | -) files="$files $a" ;;
        *) args="$args '$(printf '%s' "$a" | sed "s/'/'\\\\''/g")'" ;;
    esac
done
tmp=""
trap 'rm -rf "$tmp"' EXIT
for f in $files; do
    if [ "$f" = "-" ]; then
        tmp=$(mktemp -d)
        cat > "$tmp/stdin.c"
        f="$tmp/stdin.c"
    fi
    eval "set -- $args"
    "$@" "$f"
done

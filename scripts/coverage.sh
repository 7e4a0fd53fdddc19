#!/bin/sh
# Coverage of a folder of posts (default: the shared test posts beside the
# repository): per post, the relations found, read and decided, and what is
# refuted (relations and other claims). Other authors' posts are read in
# place, never copied. Needs only the Rust toolchain (it builds the release
# binary when missing) and a POSIX shell.
set -eu
dir=${1:-../shared/posts}
bin=${DSOFTMAX:-target/release/dsoftmax}
if [ ! -d "$dir" ]; then
    echo "coverage: no folder $dir here (the shared posts are not on this machine); nothing to measure"
    exit 0
fi
[ -x "$bin" ] || cargo build --release --quiet
printf '%-48s %9s %5s %8s %8s %8s\n' post relations read decided refuted 'claims(p+h+r)'
for post in "$dir"/*.md; do
    [ "$(basename "$post")" = SOURCES.md ] && continue
    # The last line: "Read R of M relations, D decided. Claims: … refuted … Lines: … refuted …"
    last=$("$bin" verify --lang en --count 0 "$post" | tail -n 1) || true
    echo "$last" | sed -E "s/^Read ([0-9]+) of ([0-9]+) relations, ([0-9]+) decided\. Claims: ([0-9]+) proved, ([0-9]+) hold, ([0-9]+) refuted.*Lines: [0-9]+ proved, [0-9]+ hold, ([0-9]+) refuted.*/\2 \1 \3 \7 \4+\5+\6/" |
        { read -r m r d lr cl; printf '%-48s %9s %5s %8s %8s %8s\n' "$(basename "$post")" "$m" "$r" "$d" "$lr" "$cl"; }
done

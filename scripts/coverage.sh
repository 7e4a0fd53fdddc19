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
printf '%-46s %9s %5s %8s %7s %8s %8s %14s\n' post relations read decided family decided refuted 'claims(p+h+r)'
for post in "$dir"/*.md; do
    [ "$(basename "$post")" = SOURCES.md ] && continue
    # The last line: "Read R of M relations, D decided (F about the softmax family, G of them decided). Claims: … Lines: … refuted …"
    last=$("$bin" verify --lang en --count 0 "$post" | tail -n 1) || true
    echo "$last" | sed -E "s/^Read ([0-9]+) of ([0-9]+) relations, ([0-9]+) decided \(([0-9]+) about the softmax family, ([0-9]+) of them decided\)\. Claims: ([0-9]+) proved, ([0-9]+) hold, ([0-9]+) refuted.*Lines: [0-9]+ proved, [0-9]+ hold, ([0-9]+) refuted.*/\2 \1 \3 \4 \5 \9 \6+\7+\8/" |
        { read -r m r d f fd lr cl; printf '%-46s %9s %5s %8s %7s %8s %8s %14s\n' "$(basename "$post")" "$m" "$r" "$d" "$f" "$fd" "$lr" "$cl"; }
done

#!/usr/bin/env bash
#
# What the article's history costs at start and in the heap, with 100 published versions, against
# the same article published with no repository (the reference, measured in the same run).
#
#   src/test/bench/history.sh
#
# The repository is made once by the tests' own program (org.broadsheet.publishing.HistoryCost): the
# real article published, then 99 commits each adding a paragraph and an update note. Each run is a
# fresh JVM (-Xmx64m -XX:+UseSerialGC, so that what the heap keeps is plain to read) publishing either
# the repository's article or the plain copy; the two alternate, round after round. Figures are
# medians: the first edition (what the start waits for), the settled edition (with the 100 version
# pages, the history page and the TimeMap, built after it, off the start's path), and the heap
# kept after a full collection.
#
# Settings from the environment: BENCH_HISTORY_RUNS (5), BENCH_JAVA (java). Not part of mvn verify.

set -euo pipefail

BENCH_DIR=$(cd "$(dirname "$0")" && pwd)
PROJECT_DIR=$(cd "$BENCH_DIR/../../.." && pwd)
RUNS=${BENCH_HISTORY_RUNS:-5}
JAVA=${BENCH_JAVA:-java}

BENCH_NAME=history
. "$BENCH_DIR/common.sh"

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

log "history: compiling the tests"
(cd "$PROJECT_DIR" && mvn -q -B test-compile dependency:build-classpath -Dmdep.includeScope=test \
	-Dmdep.outputFile="$WORK/classpath.txt") > "$WORK/mvn.log" 2>&1 || die "compiling the tests failed: $(tail -n 20 "$WORK/mvn.log")"
CLASSPATH="$PROJECT_DIR/target/test-classes:$PROJECT_DIR/target/classes:$(cat "$WORK/classpath.txt")"

run() {
	"$JAVA" -Xmx64m -XX:+UseSerialGC -cp "$CLASSPATH" org.broadsheet.publishing.HistoryCost "$1" "$WORK/article" "$PROJECT_DIR" 2> "$WORK/$1.log" \
		| tail -n 1 || die "the $1 run failed: $(tail -n 5 "$WORK/$1.log")"
}

log "history: making the 100-version repository"
run plain > /dev/null
for round in $(seq 1 "$RUNS"); do
	for mode in plain history; do
		line=$(run "$mode")
		[ -n "$line" ] || die "the $mode run printed nothing: $(tail -n 5 "$WORK/$mode.log")"
		log "history: round $round, $mode: $line (first edition ms, settled ms, heap KB, history pages, heaviest page + CSS gzip B)"
		echo "$line" >> "$WORK/$mode.txt"
	done
done

column() { awk -v c="$2" '{ print $c }' "$WORK/$1.txt" | median; }
plain_first=$(column plain 1); history_first=$(column history 1)
plain_heap=$(column plain 3); history_heap=$(column history 3)
history_settled=$(column history 2); pages=$(column history 4); heaviest=$(column history 5)

printf 'machine: %s, %s cores, %s\n' "$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)" "$(nproc)" "$("$JAVA" -version 2>&1 | head -1)"
printf 'first edition, no history:       %6.0f ms\n' "$plain_first"
printf 'first edition, 100 versions:     %6.0f ms  (+%.0f ms, %.2fx)\n' "$history_first" \
	"$(awk -v a="$history_first" -v b="$plain_first" 'BEGIN { print a - b }')" \
	"$(awk -v a="$history_first" -v b="$plain_first" 'BEGIN { print a / b }')"
printf 'settled, 100 versions:           %6.0f ms  (%.0f history pages)\n' "$history_settled" "$pages"
printf 'heaviest page + CSS, gzip:      %6.0f B  (budget: 14336 B)\n' "$heaviest"
printf 'heap kept, no history:           %6.1f MB\n' "$(awk -v k="$plain_heap" 'BEGIN { print k / 1024 }')"
printf 'heap kept, 100 versions:         %6.1f MB  (+%.1f MB)\n' "$(awk -v k="$history_heap" 'BEGIN { print k / 1024 }')" \
	"$(awk -v a="$history_heap" -v b="$plain_heap" 'BEGIN { print (a - b) / 1024 }')"

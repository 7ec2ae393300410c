#!/usr/bin/env bash
#
# Broadsheet start-up: time from `java -jar` to the first 200 response for GET /, measured the
# plain way and with the JVM's documented start-up caches.
#
#   src/test/bench/startup.sh                 # stock, plain, printed, cache; plain25 and cache25 too if a JDK 25 is found
#   src/test/bench/startup.sh plain cds       # only these
#
# Modes:
#   plain      java -jar target/broadsheet.jar, as a restart runs it: the article as the last start
#              printed it is served, and printed again once the application is ready
#   printed    the same, with the kept edition removed before each run: the first start of a new
#              build, article or settings, which prints the article before it serves it
#   cache      the operators' restart (the systemd unit's ExecStartPre and ExecStart): the start-up
#              cache checked (src/test/deploy/start-cache.sh check), then java @java.args, both timed;
#              the cache is made once before, untimed (start-cache.sh make, as after a deploy)
#   cache25    the same with the JDK 25 launcher: the step makes an AOT cache
#   extracted  the jar extracted with Boot's tools (java -Djarmode=tools -jar ... extract)
#   cds        extracted, plus a class-data-sharing archive (Java 17+):
#                training:  java -XX:ArchiveClassesAtExit=broadsheet.jsa -Dspring.context.exit=onRefresh -jar broadsheet.jar
#                run:       java -XX:SharedArchiveFile=broadsheet.jsa -jar broadsheet.jar
#   plain25    java -jar with the JDK 25 launcher (BENCH_JAVA25)
#   aot        extracted, plus an AOT cache (JDK 25, JEP 483/514), with the JDK 25 launcher:
#                training:  java -XX:AOTCacheOutput=broadsheet.aot -Dspring.context.exit=onRefresh -jar broadsheet.jar
#                run:       java -XX:AOTCache=broadsheet.aot -jar broadsheet.jar
#   stock      the reference: java -jar on a stock Spring Boot app with the same web and Thymeleaf
#              starters and commonmark, rendering content/article.md on each request (./stock,
#              built here the first time with mvn -f src/test/bench/stock/pom.xml package)
#   standins   java -jar on a copy of content/, read from disk: the stand-in drawings, as the next two
#   photos     the same article with three 24 MP camera files of 10 MB in place of the drawings,
#              developed from scratch each run (an empty photo cache)
#   photos-warm  the same, with the photo cache a previous start filled
#
# The runs of all modes are interleaved, round after round, so that a busy spell on a shared
# machine falls on every mode alike.
#
#   src/test/bench/startup.sh standins photos photos-warm     # what camera photos cost at start
#
# The camera files are made by the tests' own generator (org.broadsheet.photos.CameraFiles), so the
# photo modes compile the tests once (mvn test-compile).
#
# Settings from the environment: BENCH_STARTUP_RUNS (5), BENCH_JAVA (java), BENCH_JAVA25 (a JDK 25
# java, looked for under /usr/lib/jvm), BENCH_JAVA_OPTS (added to every launch), BENCH_JAR.
# Each figure is the median of the runs; the polling adds up to ~20 ms. It is not part of mvn verify.

set -euo pipefail

BENCH_DIR=$(cd "$(dirname "$0")" && pwd)
PROJECT_DIR=$(cd "$BENCH_DIR/../../.." && pwd)
JAR=${BENCH_JAR:-$PROJECT_DIR/target/broadsheet.jar}
STOCK_JAR=$BENCH_DIR/stock/target/stock.jar
RUNS=${BENCH_STARTUP_RUNS:-5}
JAVA=${BENCH_JAVA:-java}
JAVA_OPTS=${BENCH_JAVA_OPTS:-}
JAVA25=${BENCH_JAVA25:-$(ls -d /usr/lib/jvm/*-25-*/bin/java /usr/lib/jvm/*-25/bin/java 2>/dev/null | head -1 || true)}

WORK=""
APP_PID=""

# The helpers shared with run.sh (log, die, median, tick counters, ports); die prefixes BENCH_NAME.
BENCH_NAME=startup
. "$BENCH_DIR/common.sh"

cleanup() {
	local status=$?
	trap - EXIT INT TERM
	if [ -n "$APP_PID" ] && kill -0 "$APP_PID" 2>/dev/null; then
		kill -TERM "$APP_PID" 2>/dev/null || true
		wait "$APP_PID" 2>/dev/null || true
	fi
	[ -z "$WORK" ] || rm -rf "$WORK"
	exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

command -v curl >/dev/null || die "curl is needed"
if [ ! -f "$JAR" ]; then
	log "startup: building $JAR"
	(cd "$PROJECT_DIR" && mvn -q -B package -DskipTests) || die "the build failed"
fi

if [ "$#" -gt 0 ]; then
	MODES=$*
else
	MODES="stock plain printed cache"
	[ -n "$JAVA25" ] && MODES="$MODES plain25 cache25"
fi
case " $MODES " in *" plain25 "*|*" aot "*|*" cache25 "*) [ -n "$JAVA25" ] || die "no JDK 25 found; set BENCH_JAVA25" ;; esac

WORK=$(mktemp -d "${TMPDIR:-/tmp}/broadsheet-startup.XXXXXX")

# Launches "$@" (a java command line, the port is appended), polls GET / until it answers 200,
# leaves the seconds that took in $ELAPSED, then stops the process. (Not run in a $(...) subshell,
# so that cleanup sees APP_PID.)
ELAPSED=""
time_to_first_byte() {
	local port started elapsed
	port=$(free_port)
	touch "$WORK/launched"
	started=$(date +%s%N)
	"$@" --server.address=127.0.0.1 --server.port="$port" > "$WORK/app.log" 2>&1 &
	APP_PID=$!
	until curl -fs -o /dev/null --max-time 2 "http://127.0.0.1:$port/"; do
		if ! kill -0 "$APP_PID" 2>/dev/null; then
			tail -n 30 "$WORK/app.log" >&2
			die "the app exited before answering: $*"
		fi
		[ $(( $(date +%s%N) - started )) -lt 120000000000 ] || die "no answer within 120 s: $*"
		sleep 0.01
	done
	elapsed=$(( $(date +%s%N) - started ))
	# once ready, the app keeps the article as printed (or marks the kept one used) for the next start:
	# let it, before it is stopped
	local arg kept=""
	for arg in "$@"; do
		case $arg in --broadsheet.photo-cache="$WORK"/cache-*) kept=${arg#*=} ;; esac
	done
	if [ -n "$kept" ]; then
		for _ in $(seq 1 200); do
			[ -z "$(find "$kept" -maxdepth 1 -name 'edition-*.bin' -newer "$WORK/launched" 2>/dev/null)" ] || break
			sleep 0.05
		done
	fi
	kill -TERM "$APP_PID" 2>/dev/null || true
	wait "$APP_PID" 2>/dev/null || true
	APP_PID=""
	ELAPSED=$(awk -v n="$elapsed" 'BEGIN { printf "%.3f", n / 1e9 }')
}

# The article from content/, on disk; and a copy with three generated camera files in its place.
standins_article() {
	[ -f "$WORK/standins/article.md" ] || cp -r "$PROJECT_DIR/content" "$WORK/standins"
	echo "$WORK/standins/article.md"
}
camera_article() {
	if [ ! -f "$WORK/camera/article.md" ]; then
		log "startup: making three 24 MP camera files with the tests' generator"
		(cd "$PROJECT_DIR" && mvn -q -B test-compile dependency:build-classpath -Dmdep.includeScope=test \
			-Dmdep.outputFile="$WORK/test-classpath.txt") > "$WORK/mvn.log" 2>&1 \
			|| die "compiling the tests failed: $(tail -n 20 "$WORK/mvn.log")"
		(cd "$PROJECT_DIR" && "$JAVA" -cp "target/test-classes:target/classes:$(cat "$WORK/test-classpath.txt")" \
			org.broadsheet.photos.CameraFiles "$WORK/camera") > /dev/null || die "making the camera files failed"
	fi
	echo "$WORK/camera/article.md"
}

# Spring's own figure from the last launch's log: "Started ... in X seconds (process running for Y)".
spring_figure() {
	local figure
	figure=$(sed -n 's/.*Started .* in \([0-9.]*\) seconds (process running for \([0-9.]*\)).*/\1 s context, \2 s process/p' "$WORK/app.log" | tail -1)
	grep -q 'Starting AOT-processed' "$WORK/app.log" && figure="$figure, AOT-processed"
	grep -q 'as the last start printed it' "$WORK/app.log" && figure="$figure, the kept edition served"
	echo "$figure"
}

# Extracts the jar once, into $WORK/extracted (Boot's layout: broadsheet.jar plus lib/).
extract() {
	[ -f "$WORK/extracted/broadsheet.jar" ] && return 0
	"$JAVA" -Djarmode=tools -jar "$JAR" extract --destination "$WORK/extracted" > "$WORK/extract.log" 2>&1 \
		|| die "extract failed: $(cat "$WORK/extract.log")"
}

# A training run: starts the context, exits at refresh, leaves the archive behind.
train() {
	local java=$1 option=$2 archive=$3
	# The same absolute jar path as the timed runs: the JVM refuses an archive made on another class path.
	"$java" $JAVA_OPTS "$option" -Dspring.context.exit=onRefresh -jar "$WORK/extracted/broadsheet.jar" \
		--server.port=0 --broadsheet.photo-cache= > "$WORK/train.log" 2>&1 || die "training failed: $(tail -n 20 "$WORK/train.log")"
	[ -f "$archive" ] || die "training left no $archive: $(tail -n 20 "$WORK/train.log")"
}

# Share of the machine's CPU that other processes used while we measured: busy ticks minus those
# of our waited-for children (the JVMs, curl), over all ticks.
read -r BUSY0 TOTAL0 <<< "$(machine_ticks)"
KIDS0=$(children_ticks)

declare -A MEDIAN SPRING
echo "== Broadsheet start-up: java -jar to the first 200 response =="
echo "date:    $(date -u '+%Y-%m-%d %H:%M:%S UTC')"
echo "machine: $(nproc) cores; $(uptime | sed 's/.*load average/load average/')"
echo "java:    $("$JAVA" -version 2>&1 | sed -n 2p)"
[ -z "$JAVA25" ] || echo "java25:  $("$JAVA25" -version 2>&1 | sed -n 2p) [$JAVA25]"
echo "options: ${JAVA_OPTS:-(none)}; $RUNS runs each, median"
echo

# The command line a mode launches, in CMD; its caches are made the first time.
command_for() {
	case $1 in
		plain) CMD=("$JAVA" $JAVA_OPTS -jar "$JAR" --broadsheet.photo-cache="$WORK/cache-$1") ;;
		printed)
			rm -f "$WORK/cache-$1"/edition-*.bin
			CMD=("$JAVA" $JAVA_OPTS -jar "$JAR" --broadsheet.photo-cache="$WORK/cache-$1") ;;
		plain25) CMD=("$JAVA25" $JAVA_OPTS -jar "$JAR" --broadsheet.photo-cache="$WORK/cache-$1") ;;
		extracted)
			extract
			CMD=("$JAVA" $JAVA_OPTS -jar "$WORK/extracted/broadsheet.jar" --broadsheet.photo-cache="$WORK/cache-$1") ;;
		cds)
			extract
			[ -f "$WORK/extracted/broadsheet.jsa" ] \
				|| train "$JAVA" -XX:ArchiveClassesAtExit="$WORK/extracted/broadsheet.jsa" "$WORK/extracted/broadsheet.jsa"
			CMD=("$JAVA" $JAVA_OPTS -XX:SharedArchiveFile="$WORK/extracted/broadsheet.jsa" -jar "$WORK/extracted/broadsheet.jar"
				--broadsheet.photo-cache="$WORK/cache-$1") ;;
		aot)
			extract
			[ -f "$WORK/extracted/broadsheet.aot" ] \
				|| train "$JAVA25" -XX:AOTCacheOutput="$WORK/extracted/broadsheet.aot" "$WORK/extracted/broadsheet.aot"
			CMD=("$JAVA25" $JAVA_OPTS -XX:AOTCache="$WORK/extracted/broadsheet.aot" -jar "$WORK/extracted/broadsheet.jar"
				--broadsheet.photo-cache="$WORK/cache-$1") ;;
		cache|cache25)
			local java=$JAVA
			[ "$1" = cache ] || java=$JAVA25
			if [ ! -f "$WORK/$1.sh" ]; then
				# as systemd runs the unit: the step, then the JVM with the options it wrote
				cat > "$WORK/$1.sh" <<-SCRIPT
					#!/usr/bin/env bash
					JAVA='$java' JAVA_OPTS='$JAVA_OPTS' bash '$PROJECT_DIR/src/test/deploy/start-cache.sh' check '$JAR' '$WORK/$1' '$WORK/$1.args' > '$WORK/$1.step' || exit 1
					exec '$java' $JAVA_OPTS @'$WORK/$1.args' "\$@"
				SCRIPT
				# as the unit's make line: the training prints the article, as a first start does
				JAVA=$java JAVA_OPTS=$JAVA_OPTS bash "$PROJECT_DIR/src/test/deploy/start-cache.sh" make "$JAR" "$WORK/$1" \
					--broadsheet.photo-cache= >&2 \
					|| die "$1: start-cache.sh make failed"
			fi
			CMD=(bash "$WORK/$1.sh" --broadsheet.photo-cache="$WORK/cache-$1") ;;
		stock)
			if [ ! -f "$STOCK_JAR" ]; then
				log "startup: building the stock reference app"
				mvn -q -B -f "$BENCH_DIR/stock/pom.xml" package > "$WORK/stock-build.log" 2>&1 \
					|| die "building the stock app failed: $(tail -n 20 "$WORK/stock-build.log")"
			fi
			CMD=("$JAVA" $JAVA_OPTS -jar "$STOCK_JAR") ;;
		standins)
			CMD=("$JAVA" $JAVA_OPTS -jar "$JAR" --broadsheet.article="$(standins_article)" --broadsheet.preview=false) ;;
		photos)
			rm -rf "$WORK/photo-cache-cold"
			CMD=("$JAVA" $JAVA_OPTS -jar "$JAR" --broadsheet.article="$(camera_article)" --broadsheet.preview=false
				--broadsheet.photo-cache="$WORK/photo-cache-cold") ;;
		photos-warm)
			CMD=("$JAVA" $JAVA_OPTS -jar "$JAR" --broadsheet.article="$(camera_article)" --broadsheet.preview=false
				--broadsheet.photo-cache="$WORK/photo-cache-warm")
			if [ ! -d "$WORK/photo-cache-warm" ]; then
				time_to_first_byte "${CMD[@]}"   # fills the cache, untimed
			fi ;;
		*) die "unknown mode $1 (stock, plain, printed, cache, cache25, extracted, cds, plain25, aot, standins, photos, photos-warm)" ;;
	esac
}

# Rounds go through every mode in turn, so that a slow spell of a shared machine falls on all of them.
# Each mode of the jar has a cache folder of its own, filled by one start before the rounds (untimed),
# as the last start before a restart fills it.
for mode in $MODES; do
	command_for "$mode"
	case " ${CMD[*]} " in *" --broadsheet.photo-cache=$WORK/cache-$mode "*)
		[ -d "$WORK/cache-$mode" ] || time_to_first_byte "${CMD[@]}" ;;
	esac
done
declare -A TIMES
for _ in $(seq 1 "$RUNS"); do
	for mode in $MODES; do
		command_for "$mode"
		time_to_first_byte "${CMD[@]}"
		TIMES[$mode]="${TIMES[$mode]:-} $ELAPSED"
		case $mode in cache|cache25) grep -q '^start-cache: using ' "$WORK/$mode.step" \
			|| die "$mode: the start did not use the start-up cache: $(cat "$WORK/$mode.step")" ;; esac
		SPRING[$mode]=$(spring_figure)
	done
done
for mode in $MODES; do
	MEDIAN[$mode]=$(printf '%s\n' ${TIMES[$mode]} | median)
	printf '%-11s median %6.3f s to first byte  (runs:%s; last run Spring: %s)\n' "$mode" \
		"${MEDIAN[$mode]}" "${TIMES[$mode]}" "${SPRING[$mode]}"
done
# Each mode against the stock app: the median of each round's ratio.
if [ -n "${TIMES[stock]:-}" ]; then
	for mode in $MODES; do
		[ "$mode" = stock ] && continue
		paste <(printf '%s\n' ${TIMES[$mode]}) <(printf '%s\n' ${TIMES[stock]}) | awk '{ print $1 / $2 }' \
			| median | awk -v m="$mode" '{ printf "%-11s %.2fx the stock app (median of the rounds'"'"' ratios)\n", m, $1 }'
	done
fi
# Photos against the stand-ins: the median of each round's difference, which the machine's slow
# spells affect less than a difference of medians.
for mode in photos photos-warm; do
	if [ -n "${TIMES[standins]:-}" ] && [ -n "${TIMES[$mode]:-}" ]; then
		paste <(printf '%s\n' ${TIMES[$mode]}) <(printf '%s\n' ${TIMES[standins]}) | awk '{ print $1 - $2 }' \
			| median | awk -v m="$mode" '{ printf "%-11s %+.3f s against the stand-ins (median of the rounds'"'"' differences)\n", m, $1 }'
	fi
done
read -r BUSY1 TOTAL1 <<< "$(machine_ticks)"
KIDS1=$(children_ticks)
echo "load after: $(uptime | sed 's/.*load average/load average/')"
awk -v b="$(( BUSY1 - BUSY0 ))" -v t="$(( TOTAL1 - TOTAL0 ))" -v k="$(( KIDS1 - KIDS0 ))" \
	'BEGIN { o = t ? (b - k) / t * 100 : 0; printf "others:     %.0f%% of the machine busy with other processes meanwhile\n", (o < 0 ? 0 : o) }'

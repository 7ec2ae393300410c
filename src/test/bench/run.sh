#!/usr/bin/env bash
#
# Broadsheet throughput benchmark: the packaged app against nginx serving the same page bytes.
#
#   src/test/bench/run.sh                          # the default run, about 6 minutes
#   BENCH_JAVA_OPTS=-Xmx64m src/test/bench/run.sh  # the same with a 64 MB heap
#
# What it does, in order:
#   1. finds wrk, nginx and curl (installs Debian's wrk and nginx-light with apt-get if missing);
#   2. builds target/broadsheet.jar with Maven if it is missing (it never rebuilds an existing jar);
#   3. starts the jar on 127.0.0.1 and an nginx of its own (temporary prefix, config and root) that
#      serves the app's own page bytes, fetched from the app with curl: index.html for the identity
#      comparison, and index.html.gz (the app's gzip variant) through gzip_static for the gzip one;
#   4. warms both up (the app for BENCH_WARMUP, for the JIT);
#   5. runs BENCH_ROUNDS alternating rounds of wrk -t1 -c64 --latency: app identity, nginx identity,
#      app gzip, nginx gzip (the order of app and nginx flips every round, to cancel drift);
#   6. prints every run (req/s, p50, p99, non-2xx, socket errors, the server's CPU time per request,
#      the share of the machine other processes took meanwhile, the average response size), the
#      median app/nginx ratio for identity and for gzip, the app's median p99, the app's RSS after
#      the run, its time to first byte, and the gzip weight of the page and its CSS;
#   7. stops everything it started (trap on EXIT, INT and TERM) and removes its temporary directory.
#
# It is not part of `mvn verify`: timings are not tests. Machine load skews absolute numbers, so
# compare ratios measured in one run, and quote the header with them.
#
# Settings, all optional, from the environment:
#   BENCH_JAVA_OPTS     JVM options for the app, e.g. "-Xmx64m" or "-XX:+UseSerialGC"  (none)
#   BENCH_APP_ARGS      extra application arguments, e.g. "--server.tomcat.threads.max=8"  (none)
#   BENCH_JAVA          the java launcher                       ($JAVA_HOME/bin/java, else java)
#   BENCH_JAR           the jar to run                          (target/broadsheet.jar)
#   BENCH_WARMUP        the app's JIT warm-up, identity requests (30s); the gzip path, nginx get 5s
#   BENCH_ROUNDS        rounds                                   (5)
#   BENCH_DURATION      length of each wrk run                   (15s)
#   BENCH_THREADS       wrk threads                              (1)
#   BENCH_CONNECTIONS   wrk connections                          (64)
#   BENCH_APP_PORT, BENCH_NGINX_PORT   ports to use             (free ones, found at random)
#   BENCH_KEEP=1        keep the temporary directory (logs, nginx config, raw wrk output)
#
# Durations take wrk's form: 30s, 2m, 1h. The script exits 2 if any run had errors.

set -euo pipefail

# ----------------------------------------------------------------------------------------------
# Settings
# ----------------------------------------------------------------------------------------------

BENCH_DIR=$(cd "$(dirname "$0")" && pwd)
PROJECT_DIR=$(cd "$BENCH_DIR/../../.." && pwd)

JAVA_OPTS=${BENCH_JAVA_OPTS:-}
APP_ARGS=${BENCH_APP_ARGS:-}
if [ -n "${BENCH_JAVA:-}" ]; then
	JAVA=$BENCH_JAVA
elif [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then
	JAVA=$JAVA_HOME/bin/java
else
	JAVA=java
fi
JAR=${BENCH_JAR:-$PROJECT_DIR/target/broadsheet.jar}
WARMUP=${BENCH_WARMUP:-30s}
SHORT_WARMUP=5s
ROUNDS=${BENCH_ROUNDS:-5}
DURATION=${BENCH_DURATION:-15s}
THREADS=${BENCH_THREADS:-1}
CONNECTIONS=${BENCH_CONNECTIONS:-64}

# Filled in as things start, so that cleanup knows what to stop.
WORK=""
APP_PID=""
NGINX_PID=""
WRK_PID=""

# The helpers shared with startup.sh and check.sh (log, die, median, tick counters, ports, stop_pid,
# find_tool, apt_install); die prefixes BENCH_NAME.
BENCH_NAME=bench
. "$BENCH_DIR/common.sh"

# ----------------------------------------------------------------------------------------------
# Cleanup: stop exactly the processes this script started, by their ids, on any exit
# ----------------------------------------------------------------------------------------------

cleanup() {
	local status=$?
	trap - EXIT INT TERM
	stop_pid "$WRK_PID"
	stop_pid "$APP_PID"
	stop_pid "$NGINX_PID"   # the master stops its workers
	if [ -n "$WORK" ] && [ -d "$WORK" ]; then
		if [ "${BENCH_KEEP:-0}" = 1 ] || [ "$status" -ne 0 ]; then
			log "bench: logs and raw output kept in $WORK"
		else
			rm -rf "$WORK"
		fi
	fi
	exit "$status"
}
trap cleanup EXIT
trap 'log "bench: interrupted"; exit 130' INT
trap 'log "bench: terminated"; exit 143' TERM

# ----------------------------------------------------------------------------------------------
# 1. Tools
# ----------------------------------------------------------------------------------------------

find_tool wrk >/dev/null || apt_install wrk
find_tool nginx >/dev/null || apt_install nginx-light || apt_install nginx
find_tool curl >/dev/null || apt_install curl
WRK=$(find_tool wrk) || die "wrk not found"
NGINX=$(find_tool nginx) || die "nginx not found"
command -v "$JAVA" >/dev/null || die "java not found (set BENCH_JAVA or JAVA_HOME)"
"$NGINX" -V 2>&1 | grep -q -- '--with-http_gzip_static_module' \
	|| die "this nginx lacks gzip_static; install Debian's nginx-light or nginx"

# Every request the script makes gives up after 10 s, so that a server that stops answering (a jar
# rebuilt under the running app, say) ends the run with an error instead of hanging it.
curl() { command curl --max-time 10 "$@"; }

# ----------------------------------------------------------------------------------------------
# 2. The jar
# ----------------------------------------------------------------------------------------------

if [ ! -f "$JAR" ]; then
	command -v mvn >/dev/null || die "$JAR is missing and mvn is not installed"
	log "bench: building $JAR"
	(cd "$PROJECT_DIR" && mvn -q -B package -DskipTests) || die "the build failed"
	[ -f "$JAR" ] || die "the build did not produce $JAR"
fi

# ----------------------------------------------------------------------------------------------
# Helpers
# ----------------------------------------------------------------------------------------------

# Waits until GET url answers 200, up to $2 seconds, while process $3 lives. Prints the seconds
# it took (to 10 ms, from $4, a `date +%s%N` stamp).
wait_for() {
	local url=$1 limit=$2 pid=$3 since=$4 deadline
	deadline=$(( $(date +%s) + limit ))
	until curl -fsS -o /dev/null --max-time 2 "$url" 2>/dev/null; do
		kill -0 "$pid" 2>/dev/null || return 1
		[ "$(date +%s)" -lt "$deadline" ] || return 1
		sleep 0.02
	done
	awk -v n="$(( $(date +%s%N) - since ))" 'BEGIN { printf "%.2f", n / 1e9 }'
}

# The wrk Lua script: only a done() hook, so wrk still sends its pre-built request and does no Lua
# work per response. It prints one machine-readable line with exact counts, latency in µs.
write_wrk_script() {
	cat > "$1" <<-'LUA'
	done = function(summary, latency, requests)
	  local e = summary.errors
	  io.write(string.format(
	    "BENCH requests=%d bytes=%d duration_us=%d p50_us=%d p99_us=%d max_us=%d " ..
	    "connect=%d read=%d write=%d status=%d timeout=%d\n",
	    summary.requests, summary.bytes, summary.duration,
	    latency:percentile(50), latency:percentile(99), latency.max,
	    e.connect, e.read, e.write, e.status, e.timeout))
	end
	LUA
}

# Runs wrk against one URL; $1 labels the raw output file, $2 the duration, $3 the URL, then
# extra wrk arguments (headers). Leaves the BENCH line in $WRK_LINE. (Not called in a $(...)
# subshell, so that cleanup sees WRK_PID and can stop wrk on Ctrl-C.)
WRK_LINE=""
run_wrk() {
	local label=$1 duration=$2 url=$3 out
	shift 3
	out="$WORK/wrk-$label.txt"
	"$WRK" -t"$THREADS" -c"$CONNECTIONS" -d"$duration" --latency -s "$WORK/done.lua" "$@" "$url" \
		> "$out" 2>&1 &
	WRK_PID=$!
	wait "$WRK_PID" || die "wrk failed: $(cat "$out")"
	WRK_PID=""
	WRK_LINE=$(grep '^BENCH ' "$out") || die "no summary from wrk: $(cat "$out")"
}

# One field of a BENCH line: field "requests=12 bytes=34" bytes -> 34
field() { printf '%s\n' "$1" | tr ' ' '\n' | sed -n "s/^$2=//p"; }

# CPU each server spent, in clock ticks: per request, a figure that contention skews less than
# req/s.
ticks_of() { awk '{ print $14 + $15 }' "/proc/$1/stat" 2>/dev/null || echo 0; }   # utime + stime, all threads
server_ticks() {
	# $1 = app or nginx (master and workers)
	local total=0 pid
	if [ "$1" = app ]; then
		ticks_of "$APP_PID"
		return
	fi
	for pid in "$NGINX_PID" $(pgrep -P "$NGINX_PID" 2>/dev/null || true); do
		total=$(( total + $(ticks_of "$pid") ))
	done
	echo "$total"
}
CLK_TCK=$(getconf CLK_TCK 2>/dev/null || echo 100)

# ----------------------------------------------------------------------------------------------
# Header: enough about the machine and the software to make the figures quotable
# ----------------------------------------------------------------------------------------------

WORK=$(mktemp -d "${TMPDIR:-/tmp}/broadsheet-bench.XXXXXX")
chmod 755 "$WORK"   # nginx workers may run as nobody and must read the root
write_wrk_script "$WORK/done.lua"

echo "== Broadsheet benchmark: app vs nginx, same bytes =="
echo "date:        $(date -u '+%Y-%m-%d %H:%M:%S UTC')"
echo "machine:     $(nproc) cores, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo 2>/dev/null | head -1), $(awk '/MemTotal/ { printf "%.1f GB RAM", $2 / 1048576 }' /proc/meminfo 2>/dev/null)"
echo "kernel:      $(uname -sr)"
echo "load:        $(uptime | sed 's/.*load average/load average/')"
echo "java:        $("$JAVA" $JAVA_OPTS -version 2>&1 | sed -n '1p;2p' | paste -sd ';' | sed 's/;/; /') [$JAVA]"
echo "nginx:       $("$NGINX" -v 2>&1 | sed 's/^nginx version: //')"
echo "wrk:         $("$WRK" -v 2>&1 | head -1 | cut -d' ' -f1-2)"
echo "commit:      $(git -C "$PROJECT_DIR" rev-parse --short HEAD 2>/dev/null || echo unknown)$(git -C "$PROJECT_DIR" diff --quiet HEAD -- src pom.xml content 2>/dev/null || echo ' (plus uncommitted changes)')"
echo "jar:         $JAR ($(date -u -r "$JAR" '+%Y-%m-%d %H:%M UTC'))"
echo "JVM options: ${JAVA_OPTS:-(none)}"
echo "app args:    ${APP_ARGS:-(none)}"
echo "wrk:         -t$THREADS -c$CONNECTIONS -d$DURATION --latency, $ROUNDS rounds; app warm-up $WARMUP"
echo

# ----------------------------------------------------------------------------------------------
# 3. Start the app, then an nginx serving the very bytes the app serves
# ----------------------------------------------------------------------------------------------

APP_PORT=${BENCH_APP_PORT:-$(free_port)}
port_in_use "$APP_PORT" && die "port $APP_PORT is taken"
APP="http://127.0.0.1:$APP_PORT"

started=$(date +%s%N)
# shellcheck disable=SC2086  # the options are meant to split into words
"$JAVA" $JAVA_OPTS -jar "$JAR" --server.address=127.0.0.1 --server.port="$APP_PORT" $APP_ARGS \
	> "$WORK/app.log" 2>&1 &
APP_PID=$!
if ! startup=$(wait_for "$APP/" 120 "$APP_PID" "$started"); then
	log "bench: the app did not answer 200 at $APP/ within 120 s; the end of its log:"
	tail -n 40 "$WORK/app.log" >&2
	exit 1
fi
echo "app:         pid $APP_PID at $APP; first 200 response ${startup} s after launch (includes curl polling)"

# The page, exactly as the app sends it, and its headers, in both encodings.
ROOT="$WORK/html"
mkdir -p "$ROOT" "$WORK/logs" "$WORK/temp"
curl -fsS -D "$WORK/app-identity.headers" -o "$ROOT/index.html" "$APP/"
curl -fsS -D "$WORK/app-gzip.headers" -H 'Accept-Encoding: gzip' -o "$ROOT/index.html.gz" "$APP/"
grep -qi '^content-encoding: *gzip' "$WORK/app-gzip.headers" || die "the app did not gzip the page"
gzip -t < "$ROOT/index.html.gz" || die "the app's gzip variant is not valid gzip"
cmp -s "$ROOT/index.html" <(gzip -dc < "$ROOT/index.html.gz") || die "gzip variant differs from the page"
# Give both files the same modification time, so that nginx's ETag is stable.
touch -r "$ROOT/index.html" "$ROOT/index.html.gz"
chmod 644 "$ROOT"/*
PAGE_BYTES=$(wc -c < "$ROOT/index.html")
PAGE_GZIP_BYTES=$(wc -c < "$ROOT/index.html.gz")

# The page's own response headers (those the security filter and the controller set) go into
# nginx's config with add_header, so both servers send responses of about the same size.
# Headers nginx makes itself (Content-Type, Content-Length, ETag, Date...) are left to nginx.
ADD_HEADERS=$(tr -d '\r' < "$WORK/app-identity.headers" | awk -F': ' '
	tolower($1) ~ /^(content-security-policy|x-content-type-options|referrer-policy|permissions-policy|cross-origin-opener-policy|cross-origin-resource-policy|x-frame-options|cache-control|vary)$/ {
		value = substr($0, length($1) + 3)
		gsub(/"/, "\\\"", value)
		printf "        add_header %s \"%s\";\n", $1, value
	}')

NGINX_PORT=${BENCH_NGINX_PORT:-$(free_port)}
NGINX_GZIP_PORT=$(free_port)
[ "$NGINX_GZIP_PORT" != "$NGINX_PORT" ] || NGINX_GZIP_PORT=$(free_port)
for port in "$NGINX_PORT" "$NGINX_GZIP_PORT"; do
	port_in_use "$port" && die "port $port is taken"
done

# One nginx, two servers, otherwise as Debian ships it (sendfile, tcp_nopush, keepalive_requests
# 1000, worker_processes auto): gzip off on one, the app's pre-compressed bytes via gzip_static on the
# other (nginx then compresses nothing per request, as the app does not). access_log off, and every
# path under $WORK, so it needs no root.
cat > "$WORK/nginx.conf" <<-CONF
	daemon off;
	master_process on;
	worker_processes auto;
	pid $WORK/nginx.pid;
	error_log $WORK/logs/error.log warn;
	events { worker_connections 1024; }
	http {
	    types { text/html html; }
	    default_type application/octet-stream;
	    charset utf-8;
	    sendfile on;
	    tcp_nopush on;
	    server_tokens off;
	    etag on;
	    access_log off;
	    client_body_temp_path $WORK/temp/client;
	    proxy_temp_path $WORK/temp/proxy;
	    fastcgi_temp_path $WORK/temp/fastcgi;
	    uwsgi_temp_path $WORK/temp/uwsgi;
	    scgi_temp_path $WORK/temp/scgi;
	    server {
	        listen 127.0.0.1:$NGINX_PORT;
	        root $ROOT;
	        gzip off;
	        location = / {
	            index index.html;
	        }
	        location = /index.html {
$ADD_HEADERS
	        }
	    }
	    server {
	        listen 127.0.0.1:$NGINX_GZIP_PORT;
	        root $ROOT;
	        gzip off;
	        gzip_static on;
	        location = / {
	            index index.html;
	        }
	        location = /index.html {
$ADD_HEADERS
	        }
	    }
	}
CONF
"$NGINX" -t -q -p "$WORK" -e "$WORK/logs/error.log" -c "$WORK/nginx.conf" 2>"$WORK/nginx-t.log" \
	|| die "nginx rejected its config: $(cat "$WORK/nginx-t.log")"
started=$(date +%s%N)
"$NGINX" -p "$WORK" -e "$WORK/logs/error.log" -c "$WORK/nginx.conf" > "$WORK/logs/nginx.out" 2>&1 &
NGINX_PID=$!
NGINX_ID="http://127.0.0.1:$NGINX_PORT"
NGINX_GZ="http://127.0.0.1:$NGINX_GZIP_PORT"
for url in "$NGINX_ID/" "$NGINX_GZ/"; do
	wait_for "$url" 20 "$NGINX_PID" "$started" > /dev/null || die "nginx did not answer at $url: $(cat "$WORK/logs/error.log" "$WORK/logs/nginx.out" 2>/dev/null)"
done
echo "nginx:       pid $NGINX_PID at $NGINX_ID (identity) and $NGINX_GZ (gzip_static)"

# Both servers must send the same body, in each encoding, before anything is timed.
curl -fsS "$NGINX_ID/" | cmp -s - "$ROOT/index.html" || die "nginx serves other bytes than the app"
curl -fsS -H 'Accept-Encoding: gzip' -D "$WORK/nginx-gzip.headers" "$NGINX_GZ/" | cmp -s - "$ROOT/index.html.gz" \
	|| die "nginx's gzip response differs from the app's"
grep -qi '^content-encoding: *gzip' "$WORK/nginx-gzip.headers" || die "nginx did not send the gzip variant"

# Response size with headers, as wrk counts it, to check later that every run got what we meant.
response_bytes() { curl -fsS -o /dev/null -w '%{size_header} %{size_download}' "$@" | awk '{ print $1 + $2 }'; }
SIZE_APP_ID=$(response_bytes "$APP/")
SIZE_APP_GZ=$(response_bytes -H 'Accept-Encoding: gzip' "$APP/")
SIZE_NGINX_ID=$(response_bytes "$NGINX_ID/")
SIZE_NGINX_GZ=$(response_bytes -H 'Accept-Encoding: gzip' "$NGINX_GZ/")
echo "page:        $PAGE_BYTES bytes, $PAGE_GZIP_BYTES gzipped; responses with headers: app $SIZE_APP_ID / $SIZE_APP_GZ, nginx $SIZE_NGINX_ID / $SIZE_NGINX_GZ (identity / gzip)"
echo

# ----------------------------------------------------------------------------------------------
# 4. Warm-up
# ----------------------------------------------------------------------------------------------

echo "warming up: app $WARMUP identity + $SHORT_WARMUP gzip, nginx $SHORT_WARMUP each ..."
run_wrk warmup-app-identity "$WARMUP" "$APP/"
run_wrk warmup-app-gzip "$SHORT_WARMUP" "$APP/" -H 'Accept-Encoding: gzip'
run_wrk warmup-nginx-identity "$SHORT_WARMUP" "$NGINX_ID/"
run_wrk warmup-nginx-gzip "$SHORT_WARMUP" "$NGINX_GZ/" -H 'Accept-Encoding: gzip'
echo

# ----------------------------------------------------------------------------------------------
# 5. Alternating rounds
# ----------------------------------------------------------------------------------------------

RESULTS="$WORK/results.txt"   # round encoding server req/s p99_ms p50_ms errors cpu_us/req others%
: > "$RESULTS"
ERRORS_TOTAL=0

# One timed run: prints its line and records it. $1 round, $2 server, $3 encoding, $4 URL, $5
# expected response size.
measure() {
	local round=$1 server=$2 encoding=$3 url=$4 expected=$5 line requests bytes secs rps p99 p50 errors per
	local app0 nginx0 kids0 busy0 total0 app1 nginx1 kids1 busy1 total1 cpu others
	app0=$(server_ticks app); nginx0=$(server_ticks nginx); kids0=$(children_ticks)
	read -r busy0 total0 <<< "$(machine_ticks)"
	if [ "$encoding" = gzip ]; then
		run_wrk "r$round-$server-$encoding" "$DURATION" "$url" -H 'Accept-Encoding: gzip'
	else
		run_wrk "r$round-$server-$encoding" "$DURATION" "$url"
	fi
	line=$WRK_LINE
	app1=$(server_ticks app); nginx1=$(server_ticks nginx); kids1=$(children_ticks)
	read -r busy1 total1 <<< "$(machine_ticks)"
	requests=$(field "$line" requests)
	# CPU the server under test spent per request (µs), and the share of the machine's CPU that
	# neither server nor wrk used during the run: other people's work, skewing this run.
	if [ "$server" = app ]; then cpu=$(( app1 - app0 )); else cpu=$(( nginx1 - nginx0 )); fi
	cpu=$(awk -v t="$cpu" -v n="$requests" -v hz="$CLK_TCK" 'BEGIN { printf "%.0f", n ? t / hz * 1e6 / n : 0 }')
	others=$(awk -v b="$(( busy1 - busy0 ))" -v t="$(( total1 - total0 ))" \
		-v ours="$(( app1 - app0 + nginx1 - nginx0 + kids1 - kids0 ))" \
		'BEGIN { o = t ? (b - ours) / t * 100 : 0; printf "%.0f", (o < 0 ? 0 : o) }')
	bytes=$(field "$line" bytes)
	secs=$(awk -v d="$(field "$line" duration_us)" 'BEGIN { print d / 1e6 }')
	rps=$(awk -v n="$requests" -v s="$secs" 'BEGIN { printf "%.0f", n / s }')
	p99=$(awk -v u="$(field "$line" p99_us)" 'BEGIN { printf "%.2f", u / 1000 }')
	p50=$(awk -v u="$(field "$line" p50_us)" 'BEGIN { printf "%.2f", u / 1000 }')
	errors=$(( $(field "$line" connect) + $(field "$line" read) + $(field "$line" write) + $(field "$line" timeout) ))
	local non2xx
	non2xx=$(field "$line" status)
	# wrk counts only status >= 400 as errors; a redirect, a 304 or the wrong encoding would show
	# as a different average size. wrk's byte count also holds the responses still in flight when
	# it stopped (at most one per connection), and a server's last response on a kept-alive
	# connection carries "Connection: close", so allow those and 1% besides.
	per=$(awk -v b="$bytes" -v n="$requests" 'BEGIN { printf "%.1f", (n ? b / n : 0) }')
	local check="$per ok"
	awk -v b="$bytes" -v n="$requests" -v e="$expected" -v c="$CONNECTIONS" \
		'BEGIN { exit !(n > 0 && b >= n * e * 0.99 && b <= (n + c) * e * 1.01) }' \
		|| check="$per SIZE MISMATCH (expected $expected)"
	[ "$errors" -eq 0 ] && [ "$non2xx" -eq 0 ] || check="$per ERRORS"
	ERRORS_TOTAL=$(( ERRORS_TOTAL + errors + non2xx ))
	case $check in *ok) ;; *) ERRORS_TOTAL=$(( ERRORS_TOTAL + 1 )) ;; esac
	printf '%-5s %-6s %-8s %9s %8s %8s %9s %8s %7s %7s %7s  %s\n' \
		"$round" "$server" "$encoding" "$rps" "$p50" "$p99" "$requests" "$non2xx" "$errors" "$cpu" "$others%" "$check"
	echo "$round $encoding $server $rps $p99 $p50 $((errors + non2xx)) $cpu $others" >> "$RESULTS"
}

echo "cpu_us/req: CPU time the server spent per request; others: share of the machine's CPU used by"
echo "processes other than the two servers and wrk during the run (other people's work; high = skewed)"
printf '%-5s %-6s %-8s %9s %8s %8s %9s %8s %7s %7s %7s  %s\n' \
	round server encoding req/s p50_ms p99_ms requests non-2xx sockerr cpu_us/r others bytes/response
for round in $(seq 1 "$ROUNDS"); do
	# Odd rounds run the app first, even rounds nginx first.
	if [ $(( round % 2 )) -eq 1 ]; then
		measure "$round" app identity "$APP/" "$SIZE_APP_ID"
		measure "$round" nginx identity "$NGINX_ID/" "$SIZE_NGINX_ID"
		measure "$round" app gzip "$APP/" "$SIZE_APP_GZ"
		measure "$round" nginx gzip "$NGINX_GZ/" "$SIZE_NGINX_GZ"
	else
		measure "$round" nginx identity "$NGINX_ID/" "$SIZE_NGINX_ID"
		measure "$round" app identity "$APP/" "$SIZE_APP_ID"
		measure "$round" nginx gzip "$NGINX_GZ/" "$SIZE_NGINX_GZ"
		measure "$round" app gzip "$APP/" "$SIZE_APP_GZ"
	fi
done
echo

# ----------------------------------------------------------------------------------------------
# 6. Summary
# ----------------------------------------------------------------------------------------------

# Per round ratio app/nginx, then the median of those ratios.
ratios() {
	awk -v enc="$1" '$2 == enc { rps[$1 " " $3] = $4; rounds[$1] = 1 }
		END { for (r in rounds) if (rps[r " nginx"] > 0) printf "%.4f\n", rps[r " app"] / rps[r " nginx"] }' "$RESULTS"
}
column_of() { awk -v enc="$1" -v srv="$2" -v col="$3" '$2 == enc && $3 == srv { print $col }' "$RESULTS"; }

echo "== Summary =="
for encoding in identity gzip; do
	printf '%-9s ratio app/nginx: median %.2f (rounds: %s)\n' "$encoding" \
		"$(ratios "$encoding" | median)" "$(ratios "$encoding" | sort -g | awk '{ printf "%.2f ", $1 }')"
	printf '%-9s req/s median: app %.0f, nginx %.0f\n' "$encoding" \
		"$(column_of "$encoding" app 4 | median)" "$(column_of "$encoding" nginx 4 | median)"
	printf '%-9s p99 median:   app %.2f ms, nginx %.2f ms (worst app round %.2f ms)\n' "$encoding" \
		"$(column_of "$encoding" app 5 | median)" "$(column_of "$encoding" nginx 5 | median)" \
		"$(column_of "$encoding" app 5 | sort -g | tail -1)"
	printf '%-9s CPU per request median: app %.0f us, nginx %.0f us (nginx/app %.2f)\n' "$encoding" \
		"$(column_of "$encoding" app 8 | median)" "$(column_of "$encoding" nginx 8 | median)" \
		"$(awk -v a="$(column_of "$encoding" app 8 | median)" -v n="$(column_of "$encoding" nginx 8 | median)" 'BEGIN { print a ? n / a : 0 }')"
done
printf 'others:    median %.0f%%, worst %.0f%% of the machine busy with other processes during runs\n' \
	"$(awk '{ print $9 }' "$RESULTS" | median)" "$(awk '{ print $9 }' "$RESULTS" | sort -g | tail -1)"
echo "errors:    $ERRORS_TOTAL (socket errors, non-2xx and wrong-size responses, all runs)"

# Memory: resident set now, and its peak, from /proc.
RSS_KB=$(ps -o rss= -p "$APP_PID" | tr -d ' ')
HWM_KB=$(sed -n 's/^VmHWM:[[:space:]]*\([0-9]*\).*/\1/p' "/proc/$APP_PID/status" 2>/dev/null || echo 0)
awk -v r="$RSS_KB" -v h="$HWM_KB" -v o="${JAVA_OPTS:-none}" \
	'BEGIN { printf "app RSS:   %.0f MiB after the run, peak %.0f MiB (JVM options: %s)\n", r / 1024, h / 1024, o }'
echo "app start: ${startup} s from launch to the first 200 response"

# Weight: the page and its stylesheet, gzip-compressed as the app sends them.
CSS_PATH=$(grep -o '<link[^>]*rel="stylesheet"[^>]*>' "$ROOT/index.html" | grep -o 'href="[^"]*"' | head -1 | sed 's/^href="//; s/"$//')
if [ -n "$CSS_PATH" ]; then
	CSS_GZIP=$(curl -fsS -H 'Accept-Encoding: gzip' "$APP$CSS_PATH" | wc -c)
	CSS_RAW=$(curl -fsS "$APP$CSS_PATH" | wc -c)
	awk -v pg="$PAGE_GZIP_BYTES" -v p="$PAGE_BYTES" -v cg="$CSS_GZIP" -v c="$CSS_RAW" 'BEGIN {
		printf "weight:    page %d B gzip (%d raw) + CSS %d B gzip (%d raw) = %d B = %.1f KiB gzip (goal: 14 KiB)\n",
			pg, p, cg, c, pg + cg, (pg + cg) / 1024 }'
else
	echo "weight:    page $PAGE_GZIP_BYTES B gzip; no stylesheet link found"
fi
echo "load:      $(uptime | sed 's/.*load average/load average/') (after the run)"

[ "$ERRORS_TOTAL" -eq 0 ] || { log "bench: there were errors; see above"; exit 2; }

#!/usr/bin/env bash
#
# Broadsheet deployment check: the README's proxy config in front of two instances of the jar, on
# this machine, with a throwaway certificate; then a rolling redeploy under load.
#
#   src/test/deploy/check.sh                     # nginx (nginx.conf beside this script)
#   CHECK_PROXY=caddy src/test/deploy/check.sh   # Caddy (Caddyfile beside this script)
#
# What it does, in order:
#   1. finds curl, openssl, wrk and nginx or caddy (installs Debian's packages with apt-get if
#      missing); builds target/broadsheet.jar with Maven if it is missing;
#   2. makes a self-signed certificate for news.example.org with openssl, in a temporary directory;
#   3. writes a config from nginx.conf (or the Caddyfile) with only its ports, certificate and
#      paths swapped for free unprivileged ports and the temporary directory, and refuses to go on
#      if any of them was not swapped;
#   4. makes the start-up cache as the deploy does (start-cache.sh make), starts two instances of the
#      jar on 127.0.0.1 as the systemd unit does (start-cache.sh check, then java @java.args, one per
#      instance), and the proxy (as the
#      current user: pid file, logs and temporary files are all in the temporary directory);
#   5. checks through the proxy, with curl (news.example.org resolved to 127.0.0.1): HTTP answers
#      301 (Caddy: 308) to the same URL on HTTPS; HTTPS serves the article over HTTP/2; HSTS is
#      there exactly once; gzip comes from the app with its ETag, Vary and 304; both instances
#      serve;
#   6. redeploys under load: wrk runs against https://... throughout while each instance in turn is
#      stopped with SIGTERM (Spring's graceful shutdown), waited for, started again from the start-up
#      cache (a check: the step must have used it), and waited for
#      until /readyz is UP and the proxy has had CHECK_SETTLE seconds to take it back; then prints
#      wrk's request and error counts (and, for nginx, how many requests were retried);
#   7. stops everything it started (trap on EXIT, INT and TERM) and removes its temporary directory.
#
# Settings, all optional, from the environment:
#   CHECK_PROXY         nginx or caddy                                     (nginx)
#   CHECK_JAR           the jar                                            (target/broadsheet.jar)
#   CHECK_JAVA          the java launcher                      ($JAVA_HOME/bin/java, else java)
#   CHECK_JAVA_OPTS     JVM options        (-Xmx64m -XX:+UseSerialGC -XX:+ExitOnOutOfMemoryError)
#   CHECK_REDEPLOY=0    skip step 6
#   CHECK_SETTLE        seconds between one instance being ready and stopping the other  (5)
#   CHECK_CONNECTIONS   wrk connections during the redeploy                  (8)
#   CHECK_KEEP=1        keep the temporary directory (configs, logs, wrk output)
#
# It exits 1 if a check fails or any request failed during the redeploy.

set -euo pipefail

DEPLOY_DIR=$(cd "$(dirname "$0")" && pwd)
PROJECT_DIR=$(cd "$DEPLOY_DIR/../../.." && pwd)

PROXY=${CHECK_PROXY:-nginx}
JAR=${CHECK_JAR:-$PROJECT_DIR/target/broadsheet.jar}
if [ -n "${CHECK_JAVA:-}" ]; then
	JAVA=$CHECK_JAVA
elif [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then
	JAVA=$JAVA_HOME/bin/java
else
	JAVA=java
fi
JAVA_OPTS=${CHECK_JAVA_OPTS:--Xmx64m -XX:+UseSerialGC -XX:+ExitOnOutOfMemoryError}
SETTLE=${CHECK_SETTLE:-5}
CONNECTIONS=${CHECK_CONNECTIONS:-8}
HOST=news.example.org
TAB=$(printf '\t')
TITLE="North Korea: Increased Cell Phone Usage Signals Change"

case "$PROXY" in
	nginx | caddy) ;;
	*) echo "check: error: CHECK_PROXY must be nginx or caddy" >&2; exit 2 ;;
esac

# Filled in as things start, so that cleanup knows what to stop.
WORK=""
APP_PIDS=("" "")
PROXY_PID=""
WRK_PID=""
FAILURES=0

# The helpers shared with the benchmarks (log, die, port_in_use, stop_pid, find_tool, apt_install);
# die prefixes BENCH_NAME.
BENCH_NAME=check
. "$DEPLOY_DIR/../bench/common.sh"

# ----------------------------------------------------------------------------------------------
# Cleanup: stop exactly the processes this script started, by their ids, on any exit
# ----------------------------------------------------------------------------------------------

cleanup() {
	local status=$?
	trap - EXIT INT TERM
	stop_pid "$WRK_PID"
	stop_pid "${APP_PIDS[0]}" 40   # Spring's graceful shutdown allows 30 s
	stop_pid "${APP_PIDS[1]}" 40
	stop_pid "$PROXY_PID"   # nginx's master stops its workers
	if [ -n "$WORK" ] && [ -d "$WORK" ]; then
		if [ "${CHECK_KEEP:-0}" = 1 ] || [ "$status" -ne 0 ]; then
			log "check: configs and logs kept in $WORK"
		else
			rm -rf "$WORK"
		fi
	fi
	exit "$status"
}
trap cleanup EXIT
trap 'log "check: interrupted"; exit 130' INT
trap 'log "check: terminated"; exit 143' TERM

# ----------------------------------------------------------------------------------------------
# 1. Tools and the jar
# ----------------------------------------------------------------------------------------------

find_tool curl >/dev/null || apt_install curl
find_tool openssl >/dev/null || apt_install openssl
find_tool wrk >/dev/null || apt_install wrk
if [ "$PROXY" = nginx ]; then
	find_tool nginx >/dev/null || apt_install nginx-light || apt_install nginx
	NGINX=$(find_tool nginx) || die "nginx not found"
else
	find_tool caddy >/dev/null || apt_install caddy
	CADDY=$(find_tool caddy) || die "caddy not found"
fi
WRK=$(find_tool wrk) || die "wrk not found"
command -v "$JAVA" >/dev/null || die "java not found (set CHECK_JAVA or JAVA_HOME)"

if [ ! -f "$JAR" ]; then
	command -v mvn >/dev/null || die "$JAR is missing and mvn is not installed"
	log "check: building $JAR"
	(cd "$PROJECT_DIR" && mvn -q -B package -DskipTests) || die "the build failed"
	[ -f "$JAR" ] || die "the build did not produce $JAR"
fi

# ----------------------------------------------------------------------------------------------
# Helpers
# ----------------------------------------------------------------------------------------------

# Sets the variable named $1 to a port nothing listens on and none of the others picked, at
# random from 10000 up to the kernel's ephemeral range, so that no client socket holds it.
PICKED=" "
pick_port() {
	local port low
	low=$(cut -f1 /proc/sys/net/ipv4/ip_local_port_range 2>/dev/null || echo 32768)
	for _ in $(seq 1 100); do
		port=$(( 10000 + RANDOM % (low - 10000) ))
		case "$PICKED" in *" $port "*) continue ;; esac
		port_in_use "$port" && continue
		PICKED="$PICKED$port "
		printf -v "$1" '%s' "$port"
		return 0
	done
	die "no free port found"
}

SINCE=$(date +%s%N)
elapsed() { awk -v n="$(( $(date +%s%N) - SINCE ))" 'BEGIN { printf "%6.1fs", n / 1e9 }'; }
say() { log "check: $(elapsed)  $*"; }

pass() { log "  ok    $*"; }
fail() { log "  FAIL  $*"; FAILURES=$((FAILURES + 1)); }
# expect <what> <expected> <actual>
expect() {
	if [ "$2" = "$3" ]; then pass "$1: $3"; else fail "$1: expected '$2', got '$3'"; fi
}

# Every request gives up after 10 s. news.example.org goes to 127.0.0.1, so that Host, SNI and the
# certificate name are the production ones; the proxy's certificate is the only one trusted.
CA_FILE=""
curl() { command curl --max-time 10 --resolve "$HOST:$HTTP_PORT:127.0.0.1" --resolve "$HOST:$HTTPS_PORT:127.0.0.1" --cacert "$CA_FILE" "$@"; }

# The response headers of a request, without the body, without CRs; header NAME picks one's values.
headers() { curl -sS -o /dev/null -D - "$@" | tr -d '\r'; }
header() { awk -v name="$(echo "$1" | tr 'A-Z' 'a-z')" -F': ' 'tolower($1) == name { sub(/^[^:]*: /, ""); print }'; }

# The instances run as the systemd unit (broadsheet@.service) runs them, bar user and folders: its
# ExecStartPre checks the start-up cache (start-cache.sh check) and writes the instance's own options,
# its ExecStart starts the jar with them. CACHE_LINE is what the check said.
CACHE_LINE=""
declare -a STARTED_AT
from_cache() {
	case "$CACHE_LINE" in
		"start-cache: using "*) pass "instance $1: starts from the start-up cache" ;;
		*) fail "instance $1: does not start from the start-up cache: $CACHE_LINE" ;;
	esac
}
start_app() {
	local slot=$1 port=$2 run=$3
	CACHE_LINE=$(JAVA=$JAVA JAVA_OPTS=$JAVA_OPTS bash "$DEPLOY_DIR/start-cache.sh" check "$JAR" "$WORK/start" \
		"$WORK/java-$port.args") || die "start-cache.sh check failed: $CACHE_LINE"
	say "instance $port: $CACHE_LINE"
	from_cache "$port"
	STARTED_AT[slot]=$(date +%s%N)
	# shellcheck disable=SC2086  # JAVA_OPTS is a list of options
	"$JAVA" $JAVA_OPTS "@$WORK/java-$port.args" \
		--server.port="$port" --server.address=127.0.0.1 \
		--broadsheet.base-url="https://$HOST" \
		--broadsheet.photo-cache="$WORK/photos" \
		'--server.tomcat.remoteip.internal-proxies=127\.0\.0\.1' \
		> "$WORK/app-$port-$run.log" 2>&1 &
	APP_PIDS[slot]=$!
}

# Waits up to 120 s until the instance's /readyz answers UP, while it lives; says how long it took
# from the JVM's launch.
wait_ready() {
	local port=$1 pid=$2 slot=$3 deadline
	deadline=$(( $(date +%s) + 120 ))
	until [ "$(command curl -s --max-time 2 "http://127.0.0.1:$port/readyz" 2>/dev/null)" = '{"status":"UP"}' ]; do
		kill -0 "$pid" 2>/dev/null || die "the instance on port $port exited; see $WORK/app-$port-*.log"
		[ "$(date +%s)" -lt "$deadline" ] || die "the instance on port $port was not ready within 120 s"
		sleep 0.1
	done
	say "instance $port: ready $(awk -v n="$(( $(date +%s%N) - STARTED_AT[slot] ))" 'BEGIN { printf "%.1f", n / 1e9 }') s after its launch"
}

# Sends SIGTERM and waits for the process to exit; leaves its exit status in EXIT_STATUS.
EXIT_STATUS=""
stop_app() {
	local slot=$1 pid
	pid=${APP_PIDS[slot]}
	kill -TERM "$pid"
	EXIT_STATUS=0
	wait "$pid" || EXIT_STATUS=$?
	APP_PIDS[slot]=""
}

# ----------------------------------------------------------------------------------------------
# 2. Certificate, ports, proxy config
# ----------------------------------------------------------------------------------------------

WORK=$(mktemp -d "${TMPDIR:-/tmp}/broadsheet-deploy.XXXXXX")
# Run as root, nginx's workers run as nobody: they must be able to read the ACME folder.
chmod 755 "$WORK"
pick_port APP_PORT_A
pick_port APP_PORT_B
pick_port HTTP_PORT
pick_port HTTPS_PORT
APP_PORTS=("$APP_PORT_A" "$APP_PORT_B")
say "work directory $WORK; instances on ${APP_PORTS[0]} and ${APP_PORTS[1]}, $PROXY on $HTTP_PORT (http) and $HTTPS_PORT (https)"

mkdir -p "$WORK/acme/.well-known/acme-challenge"
echo "acme-token" > "$WORK/acme/.well-known/acme-challenge/check-token"

# Fails with the name of whatever the swap did not replace, so that a change to the committed
# config that this script does not know about stops the check instead of testing something else.
require_swapped() {
	local file=$1 pattern
	shift
	for pattern in "$@"; do
		if sed 's/#.*//' "$file" | grep -E -- "$pattern" >&2; then
			die "$(basename "$file"): '$pattern' was not replaced for the test; update this script"
		fi
	done
}

if [ "$PROXY" = nginx ]; then
	openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 2 \
		-subj "/CN=$HOST" -addext "subjectAltName=DNS:$HOST" \
		-keyout "$WORK/key.pem" -out "$WORK/cert.pem" 2>/dev/null
	CA_FILE=$WORK/cert.pem

	# The server block as the README shows it, with ports and paths swapped; IPv6 listens dropped.
	sed -e "s|^\( *\)listen 80;|\1listen 127.0.0.1:$HTTP_PORT;|" \
		-e "s|^\( *\)listen 443 ssl http2;|\1listen 127.0.0.1:$HTTPS_PORT ssl http2;|" \
		-e '/^ *listen \[::\]/d' \
		-e "s|https://$HOST\\\$request_uri|https://$HOST:$HTTPS_PORT\$request_uri|" \
		-e "s|127\.0\.0\.1:8081|127.0.0.1:${APP_PORTS[0]}|" \
		-e "s|127\.0\.0\.1:8082|127.0.0.1:${APP_PORTS[1]}|" \
		-e "s|ssl_certificate .*;|ssl_certificate     $WORK/cert.pem;|" \
		-e "s|ssl_certificate_key .*;|ssl_certificate_key $WORK/key.pem;|" \
		-e "s|root /var/www/acme;|root $WORK/acme;|" \
		"$DEPLOY_DIR/nginx.conf" > "$WORK/broadsheet.conf"
	require_swapped "$WORK/broadsheet.conf" 'listen (80|443)[ ;]' ':808[12];' '/etc/letsencrypt' '/var/www' "https://$HOST\\\$"

	# The rest of what /etc/nginx/nginx.conf would give, as the current user. The access log
	# records which instance answered, and whether nginx had to try both.
	mkdir -p "$WORK/nginx/tmp"
	cat > "$WORK/nginx/nginx.conf" <<-EOF
	worker_processes 1;
	pid $WORK/nginx/nginx.pid;
	error_log $WORK/nginx/error.log notice;
	events { worker_connections 1024; }
	http {
	    client_body_temp_path $WORK/nginx/tmp/body;
	    proxy_temp_path       $WORK/nginx/tmp/proxy;
	    fastcgi_temp_path     $WORK/nginx/tmp/fastcgi;
	    uwsgi_temp_path       $WORK/nginx/tmp/uwsgi;
	    scgi_temp_path        $WORK/nginx/tmp/scgi;
	    log_format check '\$status \$upstream_addr "\$upstream_status" \$request_time';
	    access_log $WORK/nginx/access.log check;
	    include $WORK/broadsheet.conf;
	}
	EOF
	NGINX_ARGS=(-p "$WORK/nginx" -e "$WORK/nginx/error.log" -c "$WORK/nginx/nginx.conf")
	"$NGINX" -t -q "${NGINX_ARGS[@]}" || die "nginx refused the config: $WORK/broadsheet.conf"
else
	# Caddy's own CA for "tls internal" goes in the temporary directory; the test trusts its root.
	# The site also answers to 127.0.0.1, with a certificate for it: wrk connects to 127.0.0.1
	# and sends that as the TLS server name, for which Caddy would otherwise have no certificate.
	{
		cat <<-EOF
		{
		${TAB}http_port $HTTP_PORT
		${TAB}https_port $HTTPS_PORT
		${TAB}admin off
		${TAB}storage file_system $WORK/caddy
		${TAB}skip_install_trust
		}

		EOF
		sed -e "s|^$HOST {|$HOST, 127.0.0.1 {\n\ttls internal|" \
			-e "s|127\.0\.0\.1:8081|127.0.0.1:${APP_PORTS[0]}|" \
			-e "s|127\.0\.0\.1:8082|127.0.0.1:${APP_PORTS[1]}|" \
			"$DEPLOY_DIR/Caddyfile"
	} > "$WORK/Caddyfile"
	require_swapped "$WORK/Caddyfile" ':808[12]( |$)'
	grep -q 'tls internal' "$WORK/Caddyfile" || die "Caddyfile: no '$HOST {' line to add 'tls internal' to"
	export HOME=$WORK XDG_DATA_HOME=$WORK/xdg-data XDG_CONFIG_HOME=$WORK/xdg-config
	"$CADDY" validate --config "$WORK/Caddyfile" --adapter caddyfile > "$WORK/caddy-validate.log" 2>&1 \
		|| { cat "$WORK/caddy-validate.log" >&2; die "caddy refused the config: $WORK/Caddyfile"; }
	CA_FILE=$WORK/caddy/pki/authorities/local/root.crt
fi

# ----------------------------------------------------------------------------------------------
# 3. Start the instances and the proxy
# ----------------------------------------------------------------------------------------------

# The deploy's step: the start-up cache for this jar, made once.
MADE=$(JAVA=$JAVA JAVA_OPTS=$JAVA_OPTS bash "$DEPLOY_DIR/start-cache.sh" make "$JAR" "$WORK/start" \
	--broadsheet.photo-cache="$WORK/photos") || die "start-cache.sh make failed: see $WORK/start/training.log"
say "$MADE"
say "starting two instances of $(basename "$JAR")"
start_app 0 "${APP_PORTS[0]}" 1
start_app 1 "${APP_PORTS[1]}" 1
wait_ready "${APP_PORTS[0]}" "${APP_PIDS[0]}" 0
wait_ready "${APP_PORTS[1]}" "${APP_PIDS[1]}" 1
say "both instances ready"

if [ "$PROXY" = nginx ]; then
	"$NGINX" "${NGINX_ARGS[@]}" -g 'daemon off;' &
	PROXY_PID=$!
else
	"$CADDY" run --config "$WORK/Caddyfile" --adapter caddyfile > "$WORK/caddy.log" 2>&1 &
	PROXY_PID=$!
fi
for _ in $(seq 1 100); do
	port_in_use "$HTTPS_PORT" && [ "$PROXY" = nginx -o -f "$CA_FILE" ] && break
	kill -0 "$PROXY_PID" 2>/dev/null || die "$PROXY exited; see $WORK"
	sleep 0.1
done
port_in_use "$HTTPS_PORT" || die "$PROXY does not listen on $HTTPS_PORT"
if [ "$PROXY" = caddy ]; then
	# Caddy issues its certificate in the background, and marks both instances healthy after its
	# first active check.
	until curl -sf -o /dev/null "https://$HOST:$HTTPS_PORT/readyz" 2>/dev/null; do
		kill -0 "$PROXY_PID" 2>/dev/null || die "caddy exited; see $WORK/caddy.log"
		sleep 0.2
	done
fi
say "$PROXY started"

# ----------------------------------------------------------------------------------------------
# 4. Checks through the proxy
# ----------------------------------------------------------------------------------------------

BASE=https://$HOST:$HTTPS_PORT
say "checks"

# HTTP: everything but the ACME challenge goes to the same URL on HTTPS, permanently.
out=$(curl -sS -o /dev/null -w '%{http_code} %{redirect_url}' "http://$HOST:$HTTP_PORT/some/path?q=1")
if [ "$PROXY" = nginx ]; then
	expect "http://$HOST:$HTTP_PORT/some/path?q=1" "301 $BASE/some/path?q=1" "$out"
	out=$(curl -sS -w '%{http_code}' "http://$HOST:$HTTP_PORT/.well-known/acme-challenge/check-token" | tr '\n' ' ')
	expect "ACME challenge over HTTP, not redirected" "acme-token 200" "$out"
else
	# Caddy 2.6 redirects to the site's address, which names no port: 443, not the test's port.
	expect "http://$HOST:$HTTP_PORT/some/path?q=1" "308 https://$HOST/some/path?q=1" "$out"
fi

# HTTPS: the article, over HTTP/2, with HSTS once: the app honoured X-Forwarded-Proto.
page=$(curl -sS --http2 -D "$WORK/page.headers" -w '\n%{http_code} HTTP/%{http_version}' "$BASE/")
expect "GET $BASE/ status and protocol" "200 HTTP/2" "$(tail -n1 <<< "$page")"
if grep -qF "$TITLE" <<< "$page"; then pass "the page has the title \"$TITLE\""; else fail "the page lacks the title"; fi
h=$(tr -d '\r' < "$WORK/page.headers")
expect "Strict-Transport-Security headers" "1" "$(header strict-transport-security <<< "$h" | wc -l)"
expect "Strict-Transport-Security" "max-age=63072000; includeSubDomains" "$(header strict-transport-security <<< "$h")"
expect "Content-Security-Policy headers" "1" "$(header content-security-policy <<< "$h" | wc -l)"
# The proxy sets X-Forwarded-Proto itself: one a client sends does not reach the app.
h=$(headers -H 'X-Forwarded-Proto: http' "$BASE/")
expect "Strict-Transport-Security headers when the client sends X-Forwarded-Proto: http" "1" "$(header strict-transport-security <<< "$h" | wc -l)"
direct=$(command curl -s -o /dev/null -D - "http://127.0.0.1:${APP_PORTS[0]}/" | tr -d '\r')
expect "HSTS from an instance asked directly over HTTP" "0" "$(header strict-transport-security <<< "$direct" | wc -l)"

# Compression is the app's: its gzip variant, ETag and Vary arrive unchanged, and so does 304.
app_gz=$(command curl -s -o /dev/null -D - -H 'Accept-Encoding: gzip' "http://127.0.0.1:${APP_PORTS[0]}/" | tr -d '\r')
app_id=$(command curl -s -o /dev/null -D - "http://127.0.0.1:${APP_PORTS[0]}/" | tr -d '\r')
gz=$(headers -H 'Accept-Encoding: gzip' "$BASE/")
expect "Content-Encoding with Accept-Encoding: gzip" "gzip" "$(header content-encoding <<< "$gz")"
expect "ETag of the gzip variant, as the app sends it" "$(header etag <<< "$app_gz")" "$(header etag <<< "$gz")"
expect "Vary" "Accept-Encoding" "$(header vary <<< "$gz")"
expect "Content-Length of the gzip variant, as the app sends it" "$(header content-length <<< "$app_gz")" "$(header content-length <<< "$gz")"
if curl -sS -H 'Accept-Encoding: gzip' "$BASE/" | gzip -dc | grep -qF "$TITLE"; then
	pass "the gzip body unzips to the article"
else
	fail "the gzip body does not unzip to the article"
fi
id=$(headers "$BASE/")
expect "Content-Encoding without Accept-Encoding" "" "$(header content-encoding <<< "$id")"
expect "ETag without Accept-Encoding, as the app sends it" "$(header etag <<< "$app_id")" "$(header etag <<< "$id")"
out=$(curl -sS -o /dev/null -w '%{http_code}' -H 'Accept-Encoding: gzip' -H "If-None-Match: $(header etag <<< "$gz")" "$BASE/")
expect "If-None-Match with that ETag" "304" "$out"
out=$(curl -sS -o /dev/null -w '%{http_code}' "$BASE/no-such-page")
expect "GET /no-such-page (the app's own 404)" "404" "$out"

# Both instances answer through the proxy.
if [ "$PROXY" = nginx ]; then
	for _ in 1 2 3 4; do curl -sS -o /dev/null "$BASE/"; done
	used=$(tail -n4 "$WORK/nginx/access.log" | awk '{ print $2 }' | sort -u | tr '\n' ' ')
	expect "instances nginx sent 4 requests to" "$(printf '127.0.0.1:%s\n' "${APP_PORTS[@]}" | sort -u | tr '\n' ' ')" "$used"
fi

# ----------------------------------------------------------------------------------------------
# 5. Rolling redeploy under load
# ----------------------------------------------------------------------------------------------

if [ "${CHECK_REDEPLOY:-1}" != 0 ]; then
	# wrk counts responses of 400 and up as errors.status ("Non-2xx or 3xx responses"), and
	# socket errors by kind; done() prints them on one line.
	cat > "$WORK/count.lua" <<-'LUA'
	done = function(summary, latency, requests)
	  local e = summary.errors
	  io.write(string.format(
	    "CHECK requests=%d non2xx3xx=%d connect=%d read=%d write=%d timeout=%d p99_ms=%.1f max_ms=%.1f\n",
	    summary.requests, e.status, e.connect, e.read, e.write, e.timeout,
	    latency:percentile(99) / 1000, latency.max / 1000))
	end
	LUA
	[ "$PROXY" = nginx ] && log_start=$(wc -l < "$WORK/nginx/access.log")

	say "redeploy under load: wrk -t1 -c$CONNECTIONS against $BASE/ (Accept-Encoding: gzip)"
	"$WRK" -t1 -c"$CONNECTIONS" -d10m --timeout 10s -s "$WORK/count.lua" \
		-H "Host: $HOST" -H 'Accept-Encoding: gzip' "https://127.0.0.1:$HTTPS_PORT/" > "$WORK/wrk.txt" 2>&1 &
	WRK_PID=$!
	sleep 3
	for slot in 0 1; do
		port=${APP_PORTS[slot]}
		say "instance $port: SIGTERM"
		stop_app "$slot"
		say "instance $port: exited with status $EXIT_STATUS"
		start_app "$slot" "$port" 2
		wait_ready "$port" "${APP_PIDS[slot]}" "$slot"
		say "instance $port: started again, /readyz UP"
		sleep "$SETTLE"
	done
	sleep 2
	kill -INT "$WRK_PID"
	wait "$WRK_PID" || true
	WRK_PID=""
	say "wrk stopped"
	sed -n '/Latency/,$p' "$WORK/wrk.txt" | grep -v '^CHECK' >&2
	line=$(grep '^CHECK ' "$WORK/wrk.txt") || die "wrk printed no summary; see $WORK/wrk.txt"
	log "  $line"
	# shellcheck disable=SC2046  # the line is name=value words
	eval $(tr ' ' '\n' <<< "${line#CHECK }" | grep -E '^[a-z0-9_]+=[0-9.]+$')
	errors=$((non2xx3xx + connect + read + write + timeout))
	if [ "$PROXY" = nginx ]; then
		tail -n +"$((log_start + 1))" "$WORK/nginx/access.log" > "$WORK/redeploy.log"
		retried=$(grep -c ', ' "$WORK/redeploy.log" || true)
		# A 499 or two is wrk's own: the requests in flight when it was stopped.
		log "  nginx: $(wc -l < "$WORK/redeploy.log") requests logged, $retried tried on both instances;" \
			"statuses: $(awk '{ n[$1]++ } END { for (s in n) printf "%s x%d ", s, n[s] }' "$WORK/redeploy.log")"
	fi
	if [ "$requests" -gt 0 ] && [ "$errors" -eq 0 ]; then
		pass "redeploy: $requests requests, none failed"
	else
		fail "redeploy: $requests requests, $errors failed ($non2xx3xx non-2xx/3xx, socket errors: connect $connect, read $read, write $write, timeout $timeout)"
	fi
fi

# ----------------------------------------------------------------------------------------------
# Result
# ----------------------------------------------------------------------------------------------

if [ "$FAILURES" -eq 0 ]; then
	say "all checks passed"
else
	say "$FAILURES check(s) failed"
	exit 1
fi

# Sourced by run.sh, startup.sh and ../deploy/check.sh, so that each helper is defined once. The
# caller sets BENCH_NAME first: die's messages start with it ("bench: error: ...").

: "${BENCH_NAME:?set BENCH_NAME before sourcing common.sh}"

log() { printf '%s\n' "$*" >&2; }
die() { log "$BENCH_NAME: error: $*"; exit 1; }

# The median of numbers, one a line. An even count averages the middle two to 4 decimals, which
# every caller rounds further. No numbers gives "nan", which printf shows as nan, not a false 0.
median() { sort -g | awk 'NF { v[++n] = $1 } END { if (n == 0) print "nan"; else if (n % 2) print v[(n + 1) / 2]; else printf "%.4f\n", (v[n / 2] + v[n / 2 + 1]) / 2 }'; }

# CPU accounting, in clock ticks, to tell how much of the machine other processes used while we
# measured (this machine may be shared). Ticks of this shell's waited-for children, then busy and
# total ticks of the machine.
children_ticks() { awk '{ print $16 + $17 }' "/proc/$$/stat"; }
machine_ticks() { awk '/^cpu / { print $2 + $3 + $4 + $7 + $8 + $9, $2 + $3 + $4 + $5 + $6 + $7 + $8 + $9 }' /proc/stat; }

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# A port nothing listens on, picked at random from 10000 up to the kernel's ephemeral range. A race
# with another program is possible but unlikely; the server then fails to start, and so does this.
free_port() {
	local port low
	# Below the kernel's ephemeral range, so that no client socket holds the port we pick.
	low=$(cut -f1 /proc/sys/net/ipv4/ip_local_port_range 2>/dev/null || echo 32768)
	for _ in $(seq 1 50); do
		port=$(( 10000 + RANDOM % (low - 10000) ))
		port_in_use "$port" || { echo "$port"; return 0; }
	done
	die "no free port found"
}

# Stops a process this script started: asks politely, waits up to $2 seconds (10 unless given), then
# insists. No id, or a process already gone, is fine.
stop_pid() {
	local pid=$1 tenths=$(( ${2:-10} * 10 ))
	[ -n "$pid" ] || return 0
	kill -0 "$pid" 2>/dev/null || return 0
	kill -TERM "$pid" 2>/dev/null || true
	for _ in $(seq 1 "$tenths"); do
		kill -0 "$pid" 2>/dev/null || return 0
		sleep 0.1
	done
	kill -KILL "$pid" 2>/dev/null || true
}

# The path of a tool; nginx lives in /usr/sbin, which is not on every user's PATH.
find_tool() {
	command -v "$1" 2>/dev/null && return 0
	local dir
	for dir in /usr/sbin /sbin /usr/local/sbin; do
		[ -x "$dir/$1" ] && { echo "$dir/$1"; return 0; }
	done
	return 1
}

apt_install() {
	command -v apt-get >/dev/null || die "$* missing and apt-get unavailable; install them and rerun"
	local sudo=""
	[ "$(id -u)" -eq 0 ] || sudo="sudo"
	log "$BENCH_NAME: installing $* with apt-get"
	$sudo apt-get update -qq
	$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >&2
}

# Sourced by run.sh and startup.sh: finding a free port on 127.0.0.1. Needs the caller's die().

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

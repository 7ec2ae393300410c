#!/usr/bin/env bash
#
# Broadsheet's start-up cache: the jar extracted, and the JVM's cache of its classes made by a training
# run, the way Spring Boot documents it (reference/packaging/class-data-sharing): class-data sharing
# on Java 17 to 23, the AOT cache on Java 24 and later. A restart with it reaches its first byte in
# about half the time (src/test/bench/README.md, "Start-up").
#
#   start-cache.sh JAR FOLDER [APP ARGUMENT...]
#   java $JAVA_OPTS @FOLDER/java.args --server.port=8081 ...
#
# It writes FOLDER/java.args, the launcher's options that start the jar from its cache, and prints one
# line saying what it did. Run it after each deploy and before each start (the systemd unit does, as
# ExecStartPre): when the cache in FOLDER was made for this jar, this JVM and these JVM options it is
# used as it is, in a few milliseconds; when it was made for another jar or JVM, or is damaged, it is
# ignored and a new one is made (a training run: about ten seconds), which the next starts use. It
# never stops a start: when no cache can be made, java.args starts the jar as it is.
#
# Settings from the environment:
#   JAVA       the java launcher that will run the jar               (java)
#   JAVA_OPTS  the JVM options it will run with: the cache depends on some (the heap, the collector)
#
# Any APP ARGUMENT is passed to the training run, such as --broadsheet.article=...; it always gets
# --server.port=0 and exits once Spring's context is refreshed (-Dspring.context.exit=onRefresh).

set -uo pipefail

JAVA=${JAVA:-java}
JAVA_OPTS=${JAVA_OPTS:-}

if [ "$#" -lt 2 ]; then
	echo "usage: start-cache.sh JAR FOLDER [APP ARGUMENT...]" >&2
	exit 2
fi
JAR=$1
FOLDER=$2
shift 2

say() { printf 'start-cache: %s\n' "$*"; }

# The launcher's options, written whole or not at all, so that a start never reads half a file.
write_args() {
	printf '%s\n' "$@" > "$FOLDER/java.args.tmp" && mv -f "$FOLDER/java.args.tmp" "$FOLDER/java.args"
}

# Starts the jar as it is: what java.args says when there is no cache to use.
without_cache() {
	write_args -jar "$JAR"
	say "$1; starting $JAR without a start-up cache"
	exit 0
}

[ -f "$JAR" ] || { echo "start-cache: error: no jar at $JAR" >&2; exit 2; }
JAR=$(cd "$(dirname "$JAR")" && pwd)/$(basename "$JAR")
mkdir -p "$FOLDER" 2>/dev/null || { echo "start-cache: error: cannot make $FOLDER" >&2; exit 2; }
FOLDER=$(cd "$FOLDER" && pwd)

# Two instances started at once make the cache once: the second waits, then finds it made.
exec 9> "$FOLDER/.lock"
flock 9 2>/dev/null || true

# What the cache is made for: this jar's bytes, this JVM (its home, its release, its libjvm), the JVM
# options and this folder (the JVM refuses a cache whose jars moved). A cache made for anything else
# would be refused by the JVM, or worse: a truncated one crashes Java 17 as it starts.
LAUNCHER=$(command -v "$JAVA" 2>/dev/null) || without_cache "no java launcher at $JAVA"
LAUNCHER=$(readlink -f "$LAUNCHER")
JAVA_HOME_OF=$(dirname "$(dirname "$LAUNCHER")")
LIBJVM=$(find "$JAVA_HOME_OF/lib" -name libjvm.so -path '*/server/*' 2>/dev/null | head -1)
JVM_IDENTITY="$LAUNCHER
$(cat "$JAVA_HOME_OF/release" 2>/dev/null)
$( [ -n "$LIBJVM" ] && stat -c '%s %Y' "$LIBJVM")
$JAVA_OPTS
$FOLDER"
# The jar's hash, read again only when the file has changed since (its size, times or inode): hashing
# it is most of what a start with a cache spends here.
JAR_STAT="$JAR $(stat -L -c '%s %Y %Z %i' "$JAR")"
if [ -f "$FOLDER/jar.sha" ] && [ "$(sed -n 1p "$FOLDER/jar.sha")" = "$JAR_STAT" ]; then
	JAR_SHA=$(sed -n 2p "$FOLDER/jar.sha")
else
	JAR_SHA=$(sha256sum < "$JAR" | cut -c1-64)
	printf '%s\n%s\n' "$JAR_STAT" "$JAR_SHA" > "$FOLDER/jar.sha.tmp" && mv -f "$FOLDER/jar.sha.tmp" "$FOLDER/jar.sha"
fi
JVM_SHA=$(printf '%s' "$JVM_IDENTITY" | sha256sum | cut -c1-64)
ID=$(printf '%s %s' "$JAR_SHA" "$JVM_SHA" | sha256sum | cut -c1-16)
DIR=$FOLDER/$ID
NAME=$(basename "$JAR")

# The Java feature release: 17, 21, 25...
FEATURE=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$JAVA_HOME_OF/release" 2>/dev/null)
[ -n "$FEATURE" ] || FEATURE=$("$JAVA" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = \([0-9]*\).*/\1/p')
[ -n "$FEATURE" ] || without_cache "cannot tell which Java $JAVA is"
if [ "$FEATURE" -ge 24 ]; then
	CACHE=$DIR/${NAME%.jar}.aot
	# (-Xshare is refused beside an AOT cache; the JVM ignores one it cannot use)
	USE=-XX:AOTCache=$CACHE
else
	CACHE=$DIR/${NAME%.jar}.jsa
	USE=-XX:SharedArchiveFile=$CACHE
fi

# Made for this jar, JVM and options, and whole (the size it was made with): used as it is. The file
# "made" says the cache's size, then the jar's and the JVM's hashes it was made for.
if [ -f "$DIR/made" ] && [ -f "$CACHE" ] && [ "$(head -n 1 "$DIR/made")" = "$(stat -c %s "$CACHE")" ]; then
	write_args "$USE" -jar "$DIR/$NAME"
	say "using $CACHE, made for this jar and Java $FEATURE"
	exit 0
fi

# Why not: what the latest cache here was made for.
LATEST=$(ls -1td "$FOLDER"/*/made 2>/dev/null | head -n 1)
if [ -d "$DIR" ]; then
	REASON="the start-up cache $DIR is damaged (its cache file is missing or not the size it was made with): ignoring it and"
elif [ -z "$LATEST" ]; then
	REASON="no start-up cache in $FOLDER yet:"
elif [ "$(sed -n 2p "$LATEST")" != "$JAR_SHA" ]; then
	REASON="the start-up cache in $FOLDER was made for another jar: ignoring it and"
else
	REASON="the start-up cache in $FOLDER was made for another JVM or other JVM options: ignoring it and"
fi

# Made at the paths it is used from.
rm -rf "$DIR"
STARTED=$(date +%s)
"$JAVA" -Djarmode=tools -jar "$JAR" extract --destination "$DIR" > "$FOLDER/extract.log" 2>&1 \
	|| without_cache "$REASON the jar could not be extracted ($(tail -n 1 "$FOLDER/extract.log"))"
train() {
	# shellcheck disable=SC2086 # JAVA_OPTS is a list of options
	"$JAVA" $JAVA_OPTS "$@" -Dspring.context.exit=onRefresh -jar "$DIR/$NAME" --server.port=0 "${APP_ARGS[@]}" \
		>> "$DIR/training.log" 2>&1
}
APP_ARGS=("$@")
if [ "$FEATURE" -ge 24 ]; then
	# recorded, then created (what -XX:AOTCacheOutput does in one step on Java 25, which would create it even
	# from a run that failed)
	train -XX:AOTMode=record -XX:AOTConfiguration="$DIR/app.aotconf" \
		&& "$JAVA" $JAVA_OPTS -XX:AOTMode=create -XX:AOTConfiguration="$DIR/app.aotconf" -XX:AOTCache="$CACHE" \
			-jar "$DIR/$NAME" >> "$DIR/training.log" 2>&1
else
	train -XX:ArchiveClassesAtExit="$CACHE"
fi
STATUS=$?
if [ "$STATUS" -ne 0 ] || [ ! -s "$CACHE" ]; then
	# what Spring Boot's failure report describes, else the last line the JVM or the app wrote
	WHY=$(sed -n '/^Description:/,$p' "$DIR/training.log" | sed -n '2,$p' | grep -v '^\s*$' | head -n 1)
	[ -n "$WHY" ] || WHY=$(grep -v '^\s*$' "$DIR/training.log" | grep -v '^\[' | tail -n 1)
	mv -f "$DIR/training.log" "$FOLDER/training.log" 2>/dev/null
	rm -rf "$DIR"
	without_cache "$REASON the training run failed (exit $STATUS: ${WHY:-no output}; see $FOLDER/training.log)"
fi
printf '%s\n%s\n%s\n' "$(stat -c %s "$CACHE")" "$JAR_SHA" "$JVM_SHA" > "$DIR/made"

# The cache before this one stays for an instance still running from it; older ones go.
for old in $(ls -1td "$FOLDER"/*/ 2>/dev/null | tail -n +3); do
	rm -rf "$old"
done
write_args "$USE" -jar "$DIR/$NAME"
say "$REASON made $CACHE for $NAME and Java $FEATURE in $(( $(date +%s) - STARTED )) s"

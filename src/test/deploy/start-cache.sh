#!/usr/bin/env bash
#
# Broadsheet's start-up cache: the jar extracted, and the JVM's cache of its classes made by a training
# run, the way Spring Boot documents it (reference/packaging/class-data-sharing): class-data sharing
# on Java 17 to 23, the AOT cache on Java 24 and later. A restart with it reaches its first byte in
# about half the time (src/test/bench/README.md, "Start-up").
#
#   start-cache.sh make  JAR FOLDER [--as USER] [APP ARGUMENT...]   after each deploy, as root
#   start-cache.sh check JAR FOLDER ARGS_FILE                       before each start (ExecStartPre)
#   java $JAVA_OPTS @ARGS_FILE --server.port=8081 ...                the start (ExecStart)
#
# make extracts the jar into FOLDER and trains the cache there (about ten seconds), as USER if given.
# Run it as root, with a user of its own for the training (not the service's: a running instance
# could reach the training's files), so that FOLDER and all in it belong to root and the service reads
# the cache but can never change what it runs. It refuses a FOLDER that anyone but its owner can write
# to. It says what it made in one line, and exits 1 if it could not make it.
#
# check writes ARGS_FILE, the launcher's options for this start, and says in one line what it chose.
# It reads FOLDER only. A cache made for this jar, this JVM and these JVM options is used; one made for
# another jar or JVM, or a damaged one, is ignored and the jar starts as it is: it never stops a start.
#
# Settings from the environment, the same for make and check:
#   JAVA       the java launcher that will run the jar               (java)
#   JAVA_OPTS  the JVM options it will run with: the cache depends on some (the heap, the collector)
#
# Any APP ARGUMENT is passed to the training run, such as --broadsheet.article=...; it always gets
# --server.port=0 --server.address=127.0.0.1 and exits once Spring's context is refreshed
# (-Dspring.context.exit=onRefresh).

set -uo pipefail

JAVA=${JAVA:-java}
JAVA_OPTS=${JAVA_OPTS:-}

usage() {
	echo "usage: start-cache.sh make JAR FOLDER [--as USER] [APP ARGUMENT...]" >&2
	echo "       start-cache.sh check JAR FOLDER ARGS_FILE" >&2
	exit 2
}
[ "$#" -ge 3 ] || usage
COMMAND=$1
JAR=$2
FOLDER=$3
shift 3
case $COMMAND in
	make) ;;
	check) [ "$#" -eq 1 ] || usage; ARGS_FILE=$1 ;;
	*) usage ;;
esac

say() { printf 'start-cache: %s\n' "$*"; }
fail() { printf 'start-cache: error: %s\n' "$*" >&2; exit 1; }

# The launcher's options, written whole or not at all, so that a start never reads half a file.
# Each quoted, as the launcher reads an @file: a path with a space or a quote in it stays one argument.
write_args() {
	local arg
	for arg in "$@"; do
		arg=${arg//\\/\\\\}
		printf '"%s"\n' "${arg//\"/\\\"}"
	done > "$ARGS_FILE.tmp" && mv -f "$ARGS_FILE.tmp" "$ARGS_FILE"
}

# check: the jar as it is, when there is no cache to use; exits 1 only if the options cannot be written.
without_cache() {
	write_args -jar "$JAR" || { echo "start-cache: error: cannot write $ARGS_FILE" >&2; exit 1; }
	say "$1; starting $JAR without a start-up cache (make it with: start-cache.sh make $JAR $FOLDER)"
	exit 0
}
refuse() {
	if [ "$COMMAND" = check ]; then without_cache "$1"; else fail "$1"; fi
}

[ -f "$JAR" ] || { echo "start-cache: error: no jar at $JAR" >&2; exit 2; }
JAR=$(cd "$(dirname "$JAR")" && pwd)/$(basename "$JAR")
NAME=$(basename "$JAR")
if [ "$COMMAND" = make ]; then
	mkdir -p "$FOLDER" || fail "cannot make $FOLDER"
fi
[ -d "$FOLDER" ] || refuse "no start-up cache in $FOLDER yet"
FOLDER=$(cd "$FOLDER" && pwd)

# Nobody but its owner (root, when root makes it) may write to the folder, nor replace it: no other
# folder on its path may be written to by others unless, as /tmp, only owners may remove from it.
safe_folder() {
	local path=$FOLDER owner mode
	while :; do
		read -r owner mode <<< "$(stat -c '%u %a' "$path")"
		if [ "$path" = "$FOLDER" ]; then
			[ "$owner" = "$(id -u)" ] || fail "$FOLDER belongs to another user than the one making the cache"
			(( 8#$mode & 8#022 )) && fail "$FOLDER may be written to by others than its owner"
		elif [ "$owner" != 0 ] && [ "$owner" != "$(id -u)" ]; then
			fail "$path, on the path to $FOLDER, belongs to another user"
		elif (( 8#$mode & 8#022 )) && ! (( 8#$mode & 8#1000 )); then
			fail "$path, on the path to $FOLDER, may be written to by others"
		fi
		[ "$path" = / ] && break
		path=$(dirname "$path")
	done
}
if [ "$COMMAND" = make ]; then
	chmod go-w "$FOLDER" 2>/dev/null
	safe_folder
	# one make at a time; a second waits, then finds it made
	exec 9> "$FOLDER/.lock" || fail "cannot write in $FOLDER"
	flock 9 || fail "cannot lock $FOLDER/.lock"
	# made from a copy, so that a jar replaced meanwhile cannot be taken for the one hashed
	JAR_STAT=$(stat -L -c '%s %Y %Z %i' "$JAR")
	rm -rf "$FOLDER/.copy" && mkdir "$FOLDER/.copy" && cp "$JAR" "$FOLDER/.copy/$NAME" || fail "cannot copy $JAR into $FOLDER"
	[ "$(stat -L -c '%s %Y %Z %i' "$JAR")" = "$JAR_STAT" ] || fail "$JAR changed while it was copied; run make again"
	SOURCE=$FOLDER/.copy/$NAME
fi

# What the cache is made for: this JVM (its launcher, its release, its libjvm), the JVM options and
# this folder (the JVM refuses a cache whose jars moved), and this jar's bytes. A cache made for
# anything else would be refused by the JVM, or worse: a truncated one crashes Java 17 as it starts.
LAUNCHER=$(command -v "$JAVA" 2>/dev/null) || refuse "no java launcher at $JAVA"
LAUNCHER=$(readlink -f "$LAUNCHER")
JAVA_HOME_OF=$(dirname "$(dirname "$LAUNCHER")")
LIBJVM=$(find "$JAVA_HOME_OF/lib" -name libjvm.so -path '*/server/*' 2>/dev/null | head -n 1)
# (and the options the launcher takes from the environment, which would apply to every start)
JVM_SHA=$(printf '%s\n%s\n%s\n%s\n%s\n%s\n%s' "$LAUNCHER" "$(cat "$JAVA_HOME_OF/release" 2>/dev/null)" \
	"$( [ -n "$LIBJVM" ] && stat -c '%s %Y' "$LIBJVM")" "$JAVA_OPTS" "$FOLDER" "${JDK_JAVA_OPTIONS:-}" \
	"${JAVA_TOOL_OPTIONS:-}" | sha256sum | cut -c1-64)

# The caches here, each a folder named by its id that holds a file "made": the cache file's size, the
# jar's hash, the JVM's hash, the jar's size, times and inode as it was made, the JVM options and the
# launcher.
caches() {
	find "$FOLDER" -mindepth 2 -maxdepth 2 -name made -printf '%T@ %h\n' 2>/dev/null | sort -rn | cut -d' ' -f2- \
		| grep -E "^$FOLDER/[0-9a-f]{16}\$"
}

# The jar's hash, read again only when the file is not the one a cache was made from (its size,
# times and inode): hashing it is most of what a start with a cache spends here.
if [ "$COMMAND" = make ]; then
	JAR_SHA=$(sha256sum < "$SOURCE" | cut -c1-64)
else
	JAR_STAT=$(stat -L -c '%s %Y %Z %i' "$JAR")
	JAR_SHA=""
fi
[ -n "$JAR_SHA" ] || while IFS= read -r dir; do
	if [ "$(sed -n 4p "$dir/made")" = "$JAR_STAT" ] && [ "$(sed -n 3p "$dir/made")" = "$JVM_SHA" ]; then
		JAR_SHA=$(sed -n 2p "$dir/made")
		break
	fi
done < <(caches)
[ -n "$JAR_SHA" ] || JAR_SHA=$(sha256sum < "$JAR" | cut -c1-64)
ID=$(printf '%s %s' "$JAR_SHA" "$JVM_SHA" | sha256sum | cut -c1-16)
DIR=$FOLDER/$ID

# The Java feature release: 17, 21, 25...
FEATURE=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$JAVA_HOME_OF/release" 2>/dev/null)
[ -n "$FEATURE" ] || FEATURE=$("$JAVA" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = \([0-9]*\).*/\1/p')
[ -n "$FEATURE" ] || refuse "cannot tell which Java $JAVA is"
if [ "$FEATURE" -ge 24 ]; then
	CACHE_NAME=${NAME%.jar}.aot
	# (-Xshare is refused beside an AOT cache; the JVM ignores one it cannot use)
	USE=-XX:AOTCache=$DIR/$CACHE_NAME
else
	CACHE_NAME=${NAME%.jar}.jsa
	USE=-XX:SharedArchiveFile=$DIR/$CACHE_NAME
fi
CACHE=$DIR/$CACHE_NAME

# Made for this jar, JVM and options, and whole (the size it was made with).
made() { [ -f "$DIR/made" ] && [ -f "$CACHE" ] && [ "$(head -n 1 "$DIR/made")" = "$(stat -c %s "$CACHE")" ]; }

if [ "$COMMAND" = check ]; then
	if made; then
		write_args "$USE" -jar "$DIR/$NAME" || { echo "start-cache: error: cannot write $ARGS_FILE" >&2; exit 1; }
		say "using $CACHE, made for this jar and Java $FEATURE"
		exit 0
	fi
	LATEST=$(caches | head -n 1)
	if [ -d "$DIR" ]; then
		without_cache "the start-up cache $DIR is unfinished or damaged (its cache file is missing or not the size it was made with): ignoring it"
	elif [ -z "$LATEST" ]; then
		without_cache "no start-up cache in $FOLDER yet"
	elif [ "$(sed -n 2p "$LATEST/made")" != "$JAR_SHA" ]; then
		without_cache "the start-up cache in $FOLDER was made for another jar: ignoring it"
	elif [ "$(sed -n 6p "$LATEST/made")" != "$LAUNCHER" ]; then
		without_cache "the start-up cache in $FOLDER was made for another JVM ($(sed -n 6p "$LATEST/made"); this start runs $LAUNCHER): ignoring it"
	elif [ "$(sed -n 5p "$LATEST/made")" != "$JAVA_OPTS" ]; then
		without_cache "the start-up cache in $FOLDER was made for other JVM options ('$(sed -n 5p "$LATEST/made")'; this start has '$JAVA_OPTS'): ignoring it"
	else
		without_cache "the start-up cache in $FOLDER was made for another build of $LAUNCHER (it has been updated since): ignoring it"
	fi
fi

if made; then
	# newest again, so that a rollback's cache is not the next one removed
	touch "$DIR/made"
	rm -rf "$FOLDER/.copy"
	say "$CACHE is already made for $NAME and Java $FEATURE"
	exit 0
fi
AS=""
if [ "${1:-}" = --as ]; then
	[ "$#" -ge 2 ] || usage
	AS=$2
	shift 2
	id -u "$AS" > /dev/null 2>&1 || fail "no user $AS"
fi
APP_ARGS=("$@")

# Made where it will be used (the JVM refuses a cache whose jars moved); "made" is written last, so a
# check that meets it unfinished starts the jar as it is.
NEW=$DIR
rm -rf "$DIR"
STARTED=$(date +%s)
"$JAVA" -Djarmode=tools -jar "$SOURCE" extract --destination "$NEW" > "$FOLDER/extract.log" 2>&1 \
	|| fail "the jar could not be extracted ($(tail -n 1 "$FOLDER/extract.log"))"
# The training writes only into a folder of its own, as the user given: what runs later is root's.
TRAINING=$(mktemp -d "$FOLDER/.training-XXXXXX") || fail "cannot make a training folder in $FOLDER"
RUN=()
if [ -n "$AS" ]; then
	chown "$AS" "$TRAINING" || fail "cannot give $TRAINING to $AS"
	RUN=(setpriv --reuid="$(id -u "$AS")" --regid="$(id -g "$AS")" --init-groups --)
fi
# (in the training folder, which the user given can read, whatever folder this was run from)
train() {
	# shellcheck disable=SC2086 # JAVA_OPTS is a list of options
	(cd "$TRAINING" && ${RUN[@]+"${RUN[@]}"} "$JAVA" $JAVA_OPTS "$@" -Dspring.context.exit=onRefresh -jar "$NEW/$NAME" \
		--server.port=0 --server.address=127.0.0.1 ${APP_ARGS[@]+"${APP_ARGS[@]}"}) >> "$FOLDER/training.log" 2>&1
}
: > "$FOLDER/training.log"
if [ "$FEATURE" -ge 24 ]; then
	# recorded, then created (what -XX:AOTCacheOutput does in one step on Java 25, which would create it even
	# from a run that failed)
	train -XX:AOTMode=record -XX:AOTConfiguration="$TRAINING/app.aotconf" \
		&& (cd "$TRAINING" && ${RUN[@]+"${RUN[@]}"} "$JAVA" $JAVA_OPTS -XX:AOTMode=create -XX:AOTConfiguration="$TRAINING/app.aotconf" \
			-XX:AOTCache="$TRAINING/$CACHE_NAME" -jar "$NEW/$NAME") >> "$FOLDER/training.log" 2>&1
else
	train -XX:ArchiveClassesAtExit="$TRAINING/$CACHE_NAME"
fi
STATUS=$?
if [ "$STATUS" -ne 0 ] || [ ! -s "$TRAINING/$CACHE_NAME" ]; then
	# what Spring Boot's failure report describes, else the last line the JVM or the app wrote
	WHY=$(sed -n '/^Description:/,$p' "$FOLDER/training.log" | sed -n '2,$p' | grep -v '^\s*$' | head -n 1)
	[ -n "$WHY" ] || WHY=$(grep -v '^\s*$' "$FOLDER/training.log" | grep -v '^\[' | tail -n 1)
	rm -rf "$DIR" "$TRAINING" "$FOLDER/.copy"
	fail "the training run failed (exit $STATUS: ${WHY:-no output}; see $FOLDER/training.log)"
fi
# copied, not moved: a file of root's, which nothing the training ran can hold open for writing
install -m 444 "$TRAINING/$CACHE_NAME" "$NEW/$CACHE_NAME" || fail "cannot copy the cache into $NEW"
rm -rf "$TRAINING" "$FOLDER/.copy"
chmod -R go-w "$NEW" || fail "cannot make $NEW read-only to others"
printf '%s\n%s\n%s\n%s\n%s\n%s\n' "$(stat -c %s "$NEW/$CACHE_NAME")" "$JAR_SHA" "$JVM_SHA" "$JAR_STAT" "$JAVA_OPTS" "$LAUNCHER" \
	> "$NEW/made.tmp" \
	&& mv -f "$NEW/made.tmp" "$NEW/made" || fail "cannot write $NEW/made"

# The cache before this one stays for an instance still running from it; older ones go.
caches | tail -n +3 | while IFS= read -r old; do rm -rf "$old"; done
say "made $CACHE for $NAME and Java $FEATURE in $(( $(date +%s) - STARTED )) s"

#!/usr/bin/env bash
#
# What a link-preview service reads from the article: metascraper (the library behind many of them)
# run on the page as the jar serves it. Not part of mvn verify; needs Node.js and npm.
#
#   src/test/clients/metascraper.sh                 # builds target/broadsheet.jar if missing
#
# Expected: title, description, image, url, lang, publisher and logo found; author null, as the
# article names no author (it reported "3 min read" before the reading time left the byline).

set -euo pipefail

PROJECT_DIR=$(cd "$(dirname "$0")/../../.." && pwd)
JAR=${BENCH_JAR:-$PROJECT_DIR/target/broadsheet.jar}
WORK=$(mktemp -d "${TMPDIR:-/tmp}/broadsheet-metascraper.XXXXXX")
APP_PID=""

cleanup() {
	[ -z "$APP_PID" ] || kill "$APP_PID" 2>/dev/null || true
	rm -rf "$WORK"
}
trap cleanup EXIT

command -v node >/dev/null && command -v npm >/dev/null || { echo "metascraper: Node.js and npm are needed" >&2; exit 1; }
[ -f "$JAR" ] || (cd "$PROJECT_DIR" && mvn -q -B package -DskipTests)

cd "$WORK"
npm init -y > /dev/null
npm install --silent metascraper metascraper-author metascraper-date metascraper-description metascraper-image \
	metascraper-lang metascraper-logo metascraper-publisher metascraper-title metascraper-url > npm.log 2>&1 \
	|| { cat npm.log >&2; exit 1; }
cat > scrape.mjs <<'JS'
import createMetascraper from 'metascraper'
import author from 'metascraper-author'
import date from 'metascraper-date'
import description from 'metascraper-description'
import image from 'metascraper-image'
import lang from 'metascraper-lang'
import logo from 'metascraper-logo'
import publisher from 'metascraper-publisher'
import title from 'metascraper-title'
import url from 'metascraper-url'
import { readFileSync } from 'node:fs'
const metascraper = createMetascraper([author(), date(), description(), image(), lang(), logo(), publisher(), title(), url()])
console.log(JSON.stringify(await metascraper({ html: readFileSync('page.html', 'utf8'), url: process.argv[2] }), null, 1))
JS

PORT=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
java -jar "$JAR" --server.address=127.0.0.1 --server.port="$PORT" --broadsheet.base-url=https://news.example.org \
	> app.log 2>&1 &
APP_PID=$!
for _ in $(seq 1 600); do
	curl -fs -o page.html "http://127.0.0.1:$PORT/" && break
	kill -0 "$APP_PID" 2>/dev/null || { tail -n 20 app.log >&2; exit 1; }
	sleep 0.1
done
node scrape.mjs https://news.example.org/

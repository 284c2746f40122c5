#!/usr/bin/env bash
# Smoke test of the frozen app as an analyst receives it: extract the archive into a temporary
# folder and run its executable with a clean environment (no .venv, no PYTHONPATH, no network),
# checking every result. Usage: packaging/smoke_test.sh [dist/briefing-VERSION-linux-x86_64.tar.gz]
#
# Isolation, strongest first: `unshare -mn` (or `-rmn` unprivileged) gives the run no network and
# hides the source tree and the build's Python under empty tmpfs mounts, so the app can only use
# what it carries; `unshare -n` gives no network only; without either it runs as it is, and says so.
set -euo pipefail

if [ "${1:-}" = "--inside" ]; then
	inside=1
	shift
else
	inside=0
fi

root=$(cd "$(dirname "$0")/.." && pwd)
version=$(sed -n 's/^__version__ = "\(.*\)"$/\1/p' "$root/briefing/__init__.py")

fail() {
	echo "smoke test FAILED: $*" >&2
	exit 1
}
pass() { echo "ok   $*"; }

if [ "$inside" = 0 ]; then
	archive=${1:-$root/dist/briefing-$version-linux-x86_64.tar.gz}
	[ -f "$archive" ] || fail "no archive at $archive; run 'make package' first"
	tmp=$(mktemp -d "${TMPDIR:-/tmp}/briefing-smoke.XXXXXX")
	trap 'rm -rf "$tmp"' EXIT
	tar -xzf "$archive" -C "$tmp"
	echo "smoke test of $(basename "$archive") ($(du -sh "$tmp" | cut -f1) extracted) in $tmp"

	# Folders the frozen app must not need: the source tree (with .venv) and the build's Python.
	hide="$root"
	if [ -f "$root/.venv/pyvenv.cfg" ]; then
		home=$(sed -n 's/^home = //p' "$root/.venv/pyvenv.cfg")
		[ -n "$home" ] && hide="$hide $(dirname "$home")"
	fi
	for flags in -mn -rmn; do
		if unshare "$flags" sh -c "mount -t tmpfs none '$root'" 2>/dev/null; then
			echo "isolation: unshare $flags: no network; hidden: $hide"
			SMOKE_HIDE="$hide" unshare "$flags" bash "$0" --inside "$tmp"
			exit
		fi
	done
	if unshare -n true 2>/dev/null; then
		echo "isolation: unshare -n: no network (mount namespaces not permitted; nothing hidden)"
		unshare -n bash "$0" --inside "$tmp"
	elif unshare -rn true 2>/dev/null; then
		echo "isolation: unshare -rn: no network (mount namespaces not permitted; nothing hidden)"
		unshare -rn bash "$0" --inside "$tmp"
	else
		echo "isolation: NOTE: unshare is not permitted here; the test runs with the network up"
		bash "$0" --inside "$tmp"
	fi
	exit
fi

tmp=$1
for dir in ${SMOKE_HIDE:-}; do
	mount -t tmpfs none "$dir"
done
app="$tmp/briefing-$version/briefing"
[ -x "$app" ] || fail "no executable at $app"
work="$tmp/work"
mkdir -p "$work/home"
cd "$work"

# The frozen app, as from a desktop with nothing set up: a bare PATH, a fresh HOME, no display.
run() {
	env -i PATH=/usr/bin:/bin HOME="$work/home" LANG=C.UTF-8 QT_QPA_PLATFORM=offscreen "$app" "$@"
}
now_ms() { date +%s%3N; }

# 1. version: the one in briefing/__init__.py
out=$(run --version) || fail "--version exited $?"
[ "$out" = "briefing $version" ] || fail "--version printed '$out', expected 'briefing $version'"
pass "--version prints '$out'"

# 2. the bundled briefing validates (warnings allowed)
bundled="$tmp/briefing-$version/_internal/data/karabakh-2020.yaml"
run validate "$bundled" >validate.out 2>&1 || {
	cat validate.out
	fail "validate of the bundled briefing exited non-zero"
}
pass "validate $(basename "$bundled"): exit 0 ($(grep -o "valid, .*" validate.out))"

# 3. a broken copy: month 13 on the as_of line; exit 1 and the error at FILE:LINE:COL
line=$(grep -n '^as_of: "' "$bundled" | head -1 | cut -d: -f1)
[ -n "$line" ] || fail "no as_of line in the bundled briefing to break"
sed "${line}s/^as_of: \"[0-9]*-[0-9]*\"/as_of: \"2020-13\"/" "$bundled" >broken.yaml
status=0
run validate broken.yaml >broken.out 2>&1 || status=$?
[ "$status" = 1 ] || {
	cat broken.out
	fail "validate of a broken briefing exited $status, expected 1"
}
grep -q "^broken.yaml:$line:8: error: month 13" broken.out || {
	cat broken.out
	fail "no 'broken.yaml:$line:8: error: month 13 ...' in the output"
}
pass "validate broken.yaml: exit 1, $(grep -m1 ': error:' broken.out)"

# 4. PDF export: a PDF, more than 3 pages, every font embedded
run export "$bundled" -o briefing.pdf >export.out 2>&1 || {
	cat export.out
	fail "export exited non-zero"
}
[ -s briefing.pdf ] || fail "export wrote no briefing.pdf"
[ "$(head -c 5 briefing.pdf)" = "%PDF-" ] || fail "briefing.pdf does not start with %PDF-"
pages=$(pdfinfo briefing.pdf | sed -n 's/^Pages: *//p')
[ "${pages:-0}" -gt 3 ] || fail "briefing.pdf has ${pages:-no} pages, expected more than 3"
creator=$(pdfinfo briefing.pdf | sed -n 's/^Creator: *//p')
[ "$creator" = "Briefing $version" ] || fail "the PDF's Creator is '$creator', not 'Briefing $version'"
pdffonts briefing.pdf >fonts.out
fonts=$(tail -n +3 fonts.out | wc -l)
# columns from the right: emb sub uni object ID, so emb is field NF-4 whatever the font's name
missing=$(tail -n +3 fonts.out | awk '$(NF-4) != "yes"')
[ "$fonts" -gt 0 ] || fail "pdffonts lists no fonts"
[ -z "$missing" ] || fail "fonts not embedded: $missing"
pass "export: briefing.pdf, $(du -k briefing.pdf | cut -f1) kB, $pages pages, $fonts fonts all embedded, Creator '$creator'"

# 4b. Word export: a .docx (a zip) whose document part names the briefing's title
run export "$bundled" -o briefing.docx >docx.out 2>&1 || {
	cat docx.out
	fail "Word export exited non-zero"
}
unzip -p briefing.docx word/document.xml 2>/dev/null | grep -q "Veiled Counter-Balancing" \
	|| fail "briefing.docx holds no document part with the briefing's title"
pass "export: briefing.docx, $(du -k briefing.docx | cut -f1) kB"

# 4c. STIX 2.1 and CSV exports, and a CSV timeline imported back into a briefing
run export "$bundled" -o briefing.json >stix.out 2>&1 || {
	cat stix.out
	fail "STIX export exited non-zero"
}
grep -q '"type": *"bundle"' briefing.json || fail "briefing.json is not a STIX bundle"
run export "$bundled" -o briefing.csv >csv.out 2>&1 || {
	cat csv.out
	fail "CSV export exited non-zero"
}
run import briefing.csv -o imported.yaml >import.out 2>&1 || {
	cat import.out
	fail "import of the exported CSV exited non-zero"
}
run validate imported.yaml >imported.out 2>&1 || {
	cat imported.out
	fail "the imported briefing does not validate"
}
pass "export: briefing.json (STIX bundle), briefing.csv; import briefing.csv validates"

# 5. a screenshot of the window, timed: start to PNG written, window shown and laid out
start=$(now_ms)
run open "$bundled" --screenshot shot.png --size 1600x1000 >shot.out 2>&1 || {
	cat shot.out
	fail "--screenshot exited non-zero"
}
elapsed=$(($(now_ms) - start))
[ -f shot.png ] || fail "--screenshot wrote no shot.png"
[ "$(head -c 8 shot.png | od -An -tx1 | tr -d ' \n')" = "89504e470d0a1a0a" ] ||
	fail "shot.png is not a PNG"
size=$(stat -c %s shot.png)
[ "$size" -gt 50000 ] || fail "shot.png is only $size bytes; the window is probably blank"
dims=$(od -An -tu1 -j16 -N8 shot.png | awk '{print $3*256+$4 "x" $7*256+$8}')
[ "$dims" = "1600x1000" ] || fail "shot.png is $dims, expected 1600x1000"
pass "screenshot: shot.png, $dims, $((size / 1024)) kB"
if grep -qi "warning\|error\|cannot" shot.out; then
	echo "note: the screenshot run printed:"
	sed 's/^/  /' shot.out
fi

# 6. start-up figures: the interpreter alone, and the window with the bundled briefing
start=$(now_ms)
run --version >/dev/null
version_ms=$(($(now_ms) - start))
start=$(now_ms)
run open "$bundled" --screenshot shot2.png >/dev/null 2>&1
warm_ms=$(($(now_ms) - start))
echo "time: --version ${version_ms} ms; window shown, laid out and saved to PNG:" \
	"${elapsed} ms first run, ${warm_ms} ms second (each includes the app's fixed 300 ms settle)"

# 7. a visible window on a real X server, and the time to it, when Xvfb is installed
if command -v Xvfb >/dev/null && command -v xwininfo >/dev/null; then
	Xvfb :87 -nolisten tcp -screen 0 1920x1080x24 >/dev/null 2>&1 &
	xvfb=$!
	sleep 1
	start=$(now_ms)
	env -i PATH=/usr/bin:/bin HOME="$work/home" LANG=C.UTF-8 DISPLAY=:87 "$app" open "$bundled" \
		>window.out 2>&1 &
	viewer=$!
	shown=""
	while [ -z "$shown" ] && [ $(($(now_ms) - start)) -lt 30000 ]; do
		# The title ends in "Briefing" ("TITLE — FILE — Briefing" once a briefing is in).
		id=$(DISPLAY=:87 xwininfo -root -tree 2>/dev/null | awk '/Briefing": \("briefing"/ {print $1; exit}')
		if [ -n "$id" ] && DISPLAY=:87 xwininfo -id "$id" 2>/dev/null | grep -q IsViewable; then
			shown=$(($(now_ms) - start))
		else
			sleep 0.01
		fi
	done
	kill "$viewer" "$xvfb" 2>/dev/null || true
	wait "$viewer" "$xvfb" 2>/dev/null || true
	[ -n "$shown" ] || fail "the window did not appear on Xvfb within 30 s"
	echo "time: window visible on Xvfb ${shown} ms after start"
else
	echo "note: no Xvfb/xwininfo here; the time to a visible window is not measured"
fi
echo "smoke test passed"

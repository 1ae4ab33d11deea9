#!/bin/sh
# html: capacity-report -f html on the demo data, looked at the way a
# person would: the page is well-formed and stands alone, each SVG chart
# renders with rsvg-convert, and a real browser engine (headless Chromium,
# its networking disabled) draws the page to a PNG that is not blank and
# shows the charts' colours.  Needs chromium, librsvg2-bin, libxml2-utils
# and python3 (scripts/need-packages test); skips without them.
: "${OKIENKO_TOP:?}" "${OKIENKO_BIN:?}"
export PATH="$OKIENKO_BIN:$PATH" LC_ALL=C.UTF-8 TZ=UTC OKIENKO_NOW=2026-11-23T10:00:00+01:00
unset OKIENKO_DIR

missing() {
	m=""
	for c in chromium rsvg-convert xmllint python3 timeout; do
		command -v "$c" >/dev/null 2>&1 || m="$m $c"
	done
	echo "$m"
}
if [ -n "$(missing)" ]; then
	"$OKIENKO_TOP/scripts/need-packages" test >/dev/null 2>&1
	if [ -n "$(missing)" ]; then
		echo "1..0 # SKIP missing$(missing) (scripts/need-packages test could not install them)"
		exit 0
	fi
fi

n=0
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT

# check DESCRIPTION COMMAND...: one TAP line; the command's output as diagnostics on failure.
check() {
	desc=$1
	shift
	n=$((n + 1))
	if "$@" >"$tmp/why" 2>&1; then
		echo "ok $n - $desc"
	else
		echo "not ok $n - $desc"
		head -20 "$tmp/why" | sed 's/^/# /'
	fi
}

demo="$tmp/demo"
mkdir "$demo"
cp "$OKIENKO_TOP"/testdata/demo/services.yaml "$OKIENKO_TOP"/testdata/demo/capacity.csv \
	"$OKIENKO_TOP"/testdata/demo/referrals.csv "$demo/"
gen-intake -n 2000 -s 1 --end 2026-11-22 --days 84 --services "$demo/services.yaml" >"$demo/intake.csv"

page="$tmp/report.html"
check "capacity-report -f html on the demo data exits 0" \
	sh -c 'capacity-report -d "$1" -f html >"$2" && [ -s "$2" ]' sh "$demo" "$page"
echo "# page: $(wc -c <"$page") bytes"
check "the page is HTML5 in the language of --lang" \
	sh -c 'head -2 "$1" | tr "\n" " " | grep -qx "<!DOCTYPE html> <html lang=\"en\"> " &&
	       capacity-report -d "$2" --lang uk -f html | grep -q "^<html lang=\"uk\">\$"' sh "$page" "$demo"

# python3 CODE ARGS...: run python code (no packages beyond the standard library).
py() {
	code=$1
	shift
	python3 -c "$code" "$@"
}

check "the page stands alone: no script, no reference to anything outside" py '
import re, sys
s = open(sys.argv[1], encoding="utf-8").read()
bad = re.findall(r"<script|\b(?:src|href)\s*=|url\(|@import|<link|<iframe|<object|<img", s, re.I)
urls = set(re.findall(r"[a-z]+://[^\"\x27 <>]*", s)) - {"http://www.w3.org/2000/svg"}
if bad or urls:
    sys.exit("found: %r %r" % (bad[:5], sorted(urls)[:5]))
' "$page"

check "no client reference or note of intake.csv is on the page" py '
import csv, sys
page = open(sys.argv[1], encoding="utf-8").read()
rows = list(csv.DictReader(open(sys.argv[2], encoding="utf-8", newline="")))
found = sorted({v for r in rows for v in (r["client"], r["note"]) if len(v) >= 6 and v in page})
if not rows or found:
    sys.exit("rows %d, found %r" % (len(rows), found[:5]))
' "$page" "$demo/intake.csv"

check "the page is well-formed XML (xmllint)" xmllint --noout "$page"
check "the HTML parser (xmllint --html) finds nothing but the SVG elements it does not know" \
	sh -c 'xmllint --html --noout "$1" 2>&1 | grep "error" |
	       grep -v -E "Tag (svg|g|rect|text|line|path|circle|title|desc) invalid"; [ $? = 1 ]' sh "$page"

# The charts, each as a file of its own.
py '
import re, sys
s = open(sys.argv[1], encoding="utf-8").read()
for i, m in enumerate(re.findall(r"<svg\b.*?</svg>", s, re.S)):
    open("%s/chart%d.svg" % (sys.argv[2], i), "w", encoding="utf-8").write(m)
' "$page" "$tmp"
check "three charts" test -f "$tmp/chart2.svg" -a ! -f "$tmp/chart3.svg"
for i in 0 1 2; do
	check "chart $i has a title and an aria-label" py '
import re, sys
s = open(sys.argv[1], encoding="utf-8").read()
m = re.match(r"<svg [^>]*aria-label=\"([^\"]+)\"[^>]*>\n<title>([^<]+)</title>", s)
if not m or m.group(1) != m.group(2):
    sys.exit("no title or aria-label: " + s[:200])
' "$tmp/chart$i.svg"
	check "chart $i renders with rsvg-convert to a non-empty PNG 960 pixels wide" \
		sh -c 'rsvg-convert -o "$1.png" "$1" && [ -s "$1.png" ] &&
		       python3 -c "import struct, sys
d = open(sys.argv[1], \"rb\").read(24)
sys.exit(d[:8] != b\"\\x89PNG\\r\\n\\x1a\\n\" or struct.unpack(\">I\", d[16:20])[0] != 960)" "$1.png"' \
		sh "$tmp/chart$i.svg"
done

# The browser: no network (a proxy on the discard port, every name unresolvable), a profile of its own.
shot="$tmp/page.png"
check "headless Chromium draws the page to a PNG" \
	sh -c 'timeout 600 chromium --headless --disable-gpu --no-sandbox --no-first-run \
		--user-data-dir="$1/profile" --disable-background-networking --disable-component-update \
		--disable-sync --disable-extensions --proxy-server=127.0.0.1:9 \
		--host-resolver-rules="MAP * ~NOTFOUND" --hide-scrollbars \
		--screenshot="$2" --window-size=1200,2400 "file://$3" >"$1/chromium.log" 2>&1;
	       [ -s "$2" ] || { tail -5 "$1/chromium.log"; exit 1; }' sh "$tmp" "$shot" "$page"

check "the screenshot is not blank: text, tables and the charts' colours" py '
import struct, sys, zlib
from itertools import accumulate
data = open(sys.argv[1], "rb").read()
assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
pos, idat = 8, []
while pos < len(data):
    n, typ = struct.unpack(">I4s", data[pos:pos + 8])
    body = data[pos + 8:pos + 8 + n]
    pos += 12 + n
    if typ == b"IHDR":
        w, h, depth, ctype, _, _, interlace = struct.unpack(">IIBBBBB", body)
    elif typ == b"IDAT":
        idat.append(body)
assert depth == 8 and ctype in (2, 6) and interlace == 0, "unexpected PNG kind"
raw = zlib.decompress(b"".join(idat))
bpp = 3 if ctype == 2 else 4
stride = w * bpp
prev, colours = bytes(stride), {}
for y in range(h):
    f = raw[y * (stride + 1)]
    cur = raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)]
    if f == 0:
        row = cur
    elif f == 1:
        row = bytearray(stride)
        for c in range(bpp):
            row[c::bpp] = bytes(v & 255 for v in accumulate(cur[c::bpp]))
    elif f == 2:
        row = bytes((a + b) & 255 for a, b in zip(cur, prev))
    else:
        row = bytearray(cur)
        for i in range(stride):
            a = row[i - bpp] if i >= bpp else 0
            b = prev[i]
            c = prev[i - bpp] if i >= bpp else 0
            if f == 3:
                row[i] = (row[i] + ((a + b) >> 1)) & 255
            else:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                row[i] = (row[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
    prev = bytes(row)
    for x in range(0, stride, bpp):
        px = prev[x:x + 3]
        colours[px] = colours.get(px, 0) + 1
white = colours.get(b"\xff\xff\xff", 0)
near = lambda rgb: sum(k for px, k in colours.items() if all(abs(p - q) <= 8 for p, q in zip(px, rgb)))
blue, red = near((0x00, 0x72, 0xB2)), near((0xD5, 0x5E, 0x00))
print("# %dx%d, %d colours, %.1f %% not white, chart blue %d px, red %d px"
      % (w, h, len(colours), 100.0 * (w * h - white) / (w * h), blue, red))
if (w, h) != (1200, 2400) or len(colours) < 50 or w * h - white < w * h // 20 or blue < 2000 or red < 2000:
    sys.exit("looks blank or without charts")
' "$shot"
cat "$tmp/why" 2>/dev/null | grep '^# ' | head -1

echo "1..$n"

#!/usr/bin/env bash
# Makes docs/packet-pages.png, the picture at the top of the README: every page
# of the bundled family packet, side by side, two rows.
#   docs/pictures.sh            (needs cargo, poppler-utils' pdftoppm and python3)
set -euo pipefail
cd "$(dirname "$0")/.."
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cargo build --quiet
SOURCE_DATE_EPOCH=1767225600 "${CARGO_TARGET_DIR:-target}/debug/handout" build -q templates/family-packet.toml -o "$work"
pdftoppm -r 36 -aa yes -aaVector yes "$work/family-packet.pdf" "$work/page"
python3 - "$work" docs/packet-pages.png <<'PY'
# Lays the pages (binary PPM from pdftoppm) out in rows with a grey margin and
# writes an 8-bit RGB PNG, with nothing but the standard library.
import pathlib, struct, sys, zlib

def read_ppm(path):
    data = path.read_bytes()
    fields, at = [], 0
    while len(fields) < 4:
        while data[at:at + 1].isspace():
            at += 1
        if data[at:at + 1] == b"#":
            at = data.index(b"\n", at)
            continue
        end = at
        while not data[end:end + 1].isspace():
            end += 1
        fields.append(data[at:end])
        at = end
    assert fields[0] == b"P6" and fields[3] == b"255", "expected 8-bit binary PPM"
    width, height = int(fields[1]), int(fields[2])
    return width, height, data[at + 1:at + 1 + width * height * 3]

pages = [read_ppm(p) for p in sorted(pathlib.Path(sys.argv[1]).glob("page-*.ppm"))]
per_row = (len(pages) + 1) // 2
gap = 12
w = max(p[0] for p in pages)
h = max(p[1] for p in pages)
rows = (len(pages) + per_row - 1) // per_row
width, height = per_row * w + (per_row + 1) * gap, rows * h + (rows + 1) * gap
canvas = bytearray(b"\xd8\xdb\xdf" * width * height)
for index, (pw, ph, pixels) in enumerate(pages):
    x0 = gap + (index % per_row) * (w + gap)
    y0 = gap + (index // per_row) * (h + gap)
    for y in range(ph):
        start = ((y0 + y) * width + x0) * 3
        canvas[start:start + pw * 3] = pixels[y * pw * 3:(y + 1) * pw * 3]
raw = b"".join(b"\x00" + bytes(canvas[y * width * 3:(y + 1) * width * 3]) for y in range(height))

def chunk(kind, body):
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

png = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
png += chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b"")
pathlib.Path(sys.argv[2]).write_bytes(png)
print(f"{sys.argv[2]}: {len(pages)} pages, {width}x{height}, {len(png) // 1024} KB")
PY

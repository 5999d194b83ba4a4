#!/usr/bin/python3
"""Cuts one family's slices, in one weight, from its Debian font file (the plan: plan_fonts.py)
into WOFF2 files the page fetches on demand.

Kept in each slice beyond its own code points: the default-ignorable characters (ZWJ, ZWNJ,
variation selectors) and the dotted circle the font has, which shaping uses inside a cluster; the
slice's unicode-range does not name them, so they never make the browser fetch it. Dropped:
hinting, vertical metrics and features (the raster sets text horizontally), and `locl` (its only
use in Noto Sans CJK is switching to another region's glyphs, which the raster never asks for).
"""
import argparse
import hashlib
import json
import time
from pathlib import Path

import brotli
from fontTools import subset
from fontTools.ttLib import TTFont
from fontTools.ttLib import woff2

SHAPING_EXTRAS = [0x0020, 0x00A0, 0x034F, 0x200B, 0x200C, 0x200D, 0x2060, 0x25CC, 0xFEFF] + list(range(0xFE00, 0xFE10))
VERTICAL = {"vert", "vrt2", "vkrn", "vpal", "valt", "vhal", "vchw", "locl"}


class Brotli10:
    """fontTools compresses WOFF2 at Brotli quality 11, which is three times slower than 10 for
    1% less: the build cuts eight megabytes of CJK per weight."""
    MODE_FONT = brotli.MODE_FONT

    @staticmethod
    def compress(data, mode=brotli.MODE_FONT, quality=10, **kwargs):
        return brotli.compress(data, mode=mode, quality=quality, **kwargs)

    decompress = staticmethod(brotli.decompress)


woff2.brotli = Brotli10


def options():
    o = subset.Options()
    o.flavor = "woff2"
    o.hinting = False
    o.layout_features = [f for f in o.layout_features if f not in VERTICAL]
    o.drop_tables += ["vhea", "vmtx", "VORG"]
    o.name_IDs = [0, 1, 2, 3, 4, 5, 6, 13, 14]  # copyright, names, version, the licence and its address
    o.notdef_outline = True
    o.desubroutinize = True  # CFF (Noto Sans CJK): plain outlines compress better, 4% smaller
    return o


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--plan", required=True)
    parser.add_argument("--family", required=True)
    parser.add_argument("--weight", required=True)
    parser.add_argument("--out", required=True, help="folder of the .woff2 files")
    parser.add_argument("--stamp", required=True, help="written last: what the slices are made of, their files and sizes")
    args = parser.parse_args()
    plan = json.loads(Path(args.plan).read_text())
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    pieces = [(piece, piece["weights"][args.weight]) for piece in plan["slices"]
              if piece["family"] == args.family and "file" in piece["weights"].get(args.weight, {})]
    # What the slices are made of: when that has not changed and they are all there, they are not
    # cut again (a rebase or a checkout touches the files make looks at, not their content).
    digest = hashlib.sha256(Path(__file__).read_bytes())
    for piece, target in pieces:
        source = Path(target["source"]).stat()
        digest.update(json.dumps([piece, source.st_size, source.st_mtime_ns], sort_keys=True).encode())
    stamp = Path(args.stamp)
    if stamp.exists():
        before = json.loads(stamp.read_text())
        if before.get("digest") == digest.hexdigest() and all((out / name).exists() for name in before["files"]):
            stamp.touch()
            print(f"cut_fonts: {args.family} {args.weight}: unchanged")
            return
    made = {}
    started = time.time()
    for piece, target in pieces:
        font = TTFont(target["source"], fontNumber=target["face"], lazy=True)
        have = font.getBestCmap()
        wanted = [cp for cp in piece["codepoints"] if cp in have] + [cp for cp in SHAPING_EXTRAS if cp in have]
        cutter = subset.Subsetter(options())
        cutter.populate(unicodes=wanted)
        cutter.subset(font)
        font.flavor = "woff2"
        font.save(out / target["file"])
        made[target["file"]] = (out / target["file"]).stat().st_size
    stamp.write_text(json.dumps({"digest": digest.hexdigest(), "files": made}, indent=1) + "\n")
    print(f"cut_fonts: {args.family} {args.weight}: {len(made)} slices, {sum(made.values()) // 1024} KB, "
          f"{time.time() - started:.0f} s")


if __name__ == "__main__":
    main()

#!/usr/bin/python3
"""Plans the fonts the page's text raster draws with (web/web_text_raster.*, web/text.js).

Every code point gets exactly one owner: the first family, in the order the raster lists them,
whose font has a glyph for it. Each family's owned code points are cut into slices (one .woff2
each, see cut_fonts.py) so that the browser fetches only the slices the text on screen needs:
the FontFace API's unicode-range does that, and the ranges here are disjoint, so a character never
makes the browser fetch a slice that does not draw it.

CJK is sliced by how common a character is (as web font services slice it), from the Unicode
Character Database's Unihan fields (Debian package unicode-data): the Joyo kanji, the Chinese
Table of General Standard Characters' 3,500 common hanzi, and the traditional characters with a
frequency or a Hong Kong school grade. A Japanese text needs the slices shared by all three plus
the Japanese ones, not the Chinese-only ones; rarer characters come in larger slices.

  --family KEY   writes plan-KEY.json, the family's slices with their code points (cut_fonts.py
                 cuts them); one family at a time, so that a change to one does not cut all again
  (merge)        writes fonts.json (the page's: the families in order, each slice's ranges and
                 files, the characters laid out but not drawn) and the last-resort font, and
                 removes slices no longer planned
"""
import argparse
import bz2
import io
import json
import unicodedata
from pathlib import Path

from fontTools.fontBuilder import FontBuilder
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTFont
from fontTools.ttLib.tables._c_m_a_p import CmapSubtable

UNICODE = Path("/usr/share/unicode")  # Debian unicode-data

# Never covered by anything: controls, surrogates, private use, noncharacters.
NEVER = [(0x0000, 0x001F), (0x007F, 0x009F), (0xD800, 0xDFFF), (0xE000, 0xF8FF), (0xFDD0, 0xFDEF),
         (0xF0000, 0x10FFFF)]
# Laid out, not drawn: the raster handles them, so they count as covered (TAB, LF, CR).
LAYOUT = [0x09, 0x0A, 0x0D]

CJK_KANA = [(0x3000, 0x30FF), (0x31F0, 0x31FF), (0xFF00, 0xFFEF)]
CJK_HANGUL = [(0x3131, 0x318E), (0xAC00, 0xD7A3)]  # with the compatibility jamo (ㅋㅋ)
CJK_SYMBOLS = [(0x2460, 0x24FF), (0x3200, 0x33FF), (0xFE10, 0xFE1F), (0xFE30, 0xFE6F), (0x1F100, 0x1F2FF)]
CJK_HAN = [(0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF), (0x20000, 0x3FFFF)]


def in_ranges(cp, ranges):
    return any(a <= cp <= b for a, b in ranges)


def to_ranges(codepoints):
    out = []
    for cp in sorted(codepoints):
        if out and out[-1][1] == cp - 1:
            out[-1][1] = cp
        else:
            out.append([cp, cp])
    return out


def write_if_changed(path, text):
    """An unchanged file keeps its time: make then rebuilds nothing that includes it."""
    if not path.exists() or path.read_text() != text:
        path.write_text(text)


def packed(codepoints):
    """Ranges as [gap from the previous range's end, length - 1] pairs: small numbers."""
    out, last = [], -1
    for a, b in to_ranges(codepoints):
        out += [a - last - 1, b - a]
        last = b
    return out


def default_ignorables():
    found = set()
    for line in open(UNICODE / "DerivedCoreProperties.txt", encoding="utf-8"):
        fields = line.split("#")[0].split(";")
        if len(fields) == 2 and fields[1].strip() == "Default_Ignorable_Code_Point":
            a, _, b = fields[0].strip().partition("..")
            found.update(range(int(a, 16), int(b or a, 16) + 1))
    return found


def unihan(name, keys):
    out = {k: {} for k in keys}
    for line in bz2.open(UNICODE / name, "rt", encoding="utf-8"):
        if line.startswith("#") or not line.strip():
            continue
        cp, key, value = line.rstrip("\n").split("\t")
        if key in out:
            out[key][int(cp[2:], 16)] = value
    return out


def han_tiers():
    """Han characters by use: the sets every language shares first, then each language's own,
    then the larger standards, ranked. Returns (named common sets, rank of the rest)."""
    d = unihan("Unihan_DictionaryLikeData.txt.bz2", ["kFrequency", "kGradeLevel"])
    o = unihan("Unihan_OtherMappings.txt.bz2",
               ["kJoyoKanji", "kTGH", "kBigFive", "kKoreanEducationHanja", "kJinmeiyoKanji", "kJis0", "kGB0", "kKSC0"])
    strokes = {cp: int(v.split()[0]) for cp, v in unihan("Unihan_IRGSources.txt.bz2", ["kTotalStrokes"])["kTotalStrokes"].items()}
    japanese = set(o["kJoyoKanji"])
    simplified = {cp for cp, v in o["kTGH"].items() if int(v.split(":")[1]) <= 3500}
    traditional = {cp for cp, v in d["kFrequency"].items() if int(v) <= 4} | set(d["kGradeLevel"])
    frequency = {cp: int(v) for cp, v in d["kFrequency"].items()}
    common = {
        "core": japanese & simplified & traditional,
        "ja-zhs": (japanese & simplified) - traditional,
        "ja-zht": (japanese & traditional) - simplified,
        "zhs-zht": (simplified & traditional) - japanese,
        "ja": japanese - simplified - traditional,
        "zhs": simplified - japanese - traditional,
        "zht": traditional - japanese - simplified,
    }
    # The rest, ranked by the most common standard that has them.
    rank = {}

    def put(cp, value):
        rank[cp] = min(rank.get(cp, 1e9), value)
    for cp in o["kJinmeiyoKanji"]:
        put(cp, 1)
    for cp in o["kKoreanEducationHanja"]:
        put(cp, 1)
    for cp, v in d["kFrequency"].items():
        put(cp, 2)
    for cp, v in o["kTGH"].items():
        put(cp, 3 if int(v.split(":")[1]) <= 6500 else 4)
    for cp, v in o["kBigFive"].items():
        put(cp, 3 if int(v, 16) <= 0xC67E else 5)
    for key in ("kJis0", "kGB0", "kKSC0"):
        for cp in o[key]:
            put(cp, 4)
    order = lambda cp: (frequency.get(cp, 9), strokes.get(cp, 99), cp)  # noqa: E731
    return common, rank, order


def chunk(items, size):
    """`items` in pieces of at most `size`, as even as possible."""
    if not items:
        return []
    count = -(-len(items) // size)
    step = -(-len(items) // count)
    return [items[i:i + step] for i in range(0, len(items), step)]


LAST_RESORT = "Baton Last Resort"


def last_resort(path, ignorable):
    """A font with one glyph, an empty box, for every code point but controls, surrogates and the
    default ignorables (a many-to-one cmap, format 13): listed last, it draws what no shipped font
    has, so the user's system fonts never do and every machine shows the same box."""
    builder = FontBuilder(2048, isTTF=True)
    builder.setupGlyphOrder([".notdef", "box"])
    pen = TTGlyphPen(None)
    for x0, y0, x1, y1, clockwise in ((150, 0, 1080, 1490, True), (270, 120, 960, 1370, False)):
        corners = [(x0, y0), (x0, y1), (x1, y1), (x1, y0)]
        for i, corner in enumerate(corners if clockwise else corners[::-1]):
            (pen.moveTo if i == 0 else pen.lineTo)(corner)
        pen.closePath()
    builder.setupGlyf({".notdef": TTGlyphPen(None).glyph(), "box": pen.glyph()})
    builder.setupHorizontalMetrics({".notdef": (1230, 0), "box": (1230, 150)})
    builder.setupHorizontalHeader(ascent=1901, descent=-483)  # DejaVu Sans's
    builder.setupCharacterMap({})
    table = CmapSubtable.newSubtable(13)
    table.platformID, table.platEncID, table.language = 3, 10, 0
    planes = list(range(0x0020, 0x40000)) + list(range(0xE0000, 0x110000))  # planes 0-3, 14-16
    skipped = [(0x007F, 0x009F), (0xD800, 0xDFFF), (0xFDD0, 0xFDEF)]  # controls, surrogates, noncharacters
    table.cmap = {cp: "box" for cp in planes
                  if cp not in ignorable and not in_ranges(cp, skipped) and cp & 0xFFFE != 0xFFFE}
    builder.font["cmap"].tables = [table]
    builder.setupNameTable({"familyName": LAST_RESORT, "styleName": "Regular"})
    builder.setupOS2(sTypoAscender=1901, sTypoDescender=-483, usWinAscent=1901, usWinDescent=483)
    builder.setupPost()
    builder.font.flavor = "woff2"
    data = io.BytesIO()
    builder.font.save(data)
    if not path.exists() or path.read_bytes() != data.getvalue():
        path.write_bytes(data.getvalue())


def owners(families, upto, ignorable):
    """Code point -> the name of the first family (of families[:upto + 1]) that draws it."""
    owned = {}
    for family in families[:upto + 1]:
        source = family["faces"]["400"]
        excluded = [(int(a, 16), int(b, 16)) for a, b in family.get("exclude", [])]
        for cp in TTFont(source["path"], fontNumber=source.get("face", 0), lazy=True).getBestCmap():
            if cp not in owned and cp not in ignorable and not in_ranges(cp, NEVER) and not in_ranges(cp, excluded):
                owned[cp] = family["name"]
    return owned


def plan_family(families, index, assets):
    """The slices of families[index]: its owned code points, cut by script and by use."""
    family = families[index]
    owned = owners(families, index, default_ignorables())
    mine = sorted(cp for cp, name in owned.items() if name == family["name"])
    key = family["key"]
    slices = []

    def add(name, codepoints, local=None):
        """One slice: its code points in every weight the family has (a weight missing a glyph
        leaves it to the next family, as the browser does)."""
        if not codepoints:
            return
        weights = {}
        for weight, source in family["faces"].items():
            if local:
                weights[weight] = {"local": Path(local[weight]).name}
            else:
                weights[weight] = {"source": source["path"], "face": source.get("face", 0), "file": f"{name}-{weight}.woff2"}
        slices.append({"name": name, "family": family["name"], "weights": weights, "codepoints": sorted(codepoints)})

    local = {w: str(Path(assets) / name) for w, name in family.get("local_cut", {}).items()}
    if local:  # the part the wasm's own font files already carry: no download
        cut = set(TTFont(local["400"], lazy=True).getBestCmap())
        add(f"{key}-local", [cp for cp in mine if cp in cut], local)
        mine = [cp for cp in mine if cp not in cut]
    if key == "cjk":
        kana = [cp for cp in mine if in_ranges(cp, CJK_KANA)]
        hangul = [cp for cp in mine if in_ranges(cp, CJK_HANGUL)]
        han = [cp for cp in mine if in_ranges(cp, CJK_HAN)]
        symbols = [cp for cp in mine if in_ranges(cp, CJK_SYMBOLS)]  # ① ㈱ ㍻
        add("cjk-kana", kana)
        add("cjk-symbols", symbols)
        add("cjk-other", sorted(set(mine) - set(kana) - set(hangul) - set(han) - set(symbols)))
        # KS X 1001's 2,350 syllables (and the jamo) are the common ones: 2 bytes in EUC-KR, the
        # others are 8-byte make-up sequences.
        korean = [cp for cp in hangul if len(chr(cp).encode("euc_kr")) == 2]
        for i, part in enumerate(chunk(korean, 1200)):
            add(f"cjk-hangul-{i}", part)
        for i, part in enumerate(chunk(sorted(set(hangul) - set(korean)), 3000)):
            add(f"cjk-hangul-rare-{i}", part)
        common, rank, order = han_tiers()
        present, placed = set(han), set()
        for name, members in common.items():
            part = sorted(members & present, key=order)
            placed.update(part)
            for i, piece in enumerate(chunk(part, 700)):
                add(f"cjk-han-{name}-{i}", piece)
        ranked = sorted((cp for cp in han if cp not in placed and cp in rank), key=lambda cp: (rank[cp], order(cp)))
        for i, piece in enumerate(chunk(ranked, 1500)):
            add(f"cjk-han-more-{i}", piece)
        for i, piece in enumerate(chunk([cp for cp in han if cp not in placed and cp not in rank], 3000)):
            add(f"cjk-han-rare-{i}", piece)
    elif key == "symbols":
        # Symbola's emoji are detailed outlines (about 300 bytes each): the faces, hands, people,
        # skin tones and flag letters first; then the other pictographs; the BMP's emoji (☀ ❤ ✔).
        faces = [(0x1F1E6, 0x1F1FF), (0x1F3FB, 0x1F3FF), (0x1F440, 0x1F4A9), (0x1F600, 0x1F64F), (0x1F90C, 0x1F9FF)]
        emoji = [cp for cp in mine if cp >= 0x1F000]
        add("symbols-emoji-faces", [cp for cp in emoji if in_ranges(cp, faces)])
        for i, piece in enumerate(chunk([cp for cp in emoji if not in_ranges(cp, faces)], 800)):
            add(f"symbols-emoji-{i}", piece)
        bmp_emoji = [cp for cp in mine if 0x2600 <= cp <= 0x27BF or 0x2B00 <= cp <= 0x2BFF]
        add("symbols-bmp-emoji", bmp_emoji)
        for i, piece in enumerate(chunk([cp for cp in mine if cp < 0x1F000 and cp not in set(bmp_emoji)], 2500)):
            add(f"symbols-{i}", piece)
    elif key == "dejavu":
        latin = [cp for cp in mine if cp < 0x0370 or 0x1D00 <= cp <= 0x1EFF or 0x2C60 <= cp <= 0x2C7F or 0xA720 <= cp <= 0xA7FF]
        greek_cyrillic = [cp for cp in mine if 0x0370 <= cp <= 0x052F or 0x1F00 <= cp <= 0x1FFF
                          or 0x2DE0 <= cp <= 0x2DFF or 0xA640 <= cp <= 0xA69F]
        rest = sorted(set(mine) - set(latin) - set(greek_cyrillic))
        # Punctuation, currency, arrows, maths, boxes: what mail has; then other scripts' letters,
        # Braille, mathematical alphanumerics, dominoes, ...
        symbols = [cp for cp in rest if cp < 0x2800 and unicodedata.category(chr(cp))[0] in "PSNZ"]
        add("dejavu-latin", latin)
        add("dejavu-greek-cyrillic", greek_cyrillic)
        add("dejavu-symbols", symbols)
        add("dejavu-more", sorted(set(rest) - set(symbols)))
    else:
        add(key, mine)
    return slices


def merge(families, plans, fonts, manifest_path):
    """The page's manifest from every family's plan; the last-resort font; stale slices removed."""
    slices = []
    for family in families:
        slices += json.loads((Path(plans) / f"plan-{family['key']}.json").read_text())["slices"]
    ignorable = default_ignorables()
    dejavu = next(f for f in families if f["key"] == "dejavu")
    head = TTFont(dejavu["faces"]["400"]["path"], lazy=True)
    line = head["hhea"].ascent - head["hhea"].descent
    manifest = {
        "families": [f["name"] for f in families] + [LAST_RESORT],
        # ImGui sizes a font by its line height (ascent - descent); the raster draws DejaVu at
        # the same size as ImGui does, so its em is px * em_per_px.
        "em_per_px": head["head"].unitsPerEm / line,
        "ascent_per_px": head["hhea"].ascent / line,
        # Laid out, not drawn (covers() counts them: a ZWJ sequence has no missing glyph): the
        # default-ignorable characters, TAB, LF, CR.
        "laid_out": packed(set(LAYOUT) | {cp for cp in ignorable if not in_ranges(cp, NEVER)}),
        "slices": [{"family": s["family"], "ranges": packed(s["codepoints"]),
                    "weights": {w: v.get("file") or {"local": v["local"]} for w, v in s["weights"].items()}}
                   for s in slices] + [{"family": LAST_RESORT, "weights": {"400": "last-resort.woff2"}}],
    }
    write_if_changed(Path(manifest_path), json.dumps(manifest, separators=(",", ":")))
    last_resort(Path(fonts) / "last-resort.woff2", ignorable)
    planned = {w["file"] for s in slices for w in s["weights"].values() if "file" in w} | {"last-resort.woff2"}
    for stale in Path(fonts).glob("*.woff2"):
        if stale.name not in planned:
            stale.unlink()
    drawn = {cp for s in slices for cp in s["codepoints"]}
    print(f"plan_fonts: {len(drawn)} code points drawn ({len(to_ranges(drawn))} ranges) by {len(slices)} slices")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--families", required=True, help="families.json: the families in order, their files by weight")
    parser.add_argument("--family", help="plan this family (its key) into --plan")
    parser.add_argument("--assets", help="the wasm's own font files (build/assets)")
    parser.add_argument("--plan", help="the family's plan-<key>.json")
    parser.add_argument("--plans", help="merge: the folder of every family's plan")
    parser.add_argument("--fonts", help="merge: the folder of the cut .woff2 files (stale ones are removed)")
    parser.add_argument("--manifest", help="merge: fonts.json")
    args = parser.parse_args()
    families = json.loads(Path(args.families).read_text())
    if args.family:
        index = next(i for i, f in enumerate(families) if f["key"] == args.family)
        slices = plan_family(families, index, args.assets)
        Path(args.plan).write_text(json.dumps({"slices": slices}))
        print(f"plan_fonts: {families[index]['name']}: {sum(len(s['codepoints']) for s in slices)} code points "
              f"in {len(slices)} slices")
    else:
        merge(families, args.plans, args.fonts, args.manifest)


if __name__ == "__main__":
    main()

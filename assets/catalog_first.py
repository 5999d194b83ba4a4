"""What the page's first download carries of a message catalog: English whole (every other
language's fallback), any other language as its _meta only, marked lazy, with whether its words
need more glyphs than the first download's fonts have; the workspace fetches the whole catalog
(assets/lazy/i18n/<code>.json) when that language is chosen.
    catalog_first.py <catalog.json> <output.json>
"""
import json
import shutil
import sys

from ui_text import covered, words


def main(source, output):
    with open(source, encoding="utf-8") as f:
        catalog = json.load(f)
    meta = dict(catalog.get("_meta", {}))
    if meta.get("code") == "en":
        shutil.copyfile(source, output)
        return
    meta["lazy"] = True
    meta["beyond_latin"] = any(not covered(ord(c)) for key, value in catalog.items() if key != "_meta"
                               for text in words(value) for c in text)
    with open(output, "w", encoding="utf-8") as f:
        json.dump({"_meta": meta}, f, ensure_ascii=False)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])

#!/usr/bin/env python3
"""Adds or replaces message-catalog keys in both languages, keeping the files sorted.

usage: scripts/add_words.py KEY 'English' '日本語' [KEY 'English' '日本語' ...]
"""
import json
import pathlib
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent / "assets" / "i18n"


def main(argv):
    if len(argv) % 3 != 0 or not argv:
        sys.exit(__doc__)
    triples = [argv[i:i + 3] for i in range(0, len(argv), 3)]
    for column, lang in ((1, "en"), (2, "ja")):
        path = ROOT / f"{lang}.json"
        words = json.loads(path.read_text(encoding="utf-8"))
        for triple in triples:
            words[triple[0]] = triple[column]
        path.write_text(json.dumps(words, indent=1, ensure_ascii=False, sort_keys=True) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main(sys.argv[1:])

#!/usr/bin/python3
"""The characters the workspace's own words use beyond DejaVu Sans (Latin, Greek, Cyrillic): every
catalog's words, written to a file pyftsubset reads (--text-file). Run by assets/CMakeLists.txt."""
import json
import sys


def words(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for inner in value.values():
            yield from words(inner)


def main(output, catalogs):
    chars = set()
    for path in catalogs:
        with open(path, encoding="utf-8") as f:
            for key, value in json.load(f).items():
                for text in words(value):
                    chars.update(c for c in text if ord(c) > 0x52F)  # past Cyrillic: what DejaVu's cut lacks
    with open(output, "w", encoding="utf-8") as f:
        f.write("".join(sorted(chars)) or " ")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2:])

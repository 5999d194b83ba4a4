#!/usr/bin/python3
"""The characters the workspace's own words use beyond the first download's DejaVu Sans cut: every
catalog's words, written to a file pyftsubset reads (--text-file). Run by assets/CMakeLists.txt."""
import json
import sys


def words(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for inner in value.values():
            yield from words(inner)


# What the first download's DejaVu cut holds (TEXT_RANGES in CMakeLists.txt; the shell's catalog
# asks the same to know whether a language needs the lazy fonts).
FIRST_RANGES = ((0x20, 0x17F), (0x2010, 0x206F), (0x2190, 0x21FF), (0x2300, 0x23FF), (0x25A0, 0x25FF))


def covered(code):
    return code < 0x20 or any(low <= code <= high for low, high in FIRST_RANGES)


def main(output, catalogs):
    chars = set()
    for path in catalogs:
        with open(path, encoding="utf-8") as f:
            for key, value in json.load(f).items():
                for text in words(value):
                    chars.update(c for c in text if not covered(ord(c)))
    with open(output, "w", encoding="utf-8") as f:
        f.write("".join(sorted(chars)) or " ")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2:])

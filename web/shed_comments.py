#!/usr/bin/python3
"""Copies one of the page's own files into the built page without its comments and indentation:
whole-line `//` comments in JavaScript, `/* */` comments in CSS (fewer bytes in every agent's first
download; the sources keep their comments). Only whole lines are dropped from JavaScript, so a `//`
inside a string or a regular expression is never touched. Run by web/CMakeLists.txt."""
import re
import sys


def shed(path, text):
    if path.endswith(".css"):
        text = re.sub(r"/\*.*?\*/", "", text, flags=re.S)
    elif path.endswith(".js"):
        text = "\n".join(line for line in text.split("\n") if not line.lstrip().startswith("//"))
    else:
        return text
    return "\n".join(line.strip() for line in text.split("\n") if line.strip()) + "\n"


def main(source, target):
    with open(source, encoding="utf-8") as f:
        text = f.read()
    with open(target, "w", encoding="utf-8") as f:
        f.write(shed(source, text))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])

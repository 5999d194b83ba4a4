"""An HTML mail as plain text: what the customer wrote, nothing that runs or loads.

The thread shows text only (customer text never reaches a page as markup), so this keeps the
words, line breaks where blocks end, list bullets, link targets and image descriptions, and
drops scripts, styles and everything remote: no image, font or stylesheet is ever fetched.
Quoted mail (`<blockquote>`, Gmail's and Outlook's quote blocks) comes out as "> " lines, which
`quoting.split_quoted` then folds like any quoted plain text.
"""
import re

import lxml.etree
import lxml.html

_DROP = {"script", "style", "head", "title", "noscript", "template", "object", "embed", "iframe",
         "svg", "math", "form", "button", "select", "textarea"}
_BLOCKS = {"p", "div", "section", "article", "header", "footer", "main", "aside", "nav", "table",
           "tr", "ul", "ol", "dl", "dt", "dd", "h1", "h2", "h3", "h4", "h5", "h6", "pre", "address",
           "figure", "figcaption", "center", "hr", "fieldset"}
_PARAGRAPHS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "table", "ul", "ol", "pre"}
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_SPACES = re.compile(r"[ \t\r\f\v\u00a0]+")
_QUOTE_CLASSES = ("gmail_quote", "yahoo_quoted", "moz-cite-prefix")


def html_to_text(html):
    """The text of an HTML document or fragment (a str); "" for nothing readable."""
    html = _CONTROL.sub("", html or "")
    if not html.strip():
        return ""
    try:
        root = lxml.html.document_fromstring(html)
    except (lxml.etree.ParserError, ValueError):
        return ""
    out = _Text()
    try:
        _walk(root, out, quote_depth=0)
    except RecursionError:  # absurdly deep markup: its words, without the layout
        return " ".join(root.text_content().split())
    return out.text()


class _Text:
    """Lines being built: inline text joins, blocks start new lines, quotes prefix "> "."""

    def __init__(self):
        self.lines = [[0, ""]]  # (quote depth, text)

    def add(self, text, depth):
        text = _SPACES.sub(" ", text.replace("\n", " "))
        if not text:
            return
        line = self.lines[-1]
        if line[1] == "":
            line[0] = depth
            text = text.lstrip()
        elif line[1].endswith(" ") and text.startswith(" "):
            text = text.lstrip()
        line[1] += text

    def newline(self, depth):
        self.lines.append([depth, ""])

    def block(self, depth):
        if self.lines[-1][1].strip():
            self.newline(depth)

    def text(self):
        out, blank = [], False
        for depth, text in self.lines:
            text = text.strip()
            prefix = "> " * depth
            if not text:
                if out and not blank:
                    out.append(prefix.rstrip())
                blank = True
                continue
            out.append(prefix + text)
            blank = False
        while out and blank and out[-1].strip(" >") == "":
            out.pop()
        return "\n".join(out).strip()


def _walk(element, out, quote_depth):
    tag = element.tag if isinstance(element.tag, str) else ""
    tag = tag.lower()
    if tag in _DROP or not isinstance(element.tag, str):  # comments, processing instructions
        if element.tail:
            out.add(element.tail, quote_depth)
        return
    classes = (element.get("class") or "").split()
    quoted = tag == "blockquote" or any(c in _QUOTE_CLASSES for c in classes) or \
        (element.get("id") or "") in ("divRplyFwdMsg", "appendonsend")
    depth = quote_depth + 1 if quoted and tag == "blockquote" else quote_depth
    if tag in _BLOCKS or quoted or tag in ("li", "blockquote"):
        out.block(depth)
    if tag == "br":
        out.newline(quote_depth)
    elif tag == "li":
        out.add("• ", depth)
    elif tag == "img":
        alt = (element.get("alt") or "").strip()
        if alt:
            out.add(f"[image: {alt}]", depth)
    elif tag in ("td", "th"):
        out.add(" ", depth)
    if element.text:
        out.add(element.text, depth)
    for child in element:
        _walk(child, out, depth)
    if tag == "a":
        href = (element.get("href") or "").strip()
        label = element.text_content().strip()
        if href.lower().startswith(("http://", "https://", "mailto:")) and href not in label and \
                href.removeprefix("mailto:") not in label:
            out.add(f" ({href})", depth)
    if tag in _BLOCKS or quoted or tag in ("li", "blockquote"):
        out.block(quote_depth)
    if tag in _PARAGRAPHS:
        out.newline(quote_depth)  # a blank line between paragraphs
    if element.tail:
        out.add(element.tail, quote_depth)

"""What the ticket list's search splits text and queries into, shared by both stores.

Latin (and every script written with spaces) is searched by word prefix: `boil` finds "boiler".
Chinese, Japanese and Korean are written without spaces between words (Korean attaches particles
to its words), so a word there is any run of characters inside a longer run: 異音 must find
ボイラーから異音がします. Both indexes hold the CJK text as overlapping pairs of characters
(bigrams: ボイ イラ ラー ... 異音 音が ...) plus each run's last character, beside the words:

- a query word of 2 CJK characters is one indexed pair;
- 3 or more: all its pairs (SQLite then checks the whole word in the ticket's text; PostgreSQL
  asks for the pairs one after another, `'異音' <-> '音が'`, which is the same);
- 1 character: the pairs and last characters that start with it (an indexed prefix lookup).

Every length is answered by the index, so a 1-2 character query costs no scan (trigrams, the
other usual choice, would index only queries of 3 or more characters). A word that mixes scripts
(`E42エラー`) is split where the script changes, in the text and in the query alike.
"""
import re
import unicodedata

# Han (with its extensions and compatibility ideographs), kana (half-width katakana too), Hangul,
# and the iteration marks 々〆〇 that occur inside Japanese words.
CJK_RANGES = [(0x1100, 0x11FF), (0x3005, 0x3007), (0x3040, 0x30FF), (0x3130, 0x318F), (0x31F0, 0x31FF),
              (0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xA960, 0xA97F), (0xAC00, 0xD7FF), (0xF900, 0xFAFF),
              (0xFF66, 0xFF9F), (0x20000, 0x3134F)]
CJK_CLASS = "".join(f"{chr(low)}-{chr(high)}" for low, high in CJK_RANGES)  # for a regex [...]
_CJK_RUN = re.compile(f"[{CJK_CLASS}]+")
# Words: letters and digits, split where a CJK run begins or ends.
_WORDS = re.compile(f"[{CJK_CLASS}]+|(?:(?![{CJK_CLASS}])[^\\W_])+")
_KANA_MARKS = "\u3099\u309a"  # the voiced sound marks: が is not か


def search_words(query):
    """The words of a search box's text, lower-cased (each a prefix, or a CJK run to find inside)."""
    return _WORDS.findall(query.lower())


def is_cjk(word):
    return bool(_CJK_RUN.fullmatch(word))


def bigrams(word):
    """The overlapping pairs of characters of a CJK word (none for a single character)."""
    return [word[i:i + 2] for i in range(len(word) - 1)]


def cjk_grams(text):
    """What the indexes hold for the CJK runs of `text`: each run's pairs and its last character."""
    grams = []
    for run in _CJK_RUN.findall(text):
        grams += bigrams(run)
        grams.append(run[-1])
    return grams


def fold(text):
    """Lower case without Latin diacritics (as SQLite FTS5's unicode61 with remove_diacritics 2),
    keeping kana voicing and Hangul syllables whole, and half-width katakana made full-width."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    kept = "".join(c for c in decomposed if not unicodedata.combining(c) or c in _KANA_MARKS)
    return unicodedata.normalize("NFC", kept)


def split_words(text):
    """The words of an already folded text."""
    return _WORDS.findall(text)

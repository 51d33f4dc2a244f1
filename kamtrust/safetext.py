"""User text as data: control characters made visible, Markdown escaped, file names made safe.

Names, accounts, cohorts, file names, versions and every text read from a file reach a
terminal, a Markdown document or a file name. None of them may act there: a terminal must
not run an escape sequence hidden in a name, a document must not turn a name into a link or
raw HTML, and a version must not name a file outside the output's folder.

The rule for the terminal (and for documents): every control character is shown as the
escape a programmer would type, in ASCII (``\\x1b``, ``\\x07``, ``\\r``, ``\\u202e``), so that it
can be seen, reported and searched for, and never acts; a byte of a file name that is not UTF-8
(kept by Python as a lone surrogate) shows as that byte (``\\xff``). A backslash itself is left as it is
(Windows paths stay readable).
"""

from __future__ import annotations

import re

_SHORT = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}

# C0 controls and DEL, C1 controls; bidi embeddings, overrides and isolates (they reorder what
# is shown: "Trojan Source"); the Arabic letter mark and LRM/RLM; line and paragraph separators
# (some terminals and editors break lines on them). Zero-width joiners are left alone: emoji
# sequences need them and they cannot reorder or hide text. Lone surrogates too: no terminal or
# file can take them, and U+DC80..U+DCFF are how Python keeps a file name's undecodable bytes.
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
_CONTROL_KEEP_NL = re.compile(
    "[\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
)
_BYTE_ESCAPES = range(0xDC80, 0xDD00)
"""Python's "surrogateescape" stand-ins for the bytes 0x80..0xFF (os.fsdecode of bad UTF-8)."""


def _escape(match: re.Match[str]) -> str:
    ch = match.group()
    if ch in _SHORT:
        return _SHORT[ch]
    code = ord(ch)
    if code in _BYTE_ESCAPES:  # the byte it stands for: b"\xff.json" shows as \xff.json
        code -= 0xDC00
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def visible(text: object, *, newlines: bool = False) -> str:
    """``text`` with every control character shown as its escape (``\\x1b``, ``\\u202e``).

    ``newlines=True`` keeps line breaks (multi-line messages); otherwise a newline shows as
    ``\\n`` too, so one value stays on one line.
    """
    return (_CONTROL_KEEP_NL if newlines else _CONTROL).sub(_escape, str(text))


# Every character CommonMark lets a backslash escape that can start markup inline: emphasis,
# code, links and images, raw HTML and autolinks, entities, tables, headings, strikethrough.
# An underscore inside a word (an item id such as cred_1) cannot open emphasis, and an "&" that
# does not start an entity shows as itself: both stay as typed.
_MD_SPECIAL = re.compile(r"([\\`*\[\]<>|#!~]|(?<![A-Za-z0-9])_|_(?![A-Za-z0-9])|&(?=#?[A-Za-z0-9]+;))")
# Line starts that make a block: a numbered or bulleted list item (a marker then a space), a
# thematic break or a setext underline (a line of "-" or "="). A quote (">") and a heading
# ("#") are escaped anywhere already.
_MD_BLOCK_START = re.compile(r"^(\d{1,9})([.)])(?=\s|$)|^([-+])(?=\s|$)|^([-=])(?=[-= ]*$)")


def md(text: object) -> str:
    """Text that Markdown shows exactly as written, on one line, wherever it is placed.

    Control characters are made visible, runs of white space (line breaks too) become one
    space, every markup character is escaped, and a start that would open a block is
    neutralised: no raw HTML, link, image, heading, list or table break can come from it.
    """
    flat = " ".join(visible(text, newlines=True).split())
    escaped = _MD_SPECIAL.sub(r"\\\1", flat)
    return _MD_BLOCK_START.sub(lambda m: f"{m[1]}\\{m[2]}" if m[1] else f"\\{m[3] or m[4]}", escaped)


_UNSAFE_NAME = re.compile(r"[^A-Za-z0-9._-]+")
NAME_PART_MAX = 40


def filename_part(text: object) -> str:
    """``text`` as a piece of a file name: letters, digits, ``.``, ``_`` and ``-`` only.

    Anything else (a slash, ``..`` at the start, a control character, a space) becomes ``_``,
    so that a questionnaire version such as ``../../x`` can never name a file outside the
    output's folder. Never empty; at most ``NAME_PART_MAX`` characters.
    """
    part = _UNSAFE_NAME.sub("_", str(text)).strip("._-")[:NAME_PART_MAX]
    return part or "_"

"""A terminal's bytes split into keys: escape sequences, UTF-8 characters, a whole paste.

Pure: the bytes come from a :class:`ByteSource` (the terminal in :mod:`kamtrust.interview.keys`,
a buffer in tests), so every rule here is tested without a pseudo-terminal.
"""

from __future__ import annotations

from typing import Protocol

ESC = b"\x1b"
ARROWS = {"\x1b[D": "<", "\x1bOD": "<", "\x1b[C": ">", "\x1bOC": ">"}
"""Arrow keys as terminals send them (CSI and SS3 forms): left goes back, right skips."""
PASTED = "\x1b[200~"
"""The key for a whole paste (bracketed paste mode): one event, never a burst of answers."""
PASTE_END = b"\x1b[201~"
EOF_KEY = "\x04"  # Ctrl-D
INTERRUPT_KEYS = ("\x03", "\x1c")  # Ctrl-C, Ctrl-\
SUSPEND_KEY = "\x1a"  # Ctrl-Z
CONTROL_BYTES = frozenset(key.encode("ascii") for key in (EOF_KEY, *INTERRUPT_KEYS, SUSPEND_KEY))
"""Keys that act on the session; returned as they are, before any decoding."""
MAX_CSI = 16
"""Longest CSI sequence read (ESC, '[', parameters, final byte): a stray ESC [ cannot eat every key."""


class ByteSource(Protocol):
    """Where the bytes come from."""

    def byte(self) -> bytes:
        """The next byte, waiting for it; ``b""`` at the end of input."""
        ...

    def pending(self) -> bool:
        """Whether another byte is already there (the rest of a sequence arrives with its start)."""
        ...


class BufferSource:
    """A :class:`ByteSource` over bytes already read (tests, and whatever else has them at hand)."""

    def __init__(self, data: bytes) -> None:
        self.data = bytearray(data)

    def byte(self) -> bytes:
        if not self.data:
            return b""
        return bytes([self.data.pop(0)])

    def pending(self) -> bool:
        return bool(self.data)


def is_utf8(encoding: str) -> bool:
    """Whether a terminal's encoding is UTF-8 (by any of its spellings)."""
    return encoding.lower().replace("_", "-") in ("utf-8", "utf8")


def continuation_count(lead: int) -> int:
    """How many continuation bytes follow a UTF-8 lead byte (0xC0 and above)."""
    return 1 if lead < 0xE0 else 2 if lead < 0xF0 else 3


class KeyDecoder:
    """Reads one key at a time from a :class:`ByteSource`.

    A key is a character, an escape sequence (arrows mapped to ``<`` and ``>``), :data:`PASTED`
    for a whole paste, a control key from :data:`CONTROL_BYTES`, or ``""`` at the end of input.
    """

    def __init__(self, source: ByteSource, encoding: str = "utf-8") -> None:
        self.source = source
        self.encoding = encoding
        self.utf8 = is_utf8(encoding)
        self.held = bytearray()
        """A byte read too far (not the rest of a character), kept for the next key."""

    def next_key(self) -> str:
        """The next key, waiting for it."""
        first = self._byte()
        if not first or first in CONTROL_BYTES:
            return first.decode("ascii")
        if first == ESC and self._pending():
            return self._escape_sequence()
        if not self.utf8:  # a one-byte terminal encoding (Latin-1 …): one byte is one key
            return first.decode(self.encoding, "replace")
        return self._utf8_character(first)

    def _byte(self) -> bytes:
        if self.held:
            return bytes([self.held.pop(0)])
        return self.source.byte()

    def _pending(self) -> bool:
        return bool(self.held) or self.source.pending()

    def _escape_sequence(self) -> str:
        """An escape sequence read up to its final byte; a paste read to its end as one key."""
        data = ESC + self._byte()
        if data.endswith(b"O"):  # SS3: one more byte
            data += self._byte()
        elif data.endswith(b"["):  # CSI: parameters, then a byte from @ to ~
            data = self._csi_rest(data)
        text = data.decode("ascii", "replace")
        if text == PASTED and not self._skip_paste():
            return ""  # the input ended inside the paste
        return ARROWS.get(text, text)

    def _csi_rest(self, data: bytes) -> bytes:
        """``data`` (ESC [) with the sequence's parameters and final byte."""
        while len(data) < MAX_CSI:
            nxt = self._byte()
            if not nxt:
                break
            data += nxt
            if 0x40 <= nxt[0] <= 0x7E:
                break
        return data

    def _skip_paste(self) -> bool:
        """Read up to the end of a paste; False when the input ends first."""
        tail = b""
        while not tail.endswith(PASTE_END):
            nxt = self._byte()
            if not nxt:
                return False
            tail = (tail + nxt)[-len(PASTE_END) :]
        return True

    def _utf8_character(self, first: bytes) -> str:
        """``first`` and the rest of its UTF-8 character (e.g. ñ), only if it is one."""
        data = first
        if first[0] >= 0xC0:
            for _ in range(continuation_count(first[0])):
                if not self._pending():
                    break
                nxt = self._byte()
                if not nxt:
                    break
                if not 0x80 <= nxt[0] <= 0xBF:  # not a continuation: the next key, kept for later
                    self.held.extend(nxt)
                    break
                data += nxt
        return data.decode("utf-8", "replace")

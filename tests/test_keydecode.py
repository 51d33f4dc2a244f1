"""The interview's key decoder, byte buffer in, keys out, without a pseudo-terminal (issue 9 §6)."""

from __future__ import annotations

import os
import sys

import pytest

from kamtrust.interview.keydecode import PASTED, BufferSource, KeyDecoder


def keys(data: bytes, encoding: str = "utf-8") -> list[str]:
    """Every key in ``data``, up to the end of input ("" is not listed)."""
    decoder = KeyDecoder(BufferSource(data), encoding)
    found = []
    while key := decoder.next_key():
        found.append(key)
    return found


def test_digits_and_letters_typed_ahead_are_one_key_each() -> None:
    assert keys(b"4343qy") == ["4", "3", "4", "3", "q", "y"]


@pytest.mark.parametrize(
    ("data", "expected"),
    [(b"\x1b[D", "<"), (b"\x1bOD", "<"), (b"\x1b[C", ">"), (b"\x1bOC", ">")],
)
def test_arrows_in_both_forms_go_back_and_skip(data: bytes, expected: str) -> None:
    assert keys(data + b"5") == [expected, "5"]


def test_other_sequences_are_one_key_and_do_not_swallow_the_next() -> None:
    """F5 (CSI with parameters), Home (SS3): each one key, passed on as it came."""
    assert keys(b"\x1b[15~3\x1bOH2") == ["\x1b[15~", "3", "\x1bOH", "2"]


def test_a_lone_escape_is_a_key() -> None:
    assert keys(b"\x1b") == ["\x1b"]


def test_a_csi_sequence_without_an_end_stops_at_sixteen_bytes() -> None:
    assert keys(b"\x1b[" + b"1" * 20) == ["\x1b[" + "1" * 14, *["1"] * 6]


def test_a_sequence_cut_by_the_end_of_input_ends_there() -> None:
    """ESC [ 1 and then nothing: the key so far, then the end (it used to wait for ever)."""
    assert keys(b"\x1b[1") == ["\x1b[1"]


def test_a_paste_is_one_event_whatever_it_holds() -> None:
    assert keys(b"\x1b[200~12345\x1b[C\n\x1b[201~4") == [PASTED, "4"]


def test_a_paste_cut_by_the_end_of_input_is_the_end() -> None:
    decoder = KeyDecoder(BufferSource(b"\x1b[200~123"))
    assert decoder.next_key() == ""


@pytest.mark.parametrize("key", ["²", "①", "٣", "ñ", "€", "😀"])
def test_a_utf8_character_is_one_key(key: str) -> None:
    assert keys(key.encode() + b"1") == [key, "1"]


def test_a_stray_byte_does_not_swallow_the_keys_after_it() -> None:
    """A Latin-1 ñ in a UTF-8 terminal: one replacement character, then the three answers."""
    assert keys(b"\xf1432") == ["\ufffd", "4", "3", "2"]


def test_a_cut_character_at_the_end_of_input_is_a_replacement_character() -> None:
    assert keys(b"\xc3") == ["\ufffd"]


def test_a_one_byte_encoding_reads_one_byte_as_one_key() -> None:
    assert keys("ñ1".encode("latin-1"), "ISO-8859-1") == ["ñ", "1"]
    assert keys("ñ".encode(), "latin_1") == ["Ã", "±"]


@pytest.mark.parametrize("encoding", ["UTF-8", "utf8", "utf_8"])
def test_every_spelling_of_utf8_is_utf8(encoding: str) -> None:
    assert keys("ñ".encode(), encoding) == ["ñ"]


@pytest.mark.parametrize("control", [b"\x03", b"\x1c", b"\x1a", b"\x04"])
def test_control_keys_come_in_order_with_the_keys_typed_before_them(control: bytes) -> None:
    """Ctrl-C, Ctrl-\\, Ctrl-Z and Ctrl-D are keys: the ones typed before are read first."""
    assert keys(b"43" + control + b"5") == ["4", "3", control.decode(), "5"]


def test_the_end_of_input_is_an_empty_key_every_time() -> None:
    decoder = KeyDecoder(BufferSource(b"1"))
    assert [decoder.next_key() for _ in range(3)] == ["1", "", ""]


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX terminals only")
def test_the_terminal_reader_acts_on_control_keys_and_gives_the_terminal_back() -> None:
    """In a pseudo-terminal opened in-process: key mode while reading, the shell's mode after."""
    import termios

    from kamtrust.interview.keys import TerminalKeys

    main, side = os.openpty()
    try:
        before = termios.tcgetattr(side)
        reader = TerminalKeys(side, "utf-8")
        with reader.active():
            assert not termios.tcgetattr(side)[3] & (termios.ICANON | termios.ECHO | termios.ISIG)
            os.write(main, "4ñ\x1b[D\x03".encode())  # typed ahead, in one write
            assert [reader.read(), reader.read(), reader.read()] == ["4", "ñ", "<"]
            with pytest.raises(KeyboardInterrupt):
                reader.read()
            os.write(main, b"\x04")
            with pytest.raises(EOFError):
                reader.read()
        assert termios.tcgetattr(side) == before
    finally:
        os.close(main)
        os.close(side)

"""Two imports into one folder at once: the same file written by both is no error; another is named."""

from __future__ import annotations

from pathlib import Path

import pytest

from kamtrust import batchwrite
from kamtrust.errors import OutputError


def test_the_same_bytes_written_meanwhile_are_no_failure(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real_link = batchwrite.os.link

    def other_process_first(src: str, dst: str) -> None:  # the other import wins the race
        Path(dst).write_text("same", encoding="utf-8")
        real_link(src, dst)

    monkeypatch.setattr(batchwrite.os, "link", other_process_first)
    written = batchwrite.write_batch(tmp_path / "out", [("a.json", "same")])
    assert written == [tmp_path / "out" / "a.json"]
    assert [p.name for p in (tmp_path / "out").iterdir()] == ["a.json"]  # no temporary file left


def test_other_bytes_written_meanwhile_are_named_not_replaced(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real_link = batchwrite.os.link

    def other_process_first(src: str, dst: str) -> None:
        Path(dst).write_text("theirs", encoding="utf-8")
        real_link(src, dst)

    monkeypatch.setattr(batchwrite.os, "link", other_process_first)
    with pytest.raises(OutputError) as caught:
        batchwrite.write_batch(tmp_path / "out", [("a.json", "ours")])
    assert "another process wrote a different file under this name meanwhile" in str(caught.value)
    assert "a.json" in str(caught.value) and "folder is needed" not in str(caught.value)
    assert (tmp_path / "out" / "a.json").read_text(encoding="utf-8") == "theirs"
    assert [p.name for p in (tmp_path / "out").iterdir()] == ["a.json"]

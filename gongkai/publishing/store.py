"""The publish directory: URL paths to files, written atomically.

The page at URL path P (ending in "/") is the file P/index.html; any other path (an attachment,
a feed, an image, a stylesheet) is the file at P with its own name, so any static web server can
serve the directory as it is. A file is written to a temporary name in the same directory and
renamed over the old one: a reader sees the old page or the new one, never half of either.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import unquote

TEMP_PREFIX = ".publishing-"


class UnsafePath(ValueError):
    pass


def file_for(root: Path, url_path: str) -> Path:
    """The file of `url_path` below `root`; refuses anything that could leave the directory."""
    path = unquote(url_path)
    if not path.startswith("/") or "\x00" in path or "\\" in path:
        raise UnsafePath(url_path)
    parts = [p for p in path.split("/") if p]
    if any(p in (".", "..") or p.startswith(TEMP_PREFIX) for p in parts):
        raise UnsafePath(url_path)
    target = root.joinpath(*parts)
    return target / "index.html" if path.endswith("/") else target


def write(root: Path, url_path: str, content: bytes) -> bool:
    """Write the page atomically; False when the file already holds exactly this content."""
    target = file_for(root, url_path)
    try:
        if target.stat().st_size == len(content) and target.read_bytes() == content:
            return False
    except FileNotFoundError:
        pass
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, temp = tempfile.mkstemp(prefix=TEMP_PREFIX, dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(content)
        os.chmod(temp, 0o644)
        os.replace(temp, target)
    except BaseException:
        try:
            os.unlink(temp)
        except FileNotFoundError:
            pass
        raise
    return True


def remove(root: Path, url_path: str) -> bool:
    target = file_for(root, url_path)
    try:
        target.unlink()
    except FileNotFoundError:
        return False
    prune_empty(root, target.parent)
    return True


def prune_empty(root: Path, directory: Path) -> None:
    root = root.resolve()
    directory = directory.resolve()
    while directory != root and root in directory.parents:
        try:
            directory.rmdir()
        except OSError:
            return
        directory = directory.parent


def existing_files(root: Path) -> Iterator[Path]:
    """Every published file below root (temporary files of an interrupted write included)."""
    if not root.exists():
        return
    for dirpath, _dirnames, filenames in os.walk(root):
        for name in filenames:
            yield Path(dirpath) / name

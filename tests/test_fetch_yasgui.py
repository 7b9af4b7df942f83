"""scripts/fetch_yasgui.py: the query page's editor is the pinned package, checked by its hash, or nothing."""

from __future__ import annotations

import hashlib
import importlib.util
import io
import json
import sys
import tarfile
from pathlib import Path

import pytest

from graph.sparql.page import EDITOR_FILES, VENDOR_DIR
from tests.repository import ROOT


def _script() -> object:
    spec = importlib.util.spec_from_file_location("fetch_yasgui", ROOT / "scripts" / "fetch_yasgui.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


fetch = _script()


def _tarball(files: dict[str, bytes]) -> bytes:
    """A gzipped tarball holding ``files`` by their member names."""
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz") as archive:
        for name, content in files.items():
            entry = tarfile.TarInfo(name)
            entry.size = len(content)
            archive.addfile(entry, io.BytesIO(content))
    return buffer.getvalue()


def test_the_editor_beside_the_package_is_the_pinned_version_as_fetched() -> None:
    """`make test` fetched it; its record names the pinned version and hash, and its files are unchanged."""
    assert fetch.is_current(VENDOR_DIR)
    record = json.loads((VENDOR_DIR / fetch.RECORD).read_text(encoding="utf-8"))
    assert (record["package"], record["version"], record["license"]) == ("@zazuko/yasgui", fetch.VERSION, "MIT")
    assert sorted(record["files"]) == sorted(EDITOR_FILES)
    for name, digest in record["files"].items():
        assert digest == "sha256-" + hashlib.sha256((VENDOR_DIR / name).read_bytes()).hexdigest()


def test_a_tarball_that_is_not_the_pinned_one_is_refused_in_one_line_and_nothing_is_written(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A look-alike package (same members, other bytes) fails the integrity check before anything is copied."""
    forged = tmp_path / "yasgui.tgz"
    forged.write_bytes(_tarball({"package/package.json": b'{"license": "MIT"}',
                                 "package/build/yasgui.min.js": b"alert('not yasgui')",
                                 "package/build/yasgui.min.css": b""}))
    target = tmp_path / "vendor"
    assert fetch.main(["--tarball", str(forged), "--target", str(target)]) == 1
    error = capsys.readouterr().err
    assert error.startswith("fetch_yasgui: the @zazuko/yasgui tarball does not match the pinned integrity hash")
    assert error.count("\n") == 1
    assert not target.exists()


def test_a_missing_tarball_is_a_one_line_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert fetch.main(["--tarball", str(tmp_path / "absent.tgz"), "--target", str(tmp_path / "vendor")]) == 1
    error = capsys.readouterr().err
    assert error.startswith("fetch_yasgui: ") and "absent.tgz" in error and error.count("\n") == 1


def test_a_folder_missing_a_file_is_not_current(tmp_path: Path) -> None:
    target = tmp_path / "vendor"
    target.mkdir()
    (target / fetch.RECORD).write_text(json.dumps({"version": fetch.VERSION, "integrity": fetch.INTEGRITY}),
                                       encoding="utf-8")
    (target / "yasgui.min.js").write_bytes(b"")
    assert not fetch.is_current(target)
    (target / "yasgui.min.css").write_bytes(b"")
    assert fetch.is_current(target)

"""Fetch the YASGUI query editor for ``leadgraph serve``'s query page into ``graph/sparql/static/vendor/``.

The repository holds only what we wrote, so the editor (a third-party bundle) is fetched at install time
like any other dependency: ``make yasgui`` (a step of ``make run`` and ``make test``) runs this script.
It asks npm, the registry's own client, for the package at a pinned version, checks the tarball against
the pinned sha512 integrity hash (the registry's ``dist.integrity``), and copies the two files the page
loads, the minified script and its style sheet, with a ``yasgui.json`` that records what they are. On a
machine without network, ``--tarball FILE`` takes a tarball fetched elsewhere (``npm pack @zazuko/yasgui@4.6.2``);
its hash is checked the same way. Every failure is one line on standard error and exit status 1.

Run from the repository: ``python scripts/fetch_yasgui.py``; ``--force`` fetches again.
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import io
import json
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

PACKAGE = "@zazuko/yasgui"
VERSION = "4.6.2"
INTEGRITY = "sha512-Zw45KdPoAE1KRaAoxIHdQqeJxvaVG1oQdntw0hy0ktX35Zu8ZccuOLrXCLwR+GU+0xMzLw8Mjw6BkSZV2vUuQw=="
LICENSE = "MIT"
FILES = {"package/build/yasgui.min.js": "yasgui.min.js", "package/build/yasgui.min.css": "yasgui.min.css"}
"""Tarball member to the name it gets in the vendor folder: what the query page loads, nothing more."""

TARGET = Path(__file__).resolve().parent.parent / "graph" / "sparql" / "static" / "vendor"
RECORD = "yasgui.json"


class FetchError(Exception):
    """A fetch that cannot be completed; the message says why in one line."""


def integrity_of(tarball: bytes) -> str:
    """The npm integrity string (Subresource Integrity form) of a tarball's bytes.

    >>> integrity_of(b"")[:20]
    'sha512-z4PhNX7vuL3xV'
    """
    return "sha512-" + base64.b64encode(hashlib.sha512(tarball).digest()).decode("ascii")


def is_current(target: Path) -> bool:
    """True when ``target`` already holds the pinned version's files."""
    try:
        record = json.loads((target / RECORD).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return (record.get("version") == VERSION and record.get("integrity") == INTEGRITY
            and all((target / name).is_file() for name in FILES.values()))


def npm_pack() -> bytes:
    """The pinned package's tarball, downloaded by ``npm pack`` into a temporary folder."""
    npm = shutil.which("npm")
    if npm is None:
        raise FetchError("npm is not installed (make yasgui installs Debian's npm; or pass --tarball FILE, "
                         f"a tarball from `npm pack {PACKAGE}@{VERSION}` on another machine)")
    with tempfile.TemporaryDirectory(prefix="leadgraph-yasgui-") as folder:
        done = subprocess.run([npm, "pack", "--silent", "--pack-destination", folder, f"{PACKAGE}@{VERSION}"],
                              capture_output=True, text=True, timeout=300)
        packed = sorted(Path(folder).glob("*.tgz"))
        if done.returncode != 0 or not packed:
            detail = " ".join((done.stderr or done.stdout).split())[-300:]
            raise FetchError(f"npm pack {PACKAGE}@{VERSION} failed: {detail or 'no tarball written'}")
        return packed[0].read_bytes()


def unpack(tarball: bytes) -> dict[str, bytes]:
    """The files the page needs from a tarball whose hash is the pinned one, by their vendor-folder names."""
    found = integrity_of(tarball)
    if found != INTEGRITY:
        raise FetchError(f"the {PACKAGE} tarball does not match the pinned integrity hash ({found[:30]}... "
                         f"instead of {INTEGRITY[:30]}...); it is not version {VERSION} as published")
    files = {}
    with tarfile.open(fileobj=io.BytesIO(tarball), mode="r:gz") as archive:
        manifest = json.load(archive.extractfile("package/package.json"))
        if manifest.get("license") != LICENSE:
            raise FetchError(f"{PACKAGE} {VERSION} declares the licence {manifest.get('license')!r}, not {LICENSE}")
        for member, name in FILES.items():
            entry = archive.getmember(member)
            if not entry.isfile():
                raise FetchError(f"{member} in the {PACKAGE} tarball is not a regular file")
            files[name] = archive.extractfile(entry).read()
    return files


def install(files: dict[str, bytes], target: Path) -> None:
    """Write the files, then the record (last, so an interrupted copy is fetched again next time)."""
    target.mkdir(parents=True, exist_ok=True)
    (target / RECORD).unlink(missing_ok=True)
    for name, content in files.items():
        (target / name).write_bytes(content)
    hashes = {name: "sha256-" + hashlib.sha256(content).hexdigest() for name, content in sorted(files.items())}
    record = {"package": PACKAGE, "version": VERSION, "license": LICENSE, "integrity": INTEGRITY, "files": hashes}
    (target / RECORD).write_text(json.dumps(record, indent=2) + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    """Fetch (or take from ``--tarball``), check and install the editor; return the exit status."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tarball", type=Path, help="a tarball already downloaded, instead of asking npm")
    parser.add_argument("--target", type=Path, default=TARGET, help="the vendor folder [default: %(default)s]")
    parser.add_argument("--force", action="store_true", help="fetch even when the folder is current")
    options = parser.parse_args(argv)
    if is_current(options.target) and not options.force:
        print(f"{PACKAGE} {VERSION} is already in {options.target}")
        (options.target / RECORD).touch()  # newer than this script, for make
        return 0
    try:
        tarball = options.tarball.read_bytes() if options.tarball else npm_pack()
        install(unpack(tarball), options.target)
    except (FetchError, OSError, tarfile.TarError, KeyError, subprocess.TimeoutExpired) as error:
        print(f"fetch_yasgui: {error}", file=sys.stderr)
        return 1
    print(f"{PACKAGE} {VERSION} ({LICENSE}) checked against its pinned hash and copied into {options.target}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

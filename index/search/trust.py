"""Only open an index this user's Veille wrote: Whoosh unpickles its files.

Whoosh stores its table of contents, posting blocks and stored fields as pickles, so
opening a crafted index folder runs code. Every time Veille commits, it writes a
manifest naming each file of the index (size, mtime, inode, SHA-256), the library's
store id and the document count, signed with an HMAC key kept in the user's config
folder (readable by its owner only). An index is opened only when its manifest's
signature holds and every file still matches it; anything else is rebuilt from the
store. Matching uses the files' stat data; a file whose stat changed (a restored
backup) is hashed again and accepted only if its content is the one signed.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import json
import os
import secrets
from dataclasses import asdict, dataclass, field
from pathlib import Path

import platformdirs

KEY_ENV = "VEILLE_KEY_FILE"
MANIFEST_FILE = "veille-manifest.json"
_SKIP = (MANIFEST_FILE, "veille-search.json")


class Untrusted(Exception):
    """The folder's manifest is missing, forged, or does not match the files."""


@dataclass(slots=True)
class Manifest:
    store_id: str
    schema: int
    toc: int  # the Whoosh generation (TOC file) this manifest vouches for
    count: int  # live documents at that generation
    files: dict[str, list[int | str]] = field(default_factory=dict)  # name -> size, mtime, ino, sha

    def payload(self) -> bytes:
        return json.dumps(asdict(self), sort_keys=True, separators=(",", ":")).encode()


def key_path() -> Path:
    env = os.environ.get(KEY_ENV)
    if env:
        return Path(env).expanduser()
    return Path(platformdirs.user_config_dir("Veille", appauthor=False)) / "index.key"


def user_key() -> bytes:
    """The per-user signing key, created on first use (owner-only permissions)."""
    path = key_path()
    with contextlib.suppress(FileNotFoundError):
        data = path.read_bytes()
        if len(data) >= 32:
            return data
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as out:
        out.write(secrets.token_bytes(32))
    with contextlib.suppress(FileExistsError):
        os.link(tmp, path)  # first writer wins; a racing process reads the winner's key
    tmp.unlink()
    return path.read_bytes()


def _mac(payload: bytes) -> str:
    return hmac.new(user_key(), payload, hashlib.sha256).hexdigest()


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        while chunk := stream.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def _stat_key(path: Path) -> tuple[int, int, int]:
    st = path.stat()
    return st.st_size, st.st_mtime_ns, st.st_ino


def sign(directory: Path, *, store_id: str, schema: int, toc: int, count: int,
         index_files: list[str], previous: Manifest | None = None) -> Manifest:
    """Write the manifest for the files Veille just committed (hashing only new ones)."""
    known = previous.files if previous is not None else {}
    files: dict[str, list[int | str]] = {}
    for name in sorted(index_files):
        path = directory / name
        size, mtime, ino = _stat_key(path)
        old = known.get(name)
        if old is not None and old[:3] == [size, mtime, ino]:
            files[name] = old
        else:
            files[name] = [size, mtime, ino, _sha256(path)]
    manifest = Manifest(store_id=store_id, schema=schema, toc=toc, count=count, files=files)
    body = {"manifest": asdict(manifest), "mac": _mac(manifest.payload())}
    tmp = directory / f"{MANIFEST_FILE}.{os.getpid()}.tmp"
    tmp.write_text(json.dumps(body), encoding="utf-8")
    tmp.replace(directory / MANIFEST_FILE)
    return manifest


def verify(directory: Path, *, full: bool = False) -> Manifest:
    """The manifest, once its signature and every file it names check out (``full``:
    every file hashed again, for ``reader-app check``; else by stat, hashing only files
    whose stat changed)."""
    try:
        body = json.loads((directory / MANIFEST_FILE).read_text(encoding="utf-8"))
        manifest = Manifest(**body["manifest"])
        mac = str(body["mac"])
    except FileNotFoundError as exc:
        raise Untrusted("the index has no manifest (written by another program or version)") \
            from exc
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise Untrusted(f"the index manifest cannot be read: {exc}") from exc
    if not hmac.compare_digest(mac, _mac(manifest.payload())):
        raise Untrusted("the index was not written by this user's Veille")
    for name, (size, mtime, ino, sha) in manifest.files.items():
        path = directory / name
        try:
            current = _stat_key(path)
        except OSError as exc:
            raise Untrusted(f"index file {name} is missing") from exc
        if (full or current != (size, mtime, ino)) and (
                current[0] != size or _sha256(path) != sha):
            raise Untrusted(f"index file {name} changed since Veille wrote it")
    return manifest


def manifest_stamp(directory: Path) -> tuple[int, int, int] | None:
    """Cheap change detection for readers: the manifest file's stat."""
    try:
        return _stat_key(directory / MANIFEST_FILE)
    except OSError:
        return None


def index_files(directory: Path) -> list[str]:
    """Files of the index proper (what Whoosh may read), not our own bookkeeping."""
    return [
        p.name for p in directory.iterdir()
        if p.is_file() and not p.name.endswith(".tmp") and p.name not in _SKIP
        and not p.name.endswith("_WRITELOCK") and not p.name.startswith(".")
    ]

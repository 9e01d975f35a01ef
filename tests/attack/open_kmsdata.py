#!/usr/bin/env python3
"""The attacker who copied a KMSData directory: opens every private key the files alone give away.

usage: open_kmsdata.py DIR

DIR is a copy of a KMSData directory (with its backups/). Every regular file under it is read;
SQLite files (found by their header) are copied to a private temporary directory and read there
through SQLite, read-only, so the original database is never opened by SQLite and never locked.

What it tries, knowing the Key Manager's sealing scheme (plugins/keymanager/crypto/sealing.cpp):
  - candidate AES-256 keys: every 32-byte file, and every 32-byte BLOB, 64-hex-digit TEXT or
    base64 TEXT of 32 bytes in any table of any SQLite file; plus any 32-byte plaintext it opens;
  - candidate sealed blobs: every file that is not SQLite and every BLOB value, read as
    version byte | 12-byte nonce | ciphertext | 16-byte tag (the sealing's layout) and as
    nonce | ciphertext | tag;
  - associated data: the version byte followed by the caller's binding, and the binding alone,
    where a binding is "", "kms-identity" (server_identity.hpp) or "user:<user_id>/key:<key_id>"
    (instance/key_sealing.cpp) for every pair of identifier-like TEXT values of one row (for a
    BLOB: of its own row; for a file: of every row);
  - every file, BLOB and PEM-looking TEXT, and every opened plaintext, as a PEM or DER private
    key (PKCS#8 or traditional) and as PKCS#12, with no password, "" and "password".
It prints one line per item it opened (where it was and what it is, never a key's bytes; the
SHA-256 of a private key's PKCS#8 DER, so a test can tell which key it was), then "opened N items".
Exit status: 0 when nothing opened, 1 when something did, 2 for a usage error.
"""
import base64
import binascii
import contextlib
import re
import shutil
import sqlite3
import sys
import tempfile
from pathlib import Path

from cryptography.exceptions import InvalidTag, UnsupportedAlgorithm
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.serialization import pkcs12

SQLITE_MAGIC = b"SQLite format 3\x00"
NONCE_SIZE, TAG_SIZE = 12, 16
MAX_FILE_BYTES = 256 * 1024 * 1024
MAX_SEALED_BYTES = 1024 * 1024  # a sealed key is a few KB; a -wal file is no sealed blob
PASSWORDS = (None, b"", b"password")
GENERIC_BINDINGS = {b"", b"kms-identity"}
IDENTIFIER = re.compile(r"[A-Za-z0-9_.@-]{8,64}")
HEX_KEY = re.compile(r"[0-9a-fA-F]{64}")


class Loot:
    """What the directory holds: candidate keys, blobs that may be sealed, associated data."""

    def __init__(self):
        self.keys = {}      # 32 key bytes -> where they came from
        self.blobs = []     # (where, bytes, bindings to try: None means every binding)
        self.bindings = set(GENERIC_BINDINGS)
        self.texts = []     # (where, text) that may hold a PEM key

    def add_key(self, key, where):
        self.keys.setdefault(bytes(key), where)


def read_files(root):
    for path in sorted(root.rglob("*")):
        if path.is_symlink() or not path.is_file() or path.stat().st_size > MAX_FILE_BYTES:
            continue
        yield path, path.read_bytes()


def open_sqlite_copy(path, data, scratch):
    """A read-only connection to a copy of `data` (and of its -wal, so committed pages count)."""
    copy = Path(tempfile.mkdtemp(dir=scratch)) / path.name
    copy.write_bytes(data)
    wal = path.with_name(path.name + "-wal")
    if wal.is_file() and not wal.is_symlink():
        shutil.copyfile(wal, copy.with_name(copy.name + "-wal"))
        return sqlite3.connect(f"file:{copy}?mode=ro", uri=True)
    return sqlite3.connect(f"file:{copy}?mode=ro&immutable=1", uri=True)


def row_bindings(row):
    ids = [v for v in row if isinstance(v, str) and IDENTIFIER.fullmatch(v)]
    return {f"user:{u}/key:{k}".encode() for u in ids for k in ids if u != k}


def collect_text(loot, value, where):
    if HEX_KEY.fullmatch(value):
        loot.add_key(bytes.fromhex(value), where)
    elif len(value) == 44 and value.endswith("="):
        try:
            loot.add_key(base64.b64decode(value, validate=True), where)
        except binascii.Error:
            pass
    if "-----BEGIN" in value:
        loot.texts.append((where, value))


def collect_database(loot, name, connection):
    tables = [r[0] for r in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
    for table in tables:
        cursor = connection.execute('SELECT * FROM "{}"'.format(table.replace('"', '""')))
        columns = [d[0] for d in cursor.description]
        for number, row in enumerate(cursor, start=1):
            bindings = row_bindings(row)
            loot.bindings |= bindings
            for column, value in zip(columns, row):
                where = f"{name} table {table} row {number} column {column}"
                if isinstance(value, bytes):
                    if len(value) == 32:
                        loot.add_key(value, where)
                    loot.blobs.append((where, value, bindings | GENERIC_BINDINGS))
                elif isinstance(value, str):
                    collect_text(loot, value, where)


def collect(root, scratch):
    loot = Loot()
    for path, data in read_files(root):
        name = str(path.relative_to(root))
        if data.startswith(SQLITE_MAGIC):
            with contextlib.closing(open_sqlite_copy(path, data, scratch)) as connection:
                collect_database(loot, name, connection)
            continue
        if len(data) == 32:
            loot.add_key(data, name)
        loot.blobs.append((name, data, None))
    return loot


def describe_key(key, pkcs8_der=None):
    if pkcs8_der is None:
        pkcs8_der = key.private_bytes(serialization.Encoding.DER, serialization.PrivateFormat.PKCS8,
                                      serialization.NoEncryption())
    digest = hashes.Hash(hashes.SHA256())
    digest.update(pkcs8_der)
    if isinstance(key, rsa.RSAPrivateKey):
        kind = f"RSA {key.key_size}"
    elif isinstance(key, ec.EllipticCurvePrivateKey):
        kind = f"EC {key.curve.name}"
    else:
        kind = type(key).__name__
    return f"{kind} private key, PKCS#8 sha256 {digest.finalize().hex()}"


def as_private_key(data):
    """What `data` is as a private key (PEM, DER or PKCS#12), or None."""
    loaders = []
    if b"-----BEGIN" in data:
        loaders.append(serialization.load_pem_private_key)
    if data[:1] == b"\x30":
        loaders.append(serialization.load_der_private_key)
        loaders.append(lambda d, password: pkcs12.load_key_and_certificates(d, password)[0])
    for load in loaders:
        for password in PASSWORDS:
            try:
                key = load(data, password=password)
            except (ValueError, TypeError, UnsupportedAlgorithm):
                continue
            if key is not None:
                was_pkcs8 = load is serialization.load_der_private_key and password is None
                return describe_key(key, data if was_pkcs8 else None)
    return None


def layouts(blob):
    """(nonce, ciphertext with tag, associated-data prefix) for each way `blob` may be sealed."""
    if len(blob) > 1 + NONCE_SIZE + TAG_SIZE:
        yield blob[1:1 + NONCE_SIZE], blob[1 + NONCE_SIZE:], blob[:1]
    if len(blob) > NONCE_SIZE + TAG_SIZE:
        yield blob[:NONCE_SIZE], blob[NONCE_SIZE:], b""


def unseal(blob, keys, bindings):
    """(plaintext, key's origin, binding) for the first candidate that opens `blob`, or None."""
    for nonce, sealed, prefix in layouts(blob):
        for key, origin in keys.items():
            cipher = AESGCM(key)
            for binding in bindings:
                for associated_data in (prefix + binding, binding) if prefix else (binding,):
                    try:
                        return cipher.decrypt(nonce, sealed, associated_data), origin, binding
                    except InvalidTag:
                        continue
    return None


def attack(loot):
    opened = []
    for where, text in loot.texts:
        what = as_private_key(text.encode())
        if what:
            opened.append(f"opened {where}: {what}")
    sealed = []
    for where, blob, bindings in loot.blobs:
        what = as_private_key(blob)
        if what:
            opened.append(f"opened {where}: {what}")
        elif len(blob) <= MAX_SEALED_BYTES:
            sealed.append((where, blob, bindings))
    # Each pass may open a key that opens more (a wrapped key), so go on until nothing new opens.
    while sealed:
        still_sealed = []
        for where, blob, bindings in sealed:
            found = unseal(blob, loot.keys, loot.bindings if bindings is None else bindings)
            if found is None:
                still_sealed.append((where, blob, bindings))
                continue
            plaintext, origin, binding = found
            what = as_private_key(plaintext) or f"{len(plaintext)} bytes"
            opened.append(f"opened {where}: AES-256-GCM with the key from {origin}, "
                          f"associated data '{binding.decode(errors='replace')}': {what}")
            if len(plaintext) == 32:
                loot.add_key(plaintext, f"the plaintext of {where}")
        if len(still_sealed) == len(sealed):
            break
        sealed = still_sealed
    return opened


def main(argv):
    if len(argv) != 2 or not Path(argv[1]).is_dir():
        print("usage: open_kmsdata.py DIR (a copy of a KMSData directory)", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="open_kmsdata.") as scratch:
        opened = attack(collect(Path(argv[1]), scratch))
    for line in opened:
        print(line)
    print(f"opened {len(opened)} items")
    return 1 if opened else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

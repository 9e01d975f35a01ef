#!/usr/bin/env python3
"""The attacker who copied a KMSData directory: opens every private key the files alone give away.

usage: open_kmsdata.py DIR [--guesses FILE]

DIR is a copy of a KMSData directory (with its backups/). Every regular file under it is read;
SQLite files (found by their header) are copied to a private temporary directory and read there
through SQLite, read-only, so the original database is never opened by SQLite and never locked.
FILE holds passwords the attacker learned elsewhere, one a line (a test's positive control gives
the administrator's real password there, to show every step below works when a password is known).

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
And against the vault of issue 14 (instance/vault.cpp, key_sealing.cpp, crypto/x25519_seal.cpp):
  - every candidate secret of 32 bytes as an X25519 private key: is its public key one of the
    32-byte BLOBs (the escrow key, a keyslot's key)? Does it open a blob sealed to a public key
    (version 2: ephemeral key | nonce | ciphertext | tag, content key HKDF-SHA256 of the shared
    secret)? The keyslots' and shares' own associated data are tried on their rows;
  - secrets: the candidate keys above, every opened plaintext, the raw hash and the text of every
    login hash ($argon2id$..., administrators.password_hash: a leaked verifier), the stored token
    hashes as bytes and as text; each also as HKDF-SHA256 input with the salts and labels the
    scheme uses (salt = the vault id: the escrow, user-key, identity and keyslot MAC labels; salt =
    a recovery token's id: the recovery key label), the derived keys tried as AES and X25519 keys;
  - each keyslot's private key sealed under Argon2id (the slot's salt and cost) of "", "password"
    and the guessed passwords;
  - the opened shares of one vault put together (Shamir over GF(2^8)) once there are as many as
    the threshold their keyslots name.
It prints one line per item it opened (where it was and what it is, never a key's bytes; the
SHA-256 of a private key's PKCS#8 DER, so a test can tell which key it was), then "opened N items".
Exit status: 0 when nothing opened, 1 when something did, 2 for a usage error.
"""
import argparse
import base64
import binascii
import contextlib
import ctypes
import ctypes.util
import re
import shutil
import sqlite3
import sys
import tempfile
from pathlib import Path

from cryptography.exceptions import InvalidTag, UnsupportedAlgorithm
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from cryptography.hazmat.primitives.serialization import pkcs12

SQLITE_MAGIC = b"SQLite format 3\x00"
NONCE_SIZE, TAG_SIZE, X25519_SIZE = 12, 16, 32
MAX_FILE_BYTES = 256 * 1024 * 1024
MAX_SEALED_BYTES = 1024 * 1024  # a sealed key is a few KB; a -wal file is no sealed blob
MAX_ARGON2_KIB = 1024 * 1024    # a keyslot's stored cost is the attacker's to pay, within reason
PASSWORDS = (None, b"", b"password")
GENERIC_BINDINGS = {b"", b"kms-identity"}
IDENTIFIER = re.compile(r"[A-Za-z0-9_.@-]{8,64}")
HEX_KEY = re.compile(r"[0-9a-fA-F]{64}")
LOGIN_HASH = re.compile(r"\$argon2id\$v=\d+\$m=\d+,t=\d+,p=\d+\$([A-Za-z0-9+/]+)\$([A-Za-z0-9+/]+)")
X25519_SEAL_VERSION = 2
X25519_SEAL_INFO = b"arbor-km x25519 seal v2"
VAULT_LABELS = (b"arbor-km vault escrow key v1", b"arbor-km vault user keys v1",
                b"arbor-km vault identity key v1", b"arbor-km vault keyslot mac v1")
RECOVERY_LABEL = b"arbor-km recovery key v1"


class Loot:
    """What the directory holds: candidate keys, blobs that may be sealed, associated data."""

    def __init__(self):
        self.keys = {}      # 32 key bytes -> where they came from
        self.secrets = {}   # other secret material (HKDF input) -> where it came from
        self.blobs = []     # (where, bytes, bindings to try: None means every binding)
        self.bindings = set(GENERIC_BINDINGS)
        self.texts = []     # (where, text) that may hold a PEM key
        self.public_keys = {}  # every 32-byte BLOB, as an X25519 public key -> where
        self.derivations = set()  # (HKDF salt, info) pairs the scheme uses
        self.keyslots = []  # (where, administrator, salt, (t, m, p), sealed private key, its bindings)
        self.shares = {}    # where of a sealed share -> (vault id, threshold, x)

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
    login_hash = LOGIN_HASH.fullmatch(value)
    if login_hash:
        raw = base64.b64decode(login_hash.group(2) + "=" * (-len(login_hash.group(2)) % 4))
        loot.secrets.setdefault(raw, f"the raw login hash in {where}")
        if len(raw) == 32:
            loot.add_key(raw, f"the raw login hash in {where}")
    if "-----BEGIN" in value:
        loot.texts.append((where, value))


def tables_of(connection):
    return {r[0] for r in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}


def rows_of(connection, table):
    cursor = connection.execute('SELECT * FROM "{}"'.format(table.replace('"', '""')))
    columns = [d[0] for d in cursor.description]
    return [dict(zip(columns, row)) for row in cursor]


def keyslot_bindings(vault, slot):
    vault_id, escrow_public = vault
    place = f"{vault_id.hex()}|{str(slot['administrator']).lower()}"
    return {f"arbor-km keyslot private key v2|{place}|{escrow_public.hex()}".encode(),
            f"arbor-km keyslot share v1|{place}|{slot['share_threshold']}|{slot['share_x']}".encode()}


def scheme_bindings(loot, name, connection):
    """Per table, per row number: the associated data the vault scheme binds that row's blobs to."""
    tables = tables_of(connection)
    extra = {}
    vaults = []
    if "vault" in tables:
        vaults = [(bytes(v["vault_id"]), bytes(v["escrow_public_key"])) for v in rows_of(connection, "vault")
                  if isinstance(v["vault_id"], bytes) and isinstance(v["escrow_public_key"], bytes)]
        loot.derivations |= {(v, label) for v, _ in vaults for label in VAULT_LABELS}
    if "keyslots" in tables:
        for number, slot in enumerate(rows_of(connection, "keyslots"), start=1):
            where = f"{name} table keyslots row {number}"
            bindings = set().union(*(keyslot_bindings(v, slot) for v in vaults)) if vaults else set()
            extra[("keyslots", number)] = bindings
            cost = (slot["iterations"], slot["memory_kib"], slot["parallelism"])
            loot.keyslots.append((f"{where} column private_key_sealed", slot["administrator"], bytes(slot["salt"]),
                                  cost, bytes(slot["private_key_sealed"]), bindings))
            for v, _ in vaults:
                loot.shares[f"{where} column share_sealed"] = (v, slot["share_threshold"], slot["share_x"])
    if "recovery_keys" in tables and "key_history" in tables:
        owner = {k["key_id"]: k["user_id"] for k in rows_of(connection, "key_history")}
        for number, row in enumerate(rows_of(connection, "recovery_keys"), start=1):
            loot.derivations.add((str(row["token_id"]).encode(), RECOVERY_LABEL))
            if row["key_id"] in owner:
                extra[("recovery_keys", number)] = {f"user:{owner[row['key_id']]}/key:{row['key_id']}".encode()}
    if "enrollment_tokens" in tables:
        for number, row in enumerate(rows_of(connection, "enrollment_tokens"), start=1):
            if isinstance(row["token_hash"], str):
                loot.secrets.setdefault(row["token_hash"].encode(),
                                        f"{name} table enrollment_tokens row {number} column token_hash (as text)")
    return extra


def collect_database(loot, name, connection):
    extra = scheme_bindings(loot, name, connection)
    for table in sorted(tables_of(connection)):
        cursor = connection.execute('SELECT * FROM "{}"'.format(table.replace('"', '""')))
        columns = [d[0] for d in cursor.description]
        for number, row in enumerate(cursor, start=1):
            bindings = row_bindings(row) | extra.get((table, number), set())
            loot.bindings |= bindings
            for column, value in zip(columns, row):
                where = f"{name} table {table} row {number} column {column}"
                if isinstance(value, bytes):
                    if len(value) == 32:
                        loot.add_key(value, where)
                        loot.public_keys.setdefault(value, where)
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
    """(plaintext, how it opened, binding) for the first candidate that opens `blob`, or None."""
    for nonce, sealed, prefix in layouts(blob):
        for key, origin in keys.items():
            cipher = AESGCM(key)
            for binding in bindings:
                for associated_data in (prefix + binding, binding) if prefix else (binding,):
                    try:
                        return (cipher.decrypt(nonce, sealed, associated_data),
                                f"AES-256-GCM with the key from {origin}", binding)
                    except InvalidTag:
                        continue
    return None


def raw_public(key):
    return key.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def hkdf(secret, salt, info):
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=salt, info=info).derive(secret)


def unseal_to_private_key(blob, x25519_keys, bindings):
    """As unseal(), for a blob sealed to an X25519 public key, with each candidate private key."""
    if len(blob) <= 1 + X25519_SIZE + NONCE_SIZE + TAG_SIZE or blob[0] != X25519_SEAL_VERSION:
        return None
    ephemeral = blob[1:1 + X25519_SIZE]
    nonce, sealed = blob[1 + X25519_SIZE:1 + X25519_SIZE + NONCE_SIZE], blob[1 + X25519_SIZE + NONCE_SIZE:]
    peer = X25519PublicKey.from_public_bytes(ephemeral)
    for (key, public), origin in x25519_keys.items():
        try:
            shared = key.exchange(peer)
        except ValueError:  # a low-order ephemeral key: nothing to derive
            return None
        cipher = AESGCM(hkdf(shared, ephemeral + public, X25519_SEAL_INFO))
        for binding in bindings:
            try:
                return cipher.decrypt(nonce, sealed, blob[:1] + binding), f"X25519 with the key from {origin}", binding
            except InvalidTag:
                continue
    return None


def argon2id(password, salt, cost):
    """Argon2id raw 32 bytes with libargon2 (the library the Key Manager uses), or None."""
    iterations, memory_kib, parallelism = cost
    if not (0 < memory_kib <= MAX_ARGON2_KIB and 0 < iterations <= 64 and 0 < parallelism <= 64) or len(salt) < 8:
        return None
    library = ctypes.CDLL(ctypes.util.find_library("argon2") or "libargon2.so.1")
    out = ctypes.create_string_buffer(32)
    library.argon2id_hash_raw.argtypes = [ctypes.c_uint32, ctypes.c_uint32, ctypes.c_uint32, ctypes.c_char_p,
                                          ctypes.c_size_t, ctypes.c_char_p, ctypes.c_size_t, ctypes.c_void_p,
                                          ctypes.c_size_t]
    if library.argon2id_hash_raw(iterations, memory_kib, parallelism, password, len(password), salt, len(salt),
                                 out, 32) != 0:
        return None
    return out.raw


def shamir_combine(points):
    """The secret at x = 0 of the shares {x: y} (Lagrange over GF(2^8), the AES polynomial)."""
    def mul(a, b):
        product = 0
        while b:
            if b & 1:
                product ^= a
            a = (a << 1) ^ (0x11B if a & 0x80 else 0)
            b >>= 1
        return product

    def inverse(a):
        return next(b for b in range(1, 256) if mul(a, b) == 1)

    secret = bytearray(len(next(iter(points.values()))))
    for x_i, y_i in points.items():
        basis = 1
        for x_j in points:
            if x_j != x_i:
                basis = mul(basis, mul(x_j, inverse(x_j ^ x_i)))
        for b, byte in enumerate(y_i):
            secret[b] ^= mul(byte, basis)
    return bytes(secret)


class KeyRing:
    """Candidate keys, AES and X25519, handed out once each as they are learned."""

    def __init__(self, derivations):
        self.derivations = sorted(derivations)
        self.known = set()
        self.new_aes, self.new_x25519 = {}, {}

    def learn(self, secret, origin, derive=True):
        if secret in self.known:
            return
        self.known.add(secret)
        if len(secret) == 32:
            self.new_aes.setdefault(secret, origin)
            key = X25519PrivateKey.from_private_bytes(secret)
            self.new_x25519.setdefault((key, raw_public(key)), origin)
        if derive:
            for salt, info in self.derivations:
                self.learn(hkdf(secret, salt, info), f"HKDF-SHA256 of {origin}, salt {salt.hex()}, info "
                                                     f"'{info.decode()}'", derive=False)

    def take(self):
        taken = self.new_aes, self.new_x25519
        self.new_aes, self.new_x25519 = {}, {}
        return taken


def learn_password_keys(ring, loot, guesses):
    """Argon2id of each guessed password with each keyslot's salt and cost, as AES keys."""
    for where, administrator, salt, cost, _, _ in loot.keyslots:
        for guess in (b"", b"password", *guesses):
            key = argon2id(guess, salt, cost)
            if key is not None:
                ring.learn(key, f"Argon2id of a guessed password with the salt of {where}", derive=False)


def public_key_matches(x25519_keys, public_keys):
    return [f"opened {public_keys[public]}: its X25519 private key is {origin}"
            for (_, public), origin in x25519_keys.items() if public in public_keys]


def attack(loot, guesses):
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
    ring = KeyRing(loot.derivations)
    for secret, origin in {**loot.secrets, **loot.keys}.items():
        ring.learn(secret, origin)
    learn_password_keys(ring, loot, guesses)
    shares = {}  # (vault id, threshold) -> {x: y}
    # Each pass tries the keys learned in the one before on what is still sealed: an opened key
    # may open more (a wrapped key, a keyslot's key, a share, the vault secret).
    while sealed:
        aes_keys, x25519_keys = ring.take()
        if not aes_keys and not x25519_keys:
            break
        opened += public_key_matches(x25519_keys, loot.public_keys)
        still_sealed = []
        for where, blob, bindings in sealed:
            tried = loot.bindings if bindings is None else bindings
            found = unseal(blob, aes_keys, tried) or unseal_to_private_key(blob, x25519_keys, tried)
            if found is None:
                still_sealed.append((where, blob, bindings))
                continue
            plaintext, origin, binding = found
            what = as_private_key(plaintext) or f"{len(plaintext)} bytes"
            opened.append(f"opened {where}: {origin}, associated data '{binding.decode(errors='replace')}': {what}")
            ring.learn(plaintext, f"the plaintext of {where}")
            if where in loot.shares:
                vault_id, threshold, x = loot.shares[where]
                shares.setdefault((vault_id, threshold), {})[x] = plaintext
        for (vault_id, threshold), points in shares.items():
            if len(points) >= threshold:
                ring.learn(shamir_combine(points), f"the shares of vault {vault_id.hex()} put together")
        sealed = still_sealed
    return opened


def main(argv):
    parser = argparse.ArgumentParser(description="open_kmsdata.py DIR (a copy of a KMSData directory)")
    parser.add_argument("directory", type=Path)
    parser.add_argument("--guesses", type=Path, help="passwords the attacker learned, one a line")
    try:
        args = parser.parse_args(argv[1:])
    except SystemExit:
        return 2
    if not args.directory.is_dir() or (args.guesses and not args.guesses.is_file()):
        print("usage: open_kmsdata.py DIR [--guesses FILE] (DIR a copy of a KMSData directory)", file=sys.stderr)
        return 2
    guesses = [line.encode() for line in args.guesses.read_text().splitlines() if line] if args.guesses else []
    with tempfile.TemporaryDirectory(prefix="open_kmsdata.") as scratch:
        opened = attack(collect(args.directory, scratch), guesses)
    for line in opened:
        print(line)
    print(f"opened {len(opened)} items")
    return 1 if opened else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

#!/usr/bin/env python3
"""The attacker's script must open a KMSData directory of the master.key era, or its silence on
other directories proves nothing: run on a scratch copy of tests/fixtures/legacy-kmsdata, it must
exit 1 having opened the server identity's key and every user key of kms.db and of each backup,
each the very key expected.json lists (by the SHA-256 of its PKCS#8 DER), and nothing else.

usage: opens_legacy_kmsdata_test.py OPEN_KMSDATA_PY FIXTURE_DIR
"""
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path


def expected_items(expected):
    """(where, associated data, PKCS#8 sha256) of every key the attacker must open."""
    identity = expected["identity"]["private_key_pkcs8_sha256"]
    items = [("kms.key.sealed", "kms-identity", identity)]
    keys = {}
    for user in expected["users"].values():
        for key in user["keys"]:
            keys[key["key_id"]] = (f"user:{user['user_id']}/key:{key['key_id']}", key["private_key_pkcs8_sha256"])
            items.append(("database/kms.db", *keys[key["key_id"]]))
    for backup, key_ids in expected["backups"].items():
        items += [(f"backups/{backup}", *keys[key_id]) for key_id in key_ids]
    return items


def missing_items(items, lines):
    def opened(where, binding, pkcs8_sha256):
        return any(line.startswith((f"opened {where} ", f"opened {where}:")) and f"associated data '{binding}'" in line
                   and line.endswith(f"PKCS#8 sha256 {pkcs8_sha256}") for line in lines)
    return [item for item in items if not opened(*item)]


def main(script, fixture):
    expected = json.loads((Path(fixture) / "expected.json").read_text())
    items = expected_items(expected)
    with tempfile.TemporaryDirectory(prefix="attack_opens_legacy.") as scratch:
        copy = Path(scratch) / "kmsdata"
        shutil.copytree(Path(fixture) / "kmsdata", copy, symlinks=True)
        run = subprocess.run([sys.executable, script, str(copy)], capture_output=True, text=True, timeout=120)
    print(run.stdout, end="")
    print(run.stderr, end="", file=sys.stderr)
    lines = run.stdout.splitlines()
    problems = []
    if run.returncode != 1:
        problems.append(f"exit status {run.returncode}, expected 1 (something opened)")
    if not lines or lines[-1] != f"opened {len(items)} items":
        problems.append(f"last line {lines[-1] if lines else '(none)'!r}, expected 'opened {len(items)} items'")
    problems += [f"did not open {where} ({binding}, PKCS#8 sha256 {digest})"
                 for where, binding, digest in missing_items(items, lines)]
    for problem in problems:
        print(f"FAIL: {problem}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    if len(sys.argv) != 3:
        print(__doc__.strip().splitlines()[-1], file=sys.stderr)
        sys.exit(2)
    sys.exit(main(sys.argv[1], sys.argv[2]))

"""Key Management servers and Certificate Services for the browser tests, set up as
tests/e2e/kms_fixture.hpp and tests/integration/keymanager/escrow_kms.hpp do: the real `arbor`
binary and Key Manager in temporary KMSData directories (EC P-384 identities, a light Argon2
cost), a real cfssl through scripts/ca-server, and `arbor web` started on an ephemeral port.

Paths come from the environment CTest sets (tests/web/CMakeLists.txt): ARBOR_EXE,
ARBOR_SOURCE_DIR, ARBOR_PLUGIN_DIR."""

import json
import os
import re
import shutil
import subprocess
import tempfile
import threading
import time

NODE = "Advanced Security/Key Manager"
ADMIN_PASSWORD = "password"  # the initial password of every new Key Manager
USER_PASSWORD = "user-chosen-pw"  # what a user chooses for the PKCS#12 file a token gives them


def environment(name):
    value = os.environ.get(name)
    if not value:
        raise RuntimeError(f"{name} is not set: run this test through CTest (tests/web/CMakeLists.txt)")
    return value


def sql(database, query):
    """One query against a SQLite file through the sqlite3 command line, as the C++ tests do."""
    return subprocess.run(["sqlite3", str(database), query], check=True, capture_output=True, text=True).stdout


class CertificateServices:
    """cfssl started with scripts/ca-server in `directory`; stop() stops it."""

    def __init__(self, directory):
        self.directory = directory
        self.script = os.path.join(environment("ARBOR_SOURCE_DIR"), "scripts", "ca-server")
        self.url = subprocess.run([self.script, "start", directory], check=True, capture_output=True,
                                  text=True).stdout.strip()

    def status_of(self, serial_decimal):
        return sql(os.path.join(self.directory, "certs.db"),
                   f"SELECT status FROM certificates WHERE serial_number = '{serial_decimal}';").strip()

    def stop(self):
        subprocess.run([self.script, "stop", self.directory], check=False, capture_output=True)


class KmsServer:
    """A Key Manager in `root`/kmsdata, driven through `arbor run` with answer files."""

    def __init__(self, root):
        self.root = root
        self.data = os.path.join(root, "kmsdata")
        os.makedirs(root, exist_ok=True)
        self.runs = 0

    @property
    def db(self):
        return os.path.join(self.data, "database", "kms.db")

    def options(self):
        return ["--manifests", os.path.join(environment("ARBOR_SOURCE_DIR"), "manifests"),
                "--plugin-dir", environment("ARBOR_PLUGIN_DIR"), "--data-dir", self.data,
                "--config", "identity.key-type=ec-p384", "--config", "auth.argon2-memory-kib=8192",
                "--config", "auth.argon2-iterations=1"]

    def run(self, action, answers, passwords, sets=()):
        """Runs `action` with `answers` (a dict), `--set`s and the passwords one per line on a
        pipe (--password-fd); returns the --json summary. Fails the test when the run fails."""
        self.runs += 1
        answer_file = os.path.join(self.root, f"answers-{self.runs}.json")
        with open(answer_file, "w", encoding="utf-8") as out:
            json.dump(answers, out)
        read_end, write_end = os.pipe()
        os.write(write_end, "".join(p + "\n" for p in passwords).encode())
        os.close(write_end)
        command = [environment("ARBOR_EXE"), *self.options(), "--json", "run", NODE, action,
                   "--answers", answer_file, "--password-fd", str(read_end)]
        for s in sets:
            command += ["--set", s]
        try:
            done = subprocess.run(command, pass_fds=(read_end,), stdin=subprocess.DEVNULL,
                                  capture_output=True, text=True, timeout=300)
        finally:
            os.close(read_end)
        if done.returncode != 0:
            raise AssertionError(f"arbor run {action} failed ({done.returncode}): {done.stdout}{done.stderr}")
        return json.loads(done.stdout)

    def admin(self, action, sets=(), answers=None):
        return self.run(action, answers or {"login": {"administrator": "admin"}}, [ADMIN_PASSWORD], sets)

    def point_at(self, ca_url):
        self.admin("certificate-services", [f"ca.url={ca_url}"],
                   {"operation": {"action": "set"}, "login": {"administrator": "admin"}})

    def enroll(self, alias, source="manual"):
        sets = [f"source.source={source}", f"users.alias={alias}"]
        if source == "manual":
            sets += [f"users.display_name=User {alias}", f"users.email={alias}@example.org"]
        summary = self.admin("enroll-users", sets)
        return {row["user"]: row["token"] for row in summary["table"]["rows"]}[alias]

    def redeem(self, action, alias, token, output):
        """A user's token task (complete-enrollment, redeem-recovery) writing their PKCS#12."""
        return self.run(action, {}, [token, USER_PASSWORD, USER_PASSWORD],
                        [f"token.alias={alias}", f"token.output={output}"])

    def save_certificate(self, path):
        """Save the KMS Certificate to `path`; returns its short code."""
        return item(self.admin("save-kms-certificate", [f"file.path={path}"]), "short_code")

    def sql(self, query):
        return sql(self.db, query)


def item(summary, key):
    return summary["items"][key]["value"]


class WebConsole:
    """`arbor web` with the global `options` (plugins, data directory), listening on 127.0.0.1
    at a port the system picks; url holds the address with the one-time token it printed."""

    def __init__(self, options, state_dir):
        os.makedirs(state_dir, mode=0o700, exist_ok=True)
        self.log_path = os.path.join(state_dir, "arbor-web.log")
        self.log = open(self.log_path, "w", encoding="utf-8")
        self.process = subprocess.Popen(
            [environment("ARBOR_EXE"), *options, "web", "--listen", "127.0.0.1:0",
             "--state-dir", state_dir],
            stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=self.log, text=True)
        self.url = None
        self.fingerprint = None
        self.lines = []
        reader = threading.Thread(target=self._read, daemon=True)
        reader.start()
        deadline = time.monotonic() + 30
        while self.url is None and time.monotonic() < deadline and self.process.poll() is None:
            time.sleep(0.05)
        if self.url is None:
            self.stop()
            with open(self.log_path, encoding="utf-8") as log:
                raise AssertionError("arbor web printed no URL with a token: stdout " +
                                     repr(self.lines) + ", stderr " + log.read())

    def _read(self):
        for line in self.process.stdout:
            self.lines.append(line)
            found = re.search(r"https://\S+/\?token=\S+", line)
            if found and self.url is None:
                self.url = found.group(0)
            fingerprint = re.search(r"SHA-256 fingerprint: ([0-9A-F:]+)", line)
            if fingerprint:
                self.fingerprint = fingerprint.group(1)

    @property
    def origin(self):
        return self.url.split("/?", 1)[0]

    def stop(self):
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.log.close()


class Scratch:
    """A temporary directory removed at the end, kept when ARBOR_KEEP_TEST_FILES is set."""

    def __init__(self, name):
        self.path = tempfile.mkdtemp(prefix=f"arbor-{name}-")

    def join(self, *parts):
        return os.path.join(self.path, *parts)

    def remove(self):
        if not os.environ.get("ARBOR_KEEP_TEST_FILES"):
            shutil.rmtree(self.path, ignore_errors=True)

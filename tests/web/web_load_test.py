#!/usr/bin/python3
"""Load on the web console (issue 17): 50 concurrent sessions browsing the tree and the Key
Manager's details while two tasks run on two data directories. Fails on any error; prints the
page requests' latency percentiles and each task's wall time. CTest runs it small
(tests/web/CMakeLists.txt); the figures in docs/performance.md come from a longer run:

    /usr/bin/python3 tests/web/web_load_test.py [BUILD_DIR] [--seconds 60] [--clients 50] [--users 200]

Set up as the browser tests do (tests/web/kms_servers.py): a real cfssl through scripts/ca-server,
two Key Managers A and B in temporary data directories, each behind its own
`arbor web --listen 127.0.0.1:0`. On each server the printed one-time token opens the first
session (POST /api/login); every further session comes from an invitation that session makes
(POST /api/invite), as a second browser would get it, so each client has a session, cookie and
CSRF token of its own, and its own loopback address (as if on a machine of its own: `arbor web`
bounds the connections of one address): half the clients on A, half on B.

Each client is a thread with its own TLS keep-alive connection that loops for --seconds over
GET /api/tree, GET /api/node and GET /api/details (varying offset, sort, order and filter) on the
Key Manager node; any non-2xx answer or connection error counts as an error. Latencies are
measured in this Python process (its GIL included), so they are an upper bound on the server's.

Meanwhile two tasks run through the JSON API: Export Users (all users) on A to B's certificate
and on B to A's certificate, each server filled first with --users users enrolled from a CSV
file and completed one by one as the fixtures do. Each task is followed to "done" by polling
GET /api/tasks/ID; an end other than "completed" is an error. Exits 1 on any error."""

import argparse
import http.client
import json
import os
import random
import ssl
import sys
import threading
import time
import urllib.parse

SOURCE_DIR = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from kms_servers import (ADMIN_PASSWORD, NODE, CertificateServices, KmsServer, Scratch,  # noqa: E402
                         WebConsole)

FILTERS = ["", "", "", "user", "1", "load-2", "zzz-none"]


def parse_arguments():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("build_dir", nargs="?", default=None,
                        help="a build directory holding bin/arbor and lib/arbor/plugins (default: the paths CTest "
                             "sets, else build/)")
    parser.add_argument("--seconds", type=float, default=60.0, help="how long the clients browse (default 60)")
    parser.add_argument("--clients", type=int, default=50, help="concurrent clients, split over both servers")
    parser.add_argument("--users", type=int, default=200, help="users with a key on each server before the export")
    return parser.parse_args()


def use_build(build_dir):
    """The environment kms_servers.py reads, as tests/web/CMakeLists.txt sets it for CTest."""
    if build_dir is None and os.environ.get("ARBOR_EXE"):
        return
    build_dir = os.path.abspath(build_dir or os.path.join(SOURCE_DIR, "build"))
    exe = os.path.join(build_dir, "bin", "arbor")
    plugins = os.path.join(build_dir, "lib", "arbor", "plugins")
    for path in (exe, plugins):
        if not os.path.exists(path):
            sys.exit(f"{path} does not exist: give a build directory where the arbor and keymanager targets are built")
    os.environ.update(ARBOR_EXE=exe, ARBOR_PLUGIN_DIR=plugins, ARBOR_SOURCE_DIR=SOURCE_DIR)


def fill(server, prefix, count, scratch):
    """`count` users enrolled in one run from a CSV file, each then completing their enrollment
    (a key and a certificate from the CA), as KmsServer.enroll and redeem do for one user."""
    csv = scratch.join(f"{prefix}.csv")
    with open(csv, "w", encoding="utf-8") as out:
        out.write("alias,display name,email\n")
        for n in range(count):
            out.write(f"{prefix}-{n},User {prefix} {n},{prefix}-{n}@example.org\n")
    summary = server.admin("enroll-users", ["source.source=csv", f"users.csv={csv}"])
    for alias, token in ((row["user"], row["token"]) for row in summary["table"]["rows"]):
        server.redeem("complete-enrollment", alias, token, scratch.join(f"{alias}.p12"))


class Session:
    """One web session: its server's address, its cookie and CSRF token, and new connections."""

    def __init__(self, host, port, token, source="127.0.0.1", users_table=None):
        self.host, self.port, self.source = host, port, source
        # The self-signed certificate of a server this script started itself on 127.0.0.1.
        self.tls = ssl.create_default_context()
        self.tls.check_hostname = False
        self.tls.verify_mode = ssl.CERT_NONE
        connection = self.connect()
        connection.request("POST", "/api/login", json.dumps({"token": token}),
                           {"Content-Type": "application/json"})
        answer = connection.getresponse()
        body = answer.read()
        if answer.status != 200:
            raise RuntimeError(f"login to {host}:{port} refused: {answer.status} {body!r}")
        self.cookie = answer.getheader("Set-Cookie").split(";", 1)[0]
        self.csrf = json.loads(body)["csrf"]
        self.users_table, self.users_columns = users_table or self.find_users_table(connection)
        connection.close()

    @classmethod
    def first(cls, console):
        """The session the token `arbor web` printed opens."""
        parsed = urllib.parse.urlsplit(console.url)
        return cls(parsed.hostname, parsed.port, urllib.parse.parse_qs(parsed.query)["token"][0])

    def invite(self, source):
        """A session of its own for a client at the loopback address `source`, from an invitation
        this one makes."""
        connection = self.connect()
        connection.request("POST", "/api/invite", "{}", self.headers(post=True))
        answer = connection.getresponse()
        body = answer.read()
        connection.close()
        if answer.status != 200:
            raise RuntimeError(f"invitation refused: {answer.status} {body!r}")
        return Session(self.host, self.port, json.loads(body)["token"], source, (self.users_table, self.users_columns))

    def find_users_table(self, connection):
        """The index and column ids of the node's "Users" table, which sort and filter apply to."""
        connection.request("GET", "/api/details?limit=1&path=" + urllib.parse.quote(NODE, safe=""),
                           headers=self.headers())
        tables = json.loads(connection.getresponse().read())["tables"]
        for index, table in enumerate(tables):
            if table["title"] == "Users":
                return index, [column["id"] for column in table["columns"]]
        raise RuntimeError(f"no Users table among {[table['title'] for table in tables]}")

    def connect(self):
        return http.client.HTTPSConnection(self.host, self.port, context=self.tls, timeout=60,
                                           source_address=(self.source, 0))

    def headers(self, post=False):
        headers = {"Cookie": self.cookie}
        if post:
            headers.update({"X-CSRF-Token": self.csrf, "Content-Type": "application/json"})
        return headers


class Client(threading.Thread):
    """Browses one session on one keep-alive connection until `stop_at`, recording
    (start on the monotonic clock, latency seconds, route, status or None for a connection error)
    per request."""

    def __init__(self, session, stop_at, seed):
        super().__init__(daemon=True)
        self.session, self.stop_at = session, stop_at
        self.random = random.Random(seed)
        self.records = []
        self.failures = []

    def next_request(self):
        path = urllib.parse.quote(NODE, safe="")
        kind = self.random.choice(["tree", "node", "details", "details", "details"])
        if kind == "tree":
            return kind, "/api/tree"
        if kind == "node":
            return kind, f"/api/node?path={path}"
        query = {"path": NODE, "table": str(self.session.users_table), "offset": str(self.random.choice([0, 0, 10, 25])), "limit": "50",
                 "sort": self.random.choice(self.session.users_columns), "order": self.random.choice(["asc", "desc"]),
                 "filter": self.random.choice(FILTERS)}
        return kind, "/api/details?" + urllib.parse.urlencode(query, quote_via=urllib.parse.quote)

    def run(self):
        connection = self.session.connect()
        while time.monotonic() < self.stop_at:
            kind, target = self.next_request()
            start, began = time.monotonic(), time.perf_counter()
            try:
                connection.request("GET", target, headers=self.session.headers())
                answer = connection.getresponse()
                body = answer.read()
                status = answer.status
            except (OSError, http.client.HTTPException) as failure:
                self.records.append((start, time.perf_counter() - began, kind, None))
                self.failures.append(f"{target}: {failure!r}")
                connection.close()
                connection = self.session.connect()
                continue
            self.records.append((start, time.perf_counter() - began, kind, status))
            if not 200 <= status < 300:
                self.failures.append(f"{target}: {status} {body[:200]!r}")
        connection.close()


class ExportTask(threading.Thread):
    """Export Users of every user on `session`'s server to the certificate in `pem`, walked page
    by page through POST /api/tasks and /answer, then followed to done by polling."""

    def __init__(self, name, session, pem, code):
        super().__init__(daemon=True)
        self.name, self.session = name, session
        self.answers = {"login": {"administrator": "admin", "password": ADMIN_PASSWORD},
                        "certificate": {"path": pem}, "thumbprint": {"thumbprint": code},
                        "file": {"name": "load.kmx"}, "users": {"scope": "all"}, "confirm": {"confirm": True}}
        self.end = None
        self.error = None
        self.wall = self.run_wall = None
        self.began = self.ended = None
        self.exported = None

    def call(self, connection, method, target, body=None):
        connection.request(method, target, None if body is None else json.dumps(body),
                           self.session.headers(post=method == "POST"))
        answer = connection.getresponse()
        text = answer.read()
        if not 200 <= answer.status < 300:
            raise RuntimeError(f"{method} {target}: {answer.status} {text[:300]!r}")
        return json.loads(text)

    def run(self):
        began = self.began = time.monotonic()
        connection = self.session.connect()
        try:
            state = self.call(connection, "POST", "/api/tasks", {"path": NODE, "action": "export-users"})
            while state["state"] == "page":
                page = state["page"]
                if page.get("problem"):
                    raise RuntimeError(f"page {page['id']} refused: {page['problem']}")
                state = self.call(connection, "POST", f"/api/tasks/{state['id']}/answer",
                                  {"step": "next", "answers": self.answers[page["id"]]})
            running = time.monotonic()
            while state["state"] != "done":
                time.sleep(0.1)
                state = self.call(connection, "GET", f"/api/tasks/{state['id']}")
            self.run_wall = time.monotonic() - running
            outcome = state["outcome"]
            self.end = outcome["end"]
            if self.end != "completed":
                self.error = f"ended {self.end}: {outcome.get('error')}"
            else:
                items = {item["key"]: item["value"] for item in (outcome.get("summary") or {}).get("items", [])}
                self.exported = items.get("exported") or items.get("users") or items.get("count")
        except Exception as failure:  # noqa: BLE001 - any failure is this task's error, reported below
            self.error = repr(failure)
        finally:
            self.ended = time.monotonic()
            self.wall = self.ended - began
            connection.close()


def percentile(sorted_values, fraction):
    if not sorted_values:
        return float("nan")
    return sorted_values[min(len(sorted_values) - 1, int(fraction * len(sorted_values)))]


def latency_line(records):
    latencies = sorted(latency * 1000 for _, latency, _, _ in records)
    return (f"p50 {percentile(latencies, 0.50):.1f}   p95 {percentile(latencies, 0.95):.1f}   "
            f"p99 {percentile(latencies, 0.99):.1f}   max {(latencies or [float('nan')])[-1]:.1f}")


def report(clients, tasks, seconds, args):
    records = [record for client in clients for record in client.records]
    errors = [failure for client in clients for failure in client.failures]
    sessions = len({client.session.cookie for client in clients})
    print(f"{len(clients)} concurrent clients (threads, each its own TLS keep-alive connection) in {sessions} "
          f"web sessions over 2 servers ({(len(clients) + 1) // 2} on A, {len(clients) // 2} on B)")
    print(f"browsing for {seconds:.1f} s, {args.users} users with a key on each server before the exports")
    print(f"page requests: {len(records)}   errors: {len(errors)}   requests/s: {len(records) / seconds:.1f}")
    print(f"latency ms, all page requests:   {latency_line(records)}")
    for kind in ("tree", "node", "details"):
        some = [record for record in records if record[2] == kind]
        print(f"  {kind:8} {len(some):6} requests   {latency_line(some)}")
    spans = [(task.began, task.ended) for task in tasks if task.began is not None and task.ended is not None]
    during = [record for record in records if any(began <= record[0] <= ended for began, ended in spans)]
    print(f"latency ms, the {len(during)} requests sent while a task ran: {latency_line(during)}")
    if spans:
        slowest = sorted(records, key=lambda record: record[1], reverse=True)[:5]
        print("slowest requests (ms, sent at s from the first task's start): " +
              ", ".join(f"{latency * 1000:.0f} {kind} at {start - min(spans)[0]:+.2f}"
                        for start, latency, kind, _ in slowest))
    for task in tasks:
        print(f"task {task.name}: {task.end or 'no end'}, wall {task.wall:.2f} s (running {task.run_wall or 0:.2f} s)"
              + (f", exported {task.exported}" if task.exported else "") + (f", ERROR {task.error}" if task.error else ""))
    for failure in errors[:10]:
        print(f"error: {failure}")
    return not errors and all(task.error is None for task in tasks)


def main():
    args = parse_arguments()
    use_build(args.build_dir)
    scratch = Scratch("web-load")
    stops = []
    try:
        ca = CertificateServices(scratch.join("ca"))
        stops.append(ca.stop)
        a, b = KmsServer(scratch.join("a")), KmsServer(scratch.join("b"))
        began = time.monotonic()
        for server in (a, b):
            server.point_at(ca.url)
        fillers = [threading.Thread(target=fill, args=(server, prefix, args.users, scratch))
                   for server, prefix in ((a, "load-a"), (b, "load-b"))]
        for filler in fillers:
            filler.start()
        for filler in fillers:
            filler.join()
        for server in (a, b):
            enrolled = int(server.sql("SELECT count(DISTINCT user_id) FROM key_history;"))
            if enrolled != args.users:
                sys.exit(f"{server.root}: {enrolled} users with a key, expected {args.users}")
        a_pem, b_pem = scratch.join("a.pem"), scratch.join("b.pem")
        a_code, b_code = a.save_certificate(a_pem), b.save_certificate(b_pem)
        print(f"set up: {2 * args.users} users with a key in {time.monotonic() - began:.1f} s", flush=True)

        consoles = []
        for server, name in ((a, "web-a"), (b, "web-b")):
            console = WebConsole(server.options(), scratch.join(name))
            stops.append(console.stop)
            consoles.append(console)
        firsts = [Session.first(console) for console in consoles]
        # Each client comes from an address of its own, as 50 browsers on 50 machines would (Linux
        # answers all of 127.0.0.0/8): arbor web bounds the connections of one address.
        sessions = [firsts[n % 2] if n < 2 else firsts[n % 2].invite(f"127.0.{n // 200}.{n % 200 + 2}")
                    for n in range(args.clients)]

        stop_at = time.monotonic() + args.seconds
        clients = [Client(sessions[n], stop_at, n) for n in range(args.clients)]
        started = time.monotonic()
        for client in clients:
            client.start()
        time.sleep(min(2.0, args.seconds / 10))  # the tasks start under load
        tasks = [ExportTask("Export Users A -> B", firsts[0], b_pem, b_code),
                 ExportTask("Export Users B -> A", firsts[1], a_pem, a_code)]
        for task in tasks:
            task.start()
        for client in clients:
            client.join()
        seconds = time.monotonic() - started
        for task in tasks:
            task.join()
        if any(task.wall is not None and task.wall + 2 > seconds for task in tasks):
            print("note: a task outlasted the browsing: the overlap was partial", flush=True)
        return 0 if report(clients, tasks, seconds, args) else 1
    finally:
        for stop in reversed(stops):
            stop()
        scratch.remove()


if __name__ == "__main__":
    sys.exit(main())

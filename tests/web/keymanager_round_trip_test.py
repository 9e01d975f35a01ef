"""The full move of users between two Key Management servers in a real browser (Debian's
chromium, headless, through python3-selenium), each server behind its own `arbor web`:
Export Users on the source through every page (a wrong thumbprint refused on the way), Import
Users on the destination in another browser session, Recover Keys there; then the files and
databases are checked as tests/integration/keymanager/import_round_trip_test.cpp checks them.

Screenshots go to ARBOR_WEB_SCREENSHOTS (CTest: <build>/tests/web/screenshots); with
ARBOR_UPDATE_DOC_SCREENSHOTS=1 also into docs/web-console/ for docs/web-console.md."""

import os
import shutil
import subprocess
import sys
import unittest

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from browser import NARROW, WIDE, Browser  # noqa: E402
from kms_servers import (ADMIN_PASSWORD, USER_PASSWORD, CertificateServices, KmsServer, Scratch,  # noqa: E402
                         WebConsole, environment)
from selenium.webdriver.common.keys import Keys  # noqa: E402

KEY_MANAGER = "Advanced Security/Key Manager"
USERS = ".details-table[data-title='Users']"
SCREENSHOTS = os.environ.get("ARBOR_WEB_SCREENSHOTS") or os.path.join(os.getcwd(), "screenshots")


def pem_blocks(text, kind):
    marker = f"-----BEGIN {kind}-----"
    end = f"-----END {kind}-----"
    blocks, at = [], text.find(marker)
    while at >= 0:
        stop = text.index(end, at) + len(end)
        blocks.append(text[at:stop].encode())
        at = text.find(marker, stop)
    return blocks


def public_key_der(key):
    return key.public_key().public_bytes(serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)


def pkcs12(path, options):
    """What `openssl pkcs12` prints for a file made with the test user's password."""
    return subprocess.run(["openssl", "pkcs12", "-in", path, "-passin", f"pass:{USER_PASSWORD}", *options],
                          check=True, capture_output=True, text=True).stdout


def lines(text):
    return set(filter(None, text.split("\n")))


class KeyManagerRoundTripInTheBrowser(unittest.TestCase):
    def setUp(self):
        self.scratch = Scratch("web-round-trip")
        self.addCleanup(self.scratch.remove)
        self.ca = CertificateServices(self.scratch.join("ca"))
        self.addCleanup(self.ca.stop)
        self.source = KmsServer(self.scratch.join("source"))
        self.destination = KmsServer(self.scratch.join("destination"))
        for server in (self.source, self.destination):
            server.point_at(self.ca.url)

        # The known mix of the round-trip test: alice with two keys, bob with one, carol never enrolled.
        for alias in ("alice", "alice", "bob"):
            token = self.source.enroll(alias, "manual" if alias not in self.enrolled() else "re-enroll")
            self.source.redeem("complete-enrollment", alias, token,
                               self.scratch.join(f"{alias}-{token[:6]}.p12"))
        self.source.enroll("carol")
        self.destination_pem = self.scratch.join("destination.pem")
        self.destination_code = self.destination.save_certificate(self.destination_pem)
        self.source_code = self.source.save_certificate(self.scratch.join("source.pem"))

        # The source's console also lists a plugin that cannot load, for the Plugins view.
        broken = self.scratch.join("broken-manifests")
        os.makedirs(broken)
        shutil.copy(os.path.join(environment("ARBOR_SOURCE_DIR"), "tests", "fixtures", "manifests", "broken",
                                 "missing_library.json"), broken)
        self.web_source = WebConsole(self.source.options() + ["--manifests", broken],
                                     self.scratch.join("web-source"))
        self.addCleanup(self.web_source.stop)
        self.web_destination = WebConsole(self.destination.options(), self.scratch.join("web-destination"))
        self.addCleanup(self.web_destination.stop)

    def enrolled(self):
        return lines(self.source.sql("SELECT alias FROM users;"))

    def browser(self, name):
        browser = Browser(SCREENSHOTS, name)
        self.addCleanup(browser.quit)
        return browser

    # Moves an operator makes

    def open_key_manager(self, b):
        """From the tree, with the keyboard: Advanced Security, Right opens it, Down, Enter."""
        b.wait("[role=treeitem][data-path='Advanced Security']").click()
        b.wait_text(".node-name", "Advanced Security")
        b.focused().send_keys(Keys.ARROW_RIGHT)
        b.wait(f"[role=treeitem][data-path='{KEY_MANAGER}']")
        b.focused().send_keys(Keys.ARROW_DOWN)
        self.assertEqual(b.focused().get_attribute("data-path"), KEY_MANAGER)
        b.focused().send_keys(Keys.ENTER)
        b.wait_text(".node-name", "Key Manager")
        b.wait(".details-table tbody tr")

    def start_task(self, b, action_id):
        b.wait(f"[data-action='{action_id}']").click()
        self.log_in(b)

    def log_in(self, b):
        b.page("login")
        self.assertEqual(b.field("administrator").get_attribute("value"), "admin")
        b.type_into("password", ADMIN_PASSWORD + Keys.ENTER)

    def finish(self, b, task_title):
        """Waits for the task's end and checks it completed."""
        outcome = b.wait("dialog[open] .task-outcome", timeout=120)
        self.assertEqual(outcome.text, f"{task_title} completed.", b.text())

    # The test

    def test_users_move_to_another_server_through_the_web_console_and_recover_their_keys_there(self):
        on_source = {row.split("|")[0]: row.split("|")[1] for row in lines(self.source.sql(
            "SELECT cert_sha256, alias FROM key_history JOIN users USING (user_id);"))}
        self.assertEqual(len(on_source), 3)
        ids = {alias: self.source.sql(f"SELECT user_id FROM users WHERE alias = '{alias}';").strip()
               for alias in ("alice", "bob", "carol")}
        serials = lines(self.source.sql("SELECT serial_decimal FROM key_history;"))

        a = self.browser("source")
        a.open(self.web_source.url)
        a.wait("[role=tree]")
        self.assertNotIn("token=", a.driver.current_url)  # the one-time token left the address bar
        a.screenshot("console-tree")
        self.open_key_manager(a)
        self.assertIn("alice", a.find(USERS + " tbody").text)
        a.find(USERS + " .table-filter").send_keys("bob")
        a.wait_text(USERS + " .table-count", "of 1 matching")
        self.assertNotIn("alice", a.find(USERS + " tbody").text)
        a.find(USERS + " .table-filter").send_keys(Keys.CONTROL, "a", Keys.BACKSPACE)
        a.wait_text(USERS + " .table-count", "of 3")
        a.screenshot("key-manager-details")

        # Cancel on the first page ends the wizard and changes nothing.
        a.wait("[data-action='export-users']").click()
        a.page("login")
        a.press("Cancel")
        a.wait_text("dialog[open] .task-outcome", "cancelled")
        a.press("Close")

        # Export Users, every page.
        self.start_task(a, "export-users")
        a.page("certificate")
        a.type_into("path", self.destination_pem)
        a.press("Next")
        a.page("thumbprint")
        a.type_into("thumbprint", "ZZZZ-ZZZZ" + Keys.ENTER)
        problem = a.wait("dialog[open] [data-field='thumbprint'] .field-problem, dialog[open] .page-problem")
        self.assertTrue(problem.text)
        a.page("thumbprint")  # refused: still on the same page
        a.screenshot("export-thumbprint-refused")
        a.type_into("thumbprint", self.destination_code)
        a.press("Next")
        a.page("file")
        a.press("Back")  # Back returns to the thumbprint page
        a.page("thumbprint")
        a.type_into("thumbprint", self.destination_code)
        a.press("Next")
        a.page("file")
        a.type_into("name", "users.kmx" + Keys.ENTER)
        a.page("users")
        # A live page (SDK 1.2), after the login: a pattern's matches show while it is typed.
        a.choose("scope", "pattern")
        a.type_into("pattern", "al*")
        a.wait_text("dialog[open] .page-info", "The pattern 'al*' matches 1 user:", timeout=10)
        self.assertIn("alice", a.find("dialog[open] .page-info").text)
        a.choose("scope", "picked")
        search = a.field("picked", ".multi-search")
        for alias in ("alice", "bob"):
            search.send_keys(Keys.CONTROL, "a", Keys.BACKSPACE, alias)
            a.choose("picked", alias)
        search.send_keys(Keys.CONTROL, "a", Keys.BACKSPACE)
        self.assertIn("2 of 3 selected", a.field("picked", ".multi-count").text)
        a.screenshot("export-users-picked")
        a.press("Next")
        a.page("confirm")
        a.field("confirm", "input[type=checkbox]").click()
        a.screenshot("export-confirm")
        a.press("Finish")
        self.finish(a, "Export Users")
        # The run was followed live: its states came through the task's event stream.
        requested = a.driver.execute_script("return performance.getEntriesByType('resource').map(e => e.name)")
        self.assertTrue([url for url in requested if url.endswith("/events")], requested)
        a.screenshot("export-summary")
        a.press("Close")
        a.wait_text(USERS + " .table-count", "of 1")  # only carol, never enrolled, stays

        # A plugin is loaded when one of its nodes is first used: this one's library is missing, its
        # node says so, the rest of the console keeps working, and the Plugins view tells why.
        a.wait("[role=treeitem][data-path='Fixtures']").click()
        a.focused().send_keys(Keys.ARROW_RIGHT)
        a.wait("[role=treeitem][data-path='Fixtures/Missing Library']").click()
        a.wait(".main .error")
        a.find("#views a[data-view='plugins']").click()
        row = a.wait("[data-plugin='org.arbor.fixture.missing-library']")
        self.assertIn("libarbor_fixture_absent.so", row.text)
        a.screenshot("plugins")
        self.assertFalse([e for e in a.console_errors() if "Content Security Policy" in e], a.console_errors())

        # The file moves to the destination's KMSData, as an operator would carry it.
        shutil.copy(os.path.join(self.source.data, "users.kmx"), os.path.join(self.destination.data, "users.kmx"))

        # The second browser opens the destination's page without the token and pastes it.
        b = self.browser("destination")
        b.open(self.web_destination.origin + "/")
        b.wait("#login #token").send_keys(self.web_destination.url.split("token=", 1)[1] + Keys.ENTER)
        b.wait("[role=tree]")
        self.open_key_manager(b)
        self.start_task(b, "import-users")
        b.page("file")
        suggested = [o.get_attribute("value") for o in b.find_all("dialog[open] [data-field='name'] datalist option")]
        self.assertIn("users.kmx", suggested)  # the plugin's suggestions for the path field
        b.type_into("name", "users.kmx" + Keys.ENTER)
        b.page("source")
        b.type_into("thumbprint", self.source_code + Keys.ENTER)
        b.page("ready")
        b.press("Next")
        b.page("confirm")
        b.field("confirm", "input[type=checkbox]").click()
        b.screenshot("import-confirm")
        b.press("Finish")
        self.finish(b, "Import Users")
        self.assertEqual(b.summary_value("imported"), "2")
        self.assertEqual(b.summary_value("keys_imported"), "3")
        self.assertEqual(b.summary_value("not_imported"), "0")
        b.screenshot("import-summary")
        b.press("Close")
        b.wait_text(USERS + " .table-count", "of 2")

        # A second operator's browser joins through an invitation from the first (no restart of
        # `arbor web`); the address works once.
        b.find("#invite").click()
        invitation = b.wait("dialog[open] #invite-address").get_attribute("value")
        self.assertTrue(invitation.startswith(self.web_destination.origin + "/?token="), invitation)
        b.screenshot("invite")
        b.find("#invite-dialog .buttons button").click()
        c = self.browser("destination-invited")
        c.open(invitation)
        self.open_key_manager(c)

        # Recover Keys from a selected row of the Users table (SDK 1.2 row selection): it opens
        # with alice chosen.
        c.find(USERS + " tr[data-key='alice'] .row-select").click()
        c.wait_text("[data-action='recover-keys']", "(1 selected)")
        c.screenshot("row-selected")
        self.start_task(c, "recover-keys")
        c.page("user")
        self.assertIn("Chosen from the details pane: alice.", c.find("dialog[open] .page-info").text)
        chosen = c.find_all("dialog[open] [data-field='user'] input:checked, dialog[open] [data-field='user'] option:checked")
        self.assertEqual([choice.get_attribute("value") for choice in chosen], ["alice"])
        c.press("Finish")
        self.finish(c, "Recover Keys")
        token = c.summary_value("token")
        c.screenshot("recover-keys-summary")
        c.press("Close")
        c.open(invitation)
        c.wait(".node-name")  # the invited session outlives its spent invitation...
        self.assertNotIn("token", c.driver.current_url)  # ...which leaves the address bar
        b.driver.refresh()
        b.wait(".node-name")  # and the inviting browser's session is its own

        # A narrow window: one column, nothing wider than the window.
        b.viewport(*NARROW)
        b.driver.execute_script("arguments[0].scrollIntoView()", b.wait(USERS))
        self.assertLessEqual(b.driver.execute_script("return document.documentElement.scrollWidth"), NARROW[0])
        b.screenshot("narrow-window")
        b.viewport(*WIDE)

        # What the round-trip test checks: every key arrived, the source holds none, the CA revoked them.
        self.assertEqual(lines(self.destination.sql("SELECT user_id FROM users;")), {ids["alice"], ids["bob"]})
        self.assertEqual({row.split("|")[0]: row.split("|")[1] for row in lines(self.destination.sql(
            "SELECT cert_sha256, alias FROM key_history JOIN users USING (user_id);"))}, on_source)
        self.assertEqual(self.destination.sql("SELECT DISTINCT status FROM key_history;"), "revoked\n")
        self.assertEqual(lines(self.source.sql("SELECT user_id FROM users;")), {ids["carol"]})
        self.assertEqual(self.source.sql("SELECT count(*) FROM key_history;"), "0\n")
        for serial in serials:
            self.assertEqual(self.ca.status_of(serial), "revoked")
        self.assertEqual(self.destination.sql("PRAGMA integrity_check;"), "ok\n")

        # alice redeems her recovery token and gets both her keys, which open with her password.
        p12 = self.scratch.join("alice-recovered.p12")
        self.destination.redeem("redeem-recovery", "alice", token, p12)
        certificates = [x509.load_pem_x509_certificate(block)
                        for block in pem_blocks(pkcs12(p12, ["-nokeys"]), "CERTIFICATE")]
        keys = [serialization.load_pem_private_key(block, None)
                for block in pem_blocks(pkcs12(p12, ["-nocerts", "-nodes"]), "PRIVATE KEY")]
        self.assertEqual({c.fingerprint(hashes.SHA256()).hex() for c in certificates},
                         {sha for sha, alias in on_source.items() if alias == "alice"})
        self.assertEqual({public_key_der(k) for k in keys},
                         {c.public_key().public_bytes(serialization.Encoding.DER,
                                                      serialization.PublicFormat.SubjectPublicKeyInfo)
                          for c in certificates})

        # Log out ends the session: the page says so, and the console no longer opens without a new token.
        a.find("#logout").click()
        a.wait_text("#login", "You have logged out.")
        self.assertFalse(a.find("#app").is_displayed())
        a.open(self.web_source.origin + "/")
        a.wait_text("#login", "There is no session in this browser")
        self.assertFalse(a.find_all("[role=tree]"))
        # The spent address, followed again, is refused by the page in words, and leaves the address bar.
        a.open(self.web_source.url)
        a.wait_text("#login", "The access token in the address is wrong or was used already")
        self.assertNotIn("token", a.driver.current_url)



if __name__ == "__main__":
    unittest.main(verbosity=2)

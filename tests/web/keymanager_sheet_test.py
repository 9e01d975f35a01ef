"""A Key Manager Properties tab as a property sheet in a real browser (Debian's chromium,
headless, through python3-selenium) against the real `arbor web`: Certificate Services opens
after its login as one sheet holding the stored values; a refused Apply keeps what was typed,
Apply shows the new current value, OK applies and closes. Short on purpose: one server, no CA."""

import os
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from browser import Browser  # noqa: E402
from kms_servers import ADMIN_PASSWORD, KmsServer, Scratch, WebConsole, item  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.common.keys import Keys  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402

KEY_MANAGER = "Advanced Security/Key Manager"
SCREENSHOTS = os.environ.get("ARBOR_WEB_SCREENSHOTS") or os.path.join(os.getcwd(), "screenshots")
SHEET = "dialog[open] form.task-sheet"


class KeyManagerPropertySheetInTheBrowser(unittest.TestCase):
    def setUp(self):
        self.scratch = Scratch("web-sheet")
        self.addCleanup(self.scratch.remove)
        self.kms = KmsServer(self.scratch.join("kms"))
        self.kms.point_at("http://127.0.0.1:9")  # never reached: the tab only stores it
        self.web = WebConsole(self.kms.options(), self.scratch.join("web"))
        self.addCleanup(self.web.stop)
        self.b = Browser(SCREENSHOTS, "sheet")
        self.addCleanup(self.b.quit)

    def stored_timeout(self):
        return item(self.kms.admin("certificate-services", answers={"operation": {"action": "view"},
                                                                    "login": {"administrator": "admin"}}),
                    "connect_timeout_ms")

    def open_certificate_services(self):
        b = self.b
        b.wait("[data-action='certificate-services']").click()
        b.page("login")  # asked each time the tab opens; the operation "set" comes from the manifest
        b.type_into("password", ADMIN_PASSWORD + Keys.ENTER)
        return b.wait(SHEET)

    def timeout_box(self):
        return self.b.find(f"{SHEET} [data-page='ca'] [data-field='connect_timeout_ms'] input")

    def type_timeout(self, value):
        box = self.timeout_box()
        box.clear()
        box.send_keys(value)

    def test_a_tab_opens_as_a_sheet_apply_shows_the_new_value_and_ok_closes(self):
        b = self.b
        b.open(self.web.url)
        b.wait("[role=treeitem][data-path='Advanced Security']").click()
        b.focused().send_keys(Keys.ARROW_RIGHT)
        b.wait(f"[role=treeitem][data-path='{KEY_MANAGER}']").click()
        b.wait_text(".node-name", "Key Manager")
        self.open_certificate_services()
        self.assertEqual(self.timeout_box().get_attribute("value"), "2000")
        self.assertFalse(b.find_all("dialog[open] .task-next"))  # OK / Apply / Cancel, no wizard buttons

        self.type_timeout("0")
        b.press("Apply")
        b.wait_text("dialog[open] .field-problem, dialog[open] .page-problem", "refused its answers")
        self.assertEqual(self.timeout_box().get_attribute("value"), "0")  # kept as typed

        self.type_timeout("2500")
        b.press("Apply")
        b.wait_text(f"{SHEET} .sheet-values .summary-item[data-key='connect_timeout_ms'] dd", "2500")
        self.assertEqual(self.timeout_box().get_attribute("value"), "2500")  # prepared again: stored now
        b.screenshot("property-sheet-applied")

        self.type_timeout("2600")
        b.press("OK")  # applies, then the dialog closes
        WebDriverWait(b.driver, 30).until(lambda driver: not driver.find_elements(By.CSS_SELECTOR, "dialog[open]"))
        self.assertEqual(self.stored_timeout(), "2600")
        self.assertEqual(b.console_errors(), [])


if __name__ == "__main__":
    unittest.main()

"""The web console's own behaviour in a real browser (headless Debian chromium through
python3-selenium), on the complete test plugin (tests/fixtures/complete), which uses every SDK
feature: details paged, sorted and filtered by the server; every field kind of a wizard walked
with the keyboard, refusals shown at their field, a secret never filled in again; Back; Escape;
a properties tab; a path field's file picker. The row-actions fixture plugin (SDK 1.2) adds a live
page. The Key Manager's round trip is keymanager_round_trip_test.py."""

import os
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from browser import Browser  # noqa: E402
from kms_servers import Scratch, WebConsole, environment  # noqa: E402
from selenium.webdriver.common.keys import Keys  # noqa: E402
from selenium.webdriver.support.ui import Select  # noqa: E402

COMPLETE = "Test Tools/Complete"
ROWS = "Fixtures/rows"
# The row-actions fixture asks SDK 1.2: its "greet" page is live (tests/fixtures/plugins/row_plugin.hpp).
ROWS_MANIFEST = """{"manifest_version": 1, "id": "org.arbor.fixture.row-actions", "name": "Rows", "version": "1.0.0",
  "api": {"major": 1, "minor": 2}, "library": "libarbor_fixture_row_actions.so",
  "nodes": [{"path": "Fixtures/rows", "type": "rows"}],
  "actions": [{"id": "greet", "label": "Greet", "node_type": "rows", "slot": "All Tasks"}]}"""
ITEMS = ".details-table[data-title='Items']"
SCREENSHOTS = os.environ.get("ARBOR_WEB_SCREENSHOTS") or os.path.join(os.getcwd(), "screenshots")
SECRET = "s3cr3t-never-shown"


class WebConsoleInTheBrowser(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        # One console and one browser for every test here; unittest runs tearDownClass only after
        # a setUpClass that succeeded, so a failure on the way cleans up itself.
        cls.scratch = Scratch("web-fields")
        cls.web = cls.b = None
        try:
            os.makedirs(cls.scratch.join("rows"))
            with open(cls.scratch.join("rows", "rows.json"), "w", encoding="utf-8") as manifest:
                manifest.write(ROWS_MANIFEST)
            cls.web = WebConsole(["--manifests", environment("ARBOR_FIXTURE_COMPLETE_DIR"),
                                  "--manifests", cls.scratch.join("rows"),
                                  "--plugin-dir", environment("ARBOR_FIXTURE_LIB_DIR"),
                                  "--data-dir", cls.scratch.join("data")], cls.scratch.join("web"))
            cls.b = Browser(SCREENSHOTS, "fields")
            cls.b.open(cls.web.url)
            cls.b.wait("[role=tree]")
        except BaseException:
            cls.tearDownClass()
            raise

    @classmethod
    def tearDownClass(cls):
        if cls.b:
            cls.b.quit()
        if cls.web:
            cls.web.stop()
        cls.scratch.remove()

    def setUp(self):
        b = self.b
        if b.find_all("dialog[open]"):
            b.focused().send_keys(Keys.ESCAPE)
            if b.find_all("dialog[open] .task-close"):
                b.press("Close")
        b.open(self.web.origin + "/#/node/" + COMPLETE.replace("/", "%2F").replace(" ", "%20"))
        b.wait_text(".node-name", "Complete")
        b.wait(ITEMS + " tbody tr")

    def first_cell(self):
        return self.b.find(ITEMS + " tbody tr td").text

    def test_details_are_paged_sorted_and_filtered_by_the_server(self):
        b = self.b
        self.assertIn("This is a test plugin", b.find(".warnings").text)
        b.wait_text(ITEMS + " .table-count", "rows 1-25 of 25")
        Select(b.find(ITEMS + " select")).select_by_value("10")
        b.wait_text(ITEMS + " .table-count", "rows 1-10 of 25")
        b.find(ITEMS + " .table-next").click()
        b.wait_text(ITEMS + " .table-count", "rows 11-20 of 25")
        self.assertEqual(self.first_cell(), "item-11")
        sort = b.find(ITEMS + " .sort-button[data-column='name']")
        sort.click()
        b.wait_text(ITEMS + " .table-count", "rows 1-10 of 25")
        b.find(ITEMS + " .sort-button[data-column='name']").click()  # again: the other way
        b.wait(ITEMS + " th[aria-sort='descending']")
        self.assertEqual(self.first_cell(), "item-25")  # numbers inside names compare by value
        b.find(ITEMS + " .table-filter").send_keys("ATTENTION")
        b.wait_text(ITEMS + " .table-count", "rows 1-9 of 9 matching")
        self.assertEqual(self.first_cell(), "item-25")
        b.screenshot("details-sorted-filtered")
        self.assertFalse(b.find(ITEMS + " .table-previous").is_enabled())

    def test_every_field_kind_walked_with_the_keyboard_and_refusals_shown_where_they_belong(self):
        b = self.b
        report = self.scratch.join("report.txt")
        b.find("[data-action='exercise']").click()
        b.page("identity")
        self.assertEqual(b.focused().get_attribute("name"), "name")  # the first field has the cursor
        self.assertIn("page 1 of 4", b.find("dialog[open] .task-subtitle").text)
        self.assertFalse(b.find("dialog[open] .task-back").is_enabled())
        # The second Tab passes the report file's Browse button.
        b.focused().send_keys("nobody", Keys.TAB, report, Keys.TAB, Keys.TAB, SECRET, Keys.ENTER)
        b.wait_text("dialog[open] form[data-page='identity']", "reserved")
        self.assertEqual(b.field("password").get_attribute("value"), "")  # a secret is never filled in again
        b.type_into("name", "Ada")
        b.type_into("password", "abc" + Keys.ENTER)
        b.wait_text("dialog[open] form[data-page='identity']", "at least 4 characters")
        b.type_into("password", SECRET + Keys.ENTER)

        b.page("options")
        self.assertTrue(b.field("color", "input[value='green']").is_selected())  # the plugin's default
        b.choose("color", "blue")
        b.choose("extras", "report")
        search = b.field("copies", ".multi-search")
        search.send_keys("li")
        shown = [label.text for label in b.find_all("dialog[open] [data-field='copies'] label.option")
                 if label.is_displayed()]
        self.assertTrue(shown and all("li" in name.lower() for name in shown) and len(shown) < 42, shown)
        search.send_keys(Keys.ENTER)  # searching, not sending the page
        b.field("copies", ".multi-all").click()
        self.assertIn(f"{len(shown)} of 42 selected", b.field("copies", ".multi-count").text)
        search.send_keys(Keys.ESCAPE)  # clears the search, does not cancel the wizard
        b.page("options")
        self.assertEqual(search.get_attribute("value"), "")
        self.assertIn(f"{len(shown)} of 42 selected", b.field("copies", ".multi-count").text)
        b.field("advanced", "input[type=checkbox]").send_keys(Keys.SPACE)
        b.screenshot("wizard-every-field")
        b.press("Next")

        b.page("advanced")  # shown because of the confirmation above
        b.type_into("level", "x" + Keys.ENTER)
        b.wait_text("dialog[open] form[data-page='advanced']", "not a digit")
        b.type_into("level", "5" + Keys.ENTER)
        b.page("confirm")
        info = b.find("dialog[open] .page-info").text
        self.assertIn("Password: given", info)
        self.assertIn("Color: blue", info)
        b.press("Back")
        b.page("advanced")
        self.assertEqual(b.field("level").get_attribute("value"), "5")  # Back keeps what was typed
        b.press("Next")
        b.page("confirm")
        b.press("Finish")  # without the confirmation: refused
        b.wait_text("dialog[open] form[data-page='confirm']", "answer yes")
        b.field("proceed", "input[type=checkbox]").click()
        b.press("Finish")
        b.wait_text("dialog[open] .task-outcome", "completed", timeout=60)
        self.assertEqual(b.summary_value("name"), "Ada")
        answers = b.find("dialog[open] .summary-table").text
        self.assertIn("(given)", answers)
        b.screenshot("wizard-summary")
        self.assertNotIn(SECRET, b.driver.page_source)
        with open(report, encoding="utf-8") as written:
            self.assertIn("Color: blue", written.read())
        b.press("Close")
        self.assertFalse(b.find_all("dialog[open]"))

    def test_escape_cancels_a_wizard_and_nothing_is_written(self):
        b = self.b
        report = self.scratch.join("never.txt")
        b.find("[data-action='exercise']").click()
        b.page("identity")
        b.focused().send_keys("Ada", Keys.TAB, report, Keys.TAB, Keys.TAB, SECRET, Keys.ENTER)
        b.page("options")
        b.focused().send_keys(Keys.ESCAPE)
        b.wait_text("dialog[open] .task-outcome", "cancelled")
        self.assertEqual(b.focused().text, "Close")
        b.focused().send_keys(Keys.ENTER)
        self.assertFalse(b.find_all("dialog[open]"))
        self.assertFalse(os.path.exists(report))

    def test_a_properties_tab_opens_under_properties_as_a_wizard(self):
        b = self.b
        group = b.find(".action-group[aria-label='Properties']")
        group.find_element("css selector", "[data-action='general']").click()
        form = b.wait("dialog[open] form[data-page]")
        self.assertIn("Version: 1.2.3", form.text)
        b.press("Cancel")
        b.wait_text("dialog[open] .task-outcome", "cancelled")
        b.press("Close")

    def test_a_live_page_shows_what_is_typed_after_a_pause_and_keeps_it(self):
        b = self.b
        b.open(self.web.origin + "/#/node/" + ROWS.replace("/", "%2F"))
        b.wait_text(".node-name", "rows")
        b.find("[data-action='greet']").click()
        b.page("who")
        b.wait_text("dialog[open] .page-info", "Greets: nobody yet")
        b.type_into("name", "Ada")
        b.wait_text("dialog[open] .page-info", "Greets: Ada", timeout=10)
        self.assertEqual(b.field("name").get_attribute("value"), "Ada")  # what was typed stays
        b.screenshot("wizard-live-page")
        # The card's suggestion came with the preview: the picker lists it, and choosing fills the field.
        b.field("card", ".path-browse").click()
        entry = b.wait("dialog[open] [data-field='card'] .picker-entry[data-kind='suggestion']")
        self.assertEqual(entry.text, "Ada.card")
        self.assertEqual(b.focused(), entry)
        entry.send_keys(Keys.ENTER)
        self.assertEqual(b.field("card").get_attribute("value"), "Ada.card")
        b.press("Finish")
        b.wait_text("dialog[open] .task-outcome", "completed")
        self.assertEqual(b.summary_value("greeting"), "Hello, Ada")
        b.press("Close")

    def test_the_file_picker_lists_directories_and_files_and_a_chosen_file_fills_the_field(self):
        b = self.b
        picked = self.scratch.join("picked")
        os.makedirs(os.path.join(picked, "sub"))
        for name in ("top.txt", os.path.join("sub", "inner.txt")):
            with open(os.path.join(picked, name), "w", encoding="utf-8") as f:
                f.write("never shown")
        os.mkfifo(os.path.join(picked, "pipe"))
        os.symlink(os.path.join(picked, "top.txt"), os.path.join(picked, "link"))
        b.find("[data-action='exercise']").click()
        b.page("identity")
        b.type_into("output", picked + "/")
        b.field("output", ".path-browse").send_keys(Keys.ENTER)
        b.wait_text("dialog[open] [data-field='output'] .picker-dir", picked)
        names = [e.text for e in b.find_all("dialog[open] [data-field='output'] .picker-entry")]
        self.assertEqual(names, ["sub/", "top.txt"])  # no FIFO, no link
        self.assertEqual(b.focused().text, "sub/")
        b.screenshot("wizard-file-picker")
        b.focused().send_keys(Keys.ENTER)  # into sub/
        b.wait_text("dialog[open] [data-field='output'] .picker-entry", "inner.txt")
        b.find("dialog[open] [data-field='output'] .picker-up").click()  # and back up
        b.wait_text("dialog[open] [data-field='output'] .picker-entry", "sub/")
        b.focused().send_keys(Keys.ARROW_DOWN)
        self.assertEqual(b.focused().text, "top.txt")
        b.focused().send_keys(Keys.ENTER)
        self.assertEqual(b.field("output").get_attribute("value"), os.path.join(picked, "top.txt"))
        self.assertTrue(b.find_all("dialog[open] [data-field='output'] .path-picker[hidden]"))
        self.assertEqual(b.focused().get_attribute("name"), "output")
        self.assertNotIn("never shown", b.driver.page_source)
        b.focused().send_keys(Keys.ESCAPE)
        b.wait_text("dialog[open] .task-outcome", "cancelled")
        b.press("Close")

    def test_the_page_logs_no_content_security_policy_violation(self):
        self.assertFalse([e for e in self.b.console_errors() if "Content Security Policy" in e])


if __name__ == "__main__":
    unittest.main(verbosity=2)

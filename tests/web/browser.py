"""One headless Debian chromium driven by python3-selenium, with the few moves the web console
tests make: wait for an element, walk a wizard page, take a screenshot at a fixed viewport.

Nothing here skips: when chromium or chromedriver cannot start, the exception fails the test
(the issue asks for a failure, so a CI without a browser is noticed)."""

import os
import shutil

from selenium import webdriver
from selenium.common.exceptions import TimeoutException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import Select, WebDriverWait

# Waits are generous: the suite also runs under ASan+UBSan on two busy cores.
WIDE = (1280, 800)
NARROW = (420, 860)


def find_program(*names):
    for name in names:
        found = shutil.which(name) or (os.path.exists(f"/usr/bin/{name}") and f"/usr/bin/{name}")
        if found:
            return found
    raise AssertionError(f"none of {names} is installed: run scripts/bootstrap (Debian packages chromium, "
                         "chromium-driver)")


class Browser:
    def __init__(self, screenshot_dir, name):
        self.screenshot_dir = screenshot_dir
        self.name = name
        options = webdriver.ChromeOptions()
        options.binary_location = find_program("chromium", "chromium-browser")
        # --no-sandbox: CI containers run as root, where chromium's sandbox cannot start.
        for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                         "--no-first-run", "--lang=en-US", f"--window-size={WIDE[0]},{WIDE[1]}"):
            options.add_argument(argument)
        # arbor web made its own certificate: the test compares its fingerprint instead.
        options.accept_insecure_certs = True
        options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
        self.driver = webdriver.Chrome(service=Service(find_program("chromedriver")), options=options)
        self.viewport(*WIDE)

    def viewport(self, width, height):
        """The page's own size, whatever the window decorations take."""
        self.driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                                    {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False})

    def open(self, url):
        self.driver.get(url)

    def wait(self, css, timeout=30, visible=True):
        condition = EC.visibility_of_element_located if visible else EC.presence_of_element_located
        try:
            return WebDriverWait(self.driver, timeout).until(condition((By.CSS_SELECTOR, css)))
        except TimeoutException:
            raise AssertionError(f"{self.name}: no {css} after {timeout} s; the page shows:\n{self.text()}") from None

    def wait_text(self, css, text, timeout=30):
        try:
            WebDriverWait(self.driver, timeout).until(EC.text_to_be_present_in_element((By.CSS_SELECTOR, css), text))
        except TimeoutException:
            raise AssertionError(f"{self.name}: {css} never showed {text!r}; the page shows:\n{self.text()}") from None
        return self.driver.find_element(By.CSS_SELECTOR, css)

    def find(self, css):
        return self.driver.find_element(By.CSS_SELECTOR, css)

    def find_all(self, css):
        return self.driver.find_elements(By.CSS_SELECTOR, css)

    def text(self):
        return self.driver.find_element(By.TAG_NAME, "body").text

    def focused(self):
        return self.driver.switch_to.active_element

    def screenshot(self, name):
        """Into the test's output folder; with ARBOR_UPDATE_DOC_SCREENSHOTS=1 also into
        docs/web-console/, where docs/web-console.md shows them."""
        os.makedirs(self.screenshot_dir, exist_ok=True)
        path = os.path.join(self.screenshot_dir, f"{name}.png")
        self.driver.save_screenshot(path)
        if os.environ.get("ARBOR_UPDATE_DOC_SCREENSHOTS"):
            docs = os.path.join(os.environ["ARBOR_SOURCE_DIR"], "docs", "web-console")
            os.makedirs(docs, exist_ok=True)
            shutil.copy(path, docs)
        return path

    # The task dialog

    def page(self, page_id, timeout=60):
        """Waits for the wizard page `page_id`; returns its form."""
        return self.wait(f"dialog[open] form[data-page='{page_id}']", timeout)

    def field(self, field_id, css="input"):
        return self.find(f"dialog[open] [data-field='{field_id}'] {css}")

    def type_into(self, field_id, text):
        box = self.field(field_id)
        box.clear()
        box.send_keys(text)

    def choose(self, field_id, option_text):
        """Picks the option whose text contains `option_text` (radio buttons or a list)."""
        lists = self.find_all(f"dialog[open] [data-field='{field_id}'] select")
        if lists:
            select = Select(lists[0])
            for option in select.options:
                if option_text in option.text:
                    select.select_by_visible_text(option.text)
                    return option.text
        for label in self.find_all(f"dialog[open] [data-field='{field_id}'] label.option"):
            if option_text in label.text:
                label.find_element(By.TAG_NAME, "input").click()
                return label.text
        raise AssertionError(f"{self.name}: field {field_id} offers no option with {option_text!r}:\n{self.text()}")

    def press(self, button):
        """Clicks Back, Next, Finish, Cancel or Close in the task dialog."""
        self.find(f"dialog[open] .task-{button.lower()}").click()

    def summary_value(self, key):
        return self.find(f"dialog[open] .summary-item[data-key='{key}'] dd").text.split("\n")[0]

    def console_errors(self):
        """What the page logged as errors (a CSP refusal, a script error)."""
        return [entry["message"] for entry in self.driver.get_log("browser") if entry["level"] == "SEVERE"]

    def quit(self):
        self.driver.quit()

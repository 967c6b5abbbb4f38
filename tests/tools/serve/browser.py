#!/usr/bin/env python3
"""Drives `gongwen serve`'s page in Debian's Chromium through WebDriver (selenium), as an
office clerk would: opens the printed address, finds the title field, empties a paragraph (the
error must show beside it, the pages must stay), writes a new sentence into it, waits until the
page image changes, saves. Prints JSON: what it saw, and each keystroke-to-page time.

    browser.py URL NEW_SENTENCE [--screenshot PNG] [--measure N]

Needs: chromium and chromium-driver (apt), selenium (pip).
"""
import json
import sys
import tempfile
import time

try:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.support.ui import WebDriverWait
except ImportError:
    sys.exit("selenium is missing: python3 -m pip install selenium==4.38.0")

URL, SENTENCE = sys.argv[1], sys.argv[2]
SHOT = sys.argv[sys.argv.index("--screenshot") + 1] if "--screenshot" in sys.argv else None
MEASURE = int(sys.argv[sys.argv.index("--measure") + 1]) if "--measure" in sys.argv else 0
WAIT = 120  # seconds: the first compile loads the fonts


def driver():
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run",
                 "--disable-dev-shm-usage", "--window-size=1400,900", "--lang=zh-CN",
                 f"--user-data-dir={tempfile.mkdtemp(prefix='gongwen-chromium-')}"):
        options.add_argument(flag)
    options.add_experimental_option("prefs", {"intl.accept_languages": "zh-CN,zh"})
    return webdriver.Chrome(service=Service("/usr/bin/chromedriver", env={**__import__("os").environ, "LANG": "zh_CN.UTF-8", "LANGUAGE": "zh_CN"}), options=options)


def page_ids(d):
    return d.execute_script("return [...document.querySelectorAll('#pages img')].map(i => i.complete && i.naturalWidth > 0 ? i.dataset.id : null)")


def field(d, file, path):
    return d.find_element(By.CSS_SELECTOR, f'[data-file="{file}"][data-path="{path}"]')


def settled(d):
    return d.execute_script("return window.__gongwen.settled()")


def previews(d):
    return d.execute_script("return window.__gongwen.previews")


def main():
    d = driver()
    out = {}
    try:
        d.get(URL)
        wait = WebDriverWait(d, WAIT, poll_frequency=0.05)
        wait.until(lambda d: previews(d) >= 1 and all(page_ids(d)) and len(page_ids(d)) > 0)
        out["address_after_load"] = d.current_url
        out["pages"] = len(page_ids(d))
        title = field(d, "notice.toml", "body.title[0]")
        out["title"] = title.get_attribute("value")
        out["title_label"] = d.execute_script(
            "return arguments[0].closest('.field.kind-either').querySelector('.label').textContent", title)
        out["legends"] = d.execute_script("return [...document.querySelectorAll('section.file[data-file=\"notice.toml\"] > .field > fieldset > legend')].map(l => l.firstChild.textContent)")
        if SHOT:
            d.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {"width": 1400, "height": 900, "deviceScaleFactor": 1, "mobile": False})
            # The body being edited: the pages scrolled to the text of the field.
            para = field(d, "notice.toml", "body.opening[0]")
            d.execute_script("document.querySelector('[data-key=\"notice.toml|body\"]').scrollIntoView({block: 'start'})")
            para.click()
            time.sleep(0.8)
            d.save_screenshot(SHOT)
            return
        para = field(d, "notice.toml", "body.sections[0].paragraphs[0]")
        d.execute_script("arguments[0].scrollIntoView({block: 'center'})", para)
        before_ids = page_ids(d)
        page1 = d.find_element(By.CSS_SELECTOR, "#pages .page")
        before_png = page1.screenshot_as_png
        # Emptied, the paragraph is an error at its field; the last good pages stay.
        n = previews(d)
        para.click()
        para.send_keys(Keys.CONTROL, "a")
        para.send_keys(Keys.DELETE)
        wait.until(lambda d: previews(d) > n and settled(d))
        box = d.execute_script("return arguments[0].closest('.field')", para)
        wait.until(lambda d: d.execute_script("return arguments[0].querySelector('.problem.error') !== null", box))
        out["error_at_field"] = d.execute_script("return arguments[0].querySelector('.problem.error').textContent", box)
        out["stale_note"] = d.find_element(By.ID, "pages-state").text
        out["pages_kept"] = page_ids(d) == before_ids
        # A new sentence, typed.
        para.send_keys(SENTENCE)
        wait.until(lambda d: field(d, "notice.toml", "body.sections[0].paragraphs[0]").get_attribute("value") == SENTENCE)
        wait.until(lambda d: settled(d) and all(page_ids(d)) and page_ids(d) != before_ids)
        after_ids = page_ids(d)
        out["changed_pages"] = [i for i, (a, b) in enumerate(zip(before_ids, after_ids)) if a != b]
        out["image_differs"] = page1.screenshot_as_png != before_png
        out["error_gone"] = not d.execute_script("return arguments[0].querySelector('.problem.error') !== null",
                                                 d.execute_script("return arguments[0].closest('.field')", field(d, "notice.toml", "body.sections[0].paragraphs[0]")))
        d.find_element(By.ID, "save").click()
        wait.until(lambda d: d.find_element(By.ID, "status").get_attribute("class") == "saved")
        out["status"] = d.find_element(By.ID, "status").text
        out["latencies"] = d.execute_script("return window.__gongwen.latencies")
        if MEASURE:
            # One keystroke at a time, the pages settled in between: keystroke to page on screen.
            para = field(d, "notice.toml", "body.sections[0].paragraphs[0]")
            single = []
            for _ in range(MEASURE):
                k = len(d.execute_script("return window.__gongwen.latencies"))
                para.send_keys("字")
                wait.until(lambda d: settled(d) and len(d.execute_script("return window.__gongwen.latencies")) > k)
                single.append(d.execute_script("return window.__gongwen.latencies")[-1])
                time.sleep(0.4)
            out["single_keystrokes"] = single
    finally:
        d.quit()
    print(json.dumps(out, ensure_ascii=False))


main()

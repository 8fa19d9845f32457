#!/usr/bin/env python3
"""Opens an HTML report in headless Chromium through chromedriver and checks that it renders.

Speaks the W3C WebDriver protocol over plain HTTP (urllib), so it needs nothing beyond Python 3
and the Debian packages `chromium` and `chromium-driver`.

Checks: no console error or uncaught exception; nothing fetched from anywhere (the page is
self-contained); #diagnosis, the findings, the charts and the inventory are present and visible;
one element per finding of the JSON report; the timeline filter works; in print media every
finding and event is visible and the screen-only controls are hidden. Saves a screenshot of the
top of the page, a full-page screenshot and a print-media screenshot, and prints their paths.

Usage: html_browser_check.py REPORT.html REPORT.json OUT_DIR
"""

import base64
import html.parser
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Driver:
    def __init__(self, chromium, chromedriver, profile):
        self.port = free_port()
        self.proc = subprocess.Popen(
            [chromedriver, f"--port={self.port}", "--allowed-ips=127.0.0.1"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        self.base = f"http://127.0.0.1:{self.port}"
        deadline = time.time() + 20
        while True:
            try:
                if self.call("GET", "/status")["ready"]:
                    break
            except (urllib.error.URLError, ConnectionError):
                pass
            if time.time() > deadline:
                raise SystemExit("chromedriver did not start within 20 s")
            time.sleep(0.2)
        args = [
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-dev-shm-usage",
            "--hide-scrollbars",
            "--window-size=1280,1000",
            f"--user-data-dir={profile}",
        ]
        caps = {
            "capabilities": {
                "alwaysMatch": {
                    "browserName": "chrome",
                    "goog:chromeOptions": {"binary": chromium, "args": args},
                    "goog:loggingPrefs": {"browser": "ALL"},
                }
            }
        }
        self.session = self.call("POST", "/session", caps)["sessionId"]

    def call(self, method, path, body=None):
        data = None if body is None else json.dumps(body).encode()
        req = urllib.request.Request(
            self.base + path,
            data=data,
            method=method,
            headers={"Content-Type": "application/json"},
        )
        try:
            with urllib.request.urlopen(req, timeout=120) as r:
                return json.loads(r.read())["value"]
        except urllib.error.HTTPError as e:
            raise SystemExit(f"WebDriver {method} {path} failed: {e.read().decode(errors='replace')}")

    def s(self, method, path, body=None):
        return self.call(method, f"/session/{self.session}{path}", body)

    def run(self, script, *args):
        return self.s("POST", "/execute/sync", {"script": script, "args": list(args)})

    def cdp(self, cmd, params=None):
        return self.s("POST", "/goog/cdp/execute", {"cmd": cmd, "params": params or {}})

    def screenshot(self, path, full_page):
        params = {"format": "png"}
        if full_page:
            m = self.cdp("Page.getLayoutMetrics")
            size = m["cssContentSize"]
            params.update(
                captureBeyondViewport=True,
                clip={"x": 0, "y": 0, "width": size["width"], "height": size["height"], "scale": 1},
            )
        png = base64.b64decode(self.cdp("Page.captureScreenshot", params)["data"])
        Path(path).write_bytes(png)
        return len(png)

    def logs(self):
        return self.s("POST", "/se/log", {"type": "browser"})

    def quit(self):
        try:
            self.s("DELETE", "")
        finally:
            self.proc.terminate()
            self.proc.wait(timeout=10)


class StaticCounts(html.parser.HTMLParser):
    """What the page shows without running any script."""

    def __init__(self):
        super().__init__()
        self.findings = 0
        self.charts = 0
        self.ids = set()
        self.fetching = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if "data-check" in a:
            self.findings += 1
        if tag == "svg" and "chart" in (a.get("class") or "").split():
            self.charts += 1
        if "id" in a:
            self.ids.add(a["id"])
        if tag in ("link", "img", "iframe", "object", "embed") or (tag == "script" and "src" in a):
            self.fetching.append(tag)


PAGE_FACTS = """
const visible = el => !!el && el.getBoundingClientRect().height > 0 &&
  getComputedStyle(el).visibility !== 'hidden' && getComputedStyle(el).display !== 'none';
const all = sel => Array.from(document.querySelectorAll(sel));
return {
  title: document.title,
  lang: document.documentElement.lang,
  font: getComputedStyle(document.body).fontFamily,
  headings: all('main h2').map(h => h.textContent),
  diagnosis: visible(document.getElementById('diagnosis')),
  causes: all('#diagnosis .cause').length,
  findings: all('[data-check]').length,
  findings_visible: all('[data-check]').filter(visible).length,
  charts: all('svg.chart').length,
  charts_drawn: all('svg.chart').filter(s => visible(s) && s.getBBox().width > 0).length,
  inventory_rows: all('#inventory table.inventory tbody tr').length,
  inventory_visible: visible(document.querySelector('#inventory table.inventory')),
  events: all('table.events tbody tr').length,
  events_visible: all('table.events tbody tr').filter(visible).length,
  filters_visible: visible(document.querySelector('.filters')),
  nav_visible: visible(document.querySelector('nav.toc')),
  fetched: performance.getEntriesByType('resource').map(e => e.name),
  overflow: document.documentElement.scrollWidth > document.documentElement.clientWidth,
  too_wide: all('main table, main figure, main article').filter(
    el => el.getBoundingClientRect().right > document.querySelector('main').getBoundingClientRect().right + 1
  ).map(el => el.tagName + '.' + el.className),
};
"""

FILTER_BY_SIDE = """
const sel = document.getElementById('filter-side');
if (!sel || sel.options.length < 2) { return null; }
sel.value = sel.options[1].value;
sel.dispatchEvent(new Event('change'));
const rows = Array.from(document.querySelectorAll('table.events tbody tr'));
const r = {side: sel.value, shown: rows.filter(x => !x.hidden).length,
           expected: rows.filter(x => x.dataset.side === sel.value).length,
           dimmed: document.querySelectorAll('#chart-timeline .mark.dim').length};
sel.value = '';
sel.dispatchEvent(new Event('change'));
return r;
"""


def main():
    if len(sys.argv) != 4:
        raise SystemExit(__doc__)
    html_path, json_path, out_dir = Path(sys.argv[1]).resolve(), Path(sys.argv[2]), Path(sys.argv[3])
    report = json.loads(json_path.read_text(encoding="utf-8"))
    out_dir.mkdir(parents=True, exist_ok=True)
    failures = []

    def check(ok, what):
        print(("ok    " if ok else "FAIL  ") + what)
        if not ok:
            failures.append(what)

    n_findings = len(report["findings"])
    charts = report.get("charts") or {}
    expected_charts = sum(1 for k in ("iis_per_minute", "status_by_endpoint") if charts.get(k))
    expected_charts += 1 if report["timeline"] else 0

    static = StaticCounts()
    static.feed(html_path.read_text(encoding="utf-8"))
    check(static.findings == n_findings, f"without scripts: {static.findings} finding elements, JSON has {n_findings}")
    check(static.charts == expected_charts, f"without scripts: {static.charts} SVG charts, chart data gives {expected_charts}")
    check({"diagnosis", "findings", "inventory", "timeline"} <= static.ids, "without scripts: diagnosis, findings, timeline and inventory sections")
    check(not static.fetching, f"no element that fetches a resource ({static.fetching})")

    chromium = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
    chromedriver = shutil.which("chromedriver")
    if not chromium or not chromedriver:
        raise SystemExit("chromium and chromedriver are needed: apt-get install -y chromium chromium-driver")
    profile = tempfile.mkdtemp(prefix="wsus-doctor-chromium-")
    driver = Driver(chromium, chromedriver, profile)
    try:
        driver.s("POST", "/url", {"url": html_path.as_uri()})
        facts = driver.run(PAGE_FACTS)
        print(json.dumps({k: v for k, v in facts.items() if k != "fetched"}, indent=1))
        check(facts["diagnosis"], "#diagnosis is visible")
        lang = report.get("lang", "en")
        check(facts["lang"] == lang, f"<html lang> is {facts['lang']!r}, the report's language {lang!r}")
        if lang == "ja":
            check("Meiryo" in facts["font"], f"a Japanese font stack applies: {facts['font']}")
            check(all(any(ord(c) > 0x3000 for c in h) for h in facts["headings"]),
                  f"every section heading is Japanese: {facts['headings']}")
        check(facts["causes"] == len(report["diagnosis"]), f"{facts['causes']} causes shown, JSON has {len(report['diagnosis'])}")
        check(facts["findings"] == n_findings, f"{facts['findings']} finding elements, JSON has {n_findings}")
        check(facts["findings_visible"] == n_findings, f"{facts['findings_visible']} of {n_findings} findings visible")
        check(facts["charts"] == expected_charts and facts["charts_drawn"] == expected_charts,
              f"{facts['charts_drawn']} of {facts['charts']} charts drawn, expected {expected_charts}")
        check(facts["inventory_visible"] == bool(report["inventory"]["files"]), "inventory table shown")
        check(facts["inventory_rows"] == len(report["inventory"]["files"]),
              f"{facts['inventory_rows']} inventory rows, JSON has {len(report['inventory']['files'])}")
        check(facts["events"] == len(report["timeline"]), f"{facts['events']} timeline rows, JSON has {len(report['timeline'])}")
        check(not facts["fetched"], f"nothing fetched: {facts['fetched']}")
        check(not facts["overflow"], "no horizontal scrolling at 1280 px")
        check(not facts["too_wide"], f"nothing wider than the page column: {facts['too_wide']}")
        if report["timeline"]:
            check(facts["filters_visible"], "the timeline filter is shown when scripts run")
            f = driver.run(FILTER_BY_SIDE)
            if f is not None:
                check(f["shown"] == f["expected"], f"filtering the timeline by side {f['side']}: {f['shown']} rows shown, {f['expected']} expected")

        top = out_dir / "report-top.png"
        full = out_dir / "report-full.png"
        driver.screenshot(top, full_page=False)
        size = driver.screenshot(full, full_page=True)
        check(size > 10_000, f"full-page screenshot of {size} bytes")

        driver.cdp("Emulation.setEmulatedMedia", {"media": "print"})
        printed = driver.run(PAGE_FACTS)
        check(printed["findings_visible"] == n_findings, f"print: {printed['findings_visible']} of {n_findings} findings visible")
        check(printed["events_visible"] == printed["events"], f"print: {printed['events_visible']} of {printed['events']} timeline rows visible")
        check(printed["charts_drawn"] == expected_charts, f"print: {printed['charts_drawn']} charts drawn")
        check(not printed["nav_visible"] and not printed["filters_visible"], "print: navigation and filter hidden")
        driver.screenshot(out_dir / "report-print.png", full_page=True)
        driver.cdp("Emulation.setEmulatedMedia", {"media": ""})

        pdf = base64.b64decode(driver.s("POST", "/print", {"background": False, "page": {"width": 21.0, "height": 29.7}}))
        (out_dir / "report-webdriver.pdf").write_bytes(pdf)
        check(pdf.startswith(b"%PDF"), f"WebDriver print gives a PDF of {len(pdf)} bytes")

        logs = driver.logs()
        for entry in logs:
            print(f"console {entry.get('level')}: {entry.get('message')}")
        errors = [e for e in logs if e.get("level") == "SEVERE"]
        check(not errors, f"no console error ({len(errors)} found)")
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)

    for name in ("report-top.png", "report-full.png", "report-print.png", "report-webdriver.pdf"):
        print(f"saved {out_dir / name}")
    if failures:
        print(f"{len(failures)} check(s) failed", file=sys.stderr)
        sys.exit(1)
    print("all browser checks passed")


if __name__ == "__main__":
    main()

"""The Jobs page in a real browser (Debian's chromium driven by Playwright, as in test_console_browser.py),
against Datasette in a subprocess and a JSON server on 127.0.0.1 in this process. Screenshots go to
tests/artifacts/ (jobs-list.png is the README's)."""

from __future__ import annotations

import json
import sqlite3
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from datasette.app import Datasette

from .server import running_datasette
from .test_console_browser import ARTIFACTS, CHROMIUM, CHROMIUM_ARGS, type_code

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason="needs chromium: run .ci/install-browser.sh")

SECRET = "jobs-browser-test-secret"
ALICE = {"id": "alice"}
PRICES = [{"s": "AAA", "p": 1.5}, {"s": "BBB", "p": 2.25}, {"s": "CCC", "p": 310.0}]


class Handler(BaseHTTPRequestHandler):
    def do_GET(self):
        body = json.dumps(PRICES).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def json_server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


@pytest.fixture(scope="module")
def db_path(tmp_path_factory):
    path = tmp_path_factory.mktemp("jobs") / "data.db"
    conn = sqlite3.connect(path)
    conn.execute("create table prices (sym text primary key, price float)")
    conn.commit()
    conn.close()
    return path


@pytest.fixture(scope="module")
def server(json_server, db_path):
    allow = {"id": "alice"}
    write = {action: allow for action in ("insert-row", "update-row", "delete-row")}
    config = {
        "plugins": {
            "datasette-agent-micropython": {
                "network": {"allow": [json_server + "/v1/"]},
                "jobs": {
                    "nightly-cleanup": {
                        "database": "data",
                        "schedule": {"cron": "0 3 * * *"},
                        "writes": ["prices"],
                        "code": "import datasette\n\ndef run():\n    datasette.delete('prices', ['ZZZ'])\n",
                    }
                },
            }
        },
        "permissions": {"micropython-jobs": allow, "view-instance": True},
        "databases": {"data": {"tables": {"prices": {"permissions": write}}}},
    }
    with running_datasette(config, str(db_path), "--secret", SECRET) as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, server):
    context = browser.new_context(viewport={"width": 1200, "height": 900})
    cookie = Datasette(secret=SECRET).sign({"a": ALICE}, "actor")
    context.add_cookies([{"name": "ds_actor", "value": cookie, "url": server}])
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(error.stack or str(error)))
    yield page
    context.close()
    assert [error for error in errors if "static-plugins/datasette-agent-micropython/" in error] == []


JOB = """import json
import datasette

def run():
    r = fetch("SERVER/v1/prices.json")
    rows = [{"sym": p["s"], "price": p["p"]} for p in json.loads(r["body"])]
    datasette.upsert("prices", rows, pk="sym")
    print("fetched", len(rows), "prices")"""


def test_a_job_is_created_from_the_table_dry_run_run_and_listed(server, json_server, db_path, page):
    # The table action opens the editor for a job writing to that table.
    page.goto(server + "/data/prices")
    page.locator("details.actions-menu-links summary").click()
    page.locator("a[role=menuitem]", has_text="Schedule Python that writes to this table").click()
    page.wait_for_url("**/-/micropython/jobs/-/new?database=data&table=prices")
    page.locator(".cm-editor").wait_for()
    assert 'datasette.upsert("prices"' in page.locator(".cm-content").inner_text()
    assert page.locator("input[name=writes]").input_value() == "prices"
    page.locator("input[name=name]").fill("import-prices")
    page.locator("input[name=schedule_value]").fill("3600")
    page.locator("textarea[name=allow]").fill(json_server + "/v1/")
    type_code(page, JOB.replace("SERVER", json_server))
    page.get_by_role("button", name="Save").click()
    page.wait_for_url("**/-/micropython/jobs/import-prices")
    page.locator(".cm-editor").wait_for()
    # Dry run: what would be written, nothing written.
    page.get_by_role("button", name="Dry run").click()
    page.locator(".micropython-table").wait_for()
    output = page.locator("#micropython-output")
    assert "would write\nprices: 3 upserted" in output.locator(".micropython-note pre").inner_text()
    assert output.locator("table th").all_inner_texts() == ["sym", "price"]
    assert output.locator("table tbody tr").count() == 3
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "jobs-dry-run.png"), full_page=True)
    assert sqlite3.connect(db_path).execute("select count(*) from prices").fetchone() == (0,)
    # Run now writes.
    page.get_by_role("button", name="Run now").click()
    page.wait_for_function(
        "document.querySelector('#micropython-output pre').textContent.startsWith('wrote')"
    )
    assert output.locator(".micropython-stdout pre").inner_text() == "fetched 3 prices\n"
    assert sqlite3.connect(db_path).execute("select * from prices order by sym").fetchall() == [
        ("AAA", 1.5),
        ("BBB", 2.25),
        ("CCC", 310.0),
    ]
    # The history lists both runs.
    page.reload()
    runs = page.locator("table.micropython-job-runs tbody tr")
    assert runs.count() == 2
    assert runs.nth(0).locator("td").nth(2).inner_text() == "manual"
    assert runs.nth(1).locator("td").nth(2).inner_text() == "dry-run"
    page.screenshot(path=str(ARTIFACTS / "jobs-edit.png"), full_page=True)
    # The list: this job and the datasette.yaml one, with schedules and last runs.
    page.goto(server + "/-/micropython/jobs")
    rows = page.locator("table.micropython-jobs-list tbody tr")
    assert rows.count() == 2
    imported = page.locator("tr[data-job=import-prices] td")
    assert imported.nth(3).inner_text() == "every 60 min"
    assert imported.nth(5).inner_text().split()[0] == "success"
    assert page.locator("tr[data-job=nightly-cleanup] td").nth(3).inner_text() == "cron 0 3 * * *"
    assert page.locator("tr[data-job=nightly-cleanup] td").nth(7).inner_text() == "datasette.yaml"
    page.screenshot(path=str(ARTIFACTS / "jobs-list.png"), full_page=True)


def test_an_error_shows_the_traceback_marks_the_line_and_writes_nothing(server, json_server, db_path, page):
    page.goto(server + "/-/micropython/jobs/-/new?database=data&table=prices")
    page.locator(".cm-editor").wait_for()
    page.locator("input[name=name]").fill("broken")
    code = (
        "import datasette\n\ndef run():\n"
        '    datasette.insert("prices", [{"sym": "ZZZ", "price": 0}])\n'
        "    ratio = 1 / 0\n"
    )
    type_code(page, code)
    page.get_by_role("button", name="Save").click()
    page.wait_for_url("**/-/micropython/jobs/broken")
    page.locator(".cm-editor").wait_for()
    page.get_by_role("button", name="Run now").click()
    page.locator("#micropython-output .micropython-error").first.wait_for()
    assert page.locator("#micropython-output pre").first.inner_text().startswith("failed: nothing written")
    error = page.locator("#micropython-output .micropython-error pre").last.inner_text()
    assert "ZeroDivisionError" in error and "line 5" in error
    assert page.locator(".cm-error-line").inner_text() == "    ratio = 1 / 0"
    page.screenshot(path=str(ARTIFACTS / "jobs-error.png"), full_page=True)
    assert sqlite3.connect(db_path).execute("select count(*) from prices where sym = 'ZZZ'").fetchone() == (
        0,
    )
    # Disable, from the page: the list says so.
    page.get_by_role("button", name="Disable").click()
    page.wait_for_load_state()
    page.locator(".micropython-job-disabled").wait_for()
    assert "disabled by alice" in page.locator(".micropython-job-disabled").inner_text()
    # A syntax error is refused at save, with its line marked.
    type_code(page, "def run(:\n    pass")
    page.get_by_role("button", name="Save").click()
    page.locator("#micropython-output .micropython-error").wait_for()
    assert "line 1: SyntaxError" in page.locator("#micropython-output .micropython-error pre").inner_text()
    assert page.locator(".cm-error-line").inner_text() == "def run(:"

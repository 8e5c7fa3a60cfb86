"""The Functions page in a real browser (Debian's chromium driven by Playwright) against Datasette in a
subprocess: define a function in the editor, test it on sample values, save it, use it in the SQL editor.
The screenshot goes to tests/artifacts/ (the README shows it)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from datasette.app import Datasette

from .server import running_datasette
from .test_console_browser import ARTIFACTS, CHROMIUM, CHROMIUM_ARGS, type_code

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason="needs chromium: run .ci/install-browser.sh")

SECRET = "functions-browser-test-secret"
SLUGIFY = 'def slugify(s):\n    return "-".join(s.lower().split())\n'


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    db = tmp_path_factory.mktemp("functions-browser") / "places.db"
    conn = sqlite3.connect(db)
    conn.execute("create table places (id integer primary key, name text)")
    conn.executemany("insert into places (name) values (?)", [("Hello World",), ("Datasette  Rocks",)])
    conn.commit()
    conn.close()
    config = {
        "permissions": {"micropython-functions": {"id": "alice"}},
        "plugins": {"datasette-agent-micropython": {"functions": {"slugify": {"code": SLUGIFY}}}},
    }
    with running_datasette(config, str(db), "--secret", SECRET) as url:
        yield url


@pytest.fixture
def page(tmp_path):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        context = browser.new_context(viewport={"width": 1100, "height": 1200})
        page = context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda error: errors.append(error.stack or str(error)))
        yield page
        context.close()
        browser.close()
        assert [e for e in errors if "static-plugins/datasette-agent-micropython/" in e] == []


def sign_in(page, url: str) -> None:
    cookie = Datasette(secret=SECRET).sign({"a": {"id": "alice"}}, "actor")
    page.context.add_cookies([{"name": "ds_actor", "value": cookie, "url": url}])


def test_define_test_save_and_use_a_function(server, page):
    sign_in(page, server)
    page.goto(server + "/-/micropython/functions")
    assert page.title() == "Python SQL functions"
    page.locator(".cm-editor").wait_for()
    page.fill("#mpf-name", "initials")
    type_code(
        page,
        "def initials(name, sep='.'):\n"
        "    words = [w for w in name.split() if w]\n"
        "    return sep.join(w[0].upper() for w in words) + sep",
    )
    page.keyboard.press("Escape")  # close the editor's autocompletion
    page.fill("#mpf-samples", '["Ada Lovelace"]\n["grace brewster hopper", ""]\n[42]')
    page.click("#mpf-test")
    page.locator(".mpf-results").wait_for()
    cells = page.locator(".mpf-results td").all_inner_texts()
    assert cells[:4] == ['["Ada Lovelace"]', '"A.L."', '["grace brewster hopper",""]', '"GBH"']
    assert cells[4] == "[42]" and cells[5].startswith("initials(): AttributeError") and "(line 2)" in cells[5]
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "functions-page.png"), full_page=True)
    page.click("#mpf-save")
    # the list, not the editor (which shows the name already), says the function is saved
    page.locator("#mpf-list", has_text="initials").wait_for()
    page.goto(
        server + "/places/-/query?sql=select+initials(name)+as+i,+slugify(name)+as+s+from+places+order+by+id"
    )
    rows = page.locator("table.rows-and-columns tbody tr")
    assert rows.first.locator("td").all_inner_texts() == ["H.W.", "hello-world"]
    assert Path(ARTIFACTS / "functions-page.png").exists()

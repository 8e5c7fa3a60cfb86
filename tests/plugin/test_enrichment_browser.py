"""The enrichment form in a real browser (Debian's chromium through Playwright, as
test_console_browser.py): the console's editor, the columns of `row`, "Try on 5 rows", and a job started
from the edited code. Screenshots go to tests/artifacts/."""

from __future__ import annotations

import sqlite3

import pytest

from . import test_console_browser
from .server import running_datasette
from .test_console_browser import ARTIFACTS, CHROMIUM, type_code

# One browser for the module, and a fresh page per test, as in the console's browser tests.
browser = test_console_browser.browser
page = test_console_browser.page

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason="needs chromium: run .ci/install-browser.sh")

CODE = """import datasette
biggest = datasette.query("select max(population) as m from cities")[0]["m"]
def enrich(row):
    if row["name"] == "Lima":
        raise ValueError("no data for " + row["name"])
    return round(100 * row["population"] / biggest, 1)"""


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    path = tmp_path_factory.mktemp("enrich") / "data.db"
    db = sqlite3.connect(path)
    db.execute("create table cities (id integer primary key, name text, population integer)")
    db.executemany(
        "insert into cities (name, population) values (?, ?)",
        [
            ("Tokyo", 37400000),
            ("Delhi", 31000000),
            ("Lima", 10700000),
            ("Lagos", 14800000),
            ("Cairo", 21300000),
            ("Oslo", 700000),
        ],
    )
    db.commit()
    db.close()
    # Enrichments are for everyone here (anonymous browser); the console permission is allowed by default.
    with running_datasette({"permissions": {"enrichments": True}}, str(path)) as url:
        yield url, path


def test_the_form_uses_the_editor_and_tries_the_code_on_five_rows(server, page):
    url, path = server
    page.goto(url + "/-/enrich/data/cities/micropython?population__gt=1000000")
    page.locator(".cm-editor").wait_for()
    assert page.locator("textarea#code").is_hidden()
    help_text = page.locator(".micropython-row-columns").inner_text()
    assert 'row["id"] integer, primary key' in help_text and 'row["population"] integer' in help_text
    assert page.locator("#output_column").input_value() == "name_upper"
    type_code(page, CODE)
    page.locator("#output_column").fill("share")
    page.locator("#output_type").select_option("float")
    page.get_by_role("button", name="Try on 5 rows").click()
    page.locator("#micropython-preview-output table").wait_for()
    assert page.locator("#micropython-preview-output th").all_inner_texts() == ["id", "share"]
    rows = [
        r.locator("td").all_inner_texts() for r in page.locator("#micropython-preview-output tbody tr").all()
    ]
    # Oslo is filtered out by the page's filter; Lima's error is shown in its row.
    assert rows[:2] == [["1", "100"], ["2", "82.9"]]
    assert rows[2][0] == "3" and rows[2][1].splitlines()[-1] == "ValueError: no data for Lima"
    assert rows[3:] == [["4", "39.6"], ["5", "57"]]
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "enrichment-preview.png"), full_page=True)
    # Nothing written by the preview.
    columns = [row[1] for row in sqlite3.connect(path).execute("pragma table_info(cities)")]
    assert "share" not in columns
    # The job runs the code typed in the editor.
    page.get_by_role("button", name="Enrich data").click()
    page.wait_for_url("**/data/cities?*")
    for _ in range(100):
        written = sqlite3.connect(path).execute("select id, share from cities order by id").fetchall()
        if written[4][1] is not None:
            break
        page.wait_for_timeout(100)
    # Oslo is not among the rows the page selected.
    assert written == [(1, 100.0), (2, 82.9), (3, None), (4, 39.6), (5, 57.0), (6, None)]


def test_code_that_cannot_run_says_why_in_the_preview(server, page):
    url, _ = server
    page.goto(url + "/-/enrich/data/cities/micropython")
    page.locator(".cm-editor").wait_for()
    type_code(page, "def enrich(row)\n    return row['name'].upper()")
    page.keyboard.press("Control+Enter")
    error = page.locator("#micropython-preview-output pre")
    error.wait_for()
    assert error.inner_text().endswith("line 1\nSyntaxError: invalid syntax")
    assert page.locator(".cm-error-line").inner_text() == "def enrich(row)"

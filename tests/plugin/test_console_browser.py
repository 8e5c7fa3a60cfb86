"""The console in a real browser: Debian's chromium driven by Playwright (installed from PyPI, no
browser download; .ci/install-browser.sh installs chromium), against Datasette serving the demo database
in a subprocess. Screenshots go to tests/artifacts/."""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

import pytest

from .server import running_datasette

ROOT = Path(__file__).parent.parent.parent
CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(__file__).parent.parent / "artifacts"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason="needs chromium: run .ci/install-browser.sh")


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    sys.path.insert(0, str(ROOT / "demo"))
    try:
        from build_demo_db import build
    finally:
        sys.path.pop(0)
    db = tmp_path_factory.mktemp("demo") / "demo.db"
    build(db)
    with running_datasette(None, str(db), "-c", str(ROOT / "demo" / "datasette.yaml")) as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1100, "height": 900})
    page = context.new_page()
    errors: list[str] = []
    # Only errors in the console's scripts count: other plugins' inline scripts are not under test here
    # (datasette-agent 0.4a0 writes `<script>None</script>` into every page for actors without its permission).
    page.on("pageerror", lambda error: errors.append(error.stack or str(error)))
    yield page
    context.close()
    assert [error for error in errors if "static-plugins/datasette-agent-micropython/" in error] == []


def type_code(page, code):
    """Replaces the editor's text by typing `code`, line by line, as a person would."""
    editor = page.locator(".cm-content")
    editor.click()
    page.keyboard.press("Control+a")
    page.keyboard.press("Delete")
    for i, line in enumerate(code.split("\n")):
        if i:
            # Escape first: Enter would otherwise accept an open autocompletion instead of ending the line.
            page.keyboard.press("Escape")
            page.keyboard.press("Enter")
            # Undo the editor's auto-indent: each line below says its own indentation.
            page.keyboard.press("Shift+Home")
            page.keyboard.press("Delete")
        page.keyboard.type(line)


def run(page, code):
    type_code(page, code)
    page.locator("#micropython-status").evaluate("node => node.textContent = ''")
    page.keyboard.press("Control+Enter")
    page.wait_for_function("document.getElementById('micropython-status').textContent.startsWith('Ran in')")


def test_typed_code_runs_on_ctrl_enter_and_draws_a_table(server, page):
    page.goto(server + "/demo/-/micropython?table=cities")
    assert page.title() == "Python: demo"
    # The starter snippet queries the table the console was opened from.
    page.locator(".cm-editor").wait_for()
    assert "select * from cities limit 100" in page.locator(".cm-content").inner_text()
    run(
        page,
        "import datasette\n"
        'rows = datasette.query("select name, country, population from cities order by population desc limit 5")\n'
        'print("largest:", rows[0]["name"])\n'
        "rows",
    )
    output = page.locator("#micropython-output")
    assert output.locator(".micropython-stdout pre").text_content() == "largest: Shanghai\n"
    headers = output.locator("table th").all_inner_texts()
    assert headers == ["name", "country", "population"]
    first_row = output.locator("table tbody tr").first.locator("td").all_inner_texts()
    assert first_row == ["Shanghai", "China", "24870000"]
    assert output.locator("table tbody tr").count() == 5
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "console-table.png"), full_page=True)


def test_a_traceback_is_shown_and_its_line_marked(server, page):
    page.goto(server + "/demo/-/micropython")
    page.locator(".cm-editor").wait_for()
    run(page, "total = 0\nfor n in [1, 2, 0]:\n    total += 10 / n\nprint(total)")
    error = page.locator(".micropython-error pre").inner_text()
    assert "ZeroDivisionError" in error and "line 3" in error
    assert page.locator(".cm-error-line").inner_text() == "    total += 10 / n"
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "console-traceback.png"), full_page=True)
    # Editing the code clears the mark.
    page.keyboard.type("  # fixed")
    assert page.locator(".cm-error-line").count() == 0


def test_markup_in_output_is_shown_as_text(server, page):
    page.goto(server + "/demo/-/micropython")
    page.locator(".cm-editor").wait_for()
    script = "<script>window.injected = 1</script><b>bold</b>"
    image = "<img src=x onerror='window.injected = 2'>"
    run(page, f'print("{script}")\nshow([{{"cell": "{image}"}}])\n"{script}"')
    output = page.locator("#micropython-output")
    assert output.locator(".micropython-stdout pre").text_content() == script + "\n"
    assert output.locator("td").text_content() == image
    assert output.locator(".micropython-value pre").text_content() == repr(script)
    assert output.locator("script, b, img").count() == 0
    assert page.evaluate("window.injected") is None


def test_the_session_survives_a_reload_until_reset(server, page):
    page.goto(server + "/demo/-/micropython")
    page.locator(".cm-editor").wait_for()
    run(page, "counter = 41")
    page.reload()
    page.locator(".cm-editor").wait_for()
    # The code typed last is back too.
    assert page.locator(".cm-content").inner_text() == "counter = 41"
    run(page, "counter + 1")
    assert page.locator(".micropython-value pre").inner_text() == "42"
    page.get_by_role("button", name="Reset session").click()
    page.wait_for_function(
        "document.getElementById('micropython-status').textContent.startsWith('Session reset')"
    )
    run(page, "counter")
    assert "NameError" in page.locator(".micropython-error pre").inner_text()


def test_menus_open_the_console_from_a_table(server, page):
    page.goto(server + "/demo/readings")
    page.locator("details.actions-menu-links summary").click()
    page.locator("a[role=menuitem]", has_text="Run Python against this table").click()
    page.wait_for_url("**/demo/-/micropython?table=readings")
    page.locator(".cm-editor").wait_for()
    assert "select * from readings limit 100" in page.locator(".cm-content").inner_text()


LOOP = "seen = 0\nwhile True:\n    seen += 1"


def start(page, code):
    """Types `code` and starts it, without waiting for it to finish."""
    type_code(page, code)
    page.keyboard.press("Control+Enter")
    page.wait_for_function("document.getElementById('micropython-status').textContent === 'Running…'")
    page.wait_for_timeout(300)


def test_stop_interrupts_the_run_at_once_and_keeps_the_session(server, page):
    page.goto(server + "/demo/-/micropython")
    page.locator(".cm-editor").wait_for()
    assert page.locator("#micropython-stop").is_disabled()
    start(page, LOOP)
    stop = page.get_by_role("button", name="Stop")
    assert stop.is_enabled()
    started = time.monotonic()
    stop.click()
    page.wait_for_function("document.getElementById('micropython-status').textContent.startsWith('Ran in')")
    assert time.monotonic() - started < 2
    error = page.locator(".micropython-error pre").inner_text()
    assert error.splitlines()[-1] == "stopped: the run was cancelled (Stop)"
    assert "KeyboardInterrupt" not in error
    assert page.locator(".cm-error-line").inner_text() in ("while True:", "    seen += 1")
    assert page.locator("#micropython-stop").is_disabled()
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "console-stopped.png"), full_page=True)
    run(page, "seen > 1000")
    assert page.locator(".micropython-value pre").inner_text() == "True"


def test_the_time_limit_says_so_and_marks_the_line(server, page):
    page.goto(server + "/demo/-/micropython")
    page.locator(".cm-editor").wait_for()
    run(page, "def spin():\n    while True:\n        pass\nspin()")
    error = page.locator(".micropython-error pre").inner_text()
    assert error.splitlines()[-1] == "stopped: the time limit of 5 s was reached"
    assert "line 3, in spin" in error or "line 2, in spin" in error
    assert page.locator(".cm-error-line").count() == 1
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "console-time-limit.png"), full_page=True)


def test_reset_during_a_run_never_waits(server, page):
    page.goto(server + "/demo/-/micropython")
    page.locator(".cm-editor").wait_for()
    start(page, LOOP)
    started = time.monotonic()
    page.get_by_role("button", name="Reset session").click()
    page.wait_for_function("document.querySelector('.micropython-error pre')")
    assert time.monotonic() - started < 2
    assert "stopped: the session was closed" in page.locator(".micropython-error pre").inner_text()
    run(page, "seen")
    assert "NameError" in page.locator(".micropython-error pre").inner_text()


def test_a_long_table_says_how_many_rows_and_copies_as_csv_json_markdown(server, browser):
    context = browser.new_context(
        viewport={"width": 1100, "height": 900}, permissions=["clipboard-read", "clipboard-write"]
    )
    page = context.new_page()
    try:
        page.goto(server + "/demo/-/micropython")
        page.locator(".cm-editor").wait_for()
        run(
            page,
            "rows = [{'n': i, 'note': 'a,\"b\"|c' if i == 0 else None} for i in range(1500)]\nshow(rows)",
        )
        assert (
            page.locator(".micropython-row-count").text_content() == "showing the first 1,000 of 1,500 rows"
        )
        assert page.locator("table tbody tr").count() == 1000

        def copied(name):
            button = page.locator(".micropython-copy-" + name.lower())
            assert button.text_content() == name
            button.click()
            page.wait_for_function(
                f"document.querySelector('.micropython-copy-{name.lower()}').textContent === 'Copied'"
            )
            return page.evaluate("navigator.clipboard.readText()")

        csv_text = copied("CSV")
        assert csv_text.startswith('n,note\r\n0,"a,""b""|c"\r\n1,\r\n')
        assert csv_text.count("\r\n") == 1001
        assert json.loads(copied("JSON"))[:2] == [{"n": 0, "note": 'a,"b"|c'}, {"n": 1, "note": None}]
        assert copied("Markdown").startswith('| n | note |\n| --- | --- |\n| 0 | a,"b"\\|c |\n| 1 |  |\n')
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "console-long-table.png"))
    finally:
        context.close()


def test_the_permalink_opens_the_same_code_without_running_it(server, page):
    page.goto(server + "/demo/-/micropython")
    page.locator(".cm-editor").wait_for()
    code = "import datasette\nrows = datasette.query(\"select name from cities where name like 'S%' limit 3\")\nrows"
    run(page, code)
    href = page.locator("#micropython-link").get_attribute("href")
    assert href.startswith("/demo/-/micropython?code=")
    other = page.context.new_page()
    other.goto(server + href)
    other.locator(".cm-editor").wait_for()
    assert other.locator(".cm-content").inner_text() == code
    assert other.locator("#micropython-output").inner_text() == ""
    other.close()


def drawn_chart(page):
    page.wait_for_function("document.querySelector('.micropython-chart[data-drawn]')")
    assert page.locator(".micropython-chart pre").count() == 0, page.locator(
        ".micropython-chart pre"
    ).inner_text()
    return page.locator(".micropython-chart svg").first


@pytest.mark.parametrize(
    ("code", "mark", "marks"),
    [
        (
            (
                'rows = datasette.query("select name, population from cities order by population desc limit 8")\n'
                'show(rows, chart="bar", x="name", y="population")'
            ),
            "bar",
            8,
        ),
        (
            (
                'rows = datasette.query("select date, temperature_c from readings where city_id = 1 order by date")\n'
                'show(rows, chart="line", x="date", y="temperature_c")'
            ),
            "line",
            1,
        ),
        (
            (
                'rows = datasette.query("select latitude, longitude from cities")\n'
                'show(rows, chart="scatter", x="longitude", y="latitude")'
            ),
            "dot",
            None,
        ),
        (
            'rows = datasette.query("select population from cities")\nshow(rows, chart="histogram", x="population")',
            "rect",
            None,
        ),
    ],
)
def test_show_draws_charts(server, page, code, mark, marks):
    page.goto(server + "/demo/-/micropython")
    page.locator(".cm-editor").wait_for()
    run(page, "import datasette\n" + code)
    svg = drawn_chart(page)
    shapes = svg.locator(f'g[aria-label="{mark}"] > *')
    if marks is None:
        assert shapes.count() >= 3
    else:
        assert shapes.count() == marks
    # The table is still there, under the chart.
    assert page.locator(".micropython-table table tbody tr").count() >= 1
    kind = code.split('chart="')[1].split('"')[0]
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"console-chart-{kind}.png"), full_page=True)


def test_bad_chart_arguments_are_an_error_at_the_line_of_the_call(server, page):
    page.goto(server + "/demo/-/micropython")
    page.locator(".cm-editor").wait_for()
    run(
        page,
        'import datasette\nrows = datasette.query("select name from cities")\nshow(rows, chart="pie", x="name")',
    )
    error = page.locator(".micropython-error pre").inner_text()
    assert (
        error.splitlines()[-1]
        == "ValueError: show(): chart must be one of 'bar', 'line', 'scatter', 'histogram', not 'pie'"
    )
    assert page.locator(".cm-error-line").inner_text() == 'show(rows, chart="pie", x="name")'
    assert page.locator(".micropython-chart").count() == 0


def completions(page):
    tooltip = page.locator(".cm-tooltip-autocomplete")
    tooltip.wait_for()
    return tooltip.locator("li").all_inner_texts()


def test_the_editor_completes_modules_and_the_sessions_names(server, page):
    page.goto(server + "/demo/-/micropython")
    page.locator(".cm-editor").wait_for()
    run(page, "import datasette\npopulation_by_country = {}\ncity_names = ['x']")
    type_code(page, "import da")
    assert "datasette" in completions(page)
    page.keyboard.press("Escape")
    type_code(page, "import ")
    page.keyboard.press("Control+Space")
    offered = completions(page)
    assert {"json", "math", "collections"} <= set(offered) and "subprocess" not in offered
    page.keyboard.press("Escape")
    type_code(page, "population_b")
    assert "population_by_country" in completions(page)
    page.keyboard.press("Enter")
    assert page.locator(".cm-content").inner_text() == "population_by_country"
    type_code(page, "datasette.qu")
    assert "query" in completions(page)
    type_code(page, "city_names.app")
    assert "append" in completions(page)
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "console-completion.png"))
    # Inside a string, nothing is offered.
    type_code(page, 'x = "population_b')
    page.wait_for_timeout(500)
    assert page.locator(".cm-tooltip-autocomplete").count() == 0

"""The enrichment form's help for writing enrich(): the columns `row` holds, a pre-filled output column,
the "Try on 5 rows" preview, and several output columns added in the order enrich returns them."""

from __future__ import annotations

import sqlite3

import pytest
from datasette.app import Datasette

from .test_enrichment import ROOT, make_datasette, make_items, query, run_job

PREVIEW = "/-/micropython/enrich-preview/data/items"


@pytest.fixture
def db_path(tmp_path):
    path = tmp_path / "data.db"
    make_items(path, 25)
    return path


async def test_the_form_lists_the_columns_and_prefills_a_new_output_column(db_path):
    ds = make_datasette(db_path)
    html = (await ds.client.get("/-/enrich/data/items/micropython", actor=ROOT)).text
    assert (
        '<code>row[&#34;id&#34;]</code>\n    <span class="type">integer, primary key</span>' in html
        or "<code>row[&#34;id&#34;]</code>" in html
    )
    for column, kind in (("id", "integer, primary key"), ("name", "text"), ("n", "integer")):
        assert f"<code>row[&#34;{column}&#34;]</code>" in html
        assert f'<span class="type">{kind}</span>' in html
    # The starter code upper-cases `name`: the output column is named for it.
    assert 'id="output_column" name="output_column" type="text" value="name_upper"' in html
    # The console's editor and the preview.
    assert "micropython-editor.js" in html
    assert 'data-preview-url="/-/micropython/enrich-preview/data/items"' in html
    assert "Try on 5 rows" in html


async def test_the_prefilled_output_column_is_never_an_existing_one(tmp_path):
    path = tmp_path / "data.db"
    make_items(path, 3)
    conn = sqlite3.connect(path)
    conn.execute("alter table items add column name_upper text")
    conn.commit()
    conn.close()
    ds = make_datasette(path)
    html = (await ds.client.get("/-/enrich/data/items/micropython", actor=ROOT)).text
    assert 'value="name_upper_"' in html


async def preview(ds, code, actor=ROOT, **fields):
    response = await ds.client.post(PREVIEW, json={"code": code, **fields}, actor=actor)
    return response.status_code, response.json()


async def test_preview_runs_enrich_on_the_first_five_selected_rows_and_writes_nothing(db_path):
    ds = make_datasette(db_path)
    code = (
        "import datasette\n"
        "total = datasette.query('select sum(n) as s from items')[0]['s']\n"
        "def enrich(row):\n"
        "    if row['n'] == 13:\n"
        "        raise ValueError('unlucky')\n"
        "    return '%s: %.1f%%' % (row['name'], 100 * row['n'] / total)\n"
    )
    status, result = await preview(ds, code, mode="one", output_column="share", filters="?n__gte=11")
    assert status == 200 and result["ok"] is True
    assert result["columns"] == ["id", "share"] and result["key_columns"] == 1
    assert [row[0] for row in result["rows"]] == [11, 12, 13, 14, 15]
    assert result["rows"][0] == [11, "item 11: 3.4%"]
    assert result["rows"][2] == [13, None]
    assert result["errors"][0] is None and result["errors"][2].splitlines()[-1] == "ValueError: unlucky"
    assert "line 5, in enrich" in result["errors"][2]
    # Nothing was written, not even the column.
    assert "share" not in {row[1] for row in query(ds, "pragma table_info(items)")}


async def test_preview_of_several_columns_keeps_the_order_enrich_returns(db_path):
    ds = make_datasette(db_path)
    code = (
        "def enrich(row):\n"
        "    out = {'zeta': row['n'] * 2, 'alpha': row['name'].title()}\n"
        "    if row['n'] % 2:\n"
        "        out['middle'] = [row['n']]\n"
        "    return out if row['n'] != 4 else 'oops'\n"
    )
    _, result = await preview(ds, code, mode="several")
    assert result["columns"] == ["id", "zeta", "alpha", "middle"]
    assert result["rows"][:2] == [[1, 2, "Item 1", "[1]"], [2, 4, "Item 2", None]]
    assert result["errors"][3] == "enrich must return a dict of column name -> value, got 'oops'"


async def test_several_columns_are_added_in_the_order_enrich_returns_them(db_path):
    ds = make_datasette(db_path)
    code = "def enrich(row):\n    return {'zeta': row['n'], 'alpha': row['name'], 'mid': row['n'] / 2}\n"
    await run_job(ds, code, mode="several", output_column="")
    columns = [row[1] for row in query(ds, "pragma table_info(items)")]
    assert columns == ["id", "name", "n", "zeta", "alpha", "mid"]
    assert query(ds, "select zeta, alpha, mid from items where id = 3") == [(3, "item 3", 1.5)]


@pytest.mark.parametrize(
    ("code", "error", "line"),
    [
        ("def enrich(row)\n    return 1\n", "Line 1: SyntaxError: invalid syntax", 1),
        ("x = 1 / 0\ndef enrich(row):\n    return x\n", "Line 1: ZeroDivisionError: division by zero", 1),
        ("def other(row):\n    return 1\n", "The code must define a function enrich(row)", None),
        ("while True:\n    pass\n", "stopped: the time limit of 0.3 s was reached (line 2)", 2),
    ],
)
async def test_preview_of_code_that_cannot_run_says_why(db_path, code, error, line):
    ds = make_datasette(db_path, enrichment={"time_limit": 0.3})
    status, result = await preview(ds, code)
    assert status == 200 and result["ok"] is False
    if line == 2:  # the loop is stopped on either of its lines
        error, line = error.replace("(line 2)", f"(line {result['line']})"), result["line"]
        assert line in (1, 2)
    assert result["error"] == error
    # The line the editor marks.
    assert result.get("line") == line


async def test_preview_checks_its_input_and_permission(db_path):
    ds = make_datasette(db_path)
    assert (await ds.client.get(PREVIEW, actor=ROOT)).status_code == 405
    assert (await preview(ds, 3))[0] == 400
    assert (await preview(ds, "def enrich(row): return 1", mode="many"))[0] == 400
    missing = await ds.client.post("/-/micropython/enrich-preview/data/nope", json={"code": "x"}, actor=ROOT)
    assert missing.status_code == 404
    denied = Datasette(
        [str(db_path)], config={"permissions": {"execute-micropython": {"id": "someone-else"}}}
    )
    status, result = await preview(denied, "def enrich(row):\n    return 1\n")
    assert status == 403 and result["error"] == "You may not run Python against this database"

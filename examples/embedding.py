"""Embedding the sandbox in a plain Python program.

This example runs untrusted code (here, a small report an analyst or a model might write) against three
things the host chooses to share with it, and nothing else:

- a host function, `exchange_rate(currency)`, which the guest calls like a builtin;
- a SQLite database, read-only, through `import datasette`;
- one CSV file, at a guest path the host picks.

Run it with `python examples/embedding.py` (after `make setup`); tests/test_examples.py runs it too, so
it cannot drift from the API.
"""

import sqlite3
import tempfile
from pathlib import Path

from datasette_micropython import GuestError, Sandbox, SandboxTimeout

# The host's side: some data in a directory the guest will never see as a whole.
workdir = Path(tempfile.mkdtemp())
database = workdir / "shop.db"
with sqlite3.connect(database) as conn:
    conn.execute("create table orders (id integer primary key, customer text, amount real, currency text)")
    conn.executemany(
        "insert into orders (customer, amount, currency) values (?, ?, ?)",
        [("ada", 120.0, "EUR"), ("bob", 80.0, "USD"), ("ada", 35.5, "GBP"), ("cy", 12.0, "EUR")],
    )
conn.close()
(workdir / "targets.csv").write_text("customer,target\nada,150\nbob,100\ncy,50\n")


# A host function is any Python callable. Its arguments and result cross the boundary as plain values
# (None, bool, int, float, str, bytes, list, tuple, dict), and an exception it raises reaches the guest
# as an exception with the same message.
RATES = {"EUR": 1.0, "USD": 0.92, "GBP": 1.17}


def exchange_rate(currency):
    if currency not in RATES:
        raise ValueError(f"no rate for {currency}")
    return RATES[currency]


# Every limit is a keyword argument; the engine checks them and names any that is wrong. The sandbox is
# a context manager: leaving the block frees the interpreter and its memory.
with Sandbox(
    memory_limit=16 * 2**20,
    time_limit=2.0,
    host_functions={"exchange_rate": exchange_rate},
    # One file, read-only, at the guest path /data/targets.csv. Nothing else of the host's file
    # system exists for the guest.
    files={"/data/targets.csv": workdir / "targets.csv"},
    # The database, opened by the engine read-only: `import datasette` in the guest queries it.
    databases={"shop": database},
    default_database="shop",
) as sandbox:
    # The guest's code: ordinary Python. State persists from one run() to the next, as in a notebook.
    sandbox.run(
        """
import csv, datasette

totals = {}
for order in datasette.query("select customer, amount, currency from orders"):
    eur = order["amount"] * exchange_rate(order["currency"])
    totals[order["customer"]] = totals.get(order["customer"], 0) + eur

with open("/data/targets.csv") as f:
    targets = {row["customer"]: float(row["target"]) for row in csv.DictReader(f)}
"""
    )
    result = sandbox.run(
        """
for customer in sorted(totals):
    met = "met" if totals[customer] >= targets[customer] else "missed"
    print(f"{customer}: {totals[customer]:.2f} EUR of {targets[customer]:.0f}, {met}")
len(totals)
"""
    )
    # A run returns what the guest printed and the repr of its trailing expression.
    print(result.stdout, end="")
    print("customers:", result.value)

    # What the guest may not do fails inside the guest, as an ordinary exception: the database is
    # read-only, other files do not exist, and the host function's own errors come back too.
    for attempt in (
        "datasette.query('delete from orders')",
        "open('/etc/passwd')",
        "exchange_rate('JPY')",
    ):
        try:
            sandbox.run(attempt)
        except GuestError as error:
            print(f"refused: {attempt} -> {error.type_name}")

    # Limits stop runaway code without stopping the host: a loop past the time limit is interrupted,
    # and the session, with its variables, carries on.
    try:
        sandbox.run("while True: pass")
    except SandboxTimeout:
        still_there = sandbox.run("len(totals)").value
        print(f"interrupted after {sandbox.limits['time_limit']} s; totals still there: {still_there}")

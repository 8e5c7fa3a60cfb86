# The one command surface of the project. Every target works on a fresh machine: it installs what it needs.
#
#   make demo         set up, then start Datasette on the demo database with the plugin active
#   make test         set up, then run the Rust and Python test suites
#   make lint         rustfmt, clippy, ruff, mypy and stubtest
#   make guest        rebuild datasette_micropython/micropython.wasm (see micropython-build/README.md)
#   make check-guest  rebuild the guest in a temporary directory and compare it with the committed one
#   make bench        the side-by-side benchmarks (benches/README.md)
#   make soak         a few minutes of hostile load against a live Datasette (benches/soak.py)

VENV := .venv
PY := $(VENV)/bin/python
MATURIN_VERSION := 1.16.0
# The extension is rebuilt when any Rust source, manifest or the guest module changes.
EXTENSION_INPUTS := Cargo.toml Cargo.lock pyproject.toml $(shell find rust -name '*.rs' -o -name Cargo.toml) \
	datasette_micropython/micropython.wasm

.PHONY: setup browser test test-rust test-python lint guest check-guest demo bench soak
setup: $(VENV)/.installed

$(VENV)/bin/maturin:
	python3 -m venv $(VENV)
	$(VENV)/bin/pip install -q maturin==$(MATURIN_VERSION)

# Not quiet: the first build compiles Wasmtime and Cranelift, minutes on a small machine, and cargo's
# progress shows that it is working.
$(VENV)/.installed: $(VENV)/bin/maturin $(EXTENSION_INPUTS)
	@echo "Building the Rust extension in release mode (the first build compiles Wasmtime: 5-10 minutes on 2 cores)"
	$(VENV)/bin/maturin develop --release --locked -E test
	touch $@

test: test-rust test-python

# Debian's chromium for the browser tests (Playwright drives it; nothing is downloaded by Playwright). Where
# it cannot be installed (no apt-get), the browser tests skip and say why.
browser:
	.ci/install-browser.sh

# The whole workspace, not `-p micropython-sandbox`: cargo resolves features for the packages it is given,
# and the bindings' pyo3 macros turn on more features of syn, which Wasmtime's proc-macros use. With the
# core alone, Wasmtime and Cranelift would compile a second time; with the workspace, the test build
# reuses the extension's (the bindings have no tests of their own: `test = false`).
test-rust:
	cargo test --release --locked --workspace

test-python: setup browser
	$(PY) -m pytest -q

lint: setup
	cargo fmt --all --check
	cargo clippy --release --locked --all-targets -- -D warnings
	$(VENV)/bin/ruff check datasette_micropython tests examples
	$(VENV)/bin/ruff format --check datasette_micropython tests examples
	$(VENV)/bin/mypy datasette_micropython
	$(PY) -m mypy.stubtest datasette_micropython._engine

guest:
	$(MAKE) -C micropython-build

check-guest:
	$(MAKE) -C micropython-build check

DEMO_PORT ?= 8001

demo/demo.db: demo/build_demo_db.py demo/cities.csv
	python3 demo/build_demo_db.py $@

BENCH_VENV := benches/.venv

$(BENCH_VENV)/.installed: benches/requirements.txt benches/install.py
	python3 -m venv $(BENCH_VENV)
	$(BENCH_VENV)/bin/python benches/install.py
	touch $@

bench: setup $(BENCH_VENV)/.installed
	$(BENCH_VENV)/bin/python benches/run.py

soak: setup
	$(PY) benches/soak.py --check

demo: setup demo/demo.db
	@echo "Python console: http://127.0.0.1:$(DEMO_PORT)/demo/-/micropython"
	$(VENV)/bin/datasette demo/demo.db -c demo/datasette.yaml -m demo/metadata.yaml -p $(DEMO_PORT)

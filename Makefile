# The README's two commands: `make run` and `make test`. Every set-up step is here.
VENV      := .venv
PYTHON    := $(VENV)/bin/python
FLASK     := $(VENV)/bin/flask --app dhr
STAMP_PY  := $(VENV)/.installed
STAMP_JS  := node_modules/.installed
ASSETS    := dhr/static/css/app.css
HOST      ?= 127.0.0.1
PORT      ?= 5000
# The suite runs in this many processes (pytest-xdist), each test file whole in one of them.
TEST_WORKERS ?= 2

.PHONY: run test setup database serve clean bench

# The web server and, beside it, one background worker (big PDFs and other long work); Ctrl-C
# stops both.
run: setup database
	@$(FLASK) sign-ins
	@echo "Serving on http://$(HOST):$(PORT)/ with a background worker (Ctrl-C to stop)"
	@$(FLASK) worker & worker=$$!; trap 'kill $$worker 2>/dev/null; wait $$worker' EXIT INT TERM; \
	DHR_COOKIE_SECURE=$${DHR_COOKIE_SECURE:-0} $(FLASK) run --host $(HOST) --port $(PORT)

# Style (ruff) and the layers (import-linter contracts in setup.cfg) are part of the tests.
test: setup
	$(VENV)/bin/ruff check .
	$(VENV)/bin/lint-imports --no-cache
	$(PYTHON) -m pytest -n $(TEST_WORKERS) --dist loadfile $(PYTEST_ARGS)

setup: $(STAMP_PY) $(ASSETS)

$(STAMP_PY): setup.cfg
	test -d $(VENV) || python3 -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --upgrade pip
	$(VENV)/bin/pip install --quiet -e '.[test]'
	touch $@

$(STAMP_JS): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

$(ASSETS): $(STAMP_JS) $(wildcard dhr/assets/*)
	npm run --silent build

# Migrate, load the fictional demo data into an empty database, and bring the index up to date.
database: setup
	$(FLASK) db upgrade
	$(FLASK) demo --if-empty
	$(FLASK) search catch-up

clean:
	rm -rf $(VENV) node_modules dhr/static

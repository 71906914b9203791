# Maple Grove practice blog. `make help` lists the targets.
# The first run creates .venv from the pinned requirements.txt (and again
# whenever requirements.txt changes), so a fresh clone needs only `make publish`.

PYTHON_BOOT ?= python3
VENV        := .venv
PY          := $(VENV)/bin/python
STAMP       := $(VENV)/.requirements-installed
OUTPUT      ?= output
PORT        ?= 8000
EDITOR_PORT ?= 8090
EDITOR_API_PORT ?= 8081

# Deployment (rsync over SSH). Set these on the command line or in the environment:
#   make deploy SSH_HOST=web.example.org SSH_USER=deploy SSH_TARGET_DIR=/var/www/health
SSH_HOST       ?=
SSH_PORT       ?= 22
SSH_USER       ?=
SSH_TARGET_DIR ?=

.DEFAULT_GOAL := help

.PHONY: help
help: ## Show this list
	@echo "Usage: make <target>"
	@awk 'BEGIN {FS = ":.*## "} /^[a-zA-Z_-]+:.*## / {printf "  %-10s %s\n", $$1, $$2}' $(MAKEFILE_LIST)

$(STAMP): requirements.txt pyproject.toml
	@if ! $(PY) -c "import sys; sys.exit(sys.version_info[:2] != (3, 11))" 2>/dev/null; then \
		echo "Creating $(VENV) with $(PYTHON_BOOT) ..."; \
		rm -rf $(VENV); \
		$(PYTHON_BOOT) -m venv $(VENV); \
	fi
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	$(PY) -m pip install --quiet --no-deps --editable .
	@touch $(STAMP)

.PHONY: venv
venv: $(STAMP) ## Create or refresh .venv from requirements.txt

.PHONY: html
html: $(STAMP) ## Build a local preview into output/ (drafts under /drafts/)
	$(PY) build.py --settings pelicanconf.py --output $(OUTPUT)

.PHONY: publish
publish: $(STAMP) ## Build the real site into output/ (no drafts, absolute URLs)
	$(PY) build.py --settings publishconf.py --output $(OUTPUT)

.PHONY: check
check: $(STAMP) ## Run the patient-safety gate only (writes reports/, never output/)
	$(PY) build.py --settings publishconf.py --check

FILE   ?=
FORMAT ?= text

.PHONY: scan
scan: $(STAMP) ## Scan any text for patient identifiers: make scan FILE=reply.txt (FILE=- reads stdin; FORMAT=json)
	@test -n "$(FILE)" || { echo "usage: make scan FILE=path/to/text.txt (FILE=- for standard input) [FORMAT=json]" >&2; exit 2; }
	@$(PY) -m healthnotes.gate.cli scan "$(FILE)" --format "$(FORMAT)"

.PHONY: check-report
check-report: $(STAMP) ## Measure identifier detection: precision and recall per class
	$(PY) -m healthnotes.gate.evaluate

.PHONY: devserver
devserver: $(STAMP) ## Preview at http://127.0.0.1:$(PORT), rebuilding on every save
	$(VENV)/bin/pelican --autoreload --listen --bind 127.0.0.1 --port $(PORT) \
		-s pelicanconf.py -o $(OUTPUT) content

.PHONY: editor
editor: $(STAMP) ## Write posts in a form: http://127.0.0.1:8090 (EDITOR_PORT=8090, EDITOR_API_PORT=8081)
	test -d node_modules/decap-cms -a -d node_modules/decap-server || npm ci --no-audit --no-fund
	$(PY) editor/serve.py --site . --port $(EDITOR_PORT) --api-port $(EDITOR_API_PORT)

.PHONY: test
test: $(STAMP) ## Run the whole test suite
	$(PY) -m pytest

.PHONY: e2e
e2e: $(STAMP) ## Browser, validator, accessibility and feed-client tests (needs chromium, java, npm)
	test -d node_modules/axe-core -a -d node_modules/decap-cms -a -d node_modules/decap-server \
		|| npm ci --no-audit --no-fund
	$(PY) -m pytest -q tests/e2e

.PHONY: bench
bench: $(STAMP) ## Benchmark against plain Pelican (BENCH_POSTS=1000 by default)
	$(PY) bench/run.py

.PHONY: lint
lint: $(STAMP) ## Check code style (ruff)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

.PHONY: format
format: $(STAMP) ## Fix code style (ruff)
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

.PHONY: deploy
deploy: publish ## Publish, then copy output/ to the web server with rsync over SSH
	@test -n "$(SSH_HOST)" -a -n "$(SSH_USER)" -a -n "$(SSH_TARGET_DIR)" || { \
		echo "make deploy needs SSH_HOST, SSH_USER and SSH_TARGET_DIR (see README: Hosting)"; \
		exit 2; }
	rsync -e "ssh -p $(SSH_PORT)" -rvzc --delete $(OUTPUT)/ "$(SSH_USER)@$(SSH_HOST):$(SSH_TARGET_DIR)"

GALLERY_POSTS ?= spinach-recall antibiotics-cold-myth

.PHONY: gallery
gallery: publish ## Copy example cards into docs/gallery/ (the README shows them)
	mkdir -p docs/gallery
	for post in $(GALLERY_POSTS); do \
		for card in $(OUTPUT)/syndication/$$post/*.jpg; do \
			cp "$$card" "docs/gallery/$$post-$$(basename $$card)"; \
		done; \
	done

.PHONY: lock
lock: $(STAMP) ## Re-pin requirements.txt from requirements.in (needs pip-tools)
	$(PY) -m pip install --quiet pip-tools
	$(VENV)/bin/pip-compile --quiet --strip-extras --no-header --no-emit-index-url \
		--no-emit-find-links --output-file requirements.txt requirements.in

.PHONY: clean
clean: ## Remove output/, caches and build leftovers (keeps .venv)
	rm -rf $(OUTPUT) .$(notdir $(OUTPUT)).staging-* .$(notdir $(OUTPUT)).old-* .cache \
		.pytest_cache .ruff_cache .hypothesis
	find . -name __pycache__ -not -path "./$(VENV)/*" -prune -exec rm -rf {} +

# Maple Grove practice blog. `make help` lists the targets.
# The first run creates .venv from the pinned requirements.txt (and again
# whenever requirements.txt changes), so a fresh clone needs only `make publish`.

PYTHON_BOOT ?= python3
VENV        := .venv
PY          := $(VENV)/bin/python
STAMP       := $(VENV)/.requirements-installed
OUTPUT      ?= output
PREVIEW     ?= preview
PORT        ?= 8000
FORCE       ?=
NEW_SETTINGS ?= pelicanconf.py
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
	@PORT='$(PORT)' EDITOR_PORT='$(EDITOR_PORT)' EDITOR_API_PORT='$(EDITOR_API_PORT)' \
		OUTPUT='$(OUTPUT)' PREVIEW='$(PREVIEW)' SSH_PORT='$(SSH_PORT)' \
		awk 'BEGIN {FS = ":.*## "} /^[a-zA-Z0-9_-]+:.*## / { \
			text = $$2; \
			while (match(text, /\$$\([A-Z_]+\)/)) { \
				name = substr(text, RSTART + 2, RLENGTH - 3); \
				text = substr(text, 1, RSTART - 1) ENVIRON[name] substr(text, RSTART + RLENGTH); \
			} \
			printf "  %-13s %s\n", $$1, text }' $(MAKEFILE_LIST)

$(STAMP): requirements.txt pyproject.toml
	@if ! $(PY) -c "import sys; sys.exit(sys.version_info[:2] != (3, 11))" 2>/dev/null; then \
		$(PYTHON_BOOT) -c "import sys; sys.exit(sys.version_info[:2] != (3, 11))" 2>/dev/null || { \
			found=$$($(PYTHON_BOOT) --version 2>&1) || found="not installed"; \
			echo "This site needs Python 3.11; $(PYTHON_BOOT) is $$found. Nothing was built."; \
			echo "Install Python 3.11 (see README: Installing), then: make publish PYTHON_BOOT=python3.11"; \
			exit 2; }; \
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
html: $(STAMP) ## Build a local preview into $(OUTPUT)/ (drafts under /drafts/; FORCE=1: even if nothing changed)
	$(PY) build.py --settings pelicanconf.py --output $(OUTPUT) $(if $(FORCE),--force)

.PHONY: publish
publish: $(STAMP) ## Build the real site into $(OUTPUT)/ (no drafts, absolute URLs; FORCE=1: even if nothing changed)
	$(PY) build.py --settings publishconf.py --output $(OUTPUT) $(if $(FORCE),--force)

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

.PHONY: new
new: $(STAMP) ## Start a post: make new TYPE=qa TITLE="Your title" (or SERIES=myth: at its next slot)
	@$(PY) -m healthnotes.content.new_post --type "$$TYPE" --title "$$TITLE" --series "$$SERIES" --settings "$(NEW_SETTINGS)"

.PHONY: calendar
calendar: $(STAMP) ## Publishing calendar: series, gaps, hold; writes reports/calendar.html and .ics
	$(PY) -m healthnotes.calendar.cli --settings pelicanconf.py

.PHONY: sign-off
sign-off: $(STAMP) ## Sign a post off: make sign-off POST=content/posts/x.md BY="Dr. Ana Patel, MD"
	@$(PY) -m healthnotes.editorial.sign --settings pelicanconf.py --post "$$POST" --by "$$BY"

.PHONY: preview
preview: $(STAMP) ## Build what make publish builds into $(PREVIEW)/ and serve it at http://127.0.0.1:$(PORT)
	$(PY) build.py --settings publishconf.py --output $(PREVIEW) --site-url http://127.0.0.1:$(PORT)
	@echo "The site as it will be published: http://127.0.0.1:$(PORT)/ (Ctrl+C stops it)"
	$(PY) -m http.server --bind 127.0.0.1 --directory $(PREVIEW) $(PORT)

.PHONY: devserver
devserver: $(STAMP) ## Preview at http://127.0.0.1:$(PORT), rebuilt on every save (only a site that passes the checks)
	$(PY) build.py --settings pelicanconf.py --output $(OUTPUT) --serve $(PORT)

.PHONY: editor
editor: $(STAMP) ## Write posts in a form: http://127.0.0.1:$(EDITOR_PORT) (its API on port $(EDITOR_API_PORT))
	test -d node_modules/decap-cms -a -d node_modules/decap-server -a -d node_modules/vnu-jar || npm ci --no-audit --no-fund
	$(PY) editor/serve.py --site . --port $(EDITOR_PORT) --api-port $(EDITOR_API_PORT)

.PHONY: test
test: $(STAMP) ## Run the whole test suite (on every core: pytest-xdist, one file a worker)
	$(PY) -m pytest -n auto --dist loadfile

.PHONY: e2e
e2e: $(STAMP) ## Browser, validator, accessibility and feed-client tests (needs chromium, java, npm)
	test -d node_modules/axe-core -a -d node_modules/decap-cms -a -d node_modules/decap-server \
		-a -d node_modules/vnu-jar \
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
deploy: ## Check the SSH settings, publish, then copy $(OUTPUT)/ to the web server with rsync
	@test -n "$(SSH_HOST)" -a -n "$(SSH_USER)" -a -n "$(SSH_TARGET_DIR)" || { \
		echo "make deploy needs SSH_HOST, SSH_USER and SSH_TARGET_DIR, e.g."; \
		echo "  make deploy SSH_HOST=web.example.org SSH_USER=deploy SSH_TARGET_DIR=/var/www/health"; \
		echo "(see README: Deploying with rsync over SSH). Nothing was built."; \
		exit 2; }
	@command -v rsync >/dev/null || { echo "make deploy needs rsync; install it first. Nothing was built."; exit 2; }
	$(MAKE) --no-print-directory publish
	rsync -e "ssh -p $(SSH_PORT)" -rvzc --delete $(OUTPUT)/ "$(SSH_USER)@$(SSH_HOST):$(SSH_TARGET_DIR)"

GALLERY_POSTS ?= spinach-recall antibiotics-cold-myth

.PHONY: gallery
gallery: publish ## Copy example cards and carousels into docs/gallery/ (docs/social-accounts.md shows them)
	mkdir -p docs/gallery
	for post in $(GALLERY_POSTS); do \
		for card in $(OUTPUT)/syndication/$$post/*.jpg; do \
			name=$$(basename $$card .jpg); \
			cp "$$card" "docs/gallery/$$post-$${name%-*}.jpg"; \
		done; \
		for slide in $(OUTPUT)/syndication/$$post/instagram-carousel/*.jpg; do \
			cp "$$slide" "docs/gallery/$$post-instagram-carousel-$$(basename $$slide)"; \
		done; \
	done

.PHONY: lock
lock: $(STAMP) ## Re-pin requirements.txt from requirements.in (needs pip-tools)
	$(PY) -m pip install --quiet pip-tools
	$(VENV)/bin/pip-compile --quiet --strip-extras --no-header --no-emit-index-url \
		--no-emit-find-links --output-file requirements.txt requirements.in

.PHONY: clean
clean: ## Remove $(OUTPUT)/, $(PREVIEW)/, caches and build leftovers (keeps .venv)
	rm -rf $(OUTPUT) $(PREVIEW) .$(notdir $(PREVIEW)).staging-* .$(notdir $(PREVIEW)).old-* \
		.$(notdir $(OUTPUT)).staging-* .$(notdir $(OUTPUT)).old-* .cache \
		.$(notdir $(OUTPUT)).last-build.json .$(notdir $(PREVIEW)).last-build.json \
		.pytest_cache .ruff_cache .hypothesis
	find . -name __pycache__ -not -path "./$(VENV)/*" -prune -exec rm -rf {} +

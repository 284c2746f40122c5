# Two commands matter: `make run` (the app on the bundled briefing) and `make test`.
# Both set themselves up on a fresh Debian machine: system libraries Qt needs, then .venv.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# Libraries the Qt wheels load at run time (offscreen and xcb), plus the PDF tools the tests use
# and LibreOffice's Writer without its GUI (`soffice --headless --convert-to pdf`), which
# tests/export/test_docx.py converts the Word export with.
APT_PACKAGES := libegl1 libgl1 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libfreetype6 \
	libdbus-1-3 libglib2.0-0 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0 \
	libxcb-randr0 libxcb-render-util0 libxcb-xinerama0 libxcb-xkb1 libxcb-image0 libx11-xcb1 \
	qpdf poppler-utils strace unzip libreoffice-writer-nogui

.PHONY: run test venv sysdeps node-tools lint format clean package test-package bench

run: venv
	$(BIN)/briefing open data/karabakh-2020.yaml

test: venv node-tools
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q

venv: sysdeps $(STAMP)

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[test]'
	touch $(STAMP)

# Installs only what is missing; needs root (or sudo) the first time on a bare machine.
sysdeps:
	@missing=""; for p in $(APT_PACKAGES); do \
		dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
		echo "Installing system packages:$$missing"; \
		SUDO=""; [ "$$(id -u)" = 0 ] || SUDO=sudo; \
		$$SUDO apt-get update -q && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -q --no-install-recommends $$missing; \
	fi

# The YAML language server (what VS Code's YAML extension and Neovim's yamlls run), pinned, for
# tests/test_schema_clients.py: Node and npm from apt when missing, then the npm package into
# build/node. All network use is here, before the tests. Without Node the tests say so and skip.
YAML_LS_VERSION := 1.25.0
NODE_DIR := build/node
NODE_STAMP := $(NODE_DIR)/.yaml-language-server-$(YAML_LS_VERSION)

node-tools: $(NODE_STAMP)

$(NODE_STAMP):
	@if ! command -v node >/dev/null || ! command -v npm >/dev/null; then \
		echo "Installing system packages: nodejs npm"; \
		SUDO=""; [ "$$(id -u)" = 0 ] || SUDO=sudo; \
		$$SUDO apt-get update -q && DEBIAN_FRONTEND=noninteractive \
			$$SUDO apt-get install -y -q --no-install-recommends nodejs npm || true; \
	fi; \
	if ! command -v npm >/dev/null; then \
		echo "warning: cannot install Node and npm; the language server tests will skip"; \
		exit 0; \
	fi; \
	mkdir -p $(NODE_DIR) && \
	npm install --prefix $(NODE_DIR) --no-save --no-audit --no-fund --loglevel=error \
		yaml-language-server@$(YAML_LS_VERSION) && \
	touch $@

# Every benchmark figure against a baseline taken in the same run; writes bench/results.json.
bench: venv
	QT_QPA_PLATFORM=offscreen $(BIN)/python bench/run.py

lint: venv
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: venv
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

clean:
	rm -rf $(VENV) build dist *.egg-info

# The frozen app (issue #6): dist/briefing-VERSION/ and its archive, built by PyInstaller from
# packaging/briefing.spec; `make test-package` runs the archive's smoke test. See README, Packaging.
VERSION = $(shell sed -n 's/^__version__ = "\(.*\)"$$/\1/p' briefing/__init__.py)
FROZEN := dist/briefing-$(VERSION)
ARCHIVE := $(FROZEN)-linux-x86_64.tar.gz
PACKAGE_STAMP := $(VENV)/.installed-package

$(PACKAGE_STAMP): $(STAMP)
	$(BIN)/python -m pip install -q -e '.[package]'
	touch $(PACKAGE_STAMP)

# The spec assembles a small ICU data library with the C compiler (packaging/icu_data.py) and
# strips libraries with binutils; without them the app keeps ICU's 32 MB of data and symbols.
package: venv $(PACKAGE_STAMP)
	@if ! command -v cc >/dev/null || ! command -v strip >/dev/null; then \
		echo "Installing system packages: gcc binutils"; \
		SUDO=""; [ "$$(id -u)" = 0 ] || SUDO=sudo; \
		$$SUDO apt-get update -q && DEBIAN_FRONTEND=noninteractive \
			$$SUDO apt-get install -y -q --no-install-recommends gcc binutils || true; \
	fi
	rm -rf dist/briefing $(FROZEN) $(ARCHIVE)
	$(BIN)/pyinstaller --noconfirm --log-level WARN --distpath dist --workpath build/pyinstaller \
		packaging/briefing.spec
	mv dist/briefing $(FROZEN)
	cp packaging/install-desktop-entry.sh $(FROZEN)/
	tar -C dist --sort=name --owner=0 --group=0 --numeric-owner -cf - $(notdir $(FROZEN)) \
		| gzip -9 >$(ARCHIVE)
	@echo "$(FROZEN): $$(du -sm $(FROZEN) | cut -f1) MB on disk; $(ARCHIVE): $$(du -m $(ARCHIVE) | cut -f1) MB"

test-package: sysdeps
	packaging/smoke_test.sh $(ARCHIVE)

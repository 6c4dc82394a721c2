# make demo: set up and build every example into out/ in every format.
# make test: set up and run ruff, mypy and the whole test suite.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
# Shared libraries WeasyPrint needs (Pango and friends), and the Debian packages that provide them.
SYSTEM_LIBS := libpango-1.0.so.0 libpangoft2-1.0.so.0 libharfbuzz.so.0 libharfbuzz-subset.so.0 libfontconfig.so.1
SYSTEM_PKGS := libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz0b libharfbuzz-subset0 libfontconfig1

.PHONY: demo test lint typecheck pytest golden system-deps browser-deps docs gallery clean

$(STAMP): pyproject.toml
	@$(MAKE) --no-print-directory system-deps
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

system-deps:
	@missing=""; for lib in $(SYSTEM_LIBS); do ldconfig -p | grep -q "$$lib" || missing="$$missing $$lib"; done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "Installing system libraries for WeasyPrint:$$missing"; \
	    DEBIAN_FRONTEND=noninteractive apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(SYSTEM_PKGS); \
	  else \
	    echo "Missing system libraries for WeasyPrint:$$missing"; \
	    echo "Install them with: sudo apt-get install $(SYSTEM_PKGS)"; exit 1; \
	  fi; \
	fi

demo: $(STAMP)
	$(VENV)/bin/policygen build examples/ --out out --format md,html,json,pdf
	@echo "Open out/*/privacy-policy.html, or read out/*/privacy-policy.md"

lint: $(STAMP)
	$(VENV)/bin/ruff check generator tests bench

typecheck: $(STAMP)
	$(VENV)/bin/mypy

pytest: $(STAMP)
	$(PY) -m pytest -q; status=$$?; if [ $$status -eq 5 ]; then echo "no tests collected"; exit 1; fi; exit $$status

test: browser-deps lint typecheck pytest

# The browser checks (tests/test_browser.py) need Debian's Chromium, Java and the npm packages axe-core and
# vnu-jar (package-lock.json). Installed when missing; when they cannot be installed, make stops here and says why.
browser-deps:
	@if [ ! -x /usr/bin/chromium ] || ! command -v java >/dev/null; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "Installing Chromium and Java for the browser checks"; \
	    DEBIAN_FRONTEND=noninteractive apt-get update -qq && \
	    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$([ -x /usr/bin/chromium ] || echo chromium) $$(command -v java >/dev/null || echo default-jre-headless) \
	      || { echo "Could not install chromium/default-jre-headless; the browser checks cannot run." >&2; exit 1; }; \
	  else \
	    echo "The browser checks need /usr/bin/chromium and java: sudo apt-get install chromium default-jre-headless" >&2; exit 1; \
	  fi; \
	fi
	@if [ ! -f node_modules/axe-core/axe.min.js ] || [ ! -f node_modules/vnu-jar/build/dist/vnu.jar ]; then \
	  if ! command -v npm >/dev/null && [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    DEBIAN_FRONTEND=noninteractive apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq npm; \
	  fi; \
	  command -v npm >/dev/null || { echo "The browser checks need npm for axe-core and vnu-jar: sudo apt-get install npm" >&2; exit 1; }; \
	  npm ci --ignore-scripts --no-audit --no-fund || { echo "npm ci failed: axe-core and vnu-jar are needed for the browser checks." >&2; exit 1; }; \
	fi

docs: $(STAMP)
	$(VENV)/bin/mkdocs build --strict

# docs/gallery/: browser screenshots of every example (375 and 1280 px) and page 1 of each PDF (pdftoppm, poppler-utils).
gallery: $(STAMP) browser-deps
	UPDATE_GALLERY=1 $(PY) -m pytest -q tests/test_browser.py -k overflows
	@command -v pdftoppm >/dev/null || { echo "make gallery needs pdftoppm: sudo apt-get install poppler-utils" >&2; exit 1; }
	@tmp=$$(mktemp -d) && trap 'rm -rf "$$tmp"' EXIT && for answers in examples/*.yaml; do \
	  name=$$(basename "$$answers" .yaml); \
	  $(VENV)/bin/policygen build "$$answers" --out "$$tmp/$$name" -f pdf >/dev/null && \
	  pdftoppm -png -r 60 -f 1 -l 1 -singlefile "$$tmp/$$name"/*/privacy-policy.pdf "docs/gallery/$$name-pdf" || exit 1; \
	  echo "docs/gallery/$$name-pdf.png"; \
	done

golden: $(STAMP)
	UPDATE_GOLDEN=1 $(PY) -m pytest -q tests/test_golden.py

clean:
	rm -rf $(VENV) out build dist .pytest_cache .mypy_cache .ruff_cache

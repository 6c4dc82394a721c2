# make demo: set up and build every example into out/ in every format.
# make test: set up and run ruff, mypy and the whole test suite.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
# The development and CI environment, exactly: every package pinned with its hashes (`make lock` refreshes it).
LOCK := requirements/dev.txt
# The oldest releases pyproject.toml allows, for `make test-oldest`.
OLDEST := requirements/oldest.txt
UV_VERSION := 0.13.9
# Shared libraries WeasyPrint needs (Pango and friends), and the Debian packages that provide them.
SYSTEM_LIBS := libpango-1.0.so.0 libpangoft2-1.0.so.0 libharfbuzz.so.0 libharfbuzz-subset.so.0 libfontconfig.so.1
SYSTEM_PKGS := libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz0b libharfbuzz-subset0 libfontconfig1

.PHONY: demo test lint typecheck pytest golden system-deps browser-deps docs gallery clean lock test-latest test-oldest dist

# The venv is made anew whenever the lock or pyproject.toml changes, so it never keeps a package the lock dropped.
# --no-deps with --require-hashes installs the lock and nothing else; the project itself is built with the locked
# hatchling (--no-build-isolation), so not even the build backend comes from outside the lock.
$(STAMP): pyproject.toml $(LOCK)
	@$(MAKE) --no-print-directory system-deps
	rm -rf $(VENV)
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --no-input --require-hashes --no-deps -r $(LOCK)
	$(PY) -m pip install --quiet --no-input --no-deps --no-build-isolation -e .
	$(PY) -m pip check
	@touch $(STAMP)

# Refresh the locks: the newest releases pyproject.toml allows (dev.txt) and the oldest (oldest.txt), for every
# platform (--universal), with hashes. Review the diff, run `make test`, commit requirements/ with pyproject.toml.
lock:
	@[ -x .venv-tools/bin/uv ] && .venv-tools/bin/uv --version | grep -q " $(UV_VERSION)" || { \
	  rm -rf .venv-tools && $(PYTHON) -m venv .venv-tools && .venv-tools/bin/pip install --quiet uv==$(UV_VERSION); }
	UV_CUSTOM_COMPILE_COMMAND="make lock" .venv-tools/bin/uv pip compile pyproject.toml --extra dev --universal \
	  --python-version 3.11 --generate-hashes --upgrade --quiet -o $(LOCK)
	UV_CUSTOM_COMPILE_COMMAND="make lock" .venv-tools/bin/uv pip compile pyproject.toml --resolution lowest-direct \
	  --universal --python-version 3.11 --generate-hashes --upgrade --quiet -o $(OLDEST)
	@echo "Updated $(LOCK) and $(OLDEST); run make test, then commit them."

# Not part of CI: the whole suite against the newest releases pyproject.toml allows, in a venv of its own, so a
# dependency's new release shows up here, on our schedule, before it reaches the lock.
test-latest: system-deps browser-deps
	rm -rf .venv-latest
	$(PYTHON) -m venv .venv-latest
	.venv-latest/bin/pip install --quiet --no-input --upgrade pip
	.venv-latest/bin/pip install --quiet --no-input --upgrade --upgrade-strategy eager -e '.[dev]'
	.venv-latest/bin/pip list --format=freeze > .venv-latest/versions.txt
	.venv-latest/bin/ruff check generator tests bench
	.venv-latest/bin/mypy
	.venv-latest/bin/python -m pytest -q -p no:cacheprovider; status=$$?; if [ $$status -eq 5 ]; then echo "no tests collected"; exit 1; fi; exit $$status

# Not part of CI: the suite with the oldest releases pyproject.toml allows (the lower bounds), the tools from the lock.
# The committed JSON Schema and answer reference are pydantic's rendering under the locked version, so they are
# compared there only.
test-oldest: system-deps browser-deps
	rm -rf .venv-oldest
	$(PYTHON) -m venv .venv-oldest
	.venv-oldest/bin/pip install --quiet --no-input --require-hashes --no-deps -r $(LOCK)
	.venv-oldest/bin/pip install --quiet --no-input --require-hashes --no-deps -r $(OLDEST)
	.venv-oldest/bin/pip install --quiet --no-input --no-deps --no-build-isolation -e .
	.venv-oldest/bin/pip check
	.venv-oldest/bin/python -m pytest -q -p no:cacheprovider --deselect tests/test_reference_pages.py::test_reference_page_is_current; status=$$?; if [ $$status -eq 5 ]; then echo "no tests collected"; exit 1; fi; exit $$status

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

# The wheel to install policygen into another environment (a website's build): dist/privacy_policy_generator-<version>-py3-none-any.whl,
# built offline with the locked build and hatchling (`pip install dist/privacy_policy_generator-*.whl`; docs/embedding.md).
# DIST=folder builds it elsewhere. It needs only a venv with those tools (PY=its python): building a wheel never
# re-creates the venv, so tests/test_wheel.py can run it from the venv it runs in.
DIST ?= dist
dist:
	@[ -x $(PY) ] || $(MAKE) --no-print-directory $(STAMP)
	rm -f $(DIST)/privacy_policy_generator-*.whl
	$(PY) -m build --wheel --no-isolation --outdir $(DIST) .

golden: $(STAMP)
	UPDATE_GOLDEN=1 $(PY) -m pytest -q tests/test_golden.py

clean:
	rm -rf $(VENV) .venv-latest .venv-oldest .venv-tools out build dist .pytest_cache .mypy_cache .ruff_cache

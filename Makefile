# Two commands do all the set-up on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint typecheck bench clean mutation translations screenshots desktop

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	# pip 23 cannot resolve trafilatura's lxml[html-clean]: upgrade it first.
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

# Says which system package to install when Qt's xcb platform lacks a library
# (libxcb-cursor0...), instead of Qt's plugin trace.
run: $(STAMP) translations
	@$(BIN)/python -m reader_app.display_check
	$(BIN)/reader-app

test: $(STAMP) translations
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q $(PYTEST_ARGS)

# resources/i18n/*.ts -> .qm beside them (never committed); the wheel's build does the same.
translations: $(STAMP)
	@if ls resources/i18n/*.ts >/dev/null 2>&1; then $(BIN)/python -c \
		'from pathlib import Path; from reader_app.i18n_build import build; build(Path("resources/i18n"))'; fi

# The README's pictures, from the sample articles (docs/screenshots/*.png).
screenshots: $(STAMP) translations
	QT_QPA_PLATFORM=offscreen $(BIN)/python tools/readme_screenshots.py

# The menu entry and icons for this user (~/.local/share), "Open with Veille" included.
desktop: $(STAMP) translations
	$(BIN)/reader-app install-desktop

lint: $(STAMP)
	$(BIN)/ruff check .

# mypy over index/ (strict) and reader_app/ (pyproject's [tool.mypy]); CI runs it.
typecheck: $(STAMP)
	$(BIN)/mypy

bench: $(STAMP)
	$(BIN)/python bench/run_all.py

clean:
	rm -rf $(VENV) build *.egg-info resources/i18n/*.qm

# Mutation testing of the core modules (docs/mutation-testing.md), never in CI: a full run
# takes hours on two cores. MUTATION_MODULES narrows it, e.g. "store writer_lock" or
# "entities.linking"; every mutant of the named modules is tried again, then the kill
# rate per module is printed (surviving mutants judged equivalent in the doc set apart).
MUTATION_MODULES ?= store migrations import_batch entity_store entities.linking \
	search.query_build upkeep writer_lock library importers.safexml importers.archive
MUTATION_JOBS ?= 2

# The map of which tests reach which function is made afresh each run (a minute or two):
# mutmut only adds tests it has not seen, so an edited test would keep its old reach, and a
# renamed one makes its next run stop with "Failed to run pytest".
mutation: $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[mutation]'
	rm -f mutants/mutmut-stats.json
	$(BIN)/mutmut run --max-children $(MUTATION_JOBS) \
		$(foreach m,$(MUTATION_MODULES),'index.$(m).*')
	$(BIN)/python -c "$$MUTATION_REPORT"

# Per module: mutants, killed (failing tests or a timeout), survived, no test reaching it,
# survivors listed as equivalent in docs/mutation-testing.md, and the kill rate without them.
define MUTATION_REPORT
import datetime, json, pathlib, re, tomllib
doc = pathlib.Path("docs/mutation-testing.md").read_text(encoding="utf-8")
equivalent = set(re.findall(r"`(index\.\S+?__mutmut_\d+)`", doc))
modules = tomllib.loads(pathlib.Path("pyproject.toml").read_text())["tool"]["mutmut"]["only_mutate"]
print(f"{'module':32}{'mutants':>8}{'killed':>8}{'survived':>9}{'no test':>8}{'equiv.':>7}{'rate':>8}  run")
for module in modules:
    meta = pathlib.Path("mutants", module + ".meta")
    if not meta.exists():
        continue
    codes = json.loads(meta.read_text())["exit_code_by_key"]
    tried = {k: c for k, c in codes.items() if c is not None}
    killed = sum(c in (1, 3, 36, 24, -24, 152, 255, -9, -11) for c in tried.values())
    survived = [k for k, c in tried.items() if c == 0]
    untested = sum(c in (5, 33) for c in tried.values())
    equiv = sum(k in equivalent for k in survived)
    counted = len(tried) - equiv
    rate = f"{100 * killed / counted:.1f}%" if counted else "-"
    day = datetime.date.fromtimestamp(meta.stat().st_mtime)
    print(f"{module:32}{len(codes):>8}{killed:>8}{len(survived):>9}{untested:>8}{equiv:>7}{rate:>8}  {day}")
endef
export MUTATION_REPORT

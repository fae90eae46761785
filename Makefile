# Two entry points for a newcomer: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
TEST_ENV := DJANGO_SECRET_KEY=test-only-secret-key DJANGO_SECURE_SSL_REDIRECT=0

.PHONY: run test lint format install

$(VENV)/.installed: requirements.txt requirements-dev.txt
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@

install: $(VENV)/.installed

run: install
	DJANGO_DEBUG=1 $(BIN)/python manage.py migrate --verbosity 0
	DJANGO_DEBUG=1 $(BIN)/python manage.py load_satker
	DJANGO_DEBUG=1 $(BIN)/python manage.py seed_demo
	@echo "Portal: http://localhost:$(PORT)/  Newsroom: http://localhost:$(PORT)/admin/"
	@echo "Satker sites: http://<slug>.localhost:$(PORT)/, e.g. http://kota-kediri.localhost:$(PORT)/"
	DJANGO_DEBUG=1 $(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

test: install
	$(TEST_ENV) $(BIN)/pytest $(PYTEST_ARGS)

# Import 10,000 generated WordPress posts into a throw-away test database (docs/importing.md).
# SQLite by default; DATABASE_URL=postgres://... for PostgreSQL.
.PHONY: bench-import
bench-import: install
	$(BIN)/python bench/import_bench.py $(BENCH_ARGS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

# The API's OpenAPI schema is generated from its code into api/openapi.json (committed; api/schema.py).
.PHONY: api-schema
api-schema: install
	DJANGO_DEBUG=1 $(BIN)/python manage.py write_api_schema

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# Benchmark (docs/deployment.md, bench/RESULTS.md): seeds BENCH_ARTICLES articles (default 10000;
# the same N reuses the database), then gunicorn + PostgreSQL + Redis on loopback, loaded by wrk,
# against a do-nothing Django view and a fixed-bytes WSGI app. Pages and servers: bench/pages.toml;
# BENCH_ARGS="--only search --server uncached --duration 10" narrows a run.
.PHONY: bench
bench: install
	command -v wrk >/dev/null || apt-get install -y wrk || sudo apt-get install -y wrk
	$(BIN)/python bench/run.py $(BENCH_ARGS)
	$(MAKE) bench-search

# Search benchmark (docs/search.md): 50 queries through /cari/, 1 and 8 readers, p50/p99 per class,
# on the database bench/run.py seeded (BENCH_DATABASE_URL); the RUM extension is installed first.
.PHONY: bench-search
bench-search: install
	test -f /usr/share/postgresql/15/extension/rum.control || apt-get install -y postgresql-15-rum \
		|| sudo apt-get install -y postgresql-15-rum
	$(BIN)/python bench/search.py $(BENCH_SEARCH_ARGS)

# Soak test (docs/security.md): 50 readers for 5 minutes against gunicorn on loopback, seeded
# PostgreSQL and Redis, an editor publishing every 10 s. Not part of CI. SOAK_ARGS="--duration 60".
.PHONY: soak
soak: install
	$(BIN)/python bench/soak.py $(SOAK_ARGS)

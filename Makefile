# Gongkai — the three targets. `make run` and `make test` are all a new user needs.
PORT ?= 8000
export PORT

.PHONY: setup run test
setup:
	@bash scripts/setup.sh

run: setup
	@bash scripts/run.sh

test:
	@bash scripts/test.sh

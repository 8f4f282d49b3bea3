# youjun — two commands: `make run` and `make test`. Everything else is what they call.
SHELL := /bin/bash
BUILD ?= build
JOBS ?= $(shell nproc)
DB ?= data/demo/city.db
PORT ?= 8080
HOST ?= 127.0.0.1
SEED ?= 20260901

.PHONY: setup build run test bench clean demo fuzz

setup:
	@scripts/setup.sh

build: setup
	@cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=Release > $(BUILD).cmake.log 2>&1 || (cat $(BUILD).cmake.log; exit 1)
	@cmake --build $(BUILD) -j $(JOBS) 2>&1 | grep -E " error|error:|Error [0-9]" ; test $${PIPESTATUS[0]} -eq 0
	@if [ -f web/package.json ]; then (cd web && npm run --silent build >/dev/null) || exit 1; fi
	@echo "构建完成 built: $(BUILD)/youjun"

demo: build
	@scripts/demo.sh $(BUILD)/youjun $(DB) $(SEED)

run: demo
	@echo "打开 open http://$(HOST):$(PORT)/  (演示账号 demo accounts: see above)"
	@$(BUILD)/youjun serve --db $(DB) --host $(HOST) --port $(PORT) --web web/dist

test: build
	@scripts/test.sh $(BUILD)

bench: build
	@scripts/bench.sh $(BUILD)

# libFuzzer targets (clang): FUZZ_SECONDS per target, default 60; corpus kept in fuzz/corpus/.
fuzz:
	@scripts/fuzz.sh

clean:
	rm -rf $(BUILD) $(BUILD).cmake.log web/dist

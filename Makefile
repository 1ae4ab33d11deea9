# okienko — plain make.  User variables (CC, CFLAGS, LDFLAGS, PREFIX,
# DESTDIR) stay separate from the flags we require, so `make CFLAGS=-O0`
# keeps every warning.

VERSION = 0.1.0
PREFIX ?= /usr/local
BINDIR = $(PREFIX)/bin
MANDIR = $(PREFIX)/share/man
CC ?= cc
CFLAGS ?= -O2 -g
LDFLAGS ?=

WARN = -Wall -Wextra -Wpedantic -Werror -Wstrict-prototypes \
       -Wmissing-prototypes -Wold-style-definition -Wshadow -Wwrite-strings \
       -Wvla -Wformat=2 -Wpointer-arith
OK_CFLAGS = -std=c11 -D_POSIX_C_SOURCE=200809L $(WARN) -Ilib \
            -DOKIENKO_VERSION='"$(VERSION)"' \
            $(shell pkg-config --cflags yaml-0.1 libpcre2-8 2>/dev/null)
OK_LIBS = -pthread -lcsv $(shell pkg-config --libs yaml-0.1 libpcre2-8 2>/dev/null || echo -lyaml -lpcre2-8)

# Variant directory: build/ normally, build/asan for the sanitizer run.
B ?= build

CMDS = intake-add intake-query referral-add referral-report schedule-check capacity-add capacity-report service-find data-check intake-purge minutes-parse
LIB_SRC = $(filter-out %_test.c,$(wildcard lib/*.c))
LIB_OBJ = $(LIB_SRC:lib/%.c=$(B)/lib/%.o)
TEST_SRC = $(wildcard lib/*_test.c)
TEST_BIN = $(TEST_SRC:lib/%.c=$(B)/test/%)
CMD_BIN = $(CMDS:%=$(B)/bin/%)
TOOL_BIN = $(B)/bin/gen-intake

all: deps-build $(CMD_BIN) $(TOOL_BIN)

$(B)/lib/%.o: lib/%.c
	@mkdir -p $(@D)
	$(CC) $(OK_CFLAGS) $(CFLAGS) -MMD -MP -c -o $@ $<

$(B)/cmd/%.o: cmd/%.c
	@mkdir -p $(@D)
	$(CC) $(OK_CFLAGS) $(CFLAGS) -MMD -MP -c -o $@ $<

$(B)/scripts/%.o: scripts/%.c
	@mkdir -p $(@D)
	$(CC) $(OK_CFLAGS) $(CFLAGS) -MMD -MP -c -o $@ $<

$(B)/libokienko.a: $(LIB_OBJ)
	@rm -f $@
	ar rcs $@ $^

$(B)/bin/%: $(B)/cmd/%.o $(B)/libokienko.a
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(OK_LIBS)

$(B)/bin/gen-intake: $(B)/scripts/gen-intake.o $(B)/libokienko.a
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(OK_LIBS)

$(B)/test/%: $(B)/lib/%.o $(B)/libokienko.a
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(OK_LIBS)

# Test helper: every public holiday, for the comparison with date-holidays.
$(B)/test/holidays-dump: $(B)/scripts/holidays-dump.o $(B)/libokienko.a
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(OK_LIBS)

# Test helper: evaluates opening hours for the comparison with opening_hours.js.
$(B)/test/ohours-eval: $(B)/scripts/ohours-eval.o $(B)/libokienko.a
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(OK_LIBS)

# Test-only LD_PRELOAD shim that fails write/fsync/rename at the Nth call.
$(B)/test/failshim.so: scripts/failshim.c
	@mkdir -p $(@D)
	$(CC) -std=c11 -Wall -Wextra -Werror -O2 -fPIC -shared -o $@ $< -ldl

# Test-only LD_PRELOAD shim (crash tests); never linked into the commands.
$(B)/test/slowwrite.so: scripts/slowwrite.c
	@mkdir -p $(@D)
	$(CC) -std=c11 -Wall -Wextra -Werror -O2 -fPIC -shared -o $@ $< -ldl

-include $(wildcard $(B)/*/*.d)

tests: $(CMD_BIN) $(TOOL_BIN) $(TEST_BIN) $(B)/test/slowwrite.so $(B)/test/failshim.so $(B)/test/holidays-dump $(B)/test/ohours-eval

deps-build:
	@scripts/need-packages build

# The reference implementations (npm) for the differential tests, when
# node is there; the tests skip themselves otherwise.
deps-test:
	@scripts/need-packages test
	@if command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1; then \
	  scripts/need-node-ref || echo "deps-test: the reference implementations could not be installed; the differential tests will skip" >&2; fi

# The whole suite, then again under AddressSanitizer + UBSan, then the unit
# tests and golden cases under valgrind.
check: deps-build deps-test
	$(MAKE) --no-print-directory tests
	OKIENKO_BIN=$(CURDIR)/build/bin OKIENKO_TESTBIN=$(CURDIR)/build/test scripts/run-tests
	$(MAKE) --no-print-directory asan
	$(MAKE) --no-print-directory valgrind

asan:
	$(MAKE) --no-print-directory B=build/asan \
	  CFLAGS="-O1 -g -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer" \
	  LDFLAGS="-fsanitize=address,undefined" tests
	ASAN_OPTIONS=detect_leaks=1:abort_on_error=0 UBSAN_OPTIONS=print_stacktrace=1 \
	  OKIENKO_BIN=$(CURDIR)/build/asan/bin OKIENKO_TESTBIN=$(CURDIR)/build/asan/test \
	  OKIENKO_SANITIZED=1 scripts/run-tests

# The unit tests and the golden command cases under valgrind.
valgrind: tests
	OKIENKO_BIN=$(CURDIR)/build/bin OKIENKO_TESTBIN=$(CURDIR)/build/test \
	  OKIENKO_VALGRIND=1 scripts/run-tests

demo: all
	@scripts/demo

# Our commands against the tools users would otherwise pick (Miller,
# datamash, csvkit, sqlite3, gawk, DuckDB and opening_hours.js when node is
# there) on the same generated data; BENCH_QUICK=1 for a short run.
bench: all tests
	@scripts/need-packages bench
	scripts/bench

install: all
	mkdir -p $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(MANDIR)/man5 $(DESTDIR)$(MANDIR)/man7
	for c in $(CMDS); do install -m 0755 build/bin/$$c $(DESTDIR)$(BINDIR)/$$c; done
	install -m 0755 scripts/weekly-report $(DESTDIR)$(BINDIR)/weekly-report
	for p in man/man1/*.1; do install -m 0644 $$p $(DESTDIR)$(MANDIR)/man1/; done
	for p in man/man5/*.5; do install -m 0644 $$p $(DESTDIR)$(MANDIR)/man5/; done
	for p in man/man7/*.7; do install -m 0644 $$p $(DESTDIR)$(MANDIR)/man7/; done

uninstall:
	for c in $(CMDS); do rm -f $(DESTDIR)$(BINDIR)/$$c; done
	rm -f $(DESTDIR)$(BINDIR)/weekly-report
	for p in man/man1/*.1; do rm -f $(DESTDIR)$(MANDIR)/man1/$${p##*/}; done
	for p in man/man5/*.5; do rm -f $(DESTDIR)$(MANDIR)/man5/$${p##*/}; done
	for p in man/man7/*.7; do rm -f $(DESTDIR)$(MANDIR)/man7/$${p##*/}; done

clean:
	rm -rf build

.PHONY: all tests deps-build deps-test check asan valgrind demo bench install uninstall clean
.SECONDARY:

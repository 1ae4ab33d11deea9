# okienko — plain make.  User variables (CC, CFLAGS, LDFLAGS, PREFIX,
# DESTDIR) stay separate from the flags we require, so `make CFLAGS=-O0`
# keeps every warning.

VERSION = 0.1.0
PREFIX ?= /usr/local
BINDIR = $(PREFIX)/bin
MANDIR = $(PREFIX)/share/man
LOCALEDIR = $(PREFIX)/share/locale
BASHCOMPDIR = $(PREFIX)/share/bash-completion/completions
DOCDIR = $(PREFIX)/share/doc/okienko
CC ?= cc
CFLAGS ?= -O2 -g
LDFLAGS ?=

WARN = -Wall -Wextra -Wpedantic -Werror -Wstrict-prototypes \
       -Wmissing-prototypes -Wold-style-definition -Wshadow -Wwrite-strings \
       -Wvla -Wformat=2 -Wpointer-arith
# The library's layers, lowest first (README, Layout); a module includes
# the headers of its own layer and the layers below it.
LAYERS = base storage records hours minutes reports cli
LIB_DIRS = $(LAYERS:%=lib/%)
# Test helpers and fuzz targets live apart from the library.
TEST_DIR = scripts/test.d
FUZZ_DIR = scripts/fuzz.d
vpath %.c $(LIB_DIRS) scripts $(TEST_DIR) $(FUZZ_DIR)
OK_CFLAGS = -std=c11 -D_POSIX_C_SOURCE=200809L $(WARN) $(LIB_DIRS:%=-I%) -I$(TEST_DIR) \
            -DOKIENKO_VERSION='"$(VERSION)"' -DOKIENKO_LOCALEDIR='"$(LOCALEDIR)"' \
            $(shell pkg-config --cflags yaml-0.1 libpcre2-8 2>/dev/null)
OK_LIBS = -pthread -lcsv $(shell pkg-config --libs yaml-0.1 libpcre2-8 2>/dev/null || echo -lyaml -lpcre2-8) -lm

# Variant directory: build/ normally, build/asan for the sanitizer run.
B ?= build

CMDS = intake-add intake-query referral-add referral-report schedule-check capacity-add capacity-report service-find data-check intake-purge minutes-parse intake-update client-export
LIB_SRC = $(filter-out %_test.c,$(wildcard $(LIB_DIRS:%=%/*.c)))
LIB_OBJ = $(patsubst %.c,$(B)/lib/%.o,$(notdir $(LIB_SRC)))
TEST_SRC = $(wildcard $(LIB_DIRS:%=%/*_test.c))
# libFuzzer targets scripts/fuzz.d/NAME_fuzz.c: replayed over
# testdata/fuzz/NAME by $(B)/test/fuzz-NAME (make check), fuzzed by
# scripts/fuzz (make fuzz).
FUZZ = $(patsubst $(FUZZ_DIR)/%_fuzz.c,%,$(wildcard $(FUZZ_DIR)/*_fuzz.c))
FUZZ_REPLAY = $(FUZZ:%=$(B)/test/fuzz-%)
FUZZ_SECONDS ?= 120
TEST_BIN = $(patsubst %.c,$(B)/test/%,$(notdir $(TEST_SRC)))
CMD_BIN = $(CMDS:%=$(B)/bin/%)
TOOL_BIN = $(B)/bin/gen-intake
# Message catalogs (lib/po/LL.po, English is the source): see README, Languages.
LINGUAS = cs pl uk
MO = $(LINGUAS:%=$(B)/locale/%/LC_MESSAGES/okienko.mo)
# What install copies besides the build, and the directories it fills.
MAN1 = $(wildcard man/man1/*.1)
MAN5 = $(wildcard man/man5/*.5)
MAN7 = $(wildcard man/man7/*.7)
DEMO = $(wildcard testdata/demo/*)
INSTALL_DIRS = $(BINDIR) $(MANDIR)/man1 $(MANDIR)/man5 $(MANDIR)/man7 $(BASHCOMPDIR) \
               $(DOCDIR)/examples/demo $(LINGUAS:%=$(LOCALEDIR)/%/LC_MESSAGES)

# A plain make builds wherever the libraries are; the targets of the
# README's two commands (demo, check) install what is missing first.
all: $(CMD_BIN) $(TOOL_BIN) $(MO)

# Sources are found through vpath: objects are named after the module.
$(B)/lib/%.o: %.c
	@mkdir -p $(@D)
	$(CC) $(OK_CFLAGS) $(CFLAGS) -MMD -MP -c -o $@ $<

$(B)/cmd/%.o: cmd/%.c
	@mkdir -p $(@D)
	$(CC) $(OK_CFLAGS) $(CFLAGS) -MMD -MP -c -o $@ $<

$(B)/scripts/%.o: %.c
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

# Test helper: scores minutes-parse against the keys of testdata/minutes-corpus.
$(B)/test/minutes-score: $(B)/scripts/minutes-score.o $(B)/libokienko.a
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(OK_LIBS)

# Test-only LD_PRELOAD shim that fails write/fsync/rename at the Nth call.
$(B)/test/failshim.so: $(TEST_DIR)/failshim.c
	@mkdir -p $(@D)
	$(CC) -std=c11 -Wall -Wextra -Werror -O2 -fPIC -shared -o $@ $< -ldl

# Test-only LD_PRELOAD shim (crash tests); never linked into the commands.
$(B)/test/slowwrite.so: $(TEST_DIR)/slowwrite.c
	@mkdir -p $(@D)
	$(CC) -std=c11 -Wall -Wextra -Werror -O2 -fPIC -shared -o $@ $< -ldl

$(B)/locale/%/LC_MESSAGES/okienko.mo: lib/po/%.po
	@mkdir -p $(@D)
	msgfmt --check -o $@ $<

# Regenerate lib/po/okienko.pot from the sources and merge it into each
# LL.po (new messages arrive untranslated or fuzzy: cmd/i18n_test.sh fails
# until they are translated).
pot:
	scripts/make-pot lib/po/okienko.pot
	for l in $(LINGUAS); do msgmerge -q -U --backup=none lib/po/$$l.po lib/po/okienko.pot && \
	  msgattrib --no-obsolete -o lib/po/$$l.po lib/po/$$l.po; done

# A fuzz target with a main that replays files (normal compiler), and with
# libFuzzer's main (scripts/fuzz builds these with clang, B=build/fuzz).
$(B)/test/fuzz-%: $(B)/scripts/fuzz-replay.o $(B)/scripts/%_fuzz.o $(B)/libokienko.a
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(OK_LIBS)

$(FUZZ:%=$(B)/%): $(B)/%: $(B)/scripts/%_fuzz.o $(B)/libokienko.a
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(OK_LIBS)

# The catalog directory is compiled into i18n.o: rebuild it when PREFIX
# changes (make install PREFIX=/opt/x after a plain make).  The stamp is
# written while the Makefile is read (.SECONDARY would not remake it).
LOCALEDIR_STAMP := $(shell mkdir -p $(B) && { echo '$(LOCALEDIR)' | cmp -s - $(B)/localedir.stamp 2>/dev/null || echo '$(LOCALEDIR)' >$(B)/localedir.stamp; } && echo $(B)/localedir.stamp)
$(B)/lib/i18n.o: $(LOCALEDIR_STAMP)

-include $(wildcard $(B)/*/*.d)

tests: $(CMD_BIN) $(TOOL_BIN) $(MO) $(TEST_BIN) $(B)/test/slowwrite.so $(B)/test/failshim.so $(B)/test/holidays-dump $(B)/test/ohours-eval $(FUZZ_REPLAY) $(B)/test/minutes-score

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

# Each libFuzzer target for FUZZ_SECONDS on its corpus (clang; see
# scripts/fuzz); fuzz-merge adds what they found to testdata/fuzz.
fuzz: deps-build
	@scripts/need-packages fuzz
	FUZZ_SECONDS=$(FUZZ_SECONDS) scripts/fuzz run $(FUZZ)

fuzz-merge: deps-build
	@scripts/need-packages fuzz
	scripts/fuzz merge $(FUZZ)

# The C sources in the style of .clang-format (clang-format 14; see
# scripts/format): format rewrites them, format-check names the files it
# would change, with the start of each diff, and fails.
format:
	@scripts/need-packages format
	scripts/format

format-check:
	@scripts/need-packages format
	scripts/format --check

.PHONY: format format-check

demo: deps-build
	$(MAKE) --no-print-directory all
	@scripts/demo

# Our commands against the tools users would otherwise pick (Miller,
# datamash, csvkit, sqlite3, gawk, DuckDB and opening_hours.js when node is
# there) on the same generated data; BENCH_QUICK=1 for a short run.
bench: deps-build all tests
	@scripts/need-packages bench
	scripts/bench

# The full differential test of opening hours (make check runs 5,000 cases):
# 120,000 cases, over 20,000 random expressions; about 5 minutes.
ohours-diff-full: deps-test tests
	node scripts/ohours-diff -n 120000 -k 20

# Precision and recall of minutes-parse per field on the minutes corpus
# (testdata/minutes-corpus: the part worked on and the part held out).
minutes-score: $(CMD_BIN) $(B)/test/minutes-score
	scripts/minutes-score

# install copies the build of $(B) (making it first) to $(DESTDIR)$(PREFIX):
# commands to bin, pages to share/man/man[157], the bash completion to
# $(BASHCOMPDIR) (once as okienko, and a link per command for on-demand
# loading), the demo directory and a crontab to $(DOCDIR)/examples, message
# catalogs to $(LOCALEDIR).  NOBUILD=1 copies $(B) as it is (the install test
# installs the variant under test, built with other flags).  The directories
# it had to create are listed in $(DOCDIR)/installed-dirs; uninstall removes
# what install copied, then those directories if they are empty.
install: $(if $(NOBUILD),,all)
	@for f in $(CMD_BIN) $(MO); do [ -f $$f ] || { echo "install: $$f is missing: run make B=$(B) first" >&2; exit 1; }; done
	@set -e; d="$(DESTDIR)"; made=""; [ -z "$$d" ] || mkdir -p "$$d"; \
	for dir in $(INSTALL_DIRS); do \
	  p=""; for c in $$(echo "$$dir" | tr / ' '); do p="$$p/$$c"; \
	    if [ ! -d "$$d$$p" ]; then mkdir -m 0755 "$$d$$p"; made="$$made $$p"; fi; done; \
	done; \
	list="$$d$(DOCDIR)/installed-dirs"; \
	{ if [ -f "$$list" ]; then cat "$$list"; fi; for p in $$made; do echo "$$p"; done; } | \
	  awk '!seen[$$0]++' >"$$list.new"; \
	chmod 0644 "$$list.new"; mv -f "$$list.new" "$$list"
	for c in $(CMDS); do install -m 0755 $(B)/bin/$$c $(DESTDIR)$(BINDIR)/$$c; done
	install -m 0755 scripts/weekly-report $(DESTDIR)$(BINDIR)/weekly-report
	install -m 0644 $(MAN1) $(DESTDIR)$(MANDIR)/man1
	install -m 0644 $(MAN5) $(DESTDIR)$(MANDIR)/man5
	install -m 0644 $(MAN7) $(DESTDIR)$(MANDIR)/man7
	install -m 0644 scripts/okienko-completion.bash $(DESTDIR)$(BASHCOMPDIR)/okienko
	for c in $(CMDS) weekly-report; do ln -sf okienko $(DESTDIR)$(BASHCOMPDIR)/$$c; done
	install -m 0644 $(DEMO) $(DESTDIR)$(DOCDIR)/examples/demo
	install -m 0644 scripts/crontab.example $(DESTDIR)$(DOCDIR)/examples/crontab
	for l in $(LINGUAS); do \
	  install -m 0644 $(B)/locale/$$l/LC_MESSAGES/okienko.mo $(DESTDIR)$(LOCALEDIR)/$$l/LC_MESSAGES/; done

uninstall:
	for c in $(CMDS) weekly-report; do rm -f $(DESTDIR)$(BINDIR)/$$c; done
	for p in $(notdir $(MAN1)); do rm -f $(DESTDIR)$(MANDIR)/man1/$$p; done
	for p in $(notdir $(MAN5)); do rm -f $(DESTDIR)$(MANDIR)/man5/$$p; done
	for p in $(notdir $(MAN7)); do rm -f $(DESTDIR)$(MANDIR)/man7/$$p; done
	for c in okienko $(CMDS) weekly-report; do rm -f $(DESTDIR)$(BASHCOMPDIR)/$$c; done
	for f in $(notdir $(DEMO)); do rm -f $(DESTDIR)$(DOCDIR)/examples/demo/$$f; done
	rm -f $(DESTDIR)$(DOCDIR)/examples/crontab
	for l in $(LINGUAS); do rm -f $(DESTDIR)$(LOCALEDIR)/$$l/LC_MESSAGES/okienko.mo; done
	@d="$(DESTDIR)"; list="$$d$(DOCDIR)/installed-dirs"; made=""; \
	if [ -f "$$list" ]; then made=$$(cat "$$list"); rm -f "$$list"; fi; \
	for p in $$(printf '%s\n' $$made $(DOCDIR) $(DOCDIR)/examples $(DOCDIR)/examples/demo | \
	    awk '{ l[NR] = $$0 } END { for (i = NR; i > 0; i--) print l[i] }'); do \
	  rmdir "$$d$$p" 2>/dev/null || true; done

clean:
	rm -rf build

.PHONY: all tests deps-build deps-test check asan valgrind demo bench install uninstall clean pot fuzz fuzz-merge ohours-diff-full minutes-score
.SECONDARY:

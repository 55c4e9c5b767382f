# yici — plain Makefile.  `make run` and `make test` are the two commands a
# fresh Debian machine needs; both install missing Debian packages first.

PREFIX    ?= /usr/local
DESTDIR   ?=
BINDIR     = $(PREFIX)/bin
SHAREDIR   = $(PREFIX)/share/yici
LOCALEDIR  = $(PREFIX)/share/locale
MANDIR     = $(PREFIX)/share/man
VERSION    = 0.1.0

CC        ?= cc
PKGS       = ncursesw sqlite3
# Packages the build needs, and those only the tests need.
DEB_BUILD  = build-essential pkg-config libncurses-dev libsqlite3-dev libcsv-dev gettext libssl-dev \
             libxlsxwriter-dev libcairo2-dev libpango1.0-dev libfontconfig-dev libqrencode-dev \
             fonts-noto-cjk
DEB_TEST   = $(DEB_BUILD) libcmocka-dev tmux sqlite3 python3 mandoc valgrind unicode-data procps \
             poppler-utils zbar-tools cups cups-client printer-driver-cups-pdf \
             dpkg-dev debhelper lintian locales libreoffice-calc-nogui

# The documents' layer (src/pdf_*.c): Cairo, Pango and libqrencode.
PDF_PKGS    = cairo pangocairo fontconfig libqrencode
PKG_CFLAGS  = $(shell pkg-config --cflags $(PKGS) openssl xlsxwriter $(PDF_PKGS) 2>/dev/null)
PKG_LIBS    = $(shell pkg-config --libs sqlite3 openssl xlsxwriter $(PDF_PKGS) 2>/dev/null) -pthread
CURSES_LIBS = $(shell pkg-config --libs ncursesw 2>/dev/null)

WARN       = -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wmissing-prototypes \
             -Wno-unused-parameter -Wformat=2 -Wvla
BASE_CFLAGS= -std=c17 -pthread -D_GNU_SOURCE -D_XOPEN_SOURCE_EXTENDED=1 -Iinclude -Ibuild/gen \
             $(WARN) $(PKG_CFLAGS) \
             -DYICI_VERSION='"$(VERSION)"'
CFLAGS    ?= -O2 -g
SAN        = -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all

LIB_SRC    = $(filter-out src/main.c src/ui_%.c,$(wildcard src/*.c))
UI_SRC     = src/main.c $(wildcard src/ui_*.c)
HDRS       = $(wildcard include/*.h) build/gen/migrations.h build/gen/paths.h
MIGRATIONS = $(sort $(wildcard db/*.sql))
UNIT_SRC   = $(wildcard tests/unit/test_*.c)
PO         = $(wildcard po/*.po)
MO         = $(patsubst po/%.po,build/locale/%/LC_MESSAGES/yici.mo,$(PO))

REL_OBJ    = $(patsubst src/%.c,build/rel/%.o,$(LIB_SRC))
REL_UIOBJ  = $(patsubst src/%.c,build/rel/%.o,$(UI_SRC))
SAN_OBJ    = $(patsubst src/%.c,build/san/%.o,$(LIB_SRC))
SAN_UIOBJ  = $(patsubst src/%.c,build/san/%.o,$(UI_SRC))
UNIT_BIN   = $(patsubst tests/unit/%.c,build/san/%,$(UNIT_SRC))

.PHONY: FORCE all mo run test deps deps-test install uninstall clean lint check-layers check-migrations po-update \
        bench faults fuzz

all: deps yici $(MO)

# The message catalogs alone (debian/rules builds yici and these).
mo: $(MO)

# ---- Debian packages -------------------------------------------------------
deps:
	@sh tests/deps.sh $(DEB_BUILD)
deps-test:
	@sh tests/deps.sh $(DEB_TEST)

# ---- generated sources -----------------------------------------------------
# Migrations are applied and recorded by number (src/db.c): two files may
# not share one.
check-migrations:
	@d=$$(for f in $(MIGRATIONS); do b=$${f##*/}; echo "$${b%%_*}"; done | sort | uniq -d); \
	 if [ -n "$$d" ]; then echo "db/: two migrations share the number $$d" >&2; exit 1; fi

build/gen/migrations.h: $(MIGRATIONS) Makefile | check-migrations
	@mkdir -p build/gen
	@{ echo '/* generated from db/NNN_name.sql by the Makefile: do not edit */'; \
	   echo 'static const char *const yici_migrations[] = {'; \
	   for f in $(MIGRATIONS); do \
	     echo "/* $$f */"; \
	     awk '{ gsub(/\\/,"\\\\"); gsub(/"/,"\\\""); print "\"" $$0 "\\n\"" }' $$f; \
	     echo ','; \
	   done; \
	   echo '};'; \
	   echo '/* the number of each (from its file name) and its name, in the same order */'; \
	   echo 'static const int yici_migration_numbers[] = {'; \
	   for f in $(MIGRATIONS); do \
	     b=$${f##*/}; n=$${b%%_*}; echo "$$(expr "$$n" + 0),"; \
	   done; \
	   echo '};'; \
	   echo 'static const char *const yici_migration_names[] = {'; \
	   for f in $(MIGRATIONS); do b=$${f##*/}; echo "\"$${b%.sql}\","; done; \
	   echo '};'; } > $@.tmp && mv $@.tmp $@

# The installed paths, rewritten only when PREFIX changes, so that
# `make install PREFIX=/usr` rebuilds what embeds them.
build/gen/paths.h: FORCE
	@mkdir -p build/gen
	@printf '#define YICI_SHAREDIR "%s"\n#define YICI_LOCALEDIR "%s"\n' '$(SHAREDIR)' '$(LOCALEDIR)' > $@.tmp
	@cmp -s $@.tmp $@ && rm -f $@.tmp || mv $@.tmp $@
FORCE:

# ---- release build ---------------------------------------------------------
build/rel/%.o: src/%.c $(HDRS)
	@mkdir -p build/rel
	@echo "  CC      $<"
	@$(CC) $(BASE_CFLAGS) $(CPPFLAGS) $(CFLAGS) -c $< -o $@

build/rel/libyici.a: $(REL_OBJ)
	rm -f $@ && ar rcs $@ $^

yici: $(REL_UIOBJ) build/rel/libyici.a
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $(REL_UIOBJ) build/rel/libyici.a -lcsv $(PKG_LIBS) $(CURSES_LIBS) -lm

# ---- sanitizer build for tests ---------------------------------------------
build/san/%.o: src/%.c $(HDRS)
	@mkdir -p build/san
	@echo "  CC san  $<"
	@$(CC) $(BASE_CFLAGS) -O1 -g $(SAN) -c $< -o $@

build/san/libyici.a: $(SAN_OBJ)
	rm -f $@ && ar rcs $@ $^

build/san/yici: $(SAN_UIOBJ) build/san/libyici.a
	$(CC) -g $(SAN) -o $@ $(SAN_UIOBJ) build/san/libyici.a -lcsv $(PKG_LIBS) $(CURSES_LIBS) -lm

# Unit tests link the non-UI library WITHOUT curses: a stray curses call in
# core, db or csv code fails to link here.
build/san/test_%: tests/unit/test_%.c tests/unit/testutil.h tests/unit/testdir.h build/san/libyici.a
	@echo "  TEST    $<"
	@$(CC) $(BASE_CFLAGS) -Itests/unit -O1 -g $(SAN) $(shell pkg-config --cflags cmocka) \
	  -o $@ $< build/san/libyici.a -lcsv $(PKG_LIBS) $(shell pkg-config --libs cmocka) -lm

# ---- message catalogs ------------------------------------------------------
build/locale/%/LC_MESSAGES/yici.mo: po/%.po
	@mkdir -p $(dir $@)
	msgfmt --check -o $@ $<

po-update:
	xgettext --from-code=UTF-8 -k_ -kN_ -o po/yici.pot --package-name=yici $(wildcard src/*.c) $(wildcard po/*.c)
	for p in $(PO); do msgmerge -q -U --backup=none $$p po/yici.pot; done

# ---- the two commands ------------------------------------------------------
run: all
	@test -f demo.db || ./yici init -d demo.db --demo 2000 --seed 1
	./yici -d demo.db

test: deps-test build/san/yici yici $(UNIT_BIN) $(MO)
	@sh tests/run.sh

# ---- proof: benchmarks, fault injection, fuzzing ---------------------------
# `make bench` prints the figures (tests/bench.sh; the 1,000,000-case demo
# database is cached in build/bench/); `make faults` runs more rounds of
# tests/faults/ than `make test` does; `make fuzz` runs each libFuzzer target
# of tests/fuzz/ for FUZZ_SECONDS with ASan and UBSan.
bench: yici
	@sh tests/bench.sh

faults: deps-test build/san/yici yici
	@sh tests/faults/run.sh

FUZZ_CC      = clang
FUZZ_SECONDS = 60
FUZZ_CFLAGS  = $(filter-out -Werror,$(BASE_CFLAGS)) -O1 -g \
               -fno-omit-frame-pointer -fno-sanitize-recover=all
FUZZ_OBJ     = $(patsubst src/%.c,build/fuzz/obj/%.o,$(LIB_SRC))
FUZZ_BIN     = $(patsubst tests/fuzz/%.c,build/fuzz/%,$(wildcard tests/fuzz/fuzz_*.c))

build/fuzz/obj/%.o: src/%.c $(HDRS)
	@mkdir -p build/fuzz/obj
	@echo "  CC fuzz $<"
	@$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link,address,undefined -c $< -o $@

build/fuzz/libyici.a: $(FUZZ_OBJ)
	rm -f $@ && ar rcs $@ $^

build/fuzz/fuzz_%: tests/fuzz/fuzz_%.c $(wildcard tests/fuzz/*.h) build/fuzz/libyici.a
	$(FUZZ_CC) $(FUZZ_CFLAGS) -Itests/fuzz -fsanitize=fuzzer,address,undefined -o $@ $< \
	  build/fuzz/libyici.a -lcsv $(PKG_LIBS) -lm

fuzz: deps-test
	@sh tests/deps.sh clang libclang-rt-14-dev
	@$(MAKE) --no-print-directory $(FUZZ_BIN)
	@sh tests/fuzz/run.sh $(FUZZ_SECONDS) $(FUZZ_BIN)

# ---- install ---------------------------------------------------------------
# A source install.  Every folder it has to create is listed in
# SHAREDIR/installed-dirs, so that `make uninstall` removes exactly the files
# and the (then empty) folders it made, and none that were there before.
# The systemd units are installed with BINDIR in their ExecStart.
UNITDIR    = $(PREFIX)/lib/systemd/system
COMPLDIR   = $(PREFIX)/share/bash-completion/completions
UNITS      = $(wildcard contrib/systemd/*.service contrib/systemd/*.timer contrib/systemd/*.path)
INST_DIRS  = $(BINDIR) $(SHAREDIR)/forms $(MANDIR)/man1 $(MANDIR)/man5 $(UNITDIR) $(COMPLDIR) \
             $(patsubst build/locale/%,$(LOCALEDIR)/%,$(dir $(MO)))

install: yici $(MO)
	@made=; for d in $(INST_DIRS); do \
	  t=$(DESTDIR)$$d; while [ ! -d "$$t" ]; do made="$$t $$made"; t=$$(dirname "$$t"); done; \
	  install -d $(DESTDIR)$$d; done; \
	  if [ -f $(DESTDIR)$(SHAREDIR)/installed-dirs ]; then made="$$made $$(cat $(DESTDIR)$(SHAREDIR)/installed-dirs)"; fi; \
	  printf '%s\n' $$made | sed 's|^$(DESTDIR)||' | sort -u > $(DESTDIR)$(SHAREDIR)/installed-dirs.tmp && \
	  mv $(DESTDIR)$(SHAREDIR)/installed-dirs.tmp $(DESTDIR)$(SHAREDIR)/installed-dirs
	install -m 755 yici $(DESTDIR)$(BINDIR)/yici
	install -m 644 forms/*.csv $(DESTDIR)$(SHAREDIR)/forms/
	install -m 644 man/*.1 $(DESTDIR)$(MANDIR)/man1/
	for f in man/*.5; do [ -e "$$f" ] && install -m 644 $$f $(DESTDIR)$(MANDIR)/man5/ || true; done
	for m in $(MO); do l=$${m#build/locale/}; install -m 644 $$m $(DESTDIR)$(LOCALEDIR)/$$l; done
	for u in $(UNITS); do sed 's|/usr/bin/yici|$(BINDIR)/yici|g' $$u > $(DESTDIR)$(UNITDIR)/$$(basename $$u); \
	  chmod 644 $(DESTDIR)$(UNITDIR)/$$(basename $$u); done
	install -m 644 contrib/bash-completion/yici $(DESTDIR)$(COMPLDIR)/yici

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/yici
	rm -f $(DESTDIR)$(MANDIR)/man1/yici.1 $(DESTDIR)$(MANDIR)/man5/yici-exchange.5
	for m in $(MO); do rm -f $(DESTDIR)$(LOCALEDIR)/$${m#build/locale/}; done
	for u in $(UNITS); do rm -f $(DESTDIR)$(UNITDIR)/$$(basename $$u); done
	rm -f $(DESTDIR)$(COMPLDIR)/yici
	@dirs=$$(cat $(DESTDIR)$(SHAREDIR)/installed-dirs 2>/dev/null); \
	  rm -rf $(DESTDIR)$(SHAREDIR); \
	  for d in $$(printf '%s\n' $$dirs | awk '{ print length($$0) " " $$0 }' | sort -rn | cut -d' ' -f2-); do \
	    [ -d "$(DESTDIR)$$d" ] && rmdir "$(DESTDIR)$$d" 2>/dev/null; done; true

# ---- checks ----------------------------------------------------------------
lint: check-layers
	mandoc -Tlint -Wwarning man/*.[15]

# The layer fence: only db_* include sqlite, only csv_* include libcsv, only
# ui_* include curses, only xlsx_* include libxlsxwriter, only pdf_* include
# cairo, pango or qrencode, and core_* include none of them.
check-layers:
	@bad=$$(grep -lE '#include <sqlite3.h>' src/*.c | grep -v '^src/db_' ; \
	        grep -lE '#include <csv.h>' src/*.c | grep -v '^src/csv_' ; \
	        grep -lE '#include <n?curses' src/*.c include/*.h | grep -vE '^(src|include)/ui(_|\.h)' ; \
	        grep -lE '#include <xlsxwriter' src/*.c include/*.h | grep -v '^src/xlsx_' ; \
	        grep -lE '#include <(cairo|pango|qrencode|fontconfig)' src/*.c include/*.h | grep -v '^src/pdf_'); \
	 if [ -n "$$bad" ]; then echo "layer violation: $$bad"; exit 1; else echo "layers ok"; fi

clean:
	rm -rf build yici

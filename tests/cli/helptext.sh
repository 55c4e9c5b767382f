#!/bin/sh
# tests/cli/helptext.sh — every long option a command takes is named in its
# --help: the options are read from the getopt tables (struct option) of
# the command's source file in src/, the commands from src/cli.c's table,
# and each command's --help (in English and in Chinese) must name every
# option of its file; the top-level yici --help names every command.
. "$(dirname "$0")/../lib.sh"

cat >opts.py <<'PYEOF'
import re, subprocess, glob, sys
src, yici, lang = sys.argv[1], sys.argv[2], sys.argv[3]
cli = open(src + "/cli.c").read()
cmds = re.findall(r'\{\s*"([a-z-]+)",\s*(cmd_[a-z_]+),', cli)
fn2file = {}
for f in glob.glob(src + "/cli_*.c") + [src + "/cli.c"]:
    for m in re.finditer(r'^int (cmd_[a-z_]+)\(', open(f).read(), re.M):
        fn2file[m.group(1)] = f
byfile = {}
for c, fn in cmds:
    byfile.setdefault(fn2file.get(fn, "?"), []).append(c)
top = subprocess.run([yici, "--lang", lang, "--help"], capture_output=True, text=True).stdout
for f, cs in sorted(byfile.items()):
    opts = set(re.findall(r'\{\s*"([a-z][a-z-]*)",\s*(?:no|required|optional)_argument', open(f).read()))
    text = ""
    for c in cs:
        r = subprocess.run([yici, "--lang", lang, c, "--help"], capture_output=True, text=True)
        text += r.stdout + r.stderr
        print("%s %s %s" % ("ok" if ("yici " + c) in top else "missing", c, "top"))
    for o in sorted(opts - {"db", "help"}):
        print("%s %s --%s" % ("ok" if ("--" + o) in text else "missing", cs[0], o))
PYEOF
for lang in en zh; do
	python3 opts.py "$top/src" "$YICI" "$lang" >opts.$lang 2>&1
	n=$(grep -c '^ok' opts.$lang)
	if [ "$n" -gt 100 ] && ! grep -q '^missing' opts.$lang; then
		pass "--help ($lang): every command in yici --help, every long option in its --help ($n)"
	else
		fail "--help ($lang): every command in yici --help, every long option in its --help" "$(grep -v '^ok' opts.$lang | head -20)"
	fi
done

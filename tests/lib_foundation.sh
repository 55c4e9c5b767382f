# tests/lib_foundation.sh — sourced by the foundation_*.sh suites after
# tests/lib.sh: the number of migrations, the invoking login, and helpers.
nmig=$(ls "$top"/db/*.sql | wc -l)
me=$(id -un)
sum() { sha256sum "$1" | cut -d' ' -f1; }
# as_user LOGIN ARGS...: run with YICI_USER=LOGIN (honoured for root only).
as_user() { YICI_USER=$1; export YICI_USER; shift; run "$@"; unset YICI_USER; }
nlines() { printf '%s\n' "$1" | grep -c .; }
# foundation_db: x.db, a copy of the new database of fixture init
foundation_db() { fixture init x.db; }

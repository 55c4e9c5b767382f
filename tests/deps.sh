#!/bin/sh
# Installs the Debian packages named as arguments that are missing.  As root:
# apt-get update when the package lists are empty, then apt-get install -y.
# Otherwise prints the exact apt-get line and fails.
missing=
for p in "$@"; do
	dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null | grep -q 'install ok installed' ||
		missing="$missing $p"
done
[ -z "$missing" ] && exit 0
if [ "$(id -u)" != 0 ]; then
	echo "yici needs these Debian packages:$missing" >&2
	echo "run: sudo apt-get install -y$missing" >&2
	exit 1
fi
if [ -z "$(ls -A /var/lib/apt/lists 2>/dev/null | grep -v -e '^lock$' -e '^partial$' -e '^auxfiles$')" ]; then
	echo "apt-get update" >&2
	apt-get update -qq >&2 || exit 1
fi
echo "apt-get install -y$missing" >&2
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq$missing >/dev/null && exit 0
# Package lists that are there but stale name versions the mirror no longer
# has: refresh them once and try again.
echo "apt-get update" >&2
apt-get update -qq >&2 &&
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq$missing >/dev/null || {
	echo "yici: apt-get install failed for:$missing" >&2
	exit 1
}

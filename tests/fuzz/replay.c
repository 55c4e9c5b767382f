/* replay.c — runs saved inputs through one fuzz target without libFuzzer:
 * `replay FILE|DIR ...` calls LLVMFuzzerInitialize once, then
 * LLVMFuzzerTestOneInput on every file (a folder's files in name order).
 * tests/cli/fuzz_replay.sh builds it with gcc, ASan and UBSan against each
 * target, so every seed and every crash once found (tests/fuzz/regress_*)
 * is replayed by `make test`.  Layer: test. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fuzz.h"

static long replayed;

static void replay_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		perror(path);
		exit(2);
	}
	struct sbuf b = { 0 };
	char chunk[65536];
	size_t n;
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		sbuf_add(&b, chunk, n);
	fclose(f);
	LLVMFuzzerTestOneInput((const uint8_t *)(b.s ? b.s : ""), b.len);
	sbuf_release(&b);
	replayed++;
}

static int by_name(const struct dirent **a, const struct dirent **b)
{
	return strcmp((*a)->d_name, (*b)->d_name);
}

static void replay_path(const char *path)
{
	struct stat st;
	if (stat(path, &st) < 0) {
		perror(path);
		exit(2);
	}
	if (!S_ISDIR(st.st_mode)) {
		replay_file(path);
		return;
	}
	struct dirent **names;
	int n = scandir(path, &names, NULL, by_name);
	for (int i = 0; i < n; i++) {
		if (names[i]->d_name[0] != '.') {
			char *p = xasprintf("%s/%s", path, names[i]->d_name);
			replay_file(p);
			free(p);
		}
		free(names[i]);
	}
	free(names);
}

int main(int argc, char **argv)
{
	LLVMFuzzerInitialize(&argc, &argv);
	for (int i = 1; i < argc; i++)
		replay_path(argv[i]);
	printf("replayed %ld inputs\n", replayed);
	return 0;
}

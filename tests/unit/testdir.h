/* testdir.h — a scratch folder for tests that create database files:
 * setup makes it and pins the clock, teardown empties and removes it,
 * new_path hands out a fresh file name in it.  Include after testutil.h
 * in one test file; define TESTDIR_NAME first ("chain", "db" ...). */
#ifndef YICI_TESTDIR_H
#define YICI_TESTDIR_H

#include <dirent.h>
#include <unistd.h>

#include "core_date.h"
#include "util.h"

static char dir[] = "/tmp/yici-test-" TESTDIR_NAME "-XXXXXX";
static int nfile;

/* A fresh path in the test folder for each call; the caller frees it. */
static char *new_path(void)
{
	return xasprintf("%s/t%d.db", dir, ++nfile);
}

static int setup(void **state)
{
	(void)state;
	struct yerr e = { 0 };
	if (!mkdtemp(dir))
		return -1;
	setenv("YICI_NOW", "2026-11-28 09:30", 1);
	return clock_init(&e);
}

static int teardown(void **state)
{
	(void)state;
	DIR *dp = opendir(dir);
	if (dp) {
		struct dirent *de;
		while ((de = readdir(dp)))
			if (de->d_name[0] != '.') {
				char *p = xasprintf("%s/%s", dir, de->d_name);
				unlink(p);
				free(p);
			}
		closedir(dp);
	}
	rmdir(dir);
	return 0;
}

#endif

/* fuzz_import_apps.c — libFuzzer target: whole applications.csv files
 * through yici import (validators, person and employer matching, the case
 * and its materials), rolled back after each input.  Layer: test. */
#include "fuzz_import.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	fuzz_import_init("applications.csv");
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_import_one(data, size);
	return 0;
}

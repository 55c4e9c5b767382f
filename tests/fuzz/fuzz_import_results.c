/* fuzz_import_results.c — libFuzzer target: whole results.csv files
 * through yici import (decisions of provincial systems applied to the
 * tasks of a 40-case demo database), rolled back after each input.
 * Layer: test. */
#include "fuzz_import.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	fuzz_import_init("results.csv");
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_import_one(data, size);
	return 0;
}

/* fuzz_import_shared.c — libFuzzer target: whole shared_materials.csv
 * files (documents from provincial data sharing) through yici import into
 * the tasks' materials of a 40-case demo database, rolled back after each
 * input (issue 17: a reader that had no fuzz target).  Layer: test. */
#include "fuzz_import.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	fuzz_import_init("shared_materials.csv");
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_import_one(data, size);
	return 0;
}

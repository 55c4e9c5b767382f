/* fuzz_forms.c — libFuzzer target: the catalog loader (csv_forms.c).  An
 * input is up to nine files separated by a line "====", written as
 * items.csv, materials.csv, item_materials.csv, rules.csv, holidays.csv,
 * rates.csv, form.csv, templates.csv and outcomes.csv (those missing are
 * absent) into a
 * scratch folder and loaded: a valid catalog or one error message, never
 * a crash.  Layer: test. */
#include <sys/stat.h>

#include "fuzz.h"

static const char *const form_files[] = {
	"items.csv", "materials.csv", "item_materials.csv", "rules.csv", "holidays.csv",
	"rates.csv", "form.csv", "templates.csv", "outcomes.csv",
};
#define SEP "\n====\n"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	fuzz_env();
	return 0;
}

/* Writes part i (or removes the file when the input has fewer parts). */
static void forms_part(int i, const uint8_t *p, size_t n, int present)
{
	char *path = xasprintf("%s/forms/%s", fuzz_dir(), form_files[i]);
	if (present)
		fuzz_write(path, p, n);
	else
		unlink(path);
	free(path);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *dir = xasprintf("%s/forms", fuzz_dir());
	mkdir(dir, 0700);
	const uint8_t *p = data, *end = data + size;
	for (int i = 0; i < (int)ARRAY_SIZE(form_files); i++) {
		if (!p) {
			forms_part(i, NULL, 0, 0);
			continue;
		}
		const uint8_t *q = memmem(p, (size_t)(end - p), SEP, strlen(SEP));
		forms_part(i, p, (size_t)((q ? q : end) - p), 1);
		p = q ? q + strlen(SEP) : NULL;
	}
	struct catalog c;
	struct yerr e;
	yerr_clear(&e);
	catalog_init(&c);
	int rc = forms_load(dir, &c, &e);
	FUZZ_ASSERT(rc == 0 || rc == -1);
	FUZZ_ASSERT(rc == 0 || e.msg[0]);
	catalog_release(&c);
	free(dir);
	return 0;
}

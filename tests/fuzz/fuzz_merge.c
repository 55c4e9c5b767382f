/* fuzz_merge.c — libFuzzer target: the merged material list of random
 * applications on random catalogs (issue 17).  The catalog is forms/ with
 * the required, commitment and condition of its item-material links
 * redrawn from the input; the ticked and decided items and the case's
 * facts come from the input too.  Every material is listed at most once,
 * only for ticked items, and a required one is required by a link of a
 * ticked item whose condition holds.  Layer: test. */
#include "core_catalog.h"
#include "fuzz.h"

static struct catalog mg_cat;
static int *req0, *com0;
static char (*cond0)[sizeof mg_cat.links[0].condition];

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	fuzz_env();
	struct yerr e;
	yerr_clear(&e);
	catalog_init(&mg_cat);
	if (forms_load(fuzz_forms_dir(), &mg_cat, &e) < 0)
		fuzz_die("forms_load", &e);
	req0 = calloc((size_t)mg_cat.nlinks, sizeof *req0);
	com0 = calloc((size_t)mg_cat.nlinks, sizeof *com0);
	cond0 = calloc((size_t)mg_cat.nlinks, sizeof *cond0);
	for (int i = 0; i < mg_cat.nlinks; i++) {
		req0[i] = mg_cat.links[i].required;
		com0[i] = mg_cat.links[i].commitment_ok;
		memcpy(cond0[i], mg_cat.links[i].condition, sizeof cond0[i]);
	}
	return 0;
}

static const char *const conds[] = { "", "kind=death", "kind=injury", "circumstance=commute",
				     "circumstance!=missing", "applicant=agent",
				     "kind=death;circumstance!=missing", "applicant=relative" };

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 6)
		return 0;
	struct catalog *c = &mg_cat;
	itemset ticked = (itemset)(data[0] | data[1] << 8) & ((1u << c->nitems) - 1);
	itemset decided = (itemset)(data[2] | data[3] << 8) & ((1u << c->nitems) - 1);
	static const char *const circ[] = { "work", "commute", "missing", "business_trip" };
	static const char *const types[] = { "worker", "relative", "agent", "employer" };
	struct case_facts f = { .kind = data[4] & 1 ? KIND_DEATH : KIND_INJURY,
				.circumstance = circ[(data[4] >> 1) & 3],
				.applicant = types[(data[4] >> 3) & 3] };
	for (int i = 0; i < c->nlinks; i++) {
		uint8_t b = 6 + (size_t)i < size ? data[6 + i] : data[5];
		c->links[i].required = b & 1 ? !req0[i] : req0[i];
		c->links[i].commitment_ok = b & 2 ? !com0[i] : com0[i];
		snprintf(c->links[i].condition, sizeof c->links[i].condition, "%s",
			 b & 4 ? conds[(b >> 3) & 7] : cond0[i]);
	}
	struct merged_material mm[MAX_MATERIALS];
	int n = rule_merge_materials(c, ticked, decided, &f, data[5] & 1, mm);
	FUZZ_ASSERT(n >= 0 && n <= c->nmaterials);
	for (int i = 0; i < n; i++) {
		FUZZ_ASSERT(mm[i].material >= 0 && mm[i].material < c->nmaterials);
		FUZZ_ASSERT(mm[i].items && (mm[i].items & ~ticked) == 0);
		for (int j = i + 1; j < n; j++)
			FUZZ_ASSERT(mm[i].material != mm[j].material);
		if (mm[i].required) {
			int by = 0;
			for (int k = 0; k < c->nlinks; k++) {
				const struct item_material *l = &c->links[k];
				by |= l->material == mm[i].material && l->required &&
				      (ticked & (1u << l->item)) &&
				      (!l->condition[0] || catalog_condition_holds(l->condition, &f));
			}
			FUZZ_ASSERT(by);
		}
	}
	return 0;
}

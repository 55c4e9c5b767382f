/* cli_catalog.c — yici catalog: print the catalog (items with category,
 * prerequisites, materials and limits), check forms/, or upgrade the
 * database's copy explicitly.  Layer: cli. */
#include "cli.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "core_text.h"
#include "csv_documents.h"
#include "csv_forms.h"
#include "csv_write.h"
#include "db_audit.h"
#include "db_catalog.h"
#include "i18n.h"

static void catalog_help(void)
{
	printf(_("Usage: yici catalog [--check | --upgrade] [--format table|csv] [--forms DIR]\n"
		 "Print the catalog: the 14 items with their office, case kinds, prerequisites,\n"
		 "materials and time limits, the time-limit rules and the holiday years.\n"
		 "It is read from the database when it exists, else from forms/.\n\n"
		 "      --check          validate forms/ only and say what it holds\n"
		 "      --upgrade        copy a changed forms/ into the database (supervisor);\n"
		 "                       refused if cases use an item or material it drops\n"
		 "      --format FORMAT  table (default) or csv (items only)\n"
		 "      --forms DIR      catalog folder (default $YICI_FORMS, else installed)\n"
		 "  -d, --db FILE        database (default $YICI_DB, else ./yici.db)\n"
		 "  -h, --help           show this help\n"));
}

static const char *kinds_label(int kinds)
{
	static char buf[64];
	snprintf(buf, sizeof buf, "%s%s%s", kinds & KIND_INJURY ? kind_label(KIND_INJURY) : "",
		 kinds == (KIND_INJURY | KIND_DEATH) ? "/" : "",
		 kinds & KIND_DEATH ? kind_label(KIND_DEATH) : "");
	return buf;
}

/* "M01 M04 M06*" — * marks what the bundle produces, ? optional. */
static char *item_materials(const struct catalog *c, int item)
{
	struct sbuf b = { 0 };
	for (int i = 0; i < c->nlinks; i++) {
		const struct item_material *l = &c->links[i];
		if (l->item != item)
			continue;
		sbuf_addf(&b, "%s%s%s", b.len ? " " : "", c->materials[l->material].code,
			  l->produced_by >= 0 ? "*" : !l->required ? "?" : l->commitment_ok ? "+" : "");
		if (l->condition[0])
			sbuf_addf(&b, "[%s]", l->condition);
	}
	if (!b.s)
		sbuf_addstr(&b, "");
	return b.s;
}

/* "recognised+ deemed+ not_recognised": + marks a positive outcome. */
static char *item_outcomes(const struct item *it)
{
	struct sbuf b = { 0 };
	sbuf_add(&b, "", 0);
	for (int k = 0; k < it->noutcomes; k++)
		sbuf_addf(&b, "%s%s%s", k ? " " : "", it->outcomes[k].code,
			  it->outcomes[k].positive ? "+" : "");
	return b.s;
}

static void print_items_csv(const struct catalog *c)
{
	static const char *const hdr[] = { "seq", "code", "name", "category", "kinds", "prereqs",
					   "limit_days", "promised_days", "day_kind", "materials",
					   "conditions", "limit_rule", "once", "outcomes",
					   "suspend", "extend", "delivery", "accepts",
					   "review_rule", "formula" };
	csv_write_row(stdout, hdr, (int)ARRAY_SIZE(hdr));
	for (int i = 0; i < c->nitems; i++) {
		const struct item *it = &c->items[i];
		char seq[8], lim[16], pro[16];
		snprintf(seq, sizeof seq, "%d", it->seq);
		snprintf(lim, sizeof lim, "%d", it->limit_days);
		snprintf(pro, sizeof pro, "%d", it->promised_days);
		char *pre = catalog_format_items(c, it->prereqs), *mat = item_materials(c, i);
		char *cond = catalog_format_prereqs(c, i), *outs = item_outcomes(it);
		const char *row[] = { seq, it->code, it->name, category_code(it->cat),
				      kind_code(it->kinds), pre, lim, pro, day_kind_code(it->day_kind),
				      mat, cond, it->limit_rule, it->once ? "yes" : "no", outs,
				      it->suspend, it->extend, it->delivery,
				      it->office_accepts ? "office" : "window", it->review_rule,
				      it->formula };
		csv_write_row(stdout, row, (int)ARRAY_SIZE(row));
		free(pre);
		free(mat);
		free(cond);
		free(outs);
	}
}

static void print_items(const struct catalog *c)
{
	int cats = 0;
	for (int i = 0; i < c->nitems; i++)
		cats |= 1 << c->items[i].cat;
	int ncat = __builtin_popcount((unsigned)cats);
	printf(_("%d items in %d categories\n"), c->nitems, ncat);
	/* names whole: the Item column as wide as the longest (46 at least) */
	int nw = 45;
	for (int i = 0; i < c->nitems; i++)
		nw = text_widest(nw, c->items[i].name);
	struct sbuf b = { 0 };
	text_rpad(&b, "#", 3);
	sbuf_addstr(&b, "  ");
	text_cell(&b, _("Code"), 5);
	text_cell(&b, _("Item"), nw + 1);
	text_cell(&b, _("Office"), 16);
	text_cell(&b, _("Cases"), 14);
	text_cell(&b, _("Needs first"), 12);
	sbuf_addstr(&b, _("Limit"));
	puts(b.s);
	for (int i = 0; i < c->nitems; i++) {
		const struct item *it = &c->items[i];
		char num[8], lim[96];
		b.len = 0;
		snprintf(num, sizeof num, "%d", it->seq);
		text_rpad(&b, num, 3);
		sbuf_addstr(&b, "  ");
		text_cell(&b, it->code, 5);
		text_cell(&b, it->name, nw + 1);
		text_cell(&b, category_label(it->cat), 16);
		text_cell(&b, kinds_label(it->kinds), 14);
		char *pre = catalog_format_items(c, it->prereqs);
		text_cell(&b, *pre ? pre : "-", 12);
		free(pre);
		snprintf(lim, sizeof lim,
			 it->day_kind == DAYS_WORKING ? _("%d working days (promised %d)")
						      : _("%d days (promised %d)"),
			 it->limit_days, it->promised_days);
		sbuf_addstr(&b, lim);
		puts(b.s);
		char *mat = item_materials(c, i);
		printf("        %s %s\n", _("materials:"), mat);
		free(mat);
		char *cond = catalog_format_prereqs(c, i), *outs = item_outcomes(it);
		printf("        %s %s", _("outcomes:"), outs);
		if (*cond)
			printf("; %s %s", _("needs:"), cond);
		printf("; %s %s", _("limit rule:"), it->limit_rule);
		if (it->once)
			printf("; %s", _("once per accident"));
		printf("; %s %s", _("suspend:"), *it->suspend ? it->suspend : _("never"));
		if (*it->extend)
			printf("; %s %s", _("extend:"), it->extend);
		if (it->office_accepts)
			printf("; %s %s", _("accepted by the office within:"), it->review_rule);
		if (*it->formula)
			printf("; %s %s", _("task calc formula:"), it->formula);
		printf("\n");
		free(cond);
		free(outs);
	}
	printf(_("  * produced inside the bundle, never asked of the applicant; "
		 "? optional; + notice-commitment may replace it\n"));
	sbuf_release(&b);
}

static void print_rest(const struct catalog *c)
{
	printf("\n%s\n", _("Materials"));
	for (int i = 0; i < c->nmaterials; i++)
		printf("  %s  %s\n", c->materials[i].code, c->materials[i].name);
	printf("\n%s\n", _("Time-limit rules"));
	int kw = 23, rw = 35; /* keys and names whole */
	for (int i = 0; i < c->nrules; i++) {
		kw = text_widest(kw, c->rules[i].key);
		rw = text_widest(rw, c->rules[i].name);
	}
	for (int i = 0; i < c->nrules; i++) {
		const struct rule *r = &c->rules[i];
		const char *unit = r->unit == UNIT_YEAR ? _("year(s)") : r->unit == UNIT_MONTH
				 ? _("month(s)") : r->day_kind == DAYS_WORKING ? _("working days")
				 : _("days");
		struct sbuf b = { 0 };
		sbuf_addstr(&b, "  ");
		text_cell(&b, r->key, kw + 1);
		text_cell(&b, r->name, rw + 1);
		printf("%s%4d %s  %s\n", b.s, r->amount, unit, r->basis ? r->basis : "");
		sbuf_release(&b);
	}
	printf("\n%s\n", _("Public holidays"));
	int y = 0;
	date_to_ymd(clock_today(), &y, &(int){ 0 }, &(int){ 0 });
	for (int yr = y - 1; yr <= y + 1; yr++) {
		int n = 0;
		for (int i = 0; i < c->cal.n; i++) {
			int hy;
			date_to_ymd(c->cal.days[i].day, &hy, &(int){ 0 }, &(int){ 0 });
			n += hy == yr;
		}
		if (calendar_year_published(&c->cal, yr))
			printf(_("  %d: published (%d days off or working weekends)\n"), yr, n);
		else
			printf(_("  %d: not yet published; working days count the statutory days "
				 "off (%d dated) and weekends, without 调休\n"), yr, n);
	}
}

static int do_upgrade(const struct cli *c, struct catalog *fresh)
{
	struct staff me;
	struct actor a;
	struct yerr e;
	yerr_clear(&e);
	struct db *d = cli_open(c, DB_OPEN_RW, &me, &a);
	if (!d)
		return EXIT_FAIL;
	char old[65], at[20];
	db_catalog_version(d, old, at);
	int rc = EXIT_OK;
	if (perm_check(&a, ACT_CATALOG, -1, &e) < 0) {
		db_denied_record(d, a.login, "catalog upgrade", 0, e.msg);
		rc = cli_fail(&e);
	} else if (!strcmp(old, fresh->version)) {
		printf(_("catalog unchanged (version %.12s)\n"), old);
	} else if (db_begin(d, &e) < 0 ||
		   db_catalog_store(d, fresh, a.login, c->forms_dir, &e) < 0 ||
		   db_commit(d, &e) < 0) {
		db_rollback(d);
		rc = cli_fail(&e);
	} else {
		printf(_("catalog upgraded from version %.12s to %.12s\n"), old, fresh->version);
	}
	db_close(d);
	return rc;
}

/* The wording of the documents (forms/documents.csv, offices.csv, issue
 * 16): every placeholder, kind and issuer checked (csv_documents.c). */
static int check_documents(const char *dir, struct yerr *e)
{
	struct doc_forms f;
	if (doc_forms_load(dir, &f, e) < 0)
		return -1;
	doc_forms_release(&f);
	return 0;
}

int cmd_catalog(const struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "check", no_argument, NULL, 'c' },   { "upgrade", no_argument, NULL, 'u' },
		{ "format", required_argument, NULL, 'F' }, { "forms", required_argument, NULL, 'f' },
		{ "db", required_argument, NULL, 'd' }, { "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct cli cc = *c;
	int check = 0, upgrade = 0, csv = 0, o;
	optind = 1;
	opterr = 0;
	while ((o = getopt_long(argc, argv, ":d:h", opts, NULL)) != -1) {
		switch (o) {
		case 'c': check = 1; break;
		case 'u': upgrade = 1; break;
		case 'f': cc.forms_dir = optarg; break;
		case 'd': cc.db_path = optarg; break;
		case 'F':
			if (strcmp(optarg, "table") && strcmp(optarg, "csv"))
				return cli_usage_error("catalog", _("--format is table or csv, not '%s'"), optarg);
			csv = !strcmp(optarg, "csv");
			break;
		case 'h': catalog_help(); return EXIT_OK;
		case ':': return cli_usage_error("catalog", _("option '%s' needs a value"), argv[optind - 1]);
		default: return cli_usage_error("catalog", _("unknown option '%s'"), argv[optind - 1]);
		}
	}
	if (optind < argc)
		return cli_usage_error("catalog", _("unexpected argument '%s'"), argv[optind]);
	if (check && upgrade)
		return cli_usage_error("catalog", _("--check and --upgrade exclude each other"));

	struct catalog cat;
	struct yerr e;
	yerr_clear(&e);
	catalog_init(&cat);
	struct stat sb;
	int from_db = !check && !upgrade && stat(cc.db_path, &sb) == 0;
	int rc = EXIT_OK;
	if (from_db) {
		struct staff me;
		struct actor a;
		struct db *d = cli_open(&cc, DB_OPEN_RO, &me, &a);
		if (!d)
			return EXIT_FAIL;
		char at[20];
		if (perm_check(&a, ACT_READ, -1, &e) < 0) {
			db_denied_record(d, a.login, "catalog read", 0, e.msg);
			rc = cli_fail(&e);
		} else if (db_catalog_load(d, &cat, &e) < 0) {
			rc = cli_fail(&e);
		} else if (!csv) {
			db_catalog_version(d, cat.version, at),
			printf(_("Catalog of %s, version %.12s, loaded %s\n"), cc.db_path, cat.version, at);
		}
		db_close(d);
	} else if (forms_load(cc.forms_dir, &cat, &e) < 0) {
		rc = cli_fail(&e);
	} else if (check && check_documents(cc.forms_dir, &e) < 0) {
		rc = cli_fail(&e);
	} else if (upgrade) {
		rc = do_upgrade(&cc, &cat);
		catalog_release(&cat);
		return rc;
	} else if (!csv) {
		printf(_("Catalog in %s, version %.12s\n"), cc.forms_dir, cat.version);
	}
	if (rc == EXIT_OK) {
		if (csv) {
			print_items_csv(&cat);
		} else {
			print_items(&cat);
			if (!check)
				print_rest(&cat);
			else
				printf(_("forms OK: %d items, %d materials, %d rules, %d holidays, "
					 "%d rates, %d form fields\n"), cat.nitems, cat.nmaterials,
				       cat.nrules, cat.cal.n, cat.nrates, cat.nfields);
			if (check)
				printf(_("documents OK: forms/documents.csv and forms/offices.csv\n"));
		}
	}
	catalog_release(&cat);
	return rc;
}

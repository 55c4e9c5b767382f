/* cli_application.c — the combined-service window for scripts and tests:
 * yici apply (fill, save, check, submit), supplement, refuse, notice and
 * intake (the notice files and the printer are cli_doc.c's).
 * Layer: cli.
 * Why one file of over 800 lines: the window commands share one option
 * parser and the application-in-memory helpers of the CLI; splitting them
 * would export those helpers for no second user.
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "cli_columns.h"
#include "cli_doc.h"
#include "core_case.h"
#include "core_date.h"
#include "core_text.h"
#include "csv_write.h"
#include "db_application.h"
#include "db_inbox.h"
#include "i18n.h"
#include "util_file.h"

/* ==== options shared by apply and supplement ==== */

struct apply_opts {
	struct application ap;
	const char *ref;     /* --case / CASE_NO */
	int submit, check, accept;
	int extend, withdraw;  /* supplement: the decision on a lapsed deadline */
	const char *reason;
	char **mat;          /* --material values, applied after the items */
	int nmat;
	const char *follows; /* --follows CASE_NO */
	const char *forms_dir; /* the wording of the papers (forms/documents.csv) */
};

static int set_field(const struct catalog *c, struct application *ap, const char *cmd,
		     const char *kv)
{
	const char *eq = strchr(kv, '=');
	if (!eq || eq == kv)
		return cli_usage_error(cmd, _("--field takes KEY=VALUE, not '%s'"), kv);
	char *key = xstrndup(kv, (size_t)(eq - kv));
	int known = 0;
	for (int i = 0; i < c->nfields; i++)
		known |= !strcmp(c->fields[i].key, key);
	if (!known) {
		cli_usage_error(cmd, _("unknown field '%s' (the keys of forms/form.csv)"), key);
		free(key);
		return EXIT_USAGE;
	}
	application_set(ap, key, eq + 1);
	free(key);
	return 0;
}

static int set_items(const struct catalog *c, struct application *ap, const char *list)
{
	char *s = xstrdup(list);
	for (char *p = s; *p; p++)
		if (*p == ',' || *p == ' ')
			*p = ';';
	struct yerr e;
	yerr_clear(&e);
	int rc = catalog_parse_items(c, s, &ap->items, &e);
	free(s);
	return rc < 0 ? cli_usage_error("apply", "%s", e.msg) : 0;
}

/* CODE=STATUS[:DOCNO]; CODE "all" sets every material. */
static int set_material(const struct catalog *c, struct application *ap, const char *cmd,
			const char *arg)
{
	char *s = xstrdup(arg), *eq = strchr(s, '='), *doc = NULL;
	enum material_status ms;
	int rc = 0;
	if (eq) {
		*eq = '\0';
		if ((doc = strchr(eq + 1, ':')))
			*doc++ = '\0';
	}
	int m = eq ? catalog_material_index(c, s) : -1;
	if (!eq || (m < 0 && strcmp(s, "all")) ||
	    material_status_parse(eq + 1, &ms) < 0 || ms == MS_PRODUCED) {
		rc = cli_usage_error(cmd, _("--material takes CODE=STATUS (M01..M20 or all; received, "
					    "missing, shared or committed), not '%s'"), arg);
	} else if (m < 0) {
		/* all: every required material of the ticked items */
		struct merged_material *mm = xcalloc((size_t)c->nmaterials, sizeof *mm);
		int n = application_materials(c, ap, 0, mm);
		for (int i = 0; i < n; i++)
			if (mm[i].required && !mm[i].produced && mm[i].material < MAX_MATERIALS)
				ap->mstatus[mm[i].material] = ms;
		free(mm);
	} else if (m < MAX_MATERIALS) {
		ap->mstatus[m] = ms;
		free(ap->mdoc[m]);
		ap->mdoc[m] = doc && *doc ? xstrdup(doc) : NULL;
	}
	free(s);
	return rc;
}

/* One text for the five commands; the one asked for comes first. */
static void apply_help(const char *cmd)
{
	int n;
	const struct command *cmds = cli_commands(&n);
	for (int i = 0; cmd && strcmp(cmd, "apply") && i < n; i++)
		if (!strcmp(cmds[i].name, cmd)) {
			printf(_("Usage: yici %s\n"), _(cmds[i].synopsis));
			putchar('\n');
		}
	printf(_("Usage: yici apply [--case REF] [--field KEY=VALUE]... [--items LIST]\n"
		 "                  [--material CODE=STATUS[:DOCNO]]... [--check | --submit]\n"
		 "                  [--online EXT_ID [--submitted-at TIME]] [--follows CASE_NO]\n"
		 "       yici supplement CASE_NO [--material CODE=STATUS]... [--field KEY=VALUE]...\n"
		 "                  [--accept]\n"
		 "       yici supplement CASE_NO --extend --reason TEXT | --withdraw\n"
		 "       yici refuse CASE_NO --reason TEXT\n"
		 "       yici notice CASE_NO [--kind KIND] [--quiet]\n"
		 "       yici intake [--limit N] [--format table|csv]\n"
		 "       yici intake open EXT_ID\n"
		 "The combined application at the window (one form, one visit).\n"
		 "apply fills a new application, or the draft or online application REF (a case\n"
		 "number, an online id, or #ID), and saves it as a draft.  --check only validates;\n"
		 "--submit accepts it when every required material is there (case number, tasks,\n"
		 "deadlines, SMS, acceptance notice) or gives the one-time notice of everything\n"
		 "missing (state deficient).  KEY is a key of forms/form.csv (worker.id_number ...);\n"
		 "LIST is item codes like RD;YL;HS; STATUS is received, missing, shared (data\n"
		 "sharing) or committed (notice-commitment, where the catalog allows it); CODE all\n"
		 "sets every material.  Materials the bundle produces are never asked for.\n"
		 "supplement marks what a deficient case's applicant brought; --accept accepts it.\n"
		 "A deficient case past its 补正期限 (listed as lapsed by intake) takes no\n"
		 "supplement until the window decides: --extend --reason TEXT extends the\n"
		 "deadline once, --withdraw closes the case as 视为撤回 (state withdrawn, SMS).\n"
		 "refuse does not accept an application (不予受理), with the reason and the remedy.\n"
		 "notice prints a case's notice again (default: the one its state calls for) to\n"
		 "stdout, the notices folder and the printer (config printer); KIND is\n"
		 "acceptance, deficiency, refusal, form, suspension, resumption, withdrawal or\n"
		 "query-code.\n"
		 "intake lists online applications waiting at the window: those the import put\n"
		 "in the inbox (nothing else is written for them until the window opens one)\n"
		 "and those opened but not yet submitted, in the order received, with how long\n"
		 "each has waited.  intake open takes one from the inbox: its persons, employer,\n"
		 "materials and case are written then (F7 in the form, and apply --case EXT_ID,\n"
		 "do the same).\n\n"
		 "  -d, --db FILE   database (default $YICI_DB, else ./yici.db)\n"
		 "  -h, --help      show this help\n"));
	fputs(_("\n--follows CASE_NO: the application relies on a decision of the worker's\n"
		"earlier case CASE_NO (its RD, its JD grade, its FJ confirmation): it takes\n"
		"that case's accident (the worker, employer and accident fields left empty)\n"
		"and its decisions count as this case's prerequisites.  Without it a\n"
		"prerequisite counts only when ticked in the same case, and a benefit paid\n"
		"once per accident that was approved before is refused with the case and\n"
		"date of that approval.  The rules of each item are in forms/items.csv.\n"),
	      stdout);
	fputs(_("\nyici notice CASE_NO --kind query-code issues a new query code (查询密码) on the\n"
		"applicant's request and prints it; the earlier code stops working.  The code\n"
		"is first issued at the receipt, printed on it and sent in the acceptance SMS;\n"
		"only its hash is kept (cases.csv column query_code_hash).\n"),
	      stdout);
	fputs(_("\nyici intake --format csv prints the same rows (at most --limit, 100 by\n"
		"default) as CSV, codes instead of words: ext_id, submitted_at (or when the\n"
		"window opened it), waited_minutes, worker_name, applicant_name, kind, items\n"
		"and inbox (1: still in the inbox, 0: opened as a case); no count, no lapsed\n"
		"cases.\n"),
	      stdout);
}

/* ==== apply / supplement ==== */

static void print_problems(struct db *d, const struct catalog *c, const char *cmd,
			   const struct application *ap, int *n)
{
	char **errs;
	*n = application_check(d, c, ap, &errs);
	for (int i = 0; i < *n; i++) {
		fprintf(stderr, "yici %s: %s\n", cmd, errs[i]);
		free(errs[i]);
	}
	free(errs);
}

static void print_window_warning(const struct catalog *c, const struct application *ap)
{
	char msg[512];
	if (application_window(c, ap, msg, sizeof msg))
		fprintf(stderr, _("warning: %s\n"), msg);
}

/* The text copy of a notice in the notices folder; sent to the printer
 * only when the flow has no A4 paper of its own (print). */
static int show_notice(struct db *d, const struct application *ap, const char *kind,
		       const char *text, int print)
{
	char *path = NULL, warn[256];
	struct yerr e;
	yerr_clear(&e);
	int rc = notice_output(d, ap->case_no, kind, text, print, &path, warn, sizeof warn, &e);
	if (rc < 0)
		cli_fail(&e);
	else
		printf(_("notice: %s\n"), path);
	if (*warn)
		fprintf(stderr, "yici: %s\n", warn);
	free(path);
	return rc;
}

/* The papers of a window flow as A4 PDF (printed when config printer is
 * set): "document: FILE". */
static int show_papers(struct db *d, const char *case_no, const char *name,
		       struct document *docs, int n)
{
	char *path = NULL, warn[256];
	struct yerr e;
	yerr_clear(&e);
	int rc = papers_output(d, NULL, case_no, name, docs, n, -1, &path, NULL, warn, sizeof warn,
			       &e);
	if (rc < 0)
		cli_fail(&e);
	else
		printf(_("document: %s\n"), path);
	if (rc == 0 && *warn)
		fprintf(stderr, "yici: %s\n", warn);
	free(path);
	return rc;
}

/* The text copy of a notice, without the query code the paper carries. */
static void mask_code(char *text, const char *code)
{
	size_t n = strlen(code);
	for (char *p = n ? strstr(text, code) : NULL; p; p = strstr(p + n, code))
		memset(p, '*', n);
}

static int do_submit(struct db *d, const struct catalog *c, const struct actor *a,
		     struct apply_opts *o)
{
	int64_t id = o->ap.case_id;
	enum case_state st = o->ap.state;
	char *notice = NULL;
	struct yerr e;
	yerr_clear(&e);
	/* the submit and its papers in one transaction: the query code is
	 * drawn, hashed, sent and printed on the receipt together */
	if (db_begin(d, &e) < 0)
		return cli_fail(&e);
	int rc = db_application_submit(d, c, a, &o->ap, &id, &st, &notice, &e);
	if (rc < 0) {
		struct yerr ce;
		yerr_clear(&ce);
		if (e.code == YERR_STATE && o->ap.case_id)
			db_commit(d, &ce);  /* the marks were saved */
		else
			db_rollback(d);
		free(notice);
		return cli_fail(&e);
	}
	enum doc_kind kinds[2] = { DK_RECEIPT, DK_ACCEPTANCE };
	int nk = st == CS_ACCEPTED ? 2 : 1;
	if (st != CS_ACCEPTED)
		kinds[0] = DK_DEFICIENCY;
	struct doc_request rq = { .kind = kinds[0], .query_code = o->ap.query_code };
	struct document *docs = NULL;
	int nd = 0;
	if (papers_issue(d, c, o->forms_dir, a, o->ap.case_no, kinds, nk, &rq, &docs, &nd, &e) < 0 ||
	    db_commit(d, &e) < 0) {
		db_rollback(d);
		free(notice);
		return cli_fail(&e);
	}
	printf("%s %s\n", o->ap.case_no, case_state_word(st));
	if (st == CS_DEFICIENT)
		printf(_("supplement by %s\n"), o->ap.supplement_due);
	mask_code(notice, o->ap.query_code);
	o->ap.query_code[0] = '\0';
	rc = show_notice(d, &o->ap, st == CS_ACCEPTED ? "acceptance" : "deficiency", notice, 0);
	if (rc == 0)
		rc = show_papers(d, o->ap.case_no, st == CS_ACCEPTED ? "accepted" : "deficiency", docs,
				 nd);
	documents_free(docs, nd);
	free(notice);
	return rc < 0 ? EXIT_FAIL : EXIT_OK;
}

static void fill_if_empty(struct application *ap, const char *key, const char *v)
{
	if (!*application_get(ap, key) && v && *v)
		application_set(ap, key, v);
}

/* While the worker applies in person, the applicant's name, ID and phone
 * are the worker's: what is given for one is the other's too. */
static void mirror_worker(struct application *ap)
{
	static const char *const k[] = { "name", "id_number", "phone" };
	if (strcmp(application_get(ap, "applicant.type"), "worker"))
		return;
	for (size_t i = 0; i < ARRAY_SIZE(k); i++) {
		char ak[32], wk[32];
		snprintf(ak, sizeof ak, "applicant.%s", k[i]);
		snprintf(wk, sizeof wk, "worker.%s", k[i]);
		char *av = xstrdup(application_get(ap, ak)), *wv = xstrdup(application_get(ap, wk));
		fill_if_empty(ap, wk, av);
		fill_if_empty(ap, ak, wv);
		free(av);
		free(wv);
	}
}

/* Type once, as on the form: a known citizen ID fills the person's name,
 * phone (and the worker's address), a known credit code the employer,
 * where nothing was given; so --check and --submit see what a saved draft
 * would. */
static void prefill_known(struct db *d, struct application *ap)
{
	mirror_worker(ap);
	static const char *const who[] = { "applicant", "worker" };
	for (size_t i = 0; i < ARRAY_SIZE(who); i++) {
		char k[32];
		struct known_person p;
		snprintf(k, sizeof k, "%s.id_number", who[i]);
		if (strlen(application_get(ap, k)) != 18 ||
		    db_application_person(d, application_get(ap, k), &p, NULL) != 1)
			continue;
		snprintf(k, sizeof k, "%s.name", who[i]);
		fill_if_empty(ap, k, p.name);
		snprintf(k, sizeof k, "%s.phone", who[i]);
		fill_if_empty(ap, k, p.phone);
		if (i == 1)
			fill_if_empty(ap, "worker.address", p.address);
	}
	struct known_employer em;
	const char *cc = application_get(ap, "employer.credit_code");
	if (strlen(cc) == 18 && db_application_employer(d, cc, &em, NULL) == 1) {
		fill_if_empty(ap, "employer.name", em.name);
		fill_if_empty(ap, "employer.address", em.address);
		fill_if_empty(ap, "employer.contact", em.contact);
		fill_if_empty(ap, "employer.supp_insurer", em.supp_insurer);
		fill_if_empty(ap, "employer.insured", em.insured ? "1" : "0");
	}
	mirror_worker(ap);
}

static int apply_run(struct db *d, const struct catalog *c, const struct actor *a,
		     struct apply_opts *o, const char *cmd)
{
	struct yerr e;
	yerr_clear(&e);
	prefill_known(d, &o->ap);
	for (int i = 0; i < o->nmat; i++)
		if (set_material(c, &o->ap, cmd, o->mat[i]))
			return EXIT_USAGE;
	print_window_warning(c, &o->ap);
	int n;
	if (o->check || o->submit || o->accept) {
		print_problems(d, c, cmd, &o->ap, &n);
		if (n)
			return EXIT_FAIL;
		if (o->check) {
			printf(_("no problems: %d materials missing\n"), application_missing(c, &o->ap, 0));
			return EXIT_OK;
		}
		return do_submit(d, c, a, o);
	}
	int64_t id = o->ap.case_id;
	int rc = db_application_save(d, c, a, &o->ap, &id, &e);
	if (rc < 0)
		return cli_fail(&e);
	if (*o->ap.case_no)
		printf("%s %s\n", o->ap.case_no, case_state_word(o->ap.state));
	else
		printf("#%lld %s\n", (long long)id, case_state_word(o->ap.state));
	if (rc == 1)
		printf(_("already imported: %s\n"), o->ap.ext_id);
	return EXIT_OK;
}

/* The case REF: a case number, "#ID", or an online id, whose inbox row
 * the window opens now (db_inbox_open) if it was not opened before.
 * 0, 1 not found, -1 (e). */
static int find_or_open(struct db *d, const struct catalog *c, const struct actor *a,
			const char *ref, int64_t *id, struct yerr *e)
{
	int rc = db_application_find(d, ref, id, e);
	if (rc != 1)
		return rc;
	struct catalog own;
	int loaded = !c;
	if (loaded) {
		if (cli_catalog(d, &own) < 0)
			return yerr_set(e, YERR_IO, _("cannot read the catalog")), -1;
		c = &own;
	}
	rc = db_inbox_open(d, c, a, ref, id, e);
	if (loaded)
		catalog_release(&own);
	return rc;
}

/* Loads the case REF into o->ap (for --case and supplement). */
static int load_ref(struct db *d, const struct catalog *c, const struct actor *a,
		    struct apply_opts *o)
{
	int64_t id;
	struct yerr e;
	yerr_clear(&e);
	int rc = find_or_open(d, c, a, o->ref, &id, &e);
	if (rc < 0)
		return cli_fail(&e);
	if (rc == 1) {
		yerr_set(&e, YERR_NOTFOUND, _("no case '%s'"), o->ref);
		return cli_fail(&e);
	}
	if (db_application_load(d, c, id, &o->ap, &e) < 0)
		return cli_fail(&e);
	return 0;
}

enum { OPT_FIELD = 256, OPT_ITEMS, OPT_MATERIAL, OPT_SUBMIT, OPT_CHECK, OPT_ACCEPT, OPT_CASE,
       OPT_ONLINE, OPT_SUBMITTED, OPT_DB, OPT_FOLLOWS, OPT_EXTEND, OPT_WITHDRAW, OPT_REASON };

static const struct option apply_longopts[] = {
	{ "field", required_argument, NULL, OPT_FIELD },
	{ "items", required_argument, NULL, OPT_ITEMS },
	{ "material", required_argument, NULL, OPT_MATERIAL },
	{ "submit", no_argument, NULL, OPT_SUBMIT },
	{ "check", no_argument, NULL, OPT_CHECK },
	{ "accept", no_argument, NULL, OPT_ACCEPT },
	{ "case", required_argument, NULL, OPT_CASE },
	{ "online", required_argument, NULL, OPT_ONLINE },
	{ "submitted-at", required_argument, NULL, OPT_SUBMITTED },
	{ "follows", required_argument, NULL, OPT_FOLLOWS },
	{ "extend", no_argument, NULL, OPT_EXTEND },
	{ "withdraw", no_argument, NULL, OPT_WITHDRAW },
	{ "reason", required_argument, NULL, OPT_REASON },
	{ "db", required_argument, NULL, OPT_DB },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 },
};

/* First pass: options that do not need the catalog. */
static int parse_apply(int argc, char **argv, const char *cmd, struct cli *cc,
		       struct apply_opts *o, int *help)
{
	int opt;
	optind = 1;
	opterr = 0;
	while ((opt = getopt_long(argc, argv, ":d:h", apply_longopts, NULL)) != -1) {
		switch (opt) {
		case 'h': *help = 1; return 0;
		case 'd': case OPT_DB: cc->db_path = optarg; break;
		case OPT_SUBMIT: o->submit = 1; break;
		case OPT_CHECK: o->check = 1; break;
		case OPT_ACCEPT: o->accept = 1; break;
		case OPT_CASE: o->ref = optarg; break;
		case OPT_ONLINE: o->ap.channel = "online"; o->ap.ext_id = optarg; break;
		case OPT_SUBMITTED: o->ap.submitted_at = optarg; break;
		case OPT_FOLLOWS: o->follows = optarg; break;
		case OPT_EXTEND: o->extend = 1; break;
		case OPT_WITHDRAW: o->withdraw = 1; break;
		case OPT_REASON: o->reason = optarg; break;
		case OPT_FIELD: case OPT_ITEMS: break;
		case OPT_MATERIAL:
			o->mat = xrealloc(o->mat, (size_t)(o->nmat + 1) * sizeof *o->mat);
			o->mat[o->nmat++] = optarg;
			break;
		case ':': return cli_usage_error(cmd, _("option '%s' needs a value"), argv[optind - 1]);
		default: return cli_usage_error(cmd, _("unknown option '%s'"), argv[optind - 1]);
		}
	}
	if (!strcmp(cmd, "supplement")) {
		if (optind != argc - 1)
			return cli_usage_error(cmd, _("supplement takes one CASE_NO"));
		o->ref = argv[optind];
	} else if (optind != argc) {
		return cli_usage_error(cmd, _("unexpected argument '%s'"), argv[optind]);
	}
	if (o->submit + o->check + o->accept > 1)
		return cli_usage_error(cmd, _("--check, --submit and --accept exclude each other"));
	if ((o->extend || o->withdraw || o->reason) && strcmp(cmd, "supplement"))
		return cli_usage_error(cmd, _("--extend, --withdraw and --reason are for supplement"));
	if (o->extend + o->withdraw > 1 || ((o->extend || o->withdraw) &&
	    (o->submit + o->check + o->accept || o->nmat)))
		return cli_usage_error(cmd, _("--extend or --withdraw go alone"));
	if (o->reason && !o->extend)
		return cli_usage_error(cmd, _("--reason goes with --extend"));
	return 0;
}

/* Second pass, catalog loaded: fields and items in the order given. */
static int apply_fields(int argc, char **argv, const char *cmd, const struct catalog *c,
			struct application *ap)
{
	int opt, rc;
	optind = 1;
	opterr = 0;
	while ((opt = getopt_long(argc, argv, ":d:h", apply_longopts, NULL)) != -1) {
		if (opt == OPT_FIELD && (rc = set_field(c, ap, cmd, optarg)))
			return rc;
		if (opt == OPT_ITEMS && (rc = set_items(c, ap, optarg)))
			return rc;
	}
	return 0;
}

/* supplement --extend / --withdraw: the window's decision on a lapsed
 * supplement deadline. */
static int lapse_run(struct db *d, const struct catalog *c, const struct actor *a,
		     struct apply_opts *o)
{
	struct yerr e;
	yerr_clear(&e);
	if (o->extend) {
		char due[11];
		if (db_application_lapse_extend(d, c, a, o->ap.case_id, o->reason, due, &e) < 0)
			return cli_fail(&e);
		printf(_("%s: supplement deadline extended to %s\n"), o->ap.case_no, due);
		return EXIT_OK;
	}
	char *notice = NULL;
	if (db_application_lapse_withdraw(d, c, a, o->ap.case_id, &notice, &e) < 0)
		return cli_fail(&e);
	printf("%s %s\n", o->ap.case_no, case_state_word(CS_WITHDRAWN));
	o->ap.state = CS_WITHDRAWN;
	int rc = show_notice(d, &o->ap, "withdrawal", notice, 1) < 0 ? EXIT_FAIL : EXIT_OK;
	free(notice);
	return rc;
}

static int cmd_apply_like(const struct cli *c, int argc, char **argv, const char *cmd)
{
	struct cli cc = *c;
	struct apply_opts o = { 0 };
	application_init(&o.ap);
	o.forms_dir = cc.forms_dir;
	int help = 0, rc = parse_apply(argc, argv, cmd, &cc, &o, &help);
	if (rc || help) {
		if (help)
			apply_help(cmd);
		free(o.mat);
		return rc;
	}
	struct staff me;
	struct actor a;
	struct catalog cat;
	struct db *d = cli_open(&cc, DB_OPEN_RW, &me, &a);
	if (!d) {
		free(o.mat);
		return EXIT_FAIL;
	}
	struct yerr e;
	yerr_clear(&e);
	if (perm_check(&a, ACT_CASE_WRITE, -1, &e) < 0 && !(o.ap.ext_id &&
	    perm_check(&a, ACT_EXCHANGE, -1, NULL) == 0)) {
		rc = cli_fail(&e);
	} else if (cli_catalog(d, &cat) < 0) {
		rc = EXIT_FAIL;
	} else {
		const char *ch = o.ap.channel, *ext = o.ap.ext_id, *sub = o.ap.submitted_at;
		rc = o.ref ? load_ref(d, &cat, &a, &o) : 0;
		if (!rc && !o.ref) {
			o.ap.channel = ch;
			o.ap.ext_id = ext;
			o.ap.submitted_at = sub;
		}
		/* an accepted case: what an office asked for (task request) */
		int office = !rc && !strcmp(cmd, "supplement") && o.ap.state == CS_ACCEPTED &&
			     !o.extend && !o.withdraw;
		if (office) {
			if (db_application_office_supplement(d, &a, o.ap.case_id, o.mat, o.nmat,
							     &e) < 0)
				rc = cli_fail(&e);
			else
				printf(_("%s: supplement recorded for the office's review\n"),
				       o.ap.case_no);
		} else if (!rc && (o.extend || o.withdraw))
			rc = lapse_run(d, &cat, &a, &o);
		else if (!rc)
			rc = apply_fields(argc, argv, cmd, &cat, &o.ap);
		if (office)
			rc = rc ? rc : EXIT_OK;
		/* after the fields: the worker's ID given is checked against the case */
		if (!rc && !office && !o.extend && !o.withdraw && o.follows &&
		    db_application_follow(d, &cat, &o.ap, o.follows, &e) < 0)
			rc = cli_fail(&e);
		if (!rc && !office && !o.extend && !o.withdraw)
			rc = apply_run(d, &cat, &a, &o, cmd);
		catalog_release(&cat);
	}
	application_release(&o.ap);
	free(o.mat);
	db_close(d);
	return rc;
}

int cmd_apply(const struct cli *c, int argc, char **argv)
{
	return cmd_apply_like(c, argc, argv, "apply");
}

int cmd_supplement(const struct cli *c, int argc, char **argv)
{
	return cmd_apply_like(c, argc, argv, "supplement");
}

/* ==== refuse, notice, intake ==== */

/* Parses CASE_NO plus one valued option (--reason / --kind / --limit). */
static int parse_simple(int argc, char **argv, const char *cmd, const char *optname,
			struct cli *cc, const char **ref, const char **val, int *quiet)
{
	const struct option opts[] = {
		{ optname ? optname : "", required_argument, NULL, 'v' },
		{ "db", required_argument, NULL, 'd' },
		{ "quiet", no_argument, NULL, 'q' }, { "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int opt;
	optind = 1;
	opterr = 0;
	/* no option of its own (optname NULL): the table starts at --db */
	while ((opt = getopt_long(argc, argv, ":d:hq", optname ? opts : opts + 1, NULL)) != -1) {
		switch (opt) {
		case 'h': apply_help(cmd); return -1;
		case 'd': cc->db_path = optarg; break;
		case 'v': *val = optarg; break;
		case 'q': *quiet = 1; break;
		case ':': return cli_usage_error(cmd, _("option '%s' needs a value"), argv[optind - 1]);
		default: return cli_usage_error(cmd, _("unknown option '%s'"), argv[optind - 1]);
		}
	}
	if (ref) {
		if (optind != argc - 1)
			return cli_usage_error(cmd, _("%s takes one CASE_NO"), cmd);
		*ref = argv[optind];
	} else if (optind != argc) {
		return cli_usage_error(cmd, _("unexpected argument '%s'"), argv[optind]);
	}
	return 0;
}

static struct db *open_find(const struct cli *cc, int flags, const char *ref, struct actor *a,
			    int64_t *id)
{
	struct staff me;
	struct yerr e;
	yerr_clear(&e);
	struct db *d = cli_open(cc, flags, &me, a);
	if (!d)
		return NULL;
	int rc = find_or_open(d, NULL, a, ref, id, &e);
	if (rc == 1)
		yerr_set(&e, YERR_NOTFOUND, _("no case '%s'"), ref);
	if (rc != 0) {
		cli_fail(&e);
		db_close(d);
		return NULL;
	}
	return d;
}

int cmd_refuse(const struct cli *c, int argc, char **argv)
{
	struct cli cc = *c;
	const char *ref = NULL, *reason = NULL;
	int quiet = 0, rc = parse_simple(argc, argv, "refuse", "reason", &cc, &ref, &reason, &quiet);
	if (rc)
		return rc < 0 ? EXIT_OK : rc;
	if (!reason || !*reason)
		return cli_usage_error("refuse", _("refuse needs --reason"));
	struct actor a;
	int64_t id;
	struct db *d = open_find(&cc, DB_OPEN_RW, ref, &a, &id);
	if (!d)
		return EXIT_FAIL;
	struct yerr e;
	yerr_clear(&e);
	char *notice = NULL;
	struct catalog cat;
	if (cli_catalog(d, &cat) < 0) {
		db_close(d);
		return EXIT_FAIL;
	}
	struct application ap;
	application_init(&ap);
	struct document *docs = NULL;
	int nd = 0;
	/* the refusal and its 不予受理决定书 in one transaction */
	rc = db_begin(d, &e);
	if (rc == 0)
		rc = db_application_refuse(d, &a, id, reason, &notice, &e);
	if (rc == 0)
		rc = db_application_load(d, &cat, id, &ap, &e);
	if (rc == 0) {
		enum doc_kind k = DK_REFUSAL;
		struct doc_request rq = { .kind = k };
		rc = papers_issue(d, &cat, cc.forms_dir, &a, ap.case_no, &k, 1, &rq, &docs, &nd, &e);
	}
	if (rc == 0)
		rc = db_commit(d, &e);
	else
		db_rollback(d);
	if (rc < 0) {
		rc = cli_fail(&e);
	} else {
		printf("%s %s\n", ap.case_no, case_state_word(CS_NOT_ACCEPTED));
		rc = show_notice(d, &ap, "refusal", notice, 0) < 0 ||
		     show_papers(d, ap.case_no, "refusal", docs, nd) < 0 ? EXIT_FAIL : EXIT_OK;
	}
	documents_free(docs, nd);
	application_release(&ap);
	catalog_release(&cat);
	free(notice);
	db_close(d);
	return rc;
}

static int notice_kind_ok(const char *k)
{
	return !strcmp(k, "acceptance") || !strcmp(k, "deficiency") || !strcmp(k, "refusal") ||
	       !strcmp(k, "form") || !strcmp(k, "suspension") || !strcmp(k, "resumption") ||
	       !strcmp(k, "withdrawal");
}

static int notice_print(struct db *d, const struct actor *a, int64_t id, const char *kind,
			int quiet)
{
	struct catalog cat;
	struct application ap;
	struct yerr e;
	yerr_clear(&e);
	application_init(&ap);
	if (cli_catalog(d, &cat) < 0)
		return EXIT_FAIL;
	char *text = NULL, *path = NULL, warn[256] = "";
	int rc = EXIT_FAIL;
	if (db_application_load(d, &cat, id, &ap, &e) < 0)
		goto fail;
	if (!kind)
		kind = application_notice_kind(ap.state);
	if (db_application_notice(d, &cat, id, kind, &text, &e) < 0)
		goto fail;
	char ref[32];
	if (*ap.case_no)
		snprintf(ref, sizeof ref, "%s", ap.case_no);
	else
		snprintf(ref, sizeof ref, "case%lld", (long long)id);
	if (notice_output(d, ref, kind, text, 1, &path, warn, sizeof warn, &e) < 0 ||
	    db_application_letter(d, a, id, kind, text, path, &e) < 0)
		goto fail;
	if (!quiet)
		fputs(text, stdout);
	fprintf(stderr, _("notice: %s\n"), path);
	if (*warn)
		fprintf(stderr, "yici: %s\n", warn);
	rc = EXIT_OK;
	goto out;
fail:
	cli_fail(&e);
out:
	free(text);
	free(path);
	application_release(&ap);
	catalog_release(&cat);
	return rc;
}

/* A new query code on request (the old one is only a hash): a slip to
 * stdout, the notices folder and the printer, and an event. */
static int query_code_print(struct db *d, const struct actor *a, int64_t id, int quiet)
{
	struct yerr e;
	yerr_clear(&e);
	char code[8], no[32], *path = NULL, warn[256] = "";
	if (db_application_query_code(d, a, id, code, no, &e) < 0)
		return cli_fail(&e);
	char *hint = db_config_get(d, "query_hint");
	char *text = xasprintf(_("Query code (new; the earlier one no longer works)\n"
				 "Case number: %s\nQuery code:  %s\nQuery at:    %s\n"),
			       no, code, hint ? hint : "");
	free(hint);
	int rc = EXIT_OK;
	if (notice_output(d, no, "query-code", text, 1, &path, warn, sizeof warn, &e) < 0)
		rc = cli_fail(&e);
	else {
		if (!quiet)
			fputs(text, stdout);
		fprintf(stderr, _("notice: %s\n"), path);
		if (*warn)
			fprintf(stderr, "yici: %s\n", warn);
	}
	free(text);
	free(path);
	return rc;
}

int cmd_notice(const struct cli *c, int argc, char **argv)
{
	struct cli cc = *c;
	const char *ref = NULL, *kind = NULL;
	int quiet = 0, rc = parse_simple(argc, argv, "notice", "kind", &cc, &ref, &kind, &quiet);
	if (rc)
		return rc < 0 ? EXIT_OK : rc;
	if (kind && !notice_kind_ok(kind) && strcmp(kind, "query-code"))
		return cli_usage_error("notice", _("--kind is acceptance, deficiency, refusal, form, "
						   "suspension, resumption, withdrawal or query-code, "
						   "not '%s'"), kind);
	struct actor a;
	int64_t id;
	struct db *d = open_find(&cc, DB_OPEN_RW, ref, &a, &id);
	if (!d)
		return EXIT_FAIL;
	struct yerr e;
	yerr_clear(&e);
	if (perm_check(&a, ACT_READ, -1, &e) < 0)
		rc = cli_fail(&e);
	else if (kind && !strcmp(kind, "query-code"))
		rc = query_code_print(d, &a, id, quiet);
	else
		rc = notice_print(d, &a, id, kind, quiet);
	db_close(d);
	return rc;
}

/* Deficient cases past their 补正期限, for the window to decide. */
static void print_lapsed(struct db *d)
{
	struct lapsed_row rows[50];
	long total = 0;
	struct yerr e;
	yerr_clear(&e);
	int n = db_application_lapsed(d, rows, 50, &total, &e);
	if (n < 0) {
		cli_fail(&e);
		return;
	}
	if (!total)
		return;
	printf(ngettext("\n%ld deficient case lapsed (supplement deadline passed): extend once "
			"or close as withdrawn\n",
			"\n%ld deficient cases lapsed (supplement deadline passed): extend once "
			"or close as withdrawn\n", (unsigned long)total), total);
	for (int i = 0; i < n; i++)
		printf(_("%-24s %-12s lapsed %s, %d days ago%s\n"), rows[i].case_no,
		       rows[i].worker_name, rows[i].due, rows[i].days_over,
		       rows[i].extended ? _(" (extended once)") : "");
}

/* intake open EXT_ID: the window takes an online application from the
 * inbox; its case (state intake) is written now, and its #ID printed. */
static int intake_open(const struct cli *c, int argc, char **argv)
{
	struct cli cc = *c;
	const char *ref = NULL;
	int quiet = 0, rc = parse_simple(argc, argv, "intake open", NULL, &cc, &ref, NULL, &quiet);
	if (rc)
		return rc < 0 ? EXIT_OK : rc;
	struct staff me;
	struct actor a;
	struct yerr e;
	yerr_clear(&e);
	struct db *d = cli_open(&cc, DB_OPEN_RW, &me, &a);
	if (!d)
		return EXIT_FAIL;
	struct catalog cat;
	int64_t id = 0;
	if (cli_catalog(d, &cat) < 0) {
		db_close(d);
		return EXIT_FAIL;
	}
	rc = db_inbox_open(d, &cat, &a, ref, &id, &e);
	if (rc == 1)
		yerr_set(&e, YERR_NOTFOUND, _("no online application %s in the inbox"), ref);
	if (rc != 0)
		rc = cli_fail(&e);
	else if (!quiet)
		printf(_("%s: opened at the window as #%lld (yici apply --case %s continues it)\n"),
		       ref, (long long)id, ref);
	catalog_release(&cat);
	db_close(d);
	return rc;
}

/* ---- the intake's columns: one table for `yici intake`, its CSV and the
 * form's F7 list (ui_form.c) ---- */

#define IROW(v) ((const struct intake_row *)(v))

static const char *i_ext(const void *r, const void *c, enum col_out o, char *b, size_t n)
{
	(void)c, (void)o, (void)b, (void)n;
	return IROW(r)->ext_id;
}
/* when it was submitted online (its clock runs from then), else when the
 * window opened it */
static const char *i_at(const void *r, const void *c, enum col_out o, char *b, size_t n)
{
	(void)c, (void)o, (void)b, (void)n;
	return *IROW(r)->submitted_at ? IROW(r)->submitted_at : IROW(r)->created_at;
}
static const char *i_waited(const void *r, const void *c, enum col_out o, char *b, size_t n)
{
	(void)c, (void)o;
	char w[24];
	intake_waited(IROW(r), w);
	snprintf(b, n, "%s", w);
	return b;
}
/* CSV: whole minutes, for a script to sort or sum */
static const char *i_minutes(const void *r, const void *c, enum col_out o, char *b, size_t n)
{
	(void)c, (void)o;
	ytime t;
	b[0] = '\0';
	if (time_parse(i_at(r, c, o, b, n), &t, NULL) == 0)
		snprintf(b, n, "%lld", (long long)(clock_now() > t ? (clock_now() - t) / 60 : 0));
	return b;
}
static const char *i_worker(const void *r, const void *c, enum col_out o, char *b, size_t n)
{
	(void)c, (void)o, (void)b, (void)n;
	return IROW(r)->worker_name;
}
static const char *i_applicant(const void *r, const void *c, enum col_out o, char *b, size_t n)
{
	(void)c, (void)o, (void)b, (void)n;
	return IROW(r)->applicant_name;
}
static const char *i_kind(const void *r, const void *c, enum col_out o, char *b, size_t n)
{
	(void)c, (void)b, (void)n;
	int k = KIND_INJURY;
	if (o == COL_CSV)
		return IROW(r)->kind;
	kind_parse(IROW(r)->kind, &k);
	return kind_label(k);
}
static const char *i_items(const void *r, const void *c, enum col_out o, char *b, size_t n)
{
	(void)c, (void)o, (void)b, (void)n;
	return IROW(r)->items;
}
/* 1: still in the inbox (opening it writes the case), 0: a case opened */
static const char *i_inbox(const void *r, const void *c, enum col_out o, char *b, size_t n)
{
	(void)c, (void)o, (void)b, (void)n;
	return IROW(r)->inbox ? "1" : "0";
}

const struct column intake_columns[] = {
	{ N_("Online id"), "ext_id", 21, i_ext },
	{ N_("Submitted"), "submitted_at", 20, i_at },
	{ N_("Waited"), NULL, 9, i_waited },
	{ NULL, "waited_minutes", 0, i_minutes },
	{ N_("Worker"), "worker_name", 12, i_worker },
	{ NULL, "applicant_name", 0, i_applicant },
	{ N_("Kind"), "kind", 8, i_kind },
	{ N_("Items"), "items", 0, i_items },
	{ NULL, "inbox", 0, i_inbox },
};
const int intake_ncolumns = (int)ARRAY_SIZE(intake_columns);

static void intake_print(const struct intake_row *rows, int n, int csv)
{
	const char *f[16];
	char bufs[16][256];
	if (csv) {
		csv_write_row(stdout, f, columns_csv_header(intake_columns, intake_ncolumns, f));
		for (int i = 0; i < n; i++)
			csv_write_row(stdout, f, columns_csv_row(intake_columns, intake_ncolumns,
								  &rows[i], NULL, f, bufs));
		return;
	}
	struct sbuf b = { 0 };
	columns_header(&b, intake_columns, intake_ncolumns, 0);
	puts(b.s);
	for (int i = 0; i < n; i++) {
		b.len = 0;
		columns_row(&b, intake_columns, intake_ncolumns, &rows[i], NULL, COL_TABLE, 0);
		puts(b.s);
	}
	sbuf_release(&b);
	printf(ngettext("%d online application waiting\n", "%d online applications waiting\n",
			(unsigned long)n), n);
}

/* yici intake [--limit N] [--format table|csv] */
static int intake_options(int argc, char **argv, struct cli *cc, long *limit, int *csv)
{
	static const struct option opts[] = {
		{ "limit", required_argument, NULL, 'l' }, { "format", required_argument, NULL, 'F' },
		{ "db", required_argument, NULL, 'd' }, { "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int opt;
	char *end;
	optind = 1;
	opterr = 0;
	while ((opt = getopt_long(argc, argv, ":d:h", opts, NULL)) != -1) {
		switch (opt) {
		case 'h': apply_help("intake"); return -1;
		case 'd': cc->db_path = optarg; break;
		case 'l':
			*limit = strtol(optarg, &end, 10);
			if (*end || end == optarg || *limit < 1 || *limit > 100000)
				return cli_usage_error("intake", _("--limit takes a number, not '%s'"),
						       optarg);
			break;
		case 'F':
			if (strcmp(optarg, "table") && strcmp(optarg, "csv"))
				return cli_usage_error("intake", _("--format is table or csv, not '%s'"),
						       optarg);
			*csv = !strcmp(optarg, "csv");
			break;
		case ':': return cli_usage_error("intake", _("option '%s' needs a value"), argv[optind - 1]);
		default: return cli_usage_error("intake", _("unknown option '%s'"), argv[optind - 1]);
		}
	}
	if (optind != argc)
		return cli_usage_error("intake", _("unexpected argument '%s'"), argv[optind]);
	return 0;
}

int cmd_intake(const struct cli *c, int argc, char **argv)
{
	if (argc >= 2 && !strcmp(argv[1], "open"))
		return intake_open(c, argc - 1, argv + 1);
	struct cli cc = *c;
	long limit = 100;
	int csv = 0, rc = intake_options(argc, argv, &cc, &limit, &csv);
	if (rc)
		return rc < 0 ? EXIT_OK : rc;
	struct staff me;
	struct actor a;
	struct yerr e;
	yerr_clear(&e);
	struct db *d = cli_open(&cc, DB_OPEN_RO, &me, &a);
	if (!d)
		return EXIT_FAIL;
	struct intake_row *rows = xcalloc((size_t)limit, sizeof *rows);
	int n = perm_check(&a, ACT_READ, -1, &e) < 0 ? -1
		: db_application_intake(d, "", 0, (int)limit, rows, &e);
	if (n < 0) {
		rc = cli_fail(&e);
	} else {
		intake_print(rows, n, csv);
		if (!csv)
			print_lapsed(d);
	}
	free(rows);
	db_close(d);
	return rc;
}

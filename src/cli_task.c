/* cli_task.c — yici task take|assign|review|decide|suspend|resume|extend|
 * deliver|reappraise|show|calc: every action of the back offices and the
 * window's delivery, on a task named by case number and item code, through
 * the same db_task calls as the queue screen.  Layer: cli. */
#include "cli.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli_doc.h"
#include "core_benefit.h"
#include "core_case.h"
#include "core_text.h"
#include "core_task.h"
#include "db_audit.h"
#include "db_task.h"
#include "i18n.h"

static void task_help(void)
{
	printf(_("Usage: yici task ACTION CASE_NO ITEM [OPTIONS]\n"
		 "Acts on one task of a case, named by its case number and item code\n"
		 "(e.g. yici task decide GS340102-20261128-0001 RD --outcome recognised ...).\n\n"
		 "Actions:\n"
		 "  take                          take the task (officer of its office)\n"
		 "  assign LOGIN, --to LOGIN     assign or reassign it (supervisor)\n"
		 "  review [--simple]             start the review; --simple: RD's 15-day track\n"
		 "  decide --outcome O [...]      decide it:\n"
		 "        RD: recognised | deemed | not_recognised --reason R; --document-no N\n"
		 "        JD: graded --grade 1-10 [--care-level 0-3] | no_grade; --document-no N\n"
		 "        FJ: confirmed | refused --reason R; --document-no N\n"
		 "        benefits: approved --amount YUAN (or --amount-fen N) --payment-ref R\n"
		 "                  | refused --reason R\n"
		 "        [--date YYYY-MM-DD] (default today) [--note TEXT]\n"
		 "        approved: the amount must be task calc's reference (give the same\n"
		 "        --wage, --dependants ... as task calc), else --override-reason TEXT;\n"
		 "        an override, or an amount above config review_above_yuan, waits for\n"
		 "        task countersign\n"
		 "  countersign                   复核: a second officer of the office (or a\n"
		 "                                supervisor), not the one who decided\n"
		 "  suspend --reason R [--note T] 中止: judicial, reconsideration, litigation or\n"
		 "                                reappraisal; the deadline clock stops\n"
		 "  resume --confirmation TEXT    resume, recording the applicant's confirmation\n"
		 "  extend --reason TEXT          JD/FJ: the one extension (30 days)\n"
		 "  deliver --method window|post --recipient NAME [--date D]\n"
		 "                                record delivery of the decision (clerk)\n"
		 "  reappraise [--date D]         JD: 再次鉴定 requested within 15 days of delivery\n"
		 "  accept                        受理: the office accepts an item in acceptance\n"
		 "                                review; its decision clock starts today\n"
		 "  reject --reason TEXT          不予受理: the office refuses it (notice with the\n"
		 "                                remedy, SMS)\n"
		 "  request --material CODE...    补正: one notice of every missing material; the\n"
		 "                                review clock stops until the window records the\n"
		 "                                supplement (yici supplement CASE_NO)\n"
		 "  show                          print the task\n"
		 "  calc [--wage YUAN] [--avg-wage YUAN] [--grade G] [--care-level L]\n"
		 "       [--spouse] [--dependants N] [--lonely N] [--advance] [--days N]\n"
		 "                                the benefit calculation with formula and inputs\n\n"
		 "  --expect-version N   refuse if the task changed since you saw version N\n"
		 "  -d, --db FILE        database (default $YICI_DB, else ./yici.db)\n"
		 "  -h, --help           show this help\n"
		 "Every action is one transaction with its event; a refused action changes\n"
		 "nothing and exits 1.\n"));
}

enum {
	O_OUTCOME = 1, O_GRADE, O_CARE, O_AMOUNT, O_AMOUNT_FEN, O_PAYREF, O_DOCNO, O_REASON,
	O_DATE, O_NOTE, O_CONFIRM, O_METHOD, O_RECIPIENT, O_SIMPLE, O_VERSION, O_WAGE, O_AVG,
	O_SPOUSE, O_DEPS, O_LONELY, O_ADVANCE, O_TO, O_DB, O_HELP, O_DAYS, O_OVERRIDE, O_MATERIAL,
	O_N
};
#define OB(o) (1u << (o))

static const struct option opts[] = {
	{ "outcome", required_argument, NULL, O_OUTCOME },
	{ "grade", required_argument, NULL, O_GRADE },
	{ "care-level", required_argument, NULL, O_CARE },
	{ "amount", required_argument, NULL, O_AMOUNT },
	{ "amount-fen", required_argument, NULL, O_AMOUNT_FEN },
	{ "payment-ref", required_argument, NULL, O_PAYREF },
	{ "document-no", required_argument, NULL, O_DOCNO },
	{ "reason", required_argument, NULL, O_REASON },
	{ "date", required_argument, NULL, O_DATE },
	{ "note", required_argument, NULL, O_NOTE },
	{ "confirmation", required_argument, NULL, O_CONFIRM },
	{ "method", required_argument, NULL, O_METHOD },
	{ "recipient", required_argument, NULL, O_RECIPIENT },
	{ "simple", no_argument, NULL, O_SIMPLE },
	{ "expect-version", required_argument, NULL, O_VERSION },
	{ "wage", required_argument, NULL, O_WAGE },
	{ "avg-wage", required_argument, NULL, O_AVG },
	{ "spouse", no_argument, NULL, O_SPOUSE },
	{ "dependants", required_argument, NULL, O_DEPS },
	{ "lonely", required_argument, NULL, O_LONELY },
	{ "advance", no_argument, NULL, O_ADVANCE },
	{ "days", required_argument, NULL, O_DAYS },
	{ "override-reason", required_argument, NULL, O_OVERRIDE },
	{ "to", required_argument, NULL, O_TO },
	{ "material", required_argument, NULL, O_MATERIAL },
	{ "db", required_argument, NULL, O_DB },
	{ "help", no_argument, NULL, O_HELP },
	{ NULL, 0, NULL, 0 },
};

struct args;
/* What a subcommand does once the task is found (and, for a write, the
 * database opened for writing): a db_task call, or show/calc. */
typedef int (*sub_fn)(struct db *d, const struct actor *ac, int64_t id, const struct args *a,
		      struct yerr *e);

/* The subcommands: one per row of the table of task actions (core_task.h,
 * which gives the word, who may, the states and the open mode), with the
 * positional arguments and options the command line gives it. */
struct sub {
	enum task_action ta;
	int extra;               /* positional arguments after CASE_NO ITEM */
	unsigned opts;
	sub_fn run;
};
static const struct sub *find_sub(const char *name);

struct args {
	const struct sub *sub;
	const char *name;        /* the subcommand's word */
	const char *case_no, *item, *login;
	const char *val[O_N];
	int set[O_N];
	const char *mats[32];    /* --material, repeated */
	int nmats;
	int version;
	struct cli cli;
};

/* Parses a whole number in [lo, hi]; -1 with a message otherwise. */
static int int_arg(const char *what, const char *s, int lo, int hi, int *out, struct yerr *e)
{
	char *end;
	errno = 0;
	long v = s ? strtol(s, &end, 10) : 0;
	if (!s || !*s || *end || errno || v < lo || v > hi)
		return yerr_set(e, YERR_INPUT, _("%s must be a whole number from %d to %d, not '%s'"),
				what, lo, hi, s ? s : "");
	*out = (int)v;
	return 0;
}

static int parse(int argc, char **argv, struct args *a)
{
	int o;
	optind = 1;
	opterr = 0;
	while ((o = getopt_long(argc, argv, ":d:h", opts, NULL)) != -1) {
		if (o == 'd' || o == O_DB) {
			a->cli.db_path = optarg;
			continue;
		}
		if (o == 'h' || o == O_HELP)
			return -1;
		if (o == ':')
			return cli_usage_error("task", _("option '%s' needs a value"), argv[optind - 1]);
		if (o == O_MATERIAL && (a->sub->opts & OB(o))) {
			if (a->nmats == (int)ARRAY_SIZE(a->mats))
				return cli_usage_error("task", _("too many --material"));
			a->mats[a->nmats++] = optarg;
		}
		if (o == '?' || (o != O_VERSION && !(a->sub->opts & OB(o))))
			return cli_usage_error("task", _("%s does not take option '%s'"), a->name,
					       argv[optind - 1]);
		a->val[o] = optarg;
		a->set[o] = 1;
	}
	int npos = argc - optind, want = 2 + a->sub->extra;
	if (a->set[O_TO] && a->sub->extra)
		want--;
	if (npos != want)
		return cli_usage_error("task", _("task %s takes CASE_NO ITEM%s"), a->name,
				       a->sub->extra ? " LOGIN" : "");
	a->case_no = argv[optind];
	a->item = argv[optind + 1];
	a->login = a->set[O_TO] ? a->val[O_TO] : npos > 2 ? argv[optind + 2] : NULL;
	return 0;
}

/* ---- show and calc ---- */

static void field(const char *label, const char *value)
{
	struct sbuf b = { 0 };
	text_cell(&b, label, 15); /* by columns, so Chinese labels line up */
	printf("%s%s\n", b.s, value && *value ? value : "-");
	sbuf_release(&b);
}

static void show(const struct catalog *cg, const struct task_info *t)
{
	char buf[512], amt[32];
	enum task_state s = TS_ACCEPTED;
	task_state_parse(t->state, &s);
	field(_("case"), t->case_no);
	snprintf(buf, sizeof buf, "%s %s", t->item, t->item_name);
	field(_("item"), buf);
	field(_("office"), category_word(t->category));
	field(_("state"), task_state_label(s));
	field(_("worker"), t->worker);
	if (*t->assignee_name && strcmp(t->assignee_name, t->assignee)) {
		char who[160];
		snprintf(who, sizeof who, "%s (%s)", t->assignee_name, t->assignee);
		field(_("assignee"), who);
	} else {
		field(_("assignee"), t->assignee);
	}
	if (s == TS_REVIEWING) {
		/* received, the office's acceptance review running (受理审核) */
		field(_("received"), t->started_on);
		field(_("review by"), *t->due_on ? t->due_on : _("(stopped: supplement awaited)"));
	} else {
		field(_("accepted"), t->started_on);
		/* "promised in 40 calendar days", and the one extension when taken */
		char ext[64] = "";
		if (t->extended_days)
			snprintf(ext, sizeof ext, _(", extended by %d days"), t->extended_days);
		snprintf(buf, sizeof buf, _("%s (legal %s; promised in %d %s%s%s)"),
			 *t->due_on ? t->due_on : "-", *t->legal_due_on ? t->legal_due_on : "-",
			 t->promised_days, day_kind_label(t->day_kind), ext,
			 t->simple_track ? _(", simple-case track") : "");
		field(_("deadline"), buf);
	}
	yday due = 0, legal = 0;
	char warn[200];
	const char *w = NULL;
	if (*t->due_on && date_parse(t->due_on, &due, NULL) == 0)
		w = calendar_unpublished_warning(&cg->cal, due, warn, sizeof warn);
	if (!w && *t->legal_due_on && date_parse(t->legal_due_on, &legal, NULL) == 0)
		w = calendar_unpublished_warning(&cg->cal, legal, warn, sizeof warn);
	if (w)
		field(_("warning"), w);
	if (*t->decided_on) {
		enum outcome o = OUT_NONE;
		outcome_parse(t->outcome, &o);
		snprintf(buf, sizeof buf, "%s %s", outcome_label(o), t->decided_on);
		field(_("decision"), buf);
	}
	if (t->grade) {
		snprintf(buf, sizeof buf, _("grade %d, care level %d"), t->grade, t->care_level);
		field(_("conclusion"), buf);
	}
	if (t->amount_fen >= 0) {
		money_format(t->amount_fen, amt, sizeof amt);
		snprintf(buf, sizeof buf, _("%s yuan, payment %s"), amt, t->payment_ref);
		field(_("amount"), buf);
	}
	if (t->calc_fen >= 0 || *t->override_reason) {
		money_format(t->calc_fen, amt, sizeof amt);
		snprintf(buf, sizeof buf, _("%s yuan%s%s"), t->calc_fen >= 0 ? amt : "-",
			 *t->override_reason ? _("; overridden: ") : "", t->override_reason);
		field(_("task calc"), buf);
	}
	if (!strcmp(t->countersign, "pending"))
		field(_("countersign"), _("awaiting countersignature (复核): not paid yet"));
	else if (!strcmp(t->countersign, "done")) {
		snprintf(buf, sizeof buf, _("countersigned by %s (decided by %s)"), t->countersigned_by,
			 t->decided_by);
		field(_("countersign"), buf);
	}
	if (*t->basis_changed)
		field(_("basis changed"), t->basis_changed);
	if (*t->hold)
		field(_("hold"), t->hold);
	if (t->uninsured)
		field(_("payer"), _("the employer (not insured, 条例 §62 ¶2)"));
	if (*t->document_no)
		field(_("document"), t->document_no);
	if (*t->reason)
		field(_("reason"), t->reason);
	if (*t->delivery_due)
		field(_("deliver by"), t->delivery_due);
	if (*t->delivered_on) {
		snprintf(buf, sizeof buf, "%s %s", t->delivered_on, t->delivery_to);
		field(_("delivered"), buf);
	}
	for (int i = 0; i < t->npauses; i++) {
		const struct task_pause_info *p = &t->pauses[i];
		snprintf(buf, sizeof buf, "%s %s → %s %s %s", task_suspend_reason_label(p->reason), p->from_on,
			 *p->to_on ? p->to_on : _("(open)"), p->note, p->confirmed_by);
		field(_("suspended"), buf);
	}
	snprintf(buf, sizeof buf, "%d", t->version);
	field(_("version"), buf);
}

static int money_opt(const char *s, int64_t dflt, int64_t *out, struct yerr *e)
{
	*out = dflt;
	return s ? money_parse_yuan(s, out, e) : 0;
}

/* The options of task calc (and of task decide's check) as calc_opts;
 * with_grade: --grade and --care-level are calc inputs (not for decide,
 * where they are the JD conclusion). */
static int calc_opts_of(const struct args *a, int with_grade, struct calc_opts *o, struct yerr *e)
{
	static const struct calc_opts none = CALC_OPTS_NONE;
	*o = none;
	o->spouse = a->set[O_SPOUSE];
	o->advance = a->set[O_ADVANCE];
	if (money_opt(a->val[O_WAGE], -1, &o->wage_fen, e) < 0 ||
	    money_opt(a->val[O_AVG], -1, &o->avg_wage_fen, e) < 0)
		return -1;
	if (with_grade && a->set[O_GRADE] &&
	    int_arg("--grade", a->val[O_GRADE], 1, 10, &o->grade, e) < 0)
		return -1;
	if (with_grade && a->set[O_CARE] &&
	    int_arg("--care-level", a->val[O_CARE], 0, 3, &o->care_level, e) < 0)
		return -1;
	if (a->set[O_DEPS] && int_arg("--dependants", a->val[O_DEPS], 0, 20, &o->others, e) < 0)
		return -1;
	if (a->set[O_LONELY] && int_arg("--lonely", a->val[O_LONELY], 0, 20, &o->lonely, e) < 0)
		return -1;
	if (a->set[O_DAYS] && int_arg("--days", a->val[O_DAYS], 0, 3650, &o->days, e) < 0)
		return -1;
	return 0;
}

static int calc(struct db *d, const struct catalog *cat, const struct args *a,
		const struct task_info *t, struct yerr *e)
{
	struct benefit_input in;
	struct benefit_calc bc;
	struct calc_opts o;
	char w[32], av[32];
	if (calc_opts_of(a, 1, &o, e) < 0 || db_task_calc(d, cat, t, &o, &in, &bc, e) < 0)
		return -1;
	printf("%s %s %s\n", t->case_no, t->item, t->item_name);
	money_format(in.wage_fen, w, sizeof w);
	money_format(in.avg_wage_fen, av, sizeof av);
	printf(_("inputs: wage %s, average wage %s, grade %d, care level %d, dependants: "
		 "spouse %d, others %d, lonely %d\n"), in.wage_fen >= 0 ? w : "-", av, in.grade,
	       in.care_level, in.spouse, in.others, in.lonely);
	if (!bc.formula) {
		printf(_("%s is reimbursed as invoiced: no formula\n"), t->item);
		return 0;
	}
	if (bc.wage_note[0])
		printf("%s\n", bc.wage_note);
	for (int i = 0; i < bc.n; i++) {
		const struct benefit_line *l = &bc.lines[i];
		printf("%s%s%s: %s\n", l->label, l->monthly ? _(" (monthly)") : "",
		       l->employer ? _(" (employer pays)") : l->info ? _(" (not paid now)") : "",
		       l->formula);
	}
	money_format(bc.lump_fund_fen, w, sizeof w);
	money_format(bc.monthly_fund_fen, av, sizeof av);
	printf(_("fund pays: one-off %s yuan, monthly %s yuan\n"), w, av);
	if (bc.uninsured) {
		money_format(bc.employer_fen, w, sizeof w);
		printf(_("payer: the employer, not insured (条例 §62 ¶2): it pays %s yuan; the fund "
			 "pays nothing\n"), w);
		return 0;
	}
	money_format(bc.reference_fen, w, sizeof w);
	printf(_("reference for task decide: %s yuan\n"), w);
	return 0;
}

/* ---- actions ---- */

static int decide(struct db *d, const struct actor *ac, int64_t id, const struct args *a,
		  struct yerr *e)
{
	struct decision dc = { .outcome = a->val[O_OUTCOME], .amount_fen = -1,
			       .payment_ref = a->val[O_PAYREF], .document_no = a->val[O_DOCNO],
			       .reason = a->val[O_REASON], .decided_on = a->val[O_DATE],
			       .note = a->val[O_NOTE] };
	if (a->set[O_GRADE] && int_arg("--grade", a->val[O_GRADE], 1, 10, &dc.grade, e) < 0)
		return -1;
	if (a->set[O_CARE] && int_arg("--care-level", a->val[O_CARE], 0, 3, &dc.care_level, e) < 0)
		return -1;
	if (a->set[O_AMOUNT] && a->set[O_AMOUNT_FEN])
		return yerr_set(e, YERR_INPUT, _("give --amount or --amount-fen, not both"));
	if (a->set[O_AMOUNT] && money_parse_yuan(a->val[O_AMOUNT], &dc.amount_fen, e) < 0)
		return -1;
	if (a->set[O_AMOUNT_FEN]) {
		int fen;
		if (int_arg("--amount-fen", a->val[O_AMOUNT_FEN], 0, (int)TASK_AMOUNT_MAX_FEN, &fen,
			    e) < 0)
			return -1;
		dc.amount_fen = fen;
	}
	if (!dc.outcome)
		return yerr_set(e, YERR_INPUT, _("task decide needs --outcome"));
	struct calc_opts o;
	if (calc_opts_of(a, 0, &o, e) < 0)
		return -1;
	dc.calc = &o;
	dc.override_reason = a->val[O_OVERRIDE];
	return db_task_decide(d, ac, id, &dc, a->version, e);
}

static int s_take(struct db *d, const struct actor *ac, int64_t id, const struct args *a,
		  struct yerr *e)
{
	return db_task_take(d, ac, id, a->version, e);
}

static int s_assign(struct db *d, const struct actor *ac, int64_t id, const struct args *a,
		    struct yerr *e)
{
	return db_task_assign(d, ac, id, a->login, a->version, e);
}

static int s_review(struct db *d, const struct actor *ac, int64_t id, const struct args *a,
		    struct yerr *e)
{
	return a->set[O_SIMPLE] ? db_task_simple(d, ac, id, a->version, e)
				: db_task_review(d, ac, id, a->version, e);
}

static int s_suspend(struct db *d, const struct actor *ac, int64_t id, const struct args *a,
		     struct yerr *e)
{
	return db_task_suspend(d, ac, id, a->val[O_REASON], a->val[O_NOTE], a->version, e);
}

static int s_resume(struct db *d, const struct actor *ac, int64_t id, const struct args *a,
		    struct yerr *e)
{
	return db_task_resume(d, ac, id, a->val[O_CONFIRM], a->version, e);
}

static int s_extend(struct db *d, const struct actor *ac, int64_t id, const struct args *a,
		    struct yerr *e)
{
	return db_task_extend(d, ac, id, a->val[O_REASON], a->version, e);
}

static int s_countersign(struct db *d, const struct actor *ac, int64_t id,
			 const struct args *a, struct yerr *e)
{
	return db_task_countersign(d, ac, id, a->version, e);
}

static int s_deliver(struct db *d, const struct actor *ac, int64_t id, const struct args *a,
		     struct yerr *e)
{
	return db_task_deliver(d, ac, id, a->val[O_METHOD], a->val[O_RECIPIENT], a->val[O_DATE],
			       a->version, e);
}

static int s_reappraise(struct db *d, const struct actor *ac, int64_t id,
			const struct args *a, struct yerr *e)
{
	return db_task_reappraise(d, ac, id, a->val[O_DATE], a->version, e);
}

/* 受理, then the office's acceptance notice (受理通知书) for this item as
 * A4 PDF in the notices folder (printed when config printer is set).  A
 * paper that fails leaves the acceptance recorded and says so; yici doc
 * CASE_NO acceptance makes it again. */
static int s_accept(struct db *d, const struct actor *ac, int64_t id, const struct args *a,
		    struct yerr *e)
{
	if (db_task_accept(d, ac, id, a->version, e) < 0)
		return -1;
	struct catalog cat;
	if (cli_catalog(d, &cat) < 0)
		return 0;
	enum doc_kind dk = DK_ACCEPTANCE;
	struct doc_request rq = { .kind = DK_ACCEPTANCE, .tasks = &id, .ntasks = 1 };
	struct document *docs = NULL;
	int n = 0;
	struct yerr pe;
	yerr_clear(&pe);
	char *name = xasprintf("accepted-%s", a->item), *path = NULL, warn[256] = "";
	if (papers_issue(d, &cat, a->cli.forms_dir, ac, a->case_no, &dk, 1, &rq, &docs, &n,
			 &pe) < 0 ||
	    papers_output(d, NULL, a->case_no, name, docs, n, -1, &path, NULL, warn, sizeof warn,
			  &pe) < 0)
		fprintf(stderr, _("yici: %s %s is accepted, but its acceptance notice failed: %s\n"),
			a->case_no, a->item, pe.msg);
	else
		printf(_("notice: %s%s%s\n"), path, *warn ? " · " : "", warn);
	free(path);
	free(name);
	documents_free(docs, n);
	catalog_release(&cat);
	return 0;
}

static int s_reject(struct db *d, const struct actor *ac, int64_t id, const struct args *a,
		    struct yerr *e)
{
	return db_task_reject(d, ac, id, a->val[O_REASON], a->version, e);
}

static int s_request(struct db *d, const struct actor *ac, int64_t id, const struct args *a,
		     struct yerr *e)
{
	return db_task_request(d, ac, id, a->mats, a->nmats, a->version, e);
}

static int s_show(struct db *d, const struct actor *ac, int64_t id, const struct args *a,
		  struct yerr *e);
static int s_calc(struct db *d, const struct actor *ac, int64_t id, const struct args *a,
		  struct yerr *e);

#define CALC_OPTS (OB(O_WAGE) | OB(O_AVG) | OB(O_SPOUSE) | OB(O_DEPS) | OB(O_LONELY) | \
		   OB(O_ADVANCE) | OB(O_DAYS))
static const struct sub subs[] = {
	{ TA_TAKE, 0, 0, s_take },
	{ TA_ASSIGN, 1, OB(O_TO), s_assign },
	{ TA_REVIEW, 0, OB(O_SIMPLE), s_review },
	{ TA_DECIDE, 0, OB(O_OUTCOME) | OB(O_GRADE) | OB(O_CARE) | OB(O_AMOUNT) |
				OB(O_AMOUNT_FEN) | OB(O_PAYREF) | OB(O_DOCNO) | OB(O_REASON) |
				OB(O_DATE) | OB(O_NOTE) | CALC_OPTS | OB(O_OVERRIDE), decide },
	{ TA_COUNTERSIGN, 0, 0, s_countersign },
	{ TA_SUSPEND, 0, OB(O_REASON) | OB(O_NOTE), s_suspend },
	{ TA_RESUME, 0, OB(O_CONFIRM), s_resume },
	{ TA_EXTEND, 0, OB(O_REASON), s_extend },
	{ TA_DELIVER, 0, OB(O_METHOD) | OB(O_RECIPIENT) | OB(O_DATE), s_deliver },
	{ TA_REAPPRAISE, 0, OB(O_DATE), s_reappraise },
	{ TA_ACCEPT, 0, 0, s_accept },
	{ TA_REJECT, 0, OB(O_REASON), s_reject },
	{ TA_REQUEST, 0, OB(O_MATERIAL), s_request },
	{ TA_SHOW, 0, 0, s_show },
	{ TA_CALC, 0, CALC_OPTS | OB(O_GRADE) | OB(O_CARE), s_calc },
};

static const struct sub *find_sub(const char *name)
{
	enum task_action ta;
	if (task_action_parse(name, &ta) < 0)
		return NULL;
	for (size_t i = 0; i < ARRAY_SIZE(subs); i++)
		if (subs[i].ta == ta)
			return &subs[i];
	return NULL;
}

/* Finds the task; prints the reason and returns -1 when there is none. */
static int find(struct db *d, struct args *a, int64_t *id, struct yerr *e)
{
	if (case_no_parse(a->case_no, NULL, NULL, NULL, e) < 0)
		return -1;
	int rc = db_task_find(d, a->case_no, a->item, id, NULL, e);
	if (rc == 1)
		return yerr_set(e, YERR_NOTFOUND, _("case %s has no task %s"), a->case_no, a->item);
	return rc;
}

static int s_show(struct db *d, const struct actor *ac, int64_t id, const struct args *a,
		  struct yerr *e)
{
	struct task_info t;
	struct catalog cat;
	(void)ac;
	(void)a;
	if (db_task_get(d, id, &t, e) < 0)
		return -1;
	if (cli_catalog(d, &cat) < 0)
		return -2;
	show(&cat, &t);
	catalog_release(&cat);
	return 0;
}

static int s_calc(struct db *d, const struct actor *ac, int64_t id, const struct args *a,
		  struct yerr *e)
{
	struct task_info t;
	struct catalog cat;
	(void)ac;
	if (db_task_get(d, id, &t, e) < 0)
		return -1;
	if (cli_catalog(d, &cat) < 0)
		return -2;
	int rc = calc(d, &cat, a, &t, e);
	catalog_release(&cat);
	return rc;
}

/* Opens as the action's row of the table says (read-only for show and
 * calc), finds the task and runs the subcommand; an action that writes
 * prints the task's new state. */
static int run(struct args *a)
{
	struct staff me;
	struct actor ac;
	struct yerr e;
	yerr_clear(&e);
	const struct task_action_def *def = task_action_def(a->sub->ta);
	int ro = (def->flags & TAF_READ) != 0;
	char *what = xasprintf("task %s", a->name);
	struct db *d = cli_open_for(&a->cli, ro ? DB_OPEN_RO : DB_OPEN_RW, ACT_READ, what, &me,
				    &ac);
	free(what);
	if (!d)
		return EXIT_FAIL;
	int64_t id = 0;
	int rc = find(d, a, &id, &e);
	if (rc == 0)
		rc = a->sub->run(d, &ac, id, a, &e);
	struct task_info t;
	if (rc == 0 && !ro && db_task_get(d, id, &t, &e) == 0) {
		enum task_state ns = TS_ACCEPTED;
		task_state_parse(t.state, &ns);
		printf("%s %s %s\n", t.case_no, t.item, task_state_label(ns));
	}
	db_close(d);
	if (rc == -2) /* printed already */
		return EXIT_FAIL;
	return rc < 0 ? cli_fail(&e) : EXIT_OK;
}

int cmd_task(const struct cli *c, int argc, char **argv)
{
	struct args a = { .cli = *c };
	if (argc < 2 || !strcmp(argv[1], "-h") || !strcmp(argv[1], "--help")) {
		if (argc < 2)
			return cli_usage_error("task", _("say which action: take, assign, review, "
							 "decide, countersign, suspend, resume, extend, "
							 "deliver, reappraise, accept, reject, request, show "
							 "or calc"));
		task_help();
		return EXIT_OK;
	}
	a.sub = find_sub(argv[1]);
	a.name = argv[1];
	if (!a.sub)
		return cli_usage_error("task", _("unknown action '%s'"), argv[1]);
	int rc = parse(argc - 1, argv + 1, &a);
	if (rc == -1) {
		task_help();
		return EXIT_OK;
	}
	if (rc)
		return rc;
	struct yerr e;
	yerr_clear(&e);
	if (a.set[O_VERSION] && int_arg("--expect-version", a.val[O_VERSION], 1, 1 << 30,
					 &a.version, &e) < 0)
		return cli_fail(&e);
	return run(&a);
}

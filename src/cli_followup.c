/* cli_followup.c — yici outbox, yici commit, yici verify-commitment,
 * yici recovery and yici evaluate: the SMS outbox, notice-commitment
 * (告知承诺), its verification and the payments to recover after a false
 * one (经办条例 §46), and the applicant's service evaluation (好差评).
 * Layer: cli. */
#include "cli.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli_columns.h"
#include "core_task.h"
#include "core_text.h"
#include "csv_write.h"
#include "db_casefile.h"
#include "db_followup.h"
#include "core_validate.h"
#include "i18n.h"

/* Parses the command's options after argv[0] with getopt_long; -d/--db
 * and -h/--help are common to all.  Returns -1 after help, or the exit
 * status of a usage error (> 0), or 0 to go on. */
struct opt_ctx {
	const char *cmd;
	struct cli *cc;
	void (*help)(void);
	int (*set)(int opt, const char *arg, void *st);
	void *st;
};

static int parse_opts(struct opt_ctx *x, const struct option *opts, int argc, char **argv)
{
	int opt;
	optind = 1;
	opterr = 0;
	while ((opt = getopt_long(argc, argv, ":hd:", opts, NULL)) != -1) {
		if (opt == 'h') {
			x->help();
			return -1;
		}
		if (opt == 'd')
			x->cc->db_path = optarg;
		else if (opt == ':')
			return cli_usage_error(x->cmd, _("option '%s' needs a value"), argv[optind - 1]);
		else if (opt == '?')
			return cli_usage_error(x->cmd, _("unknown option '%s'"), argv[optind - 1]);
		else if (x->set(opt, optarg, x->st) != 0)
			return EXIT_USAGE;
	}
	return 0;
}

#define COMMON_OPTS { "help", no_argument, NULL, 'h' }, { "db", required_argument, NULL, 'd' }

/* Runs fn on the database opened read-write (or read-only). */
static int with_db(const struct cli *cc, int ro, int (*fn)(struct db *d, const struct actor *a,
							   void *st), void *st)
{
	struct staff me;
	struct actor a;
	struct db *d = cli_open(cc, ro ? DB_OPEN_RO : DB_OPEN_RW, &me, &a);
	if (!d)
		return EXIT_FAIL;
	int rc = fn(d, &a, st);
	db_close(d);
	return rc;
}

static int load_catalog(struct db *d, struct catalog *cat)
{
	return cli_catalog(d, cat);
}

/* ---- outbox ---- */

struct outbox_st {
	const char *state;
	long limit;
	int csv, n;
};

static void outbox_help(void)
{
	printf(_("Usage: yici outbox [--state queued|exported] [--limit N] [--format table|csv]\n"
		 "The SMS outbox, newest first: messages queued for the gateway and those the\n"
		 "nightly export has handed over.  Messages never hold a full ID number.\n"));
}

static int outbox_set(int opt, const char *arg, void *p)
{
	struct outbox_st *s = p;
	char *end;
	if (opt == 's')
		s->state = arg;
	else if (opt == 'l' && ((s->limit = strtol(arg, &end, 10)) < 0 || *end || end == arg))
		return cli_usage_error("outbox", _("--limit takes a number, not '%s'"), arg);
	else if (opt == 'F' && strcmp(arg, "table") && strcmp(arg, "csv"))
		return cli_usage_error("outbox", _("--format is table or csv, not '%s'"), arg);
	else if (opt == 'F')
		s->csv = !strcmp(arg, "csv");
	return 0;
}

#define OROW(r) ((const struct outbox_row *)(r))
static const char *o_id(const void *r, const void *c, enum col_out o, char *b, size_t n)
{
	(void)c, (void)o;
	snprintf(b, n, "%lld", (long long)OROW(r)->id);
	return b;
}
static const char *o_case(const void *r, const void *c, enum col_out o, char *b, size_t n)
{
	(void)c, (void)o, (void)b, (void)n;
	return OROW(r)->case_no;
}
static const char *o_kind(const void *r, const void *c, enum col_out o, char *b, size_t n)
{
	(void)c, (void)b, (void)n;
	return o == COL_CSV ? OROW(r)->kind : casefile_sms_label(OROW(r)->kind);
}
static const char *o_phone(const void *r, const void *c, enum col_out o, char *b, size_t n)
{
	(void)c, (void)o, (void)b, (void)n;
	return OROW(r)->recipient;
}
static const char *o_state(const void *r, const void *c, enum col_out o, char *b, size_t n)
{
	(void)c, (void)b, (void)n;
	if (o == COL_CSV)
		return OROW(r)->state;
	return !strcmp(OROW(r)->state, "queued") ? _("queued") : _("exported");
}
static const char *o_at(const void *r, const void *c, enum col_out o, char *b, size_t n)
{
	(void)c, (void)o, (void)b, (void)n;
	return OROW(r)->created_at;
}
static const char *o_exported(const void *r, const void *c, enum col_out o, char *b, size_t n)
{
	(void)c, (void)o, (void)b, (void)n;
	return OROW(r)->exported_at;
}
static const char *o_body(const void *r, const void *c, enum col_out o, char *b, size_t n)
{
	(void)c, (void)o, (void)b, (void)n;
	return OROW(r)->body;
}

/* The outbox's columns (cli_columns.h): F8, `yici outbox` and its CSV. */
const struct column outbox_columns[] = {
	{ NULL, "id", 0, o_id },
	{ N_("Case number"), "case_no", 23, o_case },
	{ N_("Message kind"), "kind", 14, o_kind },
	{ N_("Phone"), "recipient", 12, o_phone },
	{ N_("State"), "state", 10, o_state },
	{ N_("Queued at"), "created_at", 20, o_at },
	{ NULL, "exported_at", 0, o_exported },
	{ N_("Message"), "body", 0, o_body },
};
const int outbox_ncolumns = (int)ARRAY_SIZE(outbox_columns);

static void outbox_row(const struct outbox_row *r, void *arg)
{
	struct outbox_st *s = arg;
	s->n++;
	if (s->csv) {
		const char *f[ARRAY_SIZE(outbox_columns)];
		char bufs[ARRAY_SIZE(outbox_columns)][256];
		csv_write_row(stdout, f, columns_csv_row(outbox_columns, outbox_ncolumns, r, NULL, f, bufs));
		return;
	}
	struct sbuf b = { 0 };
	columns_row(&b, outbox_columns, outbox_ncolumns, r, NULL, COL_TABLE, 0);
	puts(b.s);
	sbuf_release(&b);
}

static int outbox_run(struct db *d, const struct actor *a, void *p)
{
	struct outbox_st *s = p;
	struct yerr e;
	yerr_clear(&e);
	if (perm_check(a, ACT_READ, -1, &e) < 0)
		return cli_fail(&e);
	const char *h[ARRAY_SIZE(outbox_columns)];
	if (s->csv) {
		csv_write_row(stdout, h, columns_csv_header(outbox_columns, outbox_ncolumns, h));
	} else {
		struct sbuf b = { 0 };
		columns_header(&b, outbox_columns, outbox_ncolumns, 0);
		puts(b.s);
		sbuf_release(&b);
	}
	if (db_outbox_each(d, s->state, s->limit, outbox_row, s, &e) < 0)
		return e.code == YERR_INPUT ? cli_usage_error("outbox", "%s", e.msg) : cli_fail(&e);
	if (!s->csv)
		printf(_("%d messages\n"), s->n);
	return EXIT_OK;
}

int cmd_outbox(const struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		COMMON_OPTS, { "state", required_argument, NULL, 's' },
		{ "limit", required_argument, NULL, 'l' }, { "format", required_argument, NULL, 'F' },
		{ NULL, 0, NULL, 0 },
	};
	struct cli cc = *c;
	struct outbox_st s = { 0 };
	struct opt_ctx x = { "outbox", &cc, outbox_help, outbox_set, &s };
	int rc = parse_opts(&x, opts, argc, argv);
	if (rc)
		return rc < 0 ? EXIT_OK : rc;
	if (optind < argc)
		return cli_usage_error("outbox", _("unexpected argument '%s'"), argv[optind]);
	return with_db(&cc, 1, outbox_run, &s);
}

/* ---- commit and verify-commitment ---- */

struct commit_st {
	struct commitment_in in;
	const char *outcome;
};

static void commit_help(void)
{
	printf(_("Usage: yici commit CASE_NO MATERIAL --method online|onsite|authority\n"
		 "                   [--item CODE] [--due YYYY-MM-DD] [--note TEXT]\n"
		 "Records the applicant's notice-commitment (告知承诺) instead of the proof\n"
		 "MATERIAL (e.g. M11), where the catalog allows it, and opens its verification\n"
		 "(online, on site, or with another authority) due on --due, by default in 20\n"
		 "working days.  Clerk or supervisor.\n"));
}

static void verify_help(void)
{
	printf(_("Usage: yici verify-commitment CASE_NO MATERIAL --outcome confirmed|false\n"
		 "                              [--note TEXT]\n"
		 "Records the outcome of the pending verification of a notice-commitment.  A\n"
		 "false commitment flags the case and stops the payments of the task it served.\n"
		 "An officer of that task's office, or a supervisor.\n"));
}

static int commit_set(int opt, const char *arg, void *p)
{
	struct commit_st *s = p;
	switch (opt) {
	case 'm': s->in.method = arg; break;
	case 'i': s->in.item = arg; break;
	case 'u': s->in.due_on = arg; break;
	case 'n': s->in.note = arg; break;
	case 'o': s->outcome = arg; break;
	}
	return 0;
}

static int commit_run(struct db *d, const struct actor *a, void *p)
{
	struct commit_st *s = p;
	struct catalog cat;
	struct yerr e;
	yerr_clear(&e);
	if (load_catalog(d, &cat) < 0)
		return EXIT_FAIL;
	int64_t vid = 0;
	int rc = db_commit_record(d, &cat, a, &s->in, &vid, &e);
	catalog_release(&cat);
	if (rc < 0)
		return cli_fail(&e);
	printf(_("%s: commitment recorded for %s; verification #%lld opened\n"), s->in.case_no,
	       s->in.material, (long long)vid);
	return EXIT_OK;
}

int cmd_commit(const struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		COMMON_OPTS, { "method", required_argument, NULL, 'm' },
		{ "item", required_argument, NULL, 'i' }, { "due", required_argument, NULL, 'u' },
		{ "note", required_argument, NULL, 'n' }, { NULL, 0, NULL, 0 },
	};
	struct cli cc = *c;
	struct commit_st s = { { 0 }, NULL };
	struct opt_ctx x = { "commit", &cc, commit_help, commit_set, &s };
	int rc = parse_opts(&x, opts, argc, argv);
	if (rc)
		return rc < 0 ? EXIT_OK : rc;
	if (argc - optind != 2)
		return cli_usage_error("commit", _("commit takes CASE_NO and MATERIAL"));
	if (!s.in.method)
		return cli_usage_error("commit", _("commit needs --method online, onsite or authority"));
	s.in.case_no = argv[optind];
	s.in.material = argv[optind + 1];
	return with_db(&cc, 0, commit_run, &s);
}

static int verify_run(struct db *d, const struct actor *a, void *p)
{
	struct commit_st *s = p;
	struct catalog cat;
	struct yerr e;
	yerr_clear(&e);
	if (load_catalog(d, &cat) < 0)
		return EXIT_FAIL;
	int rc = db_verify_record(d, &cat, a, s->in.case_no, s->in.material, s->outcome,
				  s->in.note, &e);
	catalog_release(&cat);
	if (rc < 0)
		return cli_fail(&e);
	printf(_("%s: verification of %s recorded: %s\n"), s->in.case_no, s->in.material,
	       !strcmp(s->outcome, "false") ? _("false — case flagged, payments stopped")
					    : _("confirmed"));
	return EXIT_OK;
}

int cmd_verify_commitment(const struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		COMMON_OPTS, { "outcome", required_argument, NULL, 'o' },
		{ "note", required_argument, NULL, 'n' }, { NULL, 0, NULL, 0 },
	};
	struct cli cc = *c;
	struct commit_st s = { { 0 }, NULL };
	struct opt_ctx x = { "verify-commitment", &cc, verify_help, commit_set, &s };
	int rc = parse_opts(&x, opts, argc, argv);
	if (rc)
		return rc < 0 ? EXIT_OK : rc;
	if (argc - optind != 2)
		return cli_usage_error("verify-commitment", _("verify-commitment takes CASE_NO and MATERIAL"));
	if (!s.outcome || (strcmp(s.outcome, "confirmed") && strcmp(s.outcome, "false")))
		return cli_usage_error("verify-commitment", _("--outcome is confirmed or false"));
	s.in.case_no = argv[optind];
	s.in.material = argv[optind + 1];
	return with_db(&cc, 0, verify_run, &s);
}

/* ---- recovery ---- */

struct recovery_st {
	struct recovery_close in;
	int all, csv, n;
};

static void recovery_help(void)
{
	printf(_("Usage: yici recovery [--all] [--format table|csv] [CASE_NO]\n"
		 "       yici recovery close CASE_NO ITEM --outcome recovered --voucher TEXT\n"
		 "                           [--amount YUAN] [--note TEXT]\n"
		 "       yici recovery close CASE_NO ITEM --outcome referred --note TEXT\n"
		 "The payments to recover (经办条例 §46): when a notice-commitment is found false\n"
		 "after its benefit was approved, yici opens one, due after the rule 'recovery'\n"
		 "of forms/rules.csv.  Without CASE_NO, the open ones of every case, the\n"
		 "earliest due first; --all adds those closed.\n"
		 "close records how it ended, with an event: recovered (the voucher of the\n"
		 "repayment; --amount when less than the whole was returned) or referred (to\n"
		 "enforcement: a note saying to whom).  An officer of the benefit's office or a\n"
		 "supervisor.\n"));
}

static int recovery_set(int opt, const char *arg, void *p)
{
	struct recovery_st *s = p;
	struct yerr e;
	if (opt == 'a')
		s->all = 1;
	else if (opt == 'F' && strcmp(arg, "table") && strcmp(arg, "csv"))
		return cli_usage_error("recovery", _("--format is table or csv, not '%s'"), arg);
	else if (opt == 'F')
		s->csv = !strcmp(arg, "csv");
	else if (opt == 'o')
		s->in.outcome = arg;
	else if (opt == 'v')
		s->in.voucher = arg;
	else if (opt == 'n')
		s->in.note = arg;
	else if (opt == 'm' && money_parse_yuan(arg, &s->in.recovered_fen, &e) < 0)
		return cli_usage_error("recovery", "--amount: %s", e.msg);
	return 0;
}

static void recovery_print(const struct recovery_row *r, void *arg)
{
	struct recovery_st *s = arg;
	char amt[32], got[32] = "";
	money_format(r->amount_fen, amt, sizeof amt);
	if (r->recovered_fen >= 0)
		money_format(r->recovered_fen, got, sizeof got);
	s->n++;
	if (s->csv) {
		const char *f[] = { r->case_no, r->item, r->category, r->material, amt,
				    r->payment_ref, r->state, r->opened_on, r->due_on, got,
				    r->voucher, r->note, r->closed_at, r->closed_by };
		csv_write_row(stdout, f, (int)ARRAY_SIZE(f));
		return;
	}
	struct sbuf b = { 0 };
	text_cell(&b, r->case_no, 24);
	text_cell(&b, r->item, 6);
	text_cell(&b, amt, 14);
	text_cell(&b, r->payment_ref[0] ? r->payment_ref : "-", 14);
	text_cell(&b, r->opened_on, 12);
	text_cell(&b, r->due_on, 12);
	sbuf_addstr(&b, recovery_state_label(r->state));
	if (r->recovered_fen >= 0)
		sbuf_addf(&b, " %s", got);
	if (r->voucher[0])
		sbuf_addf(&b, " (%s)", text_safe(r->voucher));
	puts(b.s);
	sbuf_release(&b);
}

static int recovery_list_run(struct db *d, const struct actor *a, void *p)
{
	struct recovery_st *s = p;
	struct yerr e;
	yerr_clear(&e);
	if (perm_check(a, ACT_READ, -1, &e) < 0)
		return cli_fail(&e);
	if (s->csv) {
		static const char *const h[] = { "case_no", "item", "category", "material", "amount",
						 "payment_ref", "state", "opened_on", "due_on",
						 "recovered", "voucher", "note", "closed_at",
						 "closed_by" };
		csv_write_row(stdout, h, (int)ARRAY_SIZE(h));
	} else {
		struct sbuf b = { 0 };
		text_cell(&b, _("Case"), 24);
		text_cell(&b, _("Item"), 6);
		text_cell(&b, _("Amount"), 14);
		text_cell(&b, _("Payment"), 14);
		text_cell(&b, _("Opened"), 12);
		text_cell(&b, _("Due"), 12);
		sbuf_addstr(&b, _("State"));
		puts(b.s);
		sbuf_release(&b);
	}
	if (db_recovery_each(d, s->in.case_no, s->all || s->in.case_no, recovery_print, s, &e) < 0)
		return cli_fail(&e);
	if (!s->csv && !s->n)
		printf("%s\n", s->all || s->in.case_no ? _("no payments to recover")
						     : _("no open payments to recover"));
	return EXIT_OK;
}

static int recovery_close_run(struct db *d, const struct actor *a, void *p)
{
	struct recovery_st *s = p;
	struct yerr e;
	yerr_clear(&e);
	if (db_recovery_close(d, a, &s->in, &e) < 0)
		return cli_fail(&e);
	printf(_("%s: recovery of %s closed: %s\n"), s->in.case_no, s->in.item,
	       recovery_state_label(s->in.outcome));
	return EXIT_OK;
}

int cmd_recovery(const struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		COMMON_OPTS, { "all", no_argument, NULL, 'a' },
		{ "format", required_argument, NULL, 'F' },
		{ "outcome", required_argument, NULL, 'o' },
		{ "voucher", required_argument, NULL, 'v' },
		{ "amount", required_argument, NULL, 'm' },
		{ "note", required_argument, NULL, 'n' }, { NULL, 0, NULL, 0 },
	};
	struct cli cc = *c;
	struct recovery_st s = { { .recovered_fen = -1 }, 0, 0, 0 };
	struct opt_ctx x = { "recovery", &cc, recovery_help, recovery_set, &s };
	int rc = parse_opts(&x, opts, argc, argv);
	if (rc)
		return rc < 0 ? EXIT_OK : rc;
	int close = optind < argc && !strcmp(argv[optind], "close");
	if (close) {
		if (argc - optind != 3)
			return cli_usage_error("recovery", _("recovery close takes CASE_NO and ITEM"));
		if (!s.in.outcome)
			return cli_usage_error("recovery", _("recovery close needs --outcome recovered "
							     "or referred"));
		s.in.case_no = argv[optind + 1];
		s.in.item = argv[optind + 2];
		return with_db(&cc, 0, recovery_close_run, &s);
	}
	if (optind < argc && !strcmp(argv[optind], "list"))
		optind++;
	if (argc - optind > 1)
		return cli_usage_error("recovery", _("recovery takes at most one CASE_NO"));
	if (s.in.outcome || s.in.voucher || s.in.note || s.in.recovered_fen >= 0)
		return cli_usage_error("recovery", _("--outcome, --voucher, --amount and --note "
						     "belong to recovery close"));
	s.in.case_no = optind < argc ? argv[optind] : NULL;
	return with_db(&cc, 1, recovery_list_run, &s);
}

/* ---- evaluate ---- */

struct eval_st {
	const char *case_no, *comment, *channel;
	int rating, followed_up;
};

static void evaluate_help(void)
{
	printf(_("Usage: yici evaluate CASE_NO --rating 1..5 [--channel pad|sms|online] [--comment TEXT]\n"
		 "       yici evaluate CASE_NO --followed-up [--comment TEXT]\n"
		 "Records the applicant's evaluation of the service (好差评), once per case,\n"
		 "after a result was delivered at the window:\n"
		 "5 very satisfied, 4 satisfied, 3 basically satisfied, 2 dissatisfied,\n"
		 "1 very dissatisfied (the Chinese words are accepted too).  A rating of 2 or 1\n"
		 "opens a follow-up for the supervisor due in 15 working days.\n"
		 "--followed-up: the supervisor records that follow-up as done, with what was\n"
		 "found or agreed as the comment; it leaves the supervisor's list.\n"));
	fputs(_("--channel pad|sms|online: how the applicant gave the rating (default pad,\n"
		"the rating pad at the window).  The rating is the applicant's: a user who\n"
		"served the case at the window may not enter it.  Ratings the platform\n"
		"collected arrive in its evaluations.csv (yici import).\n"), stdout);
}

static int parse_rating(const char *s)
{
	static const char *const zh[] = { "非常不满意", "不满意", "基本满意", "满意", "非常满意" };
	if (s[0] >= '1' && s[0] <= '5' && !s[1])
		return s[0] - '0';
	for (int i = 0; i < 5; i++)
		if (!strcmp(s, zh[i]))
			return i + 1;
	return 0;
}

static int eval_set(int opt, const char *arg, void *p)
{
	struct eval_st *s = p;
	if (opt == 'c')
		s->comment = arg;
	else if (opt == 'f')
		s->followed_up = 1;
	else if (opt == 'C' && !eval_channel_ok((s->channel = arg)))
		return cli_usage_error("evaluate", _("--channel is pad, sms or online, not '%s'"), arg);
	else if (opt == 'r' && !(s->rating = parse_rating(arg)))
		return cli_usage_error("evaluate", _("--rating is 1 to 5, not '%s'"), arg);
	return 0;
}

static int eval_run(struct db *d, const struct actor *a, void *p)
{
	struct eval_st *s = p;
	struct catalog cat;
	struct yerr e;
	char due[11] = "";
	yerr_clear(&e);
	if (s->followed_up) {
		if (db_followup_done(d, a, s->case_no, s->comment, &e) < 0)
			return cli_fail(&e);
		printf(_("%s: follow-up of the rating recorded\n"), s->case_no);
		return EXIT_OK;
	}
	if (load_catalog(d, &cat) < 0)
		return EXIT_FAIL;
	struct eval_source src = { .channel = s->channel ? s->channel : "pad" };
	int rc = db_evaluate_from(d, &cat, a, s->case_no, s->rating, s->comment, &src, due, &e);
	catalog_release(&cat);
	if (rc < 0)
		return cli_fail(&e);
	printf(_("%s: rated %d (%s)\n"), s->case_no, s->rating, casefile_rating_label(s->rating));
	if (due[0])
		printf(_("follow-up by the supervisor due %s\n"), due);
	return EXIT_OK;
}

int cmd_evaluate(const struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		COMMON_OPTS, { "rating", required_argument, NULL, 'r' },
		{ "comment", required_argument, NULL, 'c' }, { "followed-up", no_argument, NULL, 'f' },
		{ "channel", required_argument, NULL, 'C' },
		{ NULL, 0, NULL, 0 },
	};
	struct cli cc = *c;
	struct eval_st s = { NULL, NULL, NULL, 0, 0 };
	struct opt_ctx x = { "evaluate", &cc, evaluate_help, eval_set, &s };
	int rc = parse_opts(&x, opts, argc, argv);
	if (rc)
		return rc < 0 ? EXIT_OK : rc;
	if (argc - optind != 1)
		return cli_usage_error("evaluate", _("evaluate takes one CASE_NO"));
	if (s.rating && s.followed_up)
		return cli_usage_error("evaluate", _("--rating and --followed-up go one at a time"));
	if (s.channel && s.followed_up)
		return cli_usage_error("evaluate", _("--channel goes with --rating"));
	if (!s.rating && !s.followed_up)
		return cli_usage_error("evaluate", _("evaluate needs --rating 1..5"));
	s.case_no = argv[optind];
	return with_db(&cc, 0, eval_run, &s);
}

/* cli_case.c — yici case show | list | find | reindex: one case as text
 * (header, flow, tasks, materials, commitments, pushes, evaluation and the
 * whole timeline), the case list with filters as a table or CSV, and the
 * one-box lookup.  Layer: cli. */
#include "cli.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli_columns.h"
#include "core_case.h"
#include "core_text.h"
#include "db_application.h"
#include "csv_write.h"
#include "db_casefile.h"
#include "db_inbox.h"
#include "db_followup.h"
#include "core_task.h"
#include "core_validate.h"
#include "i18n.h"

static void case_help(void)
{
	printf(_("Usage: yici case show CASE_NO\n"
		 "       yici case list [--state S] [--kind K] [--channel C] [--from DATE] [--to DATE]\n"
		 "                      [--limit N] [--format table|csv]\n"
		 "       yici case find TEXT [--limit N] [--format table|csv]\n"
		 "       yici case reindex\n"
		 "show: the whole case: header, the flow of its items, tasks with deadlines and\n"
		 "days left, materials, commitments, pushes, evaluation and every event in time\n"
		 "order, with deadline markers and suspended intervals (marked '|').\n"
		 "list: cases newest first (table: 100 unless --limit; csv: all unless --limit);\n"
		 "--from/--to filter on the acceptance date.\n"
		 "find: one search box.  Latin letters are pinyin initials (zs finds 张三);\n"
		 "digits a case number, citizen ID or phone; Chinese a name or an employer;\n"
		 "18 characters a citizen ID or credit code.  Shows the first 20 (--limit).\n"
		 "reindex: brings the pinyin index up to date now.\n"
		 "ID numbers are masked; 'yici reveal' shows one in full, and records it.\n"
		 "Exit status: 0 found, 1 not found or failed, 2 usage error.\n"));
}

/* ---- show ---- */

static const char *channel_label(const char *ch)
{
	return !strcmp(ch, "online") ? _("online") : _("window");
}

/* A choice the applicant did not send (an online application). */
static const char *given(const char *label)
{
	return label && *label ? label : _("(not given)");
}

static const char *state_label(const char *s)
{
	enum case_state cs;
	return case_state_parse(s, &cs) == 0 ? case_state_label(cs) : s;
}

static const char *tstate_label(const char *s)
{
	enum task_state ts;
	return task_state_parse(s, &ts) == 0 ? task_state_label(ts) : s;
}

static void field(const char *label, const char *value)
{
	struct sbuf b = { 0 };
	text_pad(&b, label, 16);
	sbuf_addstr(&b, text_safe(value));
	puts(b.s);
	sbuf_release(&b);
}

static void print_header(const struct casefile *cf)
{
	const struct cf_header *h = &cf->h;
	char wid[20], aid[20];
	int kind = KIND_INJURY;
	kind_parse(h->kind, &kind);
	casefile_show_id(0, h->worker_id, wid);
	casefile_show_id(0, h->applicant_id, aid);
	printf("%s %s · %s · %s · %s\n", _("Case"), h->case_no[0] ? h->case_no : _("(no number yet)"),
	       state_label(h->state), kind_label(kind), channel_label(h->channel));
	if (h->flagged)
		printf("!! %s\n", _("FLAGGED: a notice-commitment was found false"));
	char *v = xasprintf("%s  %s  %s", h->worker_name, wid, h->worker_phone);
	field(_("Worker"), v);
	free(v);
	v = !strcmp(h->applicant_type, "employer")
		? xasprintf("%s (%s)", h->applicant_name, _("employer"))
		: xasprintf("%s  %s  %s  (%s)", h->applicant_name, aid, h->applicant_phone,
			    h->applicant_relation[0] ? h->applicant_relation
			    : application_choice_label("applicant.type", h->applicant_type));
	field(_("Applicant"), v);
	free(v);
	v = xasprintf("%s  %s  %s%s%s", h->employer_name, h->employer_credit,
		      h->employer_insured ? _("insured") : _("NOT insured"),
		      h->employer_insurer[0] ? _("; supplementary insurer: ") : "", h->employer_insurer);
	field(_("Employer"), v);
	free(v);
	v = h->accepted_at[0] ? xasprintf("%s  %s (%s)", h->accepted_at,
					  h->accepted_by_name[0] ? h->accepted_by_name : h->accepted_by,
					  h->accepted_by)
			      : xasprintf("%s (%s %s)", _("not yet"), _("started"), h->created_at);
	field(_("Accepted on"), v);
	free(v);
	v = xasprintf("%s · %s · %s", h->accident_date,
		      given(application_choice_label("accident.type", h->accident_type)),
		      given(application_choice_label("accident.circumstance", h->circumstance)));
	field(_("Accident"), v);
	free(v);
	v = xasprintf("%s: %s · %s: %s", _("extended services"), h->consent_extended ? _("consented")
		      : _("no consent"), _("delivery"),
		      given(application_choice_label("delivery.method", h->delivery_method)));
	field(_("Applicant chose"), v);
	free(v);
	if (h->supplement_due[0])
		field(_("Supplement by"), h->supplement_due);
	if (h->reason[0])
		field(_("Reason"), h->reason);
}

/* The flow as a tree: each task under the latest ticked task it waits for. */
static void print_flow_node(const struct casefile *cf, const struct catalog *c, int i,
			    const char *indent, int last, int root)
{
	const struct cf_task *t = &cf->tasks[i];
	printf("  %s%s[%s %s %s]%s\n", indent, root ? "" : last ? "└─▶ " : "├─▶ ", t->item_code,
	       t->item >= 0 ? c->items[t->item].name : "", tstate_label(t->state),
	       t->hold[0] ? _(" payments held") : "");
	char *sub = xasprintf("%s%s", indent, root ? "" : last ? "    " : "│   ");
	int kids[MAX_ITEMS], nk = 0;
	for (int j = 0; j < cf->ntasks; j++) {
		const struct cf_task *u = &cf->tasks[j];
		int parent = -1;
		for (int k = 0; k < cf->ntasks; k++)
			if ((u->waits_on & (1u << k)) && (parent < 0 || cf->tasks[k].col > cf->tasks[parent].col))
				parent = k;
		if (parent == i)
			kids[nk++] = j;
	}
	for (int k = 0; k < nk; k++)
		print_flow_node(cf, c, kids[k], sub, k == nk - 1, 0);
	free(sub);
}

static void print_flow(const struct casefile *cf, const struct catalog *c)
{
	printf("\n%s\n", _("Flow (what waits on what)"));
	for (int i = 0; i < cf->ntasks; i++)
		if (!cf->tasks[i].waits_on)
			print_flow_node(cf, c, i, "", 1, 1);
	if (!cf->ntasks)
		printf("  %s\n", _("no items ticked"));
}

static void task_result(const struct cf_task *t, char *out, size_t n)
{
	size_t k = 0;
	out[0] = '\0';
	if (t->outcome[0])
		k += (size_t)snprintf(out, n, "%s", casefile_outcome_label(t->outcome));
	if (t->grade && k < n)
		k += (size_t)snprintf(out + k, n - k, _(" grade %d"), t->grade);
	if (t->amount_fen >= 0 && k < n)
		k += (size_t)snprintf(out + k, n - k, " ¥%lld.%02lld", (long long)(t->amount_fen / 100),
				      (long long)(t->amount_fen % 100));
	if (t->hold[0] && k < n)
		k += (size_t)snprintf(out + k, n - k, " [%s]", _("payments held"));
	if (!strcmp(t->countersign, "pending") && k < n)
		k += (size_t)snprintf(out + k, n - k, " [%s]", _("awaiting countersignature"));
	if (t->basis_changed[0] && k < n)
		k += (size_t)snprintf(out + k, n - k, " [%s: %s]", _("basis changed"),
				      t->basis_changed);
	if (!t->outcome[0] && t->reason[0] && k < n)
		snprintf(out + k, n - k, "%s", t->reason);
}

static void print_tasks(const struct casefile *cf, const struct catalog *c)
{
	struct sbuf b = { 0 };
	printf("\n%s\n", _("Tasks"));
	/* state and assignee whole: as wide as the longest of the case */
	int sw = text_widest(11, _("State")), aw = text_widest(9, _("Assignee"));
	for (int i = 0; i < cf->ntasks; i++) {
		const struct cf_task *t = &cf->tasks[i];
		sw = text_widest(sw, tstate_label(t->state));
		aw = text_widest(aw, t->assignee_name[0] ? t->assignee_name : t->assignee);
	}
	text_cell(&b, _("Item"), 6);
	text_cell(&b, _("Category"), 16);
	text_cell(&b, _("State"), sw + 1);
	text_cell(&b, _("Assignee"), aw + 1);
	text_cell(&b, _("Deadline"), 12);
	text_cell(&b, _("Days left"), 10);
	sbuf_addstr(&b, _("Result"));
	puts(b.s);
	for (int i = 0; i < cf->ntasks; i++) {
		const struct cf_task *t = &cf->tasks[i];
		char left[32] = "-", res[TASK_TEXT_BYTES + 256];
		if (t->paused)
			snprintf(left, sizeof left, "%s", _("paused"));
		else if (t->has_days_left)
			snprintf(left, sizeof left, "%d", t->days_left);
		task_result(t, res, sizeof res);
		b.len = 0;
		text_cell(&b, t->item_code, 6);
		text_cell(&b, category_word(t->category), 16);
		text_cell(&b, tstate_label(t->state), sw + 1);
		text_cell(&b, t->assignee_name[0] ? t->assignee_name : t->assignee[0] ? t->assignee : "-",
			  aw + 1);
		text_cell(&b, t->due_on[0] ? t->due_on : "-", 12);
		text_cell(&b, left, 10);
		sbuf_addstr(&b, res);
		puts(b.s);
	}
	for (int i = 0; i < cf->ntasks; i++) {
		const struct cf_task *t = &cf->tasks[i];
		yday due;
		char w[200];
		if (t->due_on[0] && date_parse(t->due_on, &due, NULL) == 0 &&
		    calendar_unpublished_warning(&c->cal, due, w, sizeof w))
			printf("  ? %s %s: %s\n", t->item_code, t->due_on, w);
	}
	for (int i = 0; i < cf->npauses; i++) {
		const struct cf_pause *p = &cf->pauses[i];
		printf("  | %s %s %s %s – %s\n", p->item_code, _("suspended"),
		       task_suspend_reason_label(p->reason), p->from_on,
		       p->to_on[0] ? p->to_on : _("(still suspended)"));
	}
	sbuf_release(&b);
}

static void print_materials(const struct casefile *cf)
{
	struct sbuf b = { 0 };
	printf("\n%s\n", _("Materials"));
	int nw = 0; /* the names whole: as wide as the longest */
	for (int i = 0; i < cf->nmaterials; i++)
		nw = text_widest(nw, cf->materials[i].name);
	for (int i = 0; i < cf->nmaterials; i++) {
		const struct cf_material *m = &cf->materials[i];
		enum material_status ms;
		b.len = 0;
		text_cell(&b, m->code, 5);
		text_cell(&b, m->name, nw + 1);
		text_cell(&b, material_status_parse(m->status, &ms) == 0 ? material_status_label(ms)
			  : m->status, 20);
		sbuf_addstr(&b, m->items);
		puts(b.s);
	}
	if (!cf->nmaterials)
		printf("  %s\n", _("none recorded"));
	sbuf_release(&b);
}

static void print_followups(const struct casefile *cf)
{
	if (cf->nverifs)
		printf("\n%s\n", _("Notice-commitments"));
	for (int i = 0; i < cf->nverifs; i++) {
		const struct cf_verification *v = &cf->verifs[i];
		printf("  %s  %s %s  %s %s  %s%s%s\n", v->material, _("verification"),
		       casefile_verification_label(v->method), _("due"), v->due_on,
		       casefile_verification_label(v->outcome), v->note[0] ? " — " : "", v->note);
	}
	if (cf->npushes)
		printf("\n%s\n", _("Pushes (extended services)"));
	for (int i = 0; i < cf->npushes; i++) {
		const struct cf_push *p = &cf->pushes[i];
		printf("  %s  %s  %s\n", p->created_at, casefile_target_label(p->target),
		       p->exported_at[0] ? p->exported_at : _("not yet exported"));
	}
	if (cf->has_eval) {
		printf("\n%s: %d (%s)%s%s\n", _("Evaluation"), cf->eval.rating,
		       casefile_rating_label(cf->eval.rating), cf->eval.comment[0] ? " — " : "",
		       cf->eval.comment);
		if (cf->eval.followup_at[0])
			printf("  %s %s\n", _("followed up by the supervisor on"), cf->eval.followup_at);
		else if (cf->eval.followup_due[0])
			printf("  %s %s\n", _("follow-up by the supervisor due"), cf->eval.followup_due);
	}
}

static void print_marker(const struct casefile *cf, const struct catalog *c,
			 const struct cf_marker *m)
{
	const struct cf_task *t = &cf->tasks[m->task];
	printf("── %s  %s %s ──\n", m->day, t->item_code,
	       m->legal ? _("legal time limit") : _("promised deadline"));
	(void)c;
}

static void print_event(const struct cf_event *v)
{
	struct sbuf b = { 0 };
	char who[160];
	enum role r;
	const char *rl = role_parse(v->actor_role, &r) == 0 ? role_label(r) : _("system");
	snprintf(who, sizeof who, "%s (%s)", v->actor_name[0] ? v->actor_name : v->actor, rl);
	sbuf_addstr(&b, v->paused ? "|" : " ");
	text_cell(&b, v->at, 20);
	text_cell(&b, who, 22);
	text_cell(&b, v->category[0] ? category_word(v->category) : "-", 16);
	text_cell(&b, v->item_code[0] ? v->item_code : "-", 4);
	text_cell(&b, casefile_event_label(v->kind), 26);
	char dbuf[1024];
	sbuf_addstr(&b, text_safe(casefile_event_detail(v->kind, v->detail, dbuf, sizeof dbuf)));
	puts(b.s);
	sbuf_release(&b);
}

#define EV_PAGE 500

static int print_timeline(struct db *d, const struct casefile *cf, const struct catalog *c,
			  struct yerr *e)
{
	struct cf_event *ev = xcalloc(EV_PAGE, sizeof *ev);
	struct cf_marker *m;
	int nm = casefile_markers(cf, &m), k = 0, n;
	struct cf_cursor cur, *after = NULL;
	printf("\n%s (%ld)\n", _("Timeline"), cf->nevents);
	while ((n = db_casefile_events(d, cf, after, EV_PAGE, ev, e)) > 0) {
		for (int i = 0; i < n; i++) {
			while (k < nm && strncmp(m[k].day, ev[i].at, 10) < 0)
				print_marker(cf, c, &m[k++]);
			print_event(&ev[i]);
		}
		snprintf(cur.at, sizeof cur.at, "%s", ev[n - 1].at);
		cur.id = ev[n - 1].id;
		after = &cur;
		if (n < EV_PAGE)
			break;
	}
	while (n >= 0 && k < nm)
		print_marker(cf, c, &m[k++]);
	free(m);
	free(ev);
	return n < 0 ? -1 : 0;
}

static void print_recovery(const struct recovery_row *r, void *arg)
{
	int *n = arg;
	char amt[32], got[32];
	if (!(*n)++)
		printf("\n%s\n", _("Payments to recover (经办条例 §46)"));
	money_format(r->amount_fen, amt, sizeof amt);
	printf(_("  %s  %s yuan (payment %s, commitment for %s found false)  due %s  %s"), r->item,
	       amt, r->payment_ref[0] ? r->payment_ref : "-", r->material, r->due_on,
	       recovery_state_label(r->state));
	if (r->recovered_fen >= 0) {
		money_format(r->recovered_fen, got, sizeof got);
		printf(" %s", got);
	}
	if (r->voucher[0])
		printf(" (%s)", text_safe(r->voucher));
	if (r->note[0])
		printf(" — %s", text_safe(r->note));
	putchar('\n');
}

/* One "label value" line of show_inbox, the label padded by display width. */
static void inbox_line(const char *label, const char *value)
{
	struct sbuf b = { 0 };
	sbuf_addstr(&b, "  ");
	text_cell(&b, label, 12);
	sbuf_addstr(&b, value);
	puts(b.s);
	sbuf_release(&b);
}

/* An online application still in the inbox: not a case yet (db/140). */
static int show_inbox(struct db *d, const char *ext_id, struct yerr *e)
{
	struct inbox_row r;
	int rc = db_inbox_find(d, ext_id, &r, e);
	if (rc != 0 || r.case_id)
		return rc < 0 ? -1 : 1;
	struct intake_row ir = { 0 };
	snprintf(ir.submitted_at, sizeof ir.submitted_at, "%s", r.submitted_at);
	char waited[24], *v;
	intake_waited(&ir, waited);
	printf(_("Online application %s: waiting at the window, not yet opened\n"),
	       text_safe(r.ext_id));
	v = xasprintf("%s (%s %s)", r.submitted_at, _("waited"), waited);
	inbox_line(_("Submitted:"), v);
	free(v);
	v = xasprintf(_("%s, line %ld of import #%lld"), r.received_at, r.line, (long long)r.log_id);
	inbox_line(_("Received:"), v);
	free(v);
	inbox_line(_("Worker:"), text_safe(r.worker_name));
	inbox_line(_("Applicant:"), text_safe(r.applicant_name));
	inbox_line(_("Items:"), text_safe(r.items));
	printf(_("The window opens it with F7 in the form, or 'yici apply --case %s'.\n"),
	       text_safe(r.ext_id));
	return 0;
}

static int case_show(struct db *d, const struct actor *a, const char *no)
{
	struct catalog cat;
	struct casefile cf;
	struct yerr e;
	yerr_clear(&e);
	if (cli_catalog(d, &cat) < 0)
		return EXIT_FAIL;
	int rc = db_casefile_load(d, &cat, a, no, &cf, &e);
	if (rc < 0 && e.code == YERR_NOTFOUND) {
		struct yerr e2;
		yerr_clear(&e2);
		int ib = show_inbox(d, no, &e2);
		if (ib <= 0) {
			catalog_release(&cat);
			return ib < 0 ? cli_fail(&e2) : EXIT_OK;
		}
	}
	if (rc == 0) {
		print_header(&cf);
		print_flow(&cf, &cat);
		print_tasks(&cf, &cat);
		print_materials(&cf);
		print_followups(&cf);
		int nr = 0;
		/* an online application in the intake list has no number and no task yet */
		rc = cf.h.case_no[0] ? db_recovery_each(d, cf.h.case_no, 1, print_recovery, &nr, &e) : 0;
		if (rc >= 0)
			rc = print_timeline(d, &cf, &cat, &e);
		casefile_release(&cf);
	}
	catalog_release(&cat);
	return rc < 0 ? cli_fail(&e) : EXIT_OK;
}

/* ---- list and find ---- */

struct out {
	int csv, n;
};

/* ---- the cases' columns: one table for `case list`, `case find`, their
 * CSV and F5 (ui_lookup.c shows the titled ones it has room for) ---- */

#define CROW(v) (&((const struct cf_row *)(v))->r)

static const char *c_case(const void *r, const void *c, enum col_out o, char *b, size_t n)
{
	(void)c, (void)b, (void)n;
	return *CROW(r)->case_no || o == COL_CSV ? CROW(r)->case_no : _("(no number yet)");
}
static const char *c_worker(const void *r, const void *c, enum col_out o, char *b, size_t n)
{
	(void)c, (void)o, (void)b, (void)n;
	return CROW(r)->worker_name;
}
static const char *c_id(const void *r, const void *c, enum col_out o, char *b, size_t n)
{
	(void)c;
	char id[20];
	casefile_show_id(0, CROW(r)->worker_id_number, id);
	snprintf(b, n, "%s", o == COL_CSV && !*CROW(r)->worker_id_number ? "" : id);
	return b;
}
/* on screen the flag is the mark before the row; in the table " !!" */
static const char *c_employer(const void *r, const void *c, enum col_out o, char *b, size_t n)
{
	(void)c;
	if (o == COL_CSV)
		return CROW(r)->employer_name;
	snprintf(b, n, "%s%s", text_safe(CROW(r)->employer_name),
		 o == COL_TABLE && ((const struct cf_row *)r)->flagged ? " !!" : "");
	return b;
}
static const char *c_kind(const void *r, const void *c, enum col_out o, char *b, size_t n)
{
	(void)c, (void)b, (void)n;
	int kind = KIND_INJURY;
	if (o == COL_CSV)
		return CROW(r)->kind;
	kind_parse(CROW(r)->kind, &kind);
	return kind_label(kind);
}
static const char *c_channel(const void *r, const void *c, enum col_out o, char *b, size_t n)
{
	(void)c, (void)b, (void)n;
	return o == COL_CSV ? CROW(r)->channel : channel_label(CROW(r)->channel);
}
static const char *c_accepted(const void *r, const void *c, enum col_out o, char *b, size_t n)
{
	(void)c, (void)b, (void)n;
	return *CROW(r)->accepted_at || o == COL_CSV ? CROW(r)->accepted_at : "-";
}
static const char *c_state(const void *r, const void *c, enum col_out o, char *b, size_t n)
{
	(void)c, (void)b, (void)n;
	return o == COL_CSV ? CROW(r)->state : state_label(CROW(r)->state);
}
static const char *c_open(const void *r, const void *c, enum col_out o, char *b, size_t n)
{
	(void)c, (void)o;
	snprintf(b, n, "%d", CROW(r)->tasks_open);
	return b;
}
static const char *c_total(const void *r, const void *c, enum col_out o, char *b, size_t n)
{
	(void)c, (void)o;
	snprintf(b, n, "%d", CROW(r)->tasks_total);
	return b;
}
static const char *c_flagged(const void *r, const void *c, enum col_out o, char *b, size_t n)
{
	(void)c, (void)o, (void)b, (void)n;
	return ((const struct cf_row *)r)->flagged ? "1" : "0";
}

/* The CSV keeps its contract order (employer_name fourth); the table and
 * the screen show the employer last, taking the rest of the line: the
 * same getter in both places. */
const struct column case_columns[] = {
	{ N_("Case number"), "case_no", 24, c_case },
	{ N_("Worker"), "worker_name", 10, c_worker },
	{ N_("ID number"), "worker_id_number", 19, c_id },
	{ NULL, "employer_name", 0, c_employer },
	{ N_("Kind"), "kind", 8, c_kind },
	{ N_("Channel"), "channel", 8, c_channel },
	{ N_("Accepted"), "accepted_at", 20, c_accepted },
	{ N_("State"), "state", 14, c_state },
	{ NULL, "tasks_open", 0, c_open },
	{ NULL, "tasks_total", 0, c_total },
	{ NULL, "flagged", 0, c_flagged },
	{ N_("Employer"), NULL, 0, c_employer },
};
const int case_ncolumns = (int)ARRAY_SIZE(case_columns);

static void list_header(const struct out *o)
{
	if (o->csv) {
		const char *h[16];
		csv_write_row(stdout, h, columns_csv_header(case_columns, case_ncolumns, h));
		return;
	}
	struct sbuf b = { 0 };
	columns_header(&b, case_columns, case_ncolumns, 0);
	puts(b.s);
	sbuf_release(&b);
}

static void list_row(const struct cf_row *row, void *arg)
{
	struct out *o = arg;
	o->n++;
	if (o->csv) {
		const char *f[16];
		char bufs[16][256];
		csv_write_row(stdout, f, columns_csv_row(case_columns, case_ncolumns, row, NULL, f, bufs));
		return;
	}
	struct sbuf b = { 0 };
	columns_row(&b, case_columns, case_ncolumns, row, NULL, COL_TABLE, 0);
	puts(b.s);
	sbuf_release(&b);
}

static int parse_limit(const char *s, long *out)
{
	char *end;
	*out = strtol(s, &end, 10);
	return *end || end == s || *out < 0 ? -1 : 0;
}

static int parse_format(const char *s, int *csv)
{
	if (strcmp(s, "table") && strcmp(s, "csv"))
		return -1;
	*csv = !strcmp(s, "csv");
	return 0;
}

static int case_list(struct db *d, const struct actor *a, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "state", required_argument, NULL, 's' }, { "kind", required_argument, NULL, 'k' },
		{ "channel", required_argument, NULL, 'c' }, { "from", required_argument, NULL, 'f' },
		{ "to", required_argument, NULL, 't' }, { "limit", required_argument, NULL, 'l' },
		{ "format", required_argument, NULL, 'F' }, { NULL, 0, NULL, 0 },
	};
	struct case_filter f = { 0 };
	struct out o = { 0 };
	int opt, have_limit = 0;
	optind = 1;
	opterr = 0;
	while ((opt = getopt_long(argc, argv, ":", opts, NULL)) != -1) {
		switch (opt) {
		case 's': f.state = optarg; break;
		case 'k': f.kind = optarg; break;
		case 'c': f.channel = optarg; break;
		case 'f': f.from = optarg; break;
		case 't': f.to = optarg; break;
		case 'l':
			if (parse_limit(optarg, &f.limit) < 0)
				return cli_usage_error("case", _("--limit takes a number, not '%s'"), optarg);
			have_limit = 1;
			break;
		case 'F':
			if (parse_format(optarg, &o.csv) < 0)
				return cli_usage_error("case", _("--format is table or csv, not '%s'"), optarg);
			break;
		case ':': return cli_usage_error("case", _("option '%s' needs a value"), argv[optind - 1]);
		default: return cli_usage_error("case", _("unknown option '%s'"), argv[optind - 1]);
		}
	}
	if (optind < argc)
		return cli_usage_error("case", _("unexpected argument '%s'"), argv[optind]);
	if (!have_limit && !o.csv)
		f.limit = 100;
	struct yerr e;
	yerr_clear(&e);
	if (case_filter_check(&f, &e) < 0)
		return cli_usage_error("case", "%s", e.msg);
	list_header(&o);
	if (db_case_each(d, &f, a, list_row, &o, &e) < 0)
		return cli_fail(&e);
	if (!o.csv)
		printf(ngettext("%d case\n", "%d cases\n", (unsigned long)o.n), o.n);
	return EXIT_OK;
}

static int case_find(struct db *d, const struct actor *a, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "limit", required_argument, NULL, 'l' }, { "format", required_argument, NULL, 'F' },
		{ NULL, 0, NULL, 0 },
	};
	struct out o = { 0 };
	long limit = 20;
	int opt;
	optind = 1;
	opterr = 0;
	while ((opt = getopt_long(argc, argv, ":", opts, NULL)) != -1) {
		if (opt == 'l' && (parse_limit(optarg, &limit) < 0 || limit < 1))
			return cli_usage_error("case", _("--limit takes a number, not '%s'"), optarg);
		else if (opt == 'F' && parse_format(optarg, &o.csv) < 0)
			return cli_usage_error("case", _("--format is table or csv, not '%s'"), optarg);
		else if (opt == ':')
			return cli_usage_error("case", _("option '%s' needs a value"), argv[optind - 1]);
		else if (opt != 'l' && opt != 'F')
			return cli_usage_error("case", _("unknown option '%s'"), argv[optind - 1]);
	}
	if (argc - optind != 1)
		return cli_usage_error("case", _("case find takes one TEXT (quote it if it has spaces)"));
	const char *text = argv[optind];
	struct find_result fr;
	struct yerr e;
	yerr_clear(&e);
	if (db_case_find(d, text, &fr, &e) < 0)
		return cli_fail(&e);
	struct inbox_row ib;
	if (fr.nids == 0 && db_inbox_find(d, text, &ib, &e) == 0 && !ib.case_id) {
		fprintf(stderr, _("yici: %s is an online application waiting at the window, not "
				  "yet a case: yici case show %s, yici intake open %s\n"),
			text, text, text);
		find_result_release(&fr);
		return EXIT_FAIL;
	}
	if (fr.nids == 0) {
		fprintf(stderr, _("yici: no case matches '%s' (searched as %s)\n"), text,
			find_kind_label(fr.kind));
		find_result_release(&fr);
		return EXIT_FAIL;
	}
	int n = fr.nids < limit ? fr.nids : (int)limit;
	struct cf_row *rows = xcalloc((size_t)n, sizeof *rows);
	int got = db_case_rows(d, a, fr.ids, n, rows, &e);
	if (got >= 0) {
		if (!o.csv && (fr.more || fr.nids > n))
			printf(_("%s%d cases match '%s' (as %s): showing the first %d; refine the search\n"),
			       fr.more ? _("more than ") : "", fr.nids, text, find_kind_label(fr.kind), got);
		else if (!o.csv)
			printf(ngettext("%d case matches '%s' (as %s)\n", "%d cases match '%s' (as %s)\n",
					(unsigned long)fr.nids), fr.nids, text, find_kind_label(fr.kind));
		list_header(&o);
		for (int i = 0; i < got; i++)
			list_row(&rows[i], &o);
	}
	free(rows);
	find_result_release(&fr);
	return got < 0 ? cli_fail(&e) : EXIT_OK;
}

static int case_reindex(struct db *d)
{
	struct yerr e;
	yerr_clear(&e);
	long n = db_lookup_catch_up(d, 0, &e);
	if (n < 0)
		return cli_fail(&e);
	printf(_("%ld people indexed for pinyin lookup\n"), n);
	return EXIT_OK;
}

static int has_help(int argc, char **argv)
{
	for (int i = 1; i < argc; i++)
		if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help"))
			return 1;
	return 0;
}

static int run_sub(struct db *d, const struct actor *a, const char *sub, int argc, char **argv)
{
	if (!strcmp(sub, "show"))
		return argc == 2 ? case_show(d, a, argv[1])
				 : cli_usage_error("case", _("case show takes one CASE_NO"));
	if (!strcmp(sub, "list"))
		return case_list(d, a, argc, argv);
	if (!strcmp(sub, "find"))
		return case_find(d, a, argc, argv);
	return argc == 1 ? case_reindex(d) : cli_usage_error("case", _("case reindex takes no argument"));
}

int cmd_case(const struct cli *c, int argc, char **argv)
{
	struct cli cc = *c;
	int i = 1;
	for (; i < argc; i++) {
		if ((!strcmp(argv[i], "-d") || !strcmp(argv[i], "--db")) && i + 1 < argc)
			cc.db_path = argv[++i];
		else
			break;
	}
	if (has_help(argc, argv)) {
		case_help();
		return EXIT_OK;
	}
	if (i >= argc)
		return cli_usage_error("case", _("say show, list, find or reindex"));
	const char *sub = argv[i];
	if (strcmp(sub, "show") && strcmp(sub, "list") && strcmp(sub, "find") && strcmp(sub, "reindex"))
		return cli_usage_error("case", _("unknown subcommand '%s' (show, list, find or reindex)"),
				       sub);
	struct staff me;
	struct actor a;
	struct yerr e;
	yerr_clear(&e);
	int ro = !strcmp(sub, "show") || !strcmp(sub, "list");
	struct db *d = cli_open(&cc, ro ? DB_OPEN_RO : DB_OPEN_RW, &me, &a);
	if (!d)
		return EXIT_FAIL;
	int rc = perm_check(&a, ACT_READ, -1, &e) < 0 ? cli_fail(&e)
						       : run_sub(d, &a, sub, argc - i, argv + i);
	db_close(d);
	return rc;
}

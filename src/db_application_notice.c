/* db_application_notice.c — the window's notices as UTF-8 text laid out
 * for the terminal and the preview (yici notice): acceptance, one-time
 * deficiency notice, refusal, and the letters recorded with their event.
 * The A4 documents are db_document.c's.  Layer: db. */
#include "db_application.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core_qcode.h"
#include "core_text.h"
#include "core_validate.h"
#include "db_catalog.h"
#include "db_event.h"
#include "db_internal.h"
#include "db_notice.h"
#include "db_task.h"
#include "i18n.h"
#include "db_application_internal.h"

#define ITEMS_KEY "items.ticked"

/* ==== notices: UTF-8 text laid out for printing ==== */

#define LABEL_COLS 18

#define NOTICE_COLS 78   /* a printed line: 80 columns of a monospaced page */

/* Folds every line longer than NOTICE_COLS, at a space where there is one
 * (else between two characters), the rest indented under it; frees text. */
char *dba_n_wrap(char *text)
{
	struct sbuf b = { 0 };
	for (const char *line = text; *line;) {
		const char *nl = strchr(line, '\n');
		size_t len = nl ? (size_t)(nl - line) : strlen(line);
		char *l = xasprintf("%.*s", (int)len, line), *rest = l;
		int lead = 0;
		while (l[lead] == ' ' && lead < 10)
			lead++;
		int cont = lead ? lead + 3 : 0, first = 1;
		while (text_width(rest) > (first ? NOTICE_COLS : NOTICE_COLS - cont)) {
			size_t k = text_fit(rest, first ? NOTICE_COLS : NOTICE_COLS - cont);
			size_t sp = k;
			while (sp > (size_t)(first ? lead : 0) + 1 && rest[sp] != ' ')
				sp--;
			if (rest[sp] == ' ' && sp > k / 2)
				k = sp;
			if (!first)
				sbuf_addf(&b, "%*s", cont, "");
			sbuf_addf(&b, "%.*s\n", (int)k, rest);
			rest += k;
			while (*rest == ' ')
				rest++;
			first = 0;
		}
		if (!first)
			sbuf_addf(&b, "%*s", cont, "");
		sbuf_addf(&b, "%s%s", rest, nl ? "\n" : "");
		free(l);
		line += len + (nl ? 1 : 0);
	}
	free(text);
	return b.s ? b.s : xstrdup("");
}

void dba_n_kv(struct sbuf *b, const char *label, const char *value)
{
	int w = text_width(label) + 2;
	sbuf_addstr(b, "  ");
	text_pad(b, label, w > LABEL_COLS ? w : LABEL_COLS);
	sbuf_addf(b, "%s\n", value && *value ? value : "—");
}

static void n_rule(struct sbuf *b)
{
	sbuf_addstr(b, "----------------------------------------------------------------------\n");
}

void dba_n_title(struct db *d, struct sbuf *b, const char *title, const char *case_no)
{
	char *center = db_config_get(d, "center_name");
	int w = text_width(title);
	sbuf_addf(b, "%*s%s\n", w < 70 ? (70 - w) / 2 : 0, "", center ? center : "");
	sbuf_addf(b, "%*s%s\n", w < 70 ? (70 - w) / 2 : 0, "", title);
	if (case_no && *case_no)
		sbuf_addf(b, "%*s%s %s\n", 70 - text_width(_("Case number:")) - 1 - (int)strlen(case_no),
			  "", _("Case number:"), case_no);
	n_rule(b);
	free(center);
}

static void masked(const char *id, char out[19])
{
	if (strlen(id) == 18)
		mask_citizen_id(id, out);
	else
		snprintf(out, 19, "%s", id);
}

void dba_n_parties(const struct catalog *c, struct sbuf *b, const struct application *ap)
{
	char m[19], line[512];
	enum applicant_type t = APPL_WORKER;
	applicant_type_parse(application_get(ap, "applicant.type"), &t);
	const char *rel = application_get(ap, "applicant.relation");
	snprintf(line, sizeof line, "%s (%s%s%s)  %s", application_get(ap, "applicant.name"),
		 applicant_type_label(t), *rel ? ", " : "", rel, application_get(ap, "applicant.phone"));
	dba_n_kv(b, _("Applicant:"), line);
	masked(application_get(ap, "worker.id_number"), m);
	snprintf(line, sizeof line, "%s  %s", application_get(ap, "worker.name"), m);
	dba_n_kv(b, _("Worker:"), line);
	snprintf(line, sizeof line, "%s  %s", application_get(ap, "employer.name"),
		 application_get(ap, "employer.credit_code"));
	dba_n_kv(b, _("Employer:"), line);
	snprintf(line, sizeof line, "%s  %s  %s", kind_label(application_kind(ap)),
		 application_get(ap, "accident.date"), application_get(ap, "accident.place"));
	dba_n_kv(b, _("Case:"), line);
	(void)c;
}

static void limit_text(const struct item *it, char *out, size_t n)
{
	snprintf(out, n, it->day_kind == DAYS_WORKING ? _("%d working days (promised %d)")
						      : _("%d days (promised %d)"),
		 it->limit_days, it->promised_days);
}

/* The items; with tasks, their due dates as set at acceptance. */
void dba_n_items(struct db *d, const struct catalog *c, struct sbuf *b,
		 const struct application *ap, int with_tasks)
{
	sbuf_addf(b, "\n%s\n", _("Items applied for:"));
	sqlite3_stmt *st = db_prep(d, "SELECT state, coalesce(due_on, ''), coalesce(legal_due_on, '') "
				      "FROM task WHERE case_id = ? AND item = ?");
	for (int i = 0; i < c->nitems; i++) {
		if (!(ap->items & (1u << i)))
			continue;
		const struct item *it = &c->items[i];
		char lim[128], due[160] = "";
		limit_text(it, lim, sizeof lim);
		if (with_tasks) {
			sqlite3_bind_int64(st, 1, ap->case_id);
			db_bind_text(st, 2, it->code);
			int row = sqlite3_step(st) == SQLITE_ROW;
			if (row && !strcmp(db_col(st, 0), "reviewing"))
				snprintf(due, sizeof due, _("; the office decides whether to accept "
							    "it by %s"), db_col(st, 1));
			else if (row)
				snprintf(due, sizeof due, !strcmp(db_col(st, 0), "waiting")
					 ? _("; starts when the decision it needs is made")
					 : _("; due %s, by law %s"), db_col(st, 1), db_col(st, 2));
			sqlite3_reset(st);
		}
		sbuf_addf(b, "  %-3s%s  [%s]  %s %s%s (%s)\n", it->code, it->name,
			  category_label(it->cat), _("limit"), lim, due, it->basis);
	}
}

/* The materials whose status matches `want` (-1: all but missing). */
static void n_materials(const struct catalog *c, struct sbuf *b, const struct application *ap,
			itemset decided, int want)
{
	struct merged_material mm[MAX_MATERIALS];
	int n = application_materials(c, ap, decided, mm);
	for (int i = 0; i < n; i++) {
		enum material_status s = application_mstatus(ap, &mm[i]);
		if (want >= 0 ? (int)s != want || !mm[i].required : s == MS_MISSING)
			continue;
		char *items = catalog_format_items(c, mm[i].items);
		const struct material *m = &c->materials[mm[i].material];
		sbuf_addf(b, "  %s %s", m->code, m->name);
		if (want < 0)
			sbuf_addf(b, " [%s]", material_status_label(s));
		sbuf_addf(b, " (%s %s)\n", _("for"), items);
		free(items);
	}
}

void dba_n_footer(struct db *d, struct sbuf *b, const struct actor *a)
{
	struct staff me;
	char *hint = db_config_get(d, "query_hint"), today[11], win[32] = "";
	date_format(clock_today(), today);
	if (db_staff_get(d, a->login, &me, NULL) != 0)
		snprintf(me.name, sizeof me.name, "%s", a->login);
	else if (me.window_no)
		snprintf(win, sizeof win, _(" (window %d)"), me.window_no);
	n_rule(b);
	sbuf_addf(b, _("Query progress with the case number: %s\n"), hint ? hint : "");
	sbuf_addf(b, _("Clerk: %s%s    Date: %s\n"), *me.name ? me.name : a->login, win, today);
	sbuf_addf(b, "\n%s ____________________    %s ____________\n", _("Applicant's signature:"),
		  _("Date:"));
	free(hint);
}

char *dba_notice_acceptance(struct db *d, const struct catalog *c, const struct actor *a,
			    const struct application *ap, itemset decided, int with_code)
{
	struct sbuf b = { 0 };
	char today[11];
	date_format(clock_today(), today);
	/* an office still to accept an item: this is the window's receipt (收件凭证) */
	sqlite3_stmt *st = db_prep(d, "SELECT count(*) FROM task WHERE case_id = ? "
				      "AND state = 'reviewing'");
	sqlite3_bind_int64(st, 1, ap->case_id);
	int receipt = sqlite3_step(st) == SQLITE_ROW && sqlite3_column_int(st, 0) > 0;
	sqlite3_reset(st);
	dba_n_title(d, &b, receipt ? _("Receipt (combined work-injury application)")
				   : _("Acceptance notice (combined work-injury application)"),
		    ap->case_no);
	dba_n_parties(c, &b, ap);
	dba_n_kv(&b, receipt ? _("Received on:") : _("Accepted on:"), today);
	if (ap->channel && !strcmp(ap->channel, "online") && ap->submitted_at && *ap->submitted_at)
		dba_n_kv(&b, _("Received online:"), ap->submitted_at);
	dba_n_kv(&b, _("Query code:"), with_code && *ap->query_code
					       ? ap->query_code
					       : _("****** (on the printed receipt; a new one on request)"));
	dba_n_items(d, c, &b, ap, 1);
	sbuf_addf(&b, "\n%s\n", _("Materials received:"));
	n_materials(c, &b, ap, decided, -1);
	sbuf_addf(&b, "\n%s\n",
		  receipt ? _("Your application is received. Each office decides whether to accept "
			      "its item by the date shown (工伤认定办法 §8), then decides it within "
			      "its limit; you will be told by SMS.")
			  : _("Your application is accepted. Each item is decided by its office "
			      "within the limit shown; you will be told by SMS."));
	dba_n_footer(d, &b, a);
	return dba_n_wrap(b.s);
}

char *dba_notice_deficiency(struct db *d, const struct catalog *c, const struct actor *a,
			    const struct application *ap, itemset decided)
{
	struct sbuf b = { 0 };
	const struct rule *r = catalog_rule(c, "supplement_deadline");
	dba_n_title(d, &b, _("One-time notice of missing materials"), ap->case_no);
	dba_n_parties(c, &b, ap);
	dba_n_items(d, c, &b, ap, 0);
	sbuf_addf(&b, "\n%s\n", _("Missing materials (this list is complete):"));
	n_materials(c, &b, ap, decided, MS_MISSING);
	sbuf_addf(&b, "\n%s\n", _("Materials received:"));
	n_materials(c, &b, ap, decided, -1);
	sbuf_addf(&b, "\n");
	dba_n_kv(&b, _("Supplement by:"), ap->supplement_due);
	if (r)
		sbuf_addf(&b, "  (%s, %s)\n", r->name, r->basis);
	sbuf_addf(&b, "\n%s\n", _("Bring the missing materials to the window with this notice; the "
				  "application is accepted when they are complete."));
	dba_n_footer(d, &b, a);
	return dba_n_wrap(b.s);
}

static void remedy(const struct catalog *c, struct sbuf *b)
{
	const struct rule *rc = catalog_rule(c, "reconsideration"), *rl = catalog_rule(c, "litigation");
	sbuf_addf(b, _("If you disagree, you may apply for administrative reconsideration within %d "
		       "days (%s) or bring an administrative lawsuit within %d months (%s).\n"),
		  rc ? rc->amount : 60, rc ? rc->basis : "", rl ? rl->amount : 6, rl ? rl->basis : "");
}

char *dba_notice_refusal(struct db *d, const struct catalog *c, const struct actor *a,
			 const struct application *ap, const char *reason)
{
	struct sbuf b = { 0 };
	dba_n_title(d, &b, _("Notice of non-acceptance"), ap->case_no);
	dba_n_parties(c, &b, ap);
	dba_n_items(d, c, &b, ap, 0);
	sbuf_addf(&b, "\n");
	dba_n_kv(&b, _("Not accepted because:"), reason);
	sbuf_addf(&b, "\n");
	remedy(c, &b);
	dba_n_footer(d, &b, a);
	return dba_n_wrap(b.s);
}

static const char *const section_titles[][2] = {
	{ "applicant", N_("Applicant") }, { "worker", N_("Injured worker") },
	{ "employer", N_("Employer") }, { "accident", N_("Accident or death") },
	{ "delivery", N_("Delivery and consent") },
};

static const char *section_title(const char *s)
{
	for (size_t i = 0; i < ARRAY_SIZE(section_titles); i++)
		if (!strcmp(section_titles[i][0], s))
			return _(section_titles[i][1]);
	return s;
}

/* The filled combined application form (联办事项申请表) for signature. */
static char *notice_form(struct db *d, const struct catalog *c, const struct actor *a,
			 const struct application *ap, itemset decided)
{
	struct sbuf b = { 0 };
	dba_n_title(d, &b, _("Combined application form (work-injury insurance)"), ap->case_no);
	const char *sec = "";
	for (int i = 0; i < c->nfields; i++) {
		const struct form_field *f = &c->fields[i];
		if (strcmp(sec, f->section)) {
			sec = f->section;
			sbuf_addf(&b, "%s%s\n", i ? "\n" : "", section_title(sec));
		}
		const char *v = application_value_label(f, application_get(ap, f->key));
		char m[19];
		if (!strcmp(f->type, "id_number")) {
			masked(v, m);
			v = m;
		}
		dba_n_kv(&b, _(f->label), v);
	}
	sbuf_addf(&b, "\n%s\n", _("Items (ticked = applied for):"));
	for (int i = 0; i < c->nitems; i++)
		sbuf_addf(&b, "  [%s] %-3s%s  [%s]\n", ap->items & (1u << i) ? "x" : " ",
			  c->items[i].code, c->items[i].name, category_label(c->items[i].cat));
	sbuf_addf(&b, "\n%s\n", _("Materials:"));
	n_materials(c, &b, ap, decided, -1);
	n_materials(c, &b, ap, decided, MS_MISSING);
	sbuf_addf(&b, "\n%s\n", _("I declare the above true and complete."));
	dba_n_footer(d, &b, a);
	return dba_n_wrap(b.s);
}

const char *application_notice_kind(enum case_state s)
{
	switch (s) {
	case CS_ACCEPTED:
	case CS_CLOSED: return "acceptance";
	case CS_DEFICIENT: return "deficiency";
	case CS_NOT_ACCEPTED: return "refusal";
	default: return "form";
	}
}

char *db_application_notice_path(struct db *d, const char *case_no, const char *kind)
{
	char *dir = db_config_get(d, "notices_dir");
	const char *p = db_path(d), *slash = strrchr(p, '/');
	char *path;
	if (dir && dir[0] == '/')
		path = xasprintf("%s/%s-%s.txt", dir, case_no, kind);
	else if (slash)
		path = xasprintf("%.*s/%s/%s-%s.txt", (int)(slash - p), p, dir ? dir : "notices",
				 case_no, kind);
	else
		path = xasprintf("%s/%s-%s.txt", dir ? dir : "notices", case_no, kind);
	free(dir);
	return path;
}

int dba_add_letter(struct db *d, const struct actor *a, const struct application *ap,
		   const char *kind, const char *body, struct yerr *e)
{
	char ref[32];
	if (*ap->case_no)
		snprintf(ref, sizeof ref, "%s", ap->case_no);
	else
		snprintf(ref, sizeof ref, "case%lld", (long long)ap->case_id);
	char *file = db_application_notice_path(d, ref, kind);
	int64_t id = db_notice_letter(d, ap->case_id, kind, body, file, a->login,
				      role_code(a->role), e);
	free(file);
	return id < 0 ? -1 : 0;
}

int db_application_letter(struct db *d, const struct actor *a, int64_t case_id,
			  const char *kind, const char *body, const char *file, struct yerr *e)
{
	if (perm_check(a, ACT_READ, -1, e) < 0 || db_begin(d, e) < 0)
		return -1;
	if (db_notice_letter(d, case_id, kind, body, file, a->login, role_code(a->role), e) < 0 ||
	    db_commit(d, e) < 0) {
		db_rollback(d);
		return -1;
	}
	return 0;
}

int db_application_notice(struct db *d, const struct catalog *c, int64_t case_id,
			  const char *kind, char **text, struct yerr *e)
{
	*text = NULL;
	if (strcmp(kind, "form")) {
		sqlite3_stmt *st = db_prep(d, "SELECT body FROM notice WHERE case_id = ? AND "
					      "channel = 'letter' AND kind = ? ORDER BY id DESC LIMIT 1");
		sqlite3_bind_int64(st, 1, case_id);
		db_bind_text(st, 2, kind);
		if (sqlite3_step(st) == SQLITE_ROW)
			*text = db_col_dup(st, 0);
		sqlite3_reset(st);
		return *text ? 0 : yerr_set(e, YERR_NOTFOUND, _("this case has no %s notice"), kind);
	}
	struct application ap;
	application_init(&ap);
	if (db_application_load(d, c, case_id, &ap, e) < 0)
		return -1;
	itemset decided = 0;
	db_application_decided(d, c, &ap, &decided, NULL);
	struct actor me = { .login = db_login(), .role = ROLE_CLERK };
	*text = notice_form(d, c, &me, &ap, decided);
	application_release(&ap);
	return 0;
}

/* db_demo.c — demo cases that look real: the people, employers, tasks in
 * every state, materials and event histories consistent with the
 * deadlines.  One transaction, prepared statements.  Layer: db.
 * Why one file of over 800 lines: one generator whose parts draw from one
 * random stream in a fixed order (same seed, same data); split across
 * files, that order would be everybody's to keep.
 */
#include "db_demo.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core_case.h"
#include "core_demo.h"
#include "db_event.h"
#include "db_casefile.h"
#include "db_internal.h"
#include "i18n.h"

#define SPAN_DAYS 730 /* demo cases arrive over the two years before today */

static const struct {
	const char *login, *name, *role, *cat;
	int window;
} demo_staff[] = {
	{ "chenjing", "陈静", "clerk", NULL, 1 },
	{ "liuyang", "刘洋", "clerk", NULL, 2 },
	{ "wangfang", "王芳", "clerk", NULL, 3 },
	{ "zhaolei", "赵磊", "officer", "admin", 0 },
	{ "sunli", "孙丽", "officer", "admin", 0 },
	{ "zhoumin", "周敏", "officer", "appraisal", 0 },
	{ "wugang", "吴刚", "officer", "agency", 0 },
	{ "hemei", "何梅", "officer", "agency", 0 },
};

/* Everything one generated case needs while its rows are written. */
struct gen {
	struct db *d;
	const struct catalog *c;
	struct rng r;
	char region[7];
	yday today;
	sqlite3_int64 case_id;
	int kind;
	int ev_clerk;          /* index of the clerk who took the case */
	yday case_day;         /* the day the case came to the window */
	int shift;             /* minutes that day's events come after 09:00 */
	struct yerr *e;
	struct items_memo *items;
	sqlite3_int64 *workers; /* ring of earlier workers, for repeat cases */
	int nworkers;
	sqlite3_int64 nemployers;
	char **employer_names;  /* by id - 1: the case keeps the name (db/130) */
	int *dayseq;           /* case-number sequence per day of the span */
	yday first_day;
};

/* The item list of a case_material row ("RD;YL;HS") for an item set,
 * formatted once per distinct set (a few hundred occur). */
#define ITEMS_MEMO 1024
struct items_memo {
	itemset key[ITEMS_MEMO];
	char *s[ITEMS_MEMO];
};

static const char *memo_items(struct items_memo *m, const struct catalog *c, itemset set)
{
	unsigned h = (unsigned)((set * 0x9E3779B1u) >> 22) % ITEMS_MEMO;
	if (!m->s[h] || m->key[h] != set) {
		free(m->s[h]);
		m->s[h] = catalog_format_items(c, set);
		m->key[h] = set;
	}
	return m->s[h];
}

/* A time on a demo day; nothing happens after the (pinned) clock. */
static void at_time(yday day, int minute_of_day, char out[20])
{
	ytime t = (ytime)day * 86400 + (ytime)minute_of_day * 60, now = clock_now();
	time_format(t < now ? t : now, out);
}

/* A time in the life of the current case: on the day it came to the
 * window, the day starts when the applicant came in (g->shift). */
static void case_time(const struct gen *g, yday day, int minute_of_day, char out[20])
{
	at_time(day, day == g->case_day ? minute_of_day + g->shift : minute_of_day, out);
}

static int event(struct gen *g, sqlite3_int64 task, yday day, int minute, const char *actor,
		 const char *role, const char *cat, const char *kind, const char *detail)
{
	char at[20];
	case_time(g, day, minute, at);
	(void)cat;
	struct event_input ev = { .case_id = g->case_id, .task_id = task, .at = at,
				  .actor = actor, .actor_role = role, .kind = kind,
				  .detail = detail };
	return db_event_add(g->d, &ev, g->e) < 0 ? -1 : 0;
}

static int insert_staff(struct gen *g, const char *now)
{
	sqlite3_stmt *st = db_prep(g->d, "INSERT OR IGNORE INTO staff (login, name, role, "
					 "window_no, created_at) VALUES (?, ?, ?, ?, ?)");
	sqlite3_stmt *sc = db_prep(g->d, "INSERT OR IGNORE INTO staff_category (login, category) "
					 "VALUES (?, ?)");
	for (size_t i = 0; i < ARRAY_SIZE(demo_staff); i++) {
		db_bind_static(st, 1, demo_staff[i].login);
		db_bind_static(st, 2, demo_staff[i].name);
		db_bind_static(st, 3, demo_staff[i].role);
		if (demo_staff[i].window)
			sqlite3_bind_int(st, 4, demo_staff[i].window);
		else
			sqlite3_bind_null(st, 4);
		db_bind_static(st, 5, now);
		if (db_exec_stmt(g->d, st, g->e) < 0)
			return -1;
		if (!demo_staff[i].cat)
			continue;
		db_bind_static(sc, 1, demo_staff[i].login);
		db_bind_static(sc, 2, demo_staff[i].cat);
		if (db_exec_stmt(g->d, sc, g->e) < 0)
			return -1;
	}
	return 0;
}

static int insert_employers(struct gen *g, long n, const char *now)
{
	sqlite3_stmt *st = db_prep(g->d,
		"INSERT OR IGNORE INTO employer (credit_code, name, address, contact, phone, insured, "
		"supp_insurer, updated_at) VALUES (:credit_code, :name, :address, :contact, "
		":phone, :insured, :supp_insurer, :updated_at)");
	for (long i = 0; i < n; i++) {
		struct demo_employer em;
		demo_employer(&g->r, &em);
		db_bind_static(st, db_p(st, ":credit_code"), em.credit_code);
		db_bind_static(st, db_p(st, ":name"), em.name);
		db_bind_static(st, db_p(st, ":address"), em.address);
		db_bind_static(st, db_p(st, ":contact"), em.contact);
		db_bind_static(st, db_p(st, ":phone"), em.phone);
		sqlite3_bind_int(st, db_p(st, ":insured"), em.insured);
		db_bind_static(st, db_p(st, ":supp_insurer"), em.supp_insurer);
		db_bind_static(st, db_p(st, ":updated_at"), now);
		if (db_exec_stmt(g->d, st, g->e) < 0)
			return -1;
	}
	sqlite3_stmt *cnt = db_prep(g->d, "SELECT max(id) FROM employer");
	sqlite3_step(cnt);
	g->nemployers = sqlite3_column_int64(cnt, 0);
	sqlite3_reset(cnt);
	g->employer_names = xcalloc((size_t)g->nemployers + 1, sizeof *g->employer_names);
	sqlite3_stmt *nm = db_prep(g->d, "SELECT id, name FROM employer WHERE id <= ?");
	sqlite3_bind_int64(nm, 1, g->nemployers);
	while (sqlite3_step(nm) == SQLITE_ROW)
		g->employer_names[sqlite3_column_int64(nm, 0) - 1] = db_col_dup(nm, 1);
	sqlite3_reset(nm);
	return 0;
}

/* Inserts a new person, drawing again on the rare ID collision. */
static sqlite3_int64 new_person(struct gen *g, int y0, int y1, char sex, const char *now,
				struct demo_person *p)
{
	sqlite3_stmt *st = db_prep(g->d,
		"INSERT OR IGNORE INTO person (id_number, name, sex, birth_date, phone, address, "
		"updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)");
	for (;;) {
		demo_person(&g->r, y0, y1, sex, p);
		char birth[11], s[2] = { p->sex, 0 };
		date_format(p->birth, birth);
		db_bind_static(st, 1, p->id_number);
		db_bind_static(st, 2, p->name);
		db_bind_static(st, 3, s);
		db_bind_static(st, 4, birth);
		db_bind_static(st, 5, p->phone);
		db_bind_static(st, 6, p->address);
		db_bind_static(st, 7, now);
		if (db_exec_stmt(g->d, st, g->e) < 0)
			return -1;
		if (sqlite3_changes(g->d->h) == 1)
			return sqlite3_last_insert_rowid(g->d->h);
	}
}

/* The simulated life of one task. */
struct sim {
	int item;
	enum task_state state;
	yday started, due, legal_due, decided, delivered;
	const char *outcome;
	int grade, care, assignee;
	long amount_fen;
	int paused_from;       /* day index of an open suspension, or -1 */
	const char *reason;
	sqlite3_int64 id;
};

static const char *officer_of(const struct item *it, struct rng *r)
{
	static const char *admin[] = { "zhaolei", "sunli" }, *appr[] = { "zhoumin" },
			  *agency[] = { "wugang", "hemei" };
	switch (it->cat) {
	case CAT_ADMIN: return admin[rng_below(r, 2)];
	case CAT_APPRAISAL: return appr[0];
	default: return agency[rng_below(r, 2)];
	}
}

static void set_deadlines(struct gen *g, struct sim *s, yday start, const struct pause *p, int np)
{
	const struct item *it = &g->c->items[s->item];
	s->started = start;
	s->due = deadline_add(&g->c->cal, start, it->promised_days, it->day_kind, p, np);
	s->legal_due = deadline_add(&g->c->cal, start, it->limit_days, it->day_kind, p, np);
}

/* 1 when one of the item's outcomes carries a disability grade (劳动能力鉴定). */
static int item_grades(const struct item *it)
{
	for (int i = 0; i < it->noutcomes; i++)
		if (it->outcomes[i].needs_grade)
			return 1;
	return 0;
}

/* The item's first positive outcome, or its first other one. */
static const char *first_outcome(const struct item *it, int positive)
{
	for (int i = 0; i < it->noutcomes; i++)
		if (!it->outcomes[i].positive == !positive)
			return it->outcomes[i].code;
	return it->noutcomes ? it->outcomes[0].code : "";
}

/* 1 when grade meets the grade range the item asks of prerequisite pre
 * (items.csv prereqs, e.g. YB a grade 5-10); no range: any grade. */
static int grade_meets(const struct item *it, int pre, int grade)
{
	for (int i = 0; i < it->nconds; i++)
		if (it->conds[i].item == pre && (it->conds[i].grade_lo || it->conds[i].grade_hi))
			return grade >= it->conds[i].grade_lo && grade <= it->conds[i].grade_hi;
	return grade != 0;
}

/* Benefit amounts in fen from forms/rates.csv, for the decided agency tasks. */
static long demo_amount(struct gen *g, const struct item *it, int grade, long wage_yuan)
{
	int64_t v = 0;
	if (!strcmp(it->formula, "disability_grant") && grade >= 1 &&
	    catalog_rate(g->c, "disability_lump_months", grade, &v) == 0)
		return (long)(v * wage_yuan * 100);
	if (!strcmp(it->formula, "funeral_grant") && catalog_rate(g->c, "funeral_months", 0, &v) == 0)
		return (long)(v * 8500 * 100);
	if (!strcmp(it->formula, "death_grant") &&
	    catalog_rate(g->c, "national_urban_income", 2025, &v) == 0)
		return (long)(v * 20 * 100);
	return (long)(800 + rng_below(&g->r, 40000)) * 100 + (long)rng_below(&g->r, 100);
}

/* The suspension reason of a demo task: judicial for the admin office,
 * else reconsideration, when the item's forms/items.csv "suspend" allows
 * it; else the first reason it allows; NULL when it allows none (条例
 * §31: medical costs keep being paid, the demo suspends no YL). */
static const char *demo_pause_reason(const struct gen *g, int item)
{
	const struct item *it = &g->c->items[item];
	const char *want = it->cat == CAT_ADMIN ? "judicial" : "reconsideration";
	if (catalog_item_may_suspend(g->c, item, want))
		return want;
	if (catalog_item_may_suspend(g->c, item, "judicial"))
		return "judicial";
	return NULL;
}

static const char *demo_pause_note(const char *reason)
{
	return !strcmp(reason, "judicial") ? "等待人民法院劳动关系确认判决" : "申请人申请行政复议";
}

/* Decides a task `len` days after it started, if that day has come. */
static void run_task(struct gen *g, struct sim *s, int len, int grade, long wage)
{
	const struct item *it = &g->c->items[s->item];
	yday dday = s->started + len;
	s->state = TS_IN_REVIEW;
	if (rng_chance(&g->r, 8) && s->started + 5 < g->today && s->started + 200 > g->today) {
		/* suspended awaiting a judicial conclusion or a reconsideration;
		 * an item that allows no suspension (条例 §31) stays in review,
		 * drawing the same numbers so the rest of the demo is unchanged */
		int from = s->started + 3 + (int)rng_below(&g->r, 20);
		if (!demo_pause_reason(g, s->item))
			return;
		s->state = TS_SUSPENDED;
		s->paused_from = from;
		if (s->paused_from >= g->today)
			s->paused_from = g->today - 1;
		struct pause p = { s->paused_from, -1 };
		set_deadlines(g, s, s->started, &p, 1);
		return;
	}
	if (dday > g->today || (rng_chance(&g->r, 10) && s->legal_due < g->today &&
					 s->started + 150 > g->today)) {
		if (s->started + 3 >= g->today)
			s->state = TS_ACCEPTED; /* not yet taken up by an officer */
		return; /* still in review (some overdue) */
	}
	s->state = TS_DECIDED;
	s->decided = dday;
	switch (it->cat) {
	case CAT_ADMIN: {
		int x = (int)rng_below(&g->r, 100);
		s->outcome = x < 91 ? "recognised" : x < 95 ? "deemed" : "not_recognised";
		break;
	}
	case CAT_APPRAISAL:
		if (!item_grades(it)) { /* a confirmation such as 辅助器具配置确认 */
			s->outcome = first_outcome(it, rng_chance(&g->r, 90));
		} else {
			s->outcome = grade ? "graded" : "no_grade";
			s->grade = grade;
			s->care = grade && grade <= 4 ? 1 + (int)rng_below(&g->r, 3) : 0;
		}
		break;
	default:
		s->outcome = rng_chance(&g->r, 96) ? "approved" : "refused";
		if (!strcmp(s->outcome, "approved"))
			s->amount_fen = demo_amount(g, it, grade, wage);
		else
			s->reason = "材料与事实不符，不予支付";
	}
	yday dl = dday + 1 + (int)rng_below(&g->r, 12);
	if (dl <= g->today && (rng_chance(&g->r, 92) || dl + 30 < g->today)) {
		s->state = TS_DELIVERED;
		s->delivered = dl;
	}
}

/* A JD grade: about a fifth below grade 10, the rest skewed to the light end. */
static int demo_grade(struct rng *r)
{
	static const int w[11] = { 20, 1, 1, 2, 2, 4, 6, 10, 14, 18, 22 };
	int x = (int)rng_below(r, 100);
	for (int g = 0; g <= 10; g++) {
		x -= w[g];
		if (x < 0)
			return g == 0 ? 0 : 11 - g;
	}
	return 10;
}

static int insert_task(struct gen *g, struct sim *s, const char *now)
{
	const struct item *it = &g->c->items[s->item];
	sqlite3_stmt *st = db_prep(g->d,
		"INSERT INTO task (case_id, item, category, state, assignee, started_on, due_on, "
		"legal_due_on, day_kind, limit_days, promised_days, outcome, grade, care_level, "
		"amount_fen, payment_ref, document_no, reason, decided_on, delivered_on, delivery_to, "
		"updated_at, version) VALUES (:case_id, :item, :category, :state, :assignee, "
		":started_on, :due_on, :legal_due_on, :day_kind, :limit_days, :promised_days, "
		":outcome, :grade, :care_level, :amount_fen, :payment_ref, :document_no, :reason, "
		":decided_on, :delivered_on, :delivery_to, :updated_at, 1)");
	char started[11], due[11], legal[11], dec[11], del[11], docno[48], payref[32];
	sqlite3_bind_int64(st, db_p(st, ":case_id"), g->case_id);
	db_bind_static(st, db_p(st, ":item"), it->code);
	db_bind_static(st, db_p(st, ":category"), category_code(it->cat));
	db_bind_static(st, db_p(st, ":state"), task_state_code(s->state));
	if (s->state != TS_WAITING && s->state != TS_CLOSED &&
	    (s->state != TS_ACCEPTED || rng_chance(&g->r, 50)))
		db_bind_static(st, db_p(st, ":assignee"), officer_of(it, &g->r));
	if (s->started) {
		date_format(s->started, started);
		db_bind_static(st, db_p(st, ":started_on"), started);
		/* a task closed while it waited never had a deadline */
		if (s->state != TS_SUSPENDED && s->due) {
			date_format(s->due, due);
			date_format(s->legal_due, legal);
			db_bind_static(st, db_p(st, ":due_on"), due);
			db_bind_static(st, db_p(st, ":legal_due_on"), legal);
		}
	}
	db_bind_static(st, db_p(st, ":day_kind"), day_kind_code(it->day_kind));
	sqlite3_bind_int(st, db_p(st, ":limit_days"), it->limit_days);
	sqlite3_bind_int(st, db_p(st, ":promised_days"), it->promised_days);
	db_bind_static(st, db_p(st, ":outcome"), s->outcome);
	if (s->grade)
		sqlite3_bind_int(st, db_p(st, ":grade"), s->grade);
	if (s->outcome && !strcmp(s->outcome, "graded"))
		sqlite3_bind_int(st, db_p(st, ":care_level"), s->care);
	if (s->amount_fen)
		sqlite3_bind_int64(st, db_p(st, ":amount_fen"), s->amount_fen);
	if (s->decided) {
		int y, m, dd;
		date_to_ymd(s->decided, &y, &m, &dd);
		snprintf(docno, sizeof docno, "%s〔%d〕%s%04u号", it->cat == CAT_ADMIN ? "瑶人社工认字"
			 : it->cat == CAT_APPRAISAL ? "合劳鉴字" : "瑶工保核字", y, "",
			 1 + rng_below(&g->r, 9000));
		db_bind_static(st, db_p(st, ":document_no"), docno);
		if (s->amount_fen) {
			snprintf(payref, sizeof payref, "ZF%04d%02d%02d%06u", y, m, dd,
				 rng_below(&g->r, 1000000));
			db_bind_static(st, db_p(st, ":payment_ref"), payref);
		}
		date_format(s->decided, dec);
		db_bind_static(st, db_p(st, ":decided_on"), dec);
	}
	db_bind_static(st, db_p(st, ":reason"), s->reason ? s->reason : "");
	if (s->delivered) {
		date_format(s->delivered, del);
		db_bind_static(st, db_p(st, ":delivered_on"), del);
		db_bind_static(st, db_p(st, ":delivery_to"), "本人签收");
	}
	db_bind_static(st, db_p(st, ":updated_at"), now);
	if (db_exec_stmt(g->d, st, g->e) < 0)
		return -1;
	s->id = sqlite3_last_insert_rowid(g->d->h);
	if (s->paused_from >= 0) {
		sqlite3_stmt *p = db_prep(g->d, "INSERT INTO task_pause (task_id, reason, from_on, note) "
						"VALUES (?, ?, ?, ?)");
		char from[11];
		date_format(s->paused_from, from);
		sqlite3_bind_int64(p, 1, s->id);
		const char *why = demo_pause_reason(g, s->item);
		db_bind_static(p, 2, why);
		db_bind_static(p, 3, from);
		db_bind_static(p, 4, demo_pause_note(why));
		if (db_exec_stmt(g->d, p, g->e) < 0)
			return -1;
	}
	return 0;
}

/* The events of one task, in order. */
static int task_events(struct gen *g, const struct sim *s, int waited)
{
	const struct item *it = &g->c->items[s->item];
	const char *clerk = demo_staff[g->ev_clerk].login, *off = officer_of(it, &g->r);
	const char *cat = category_code(it->cat);
	char detail[160];
	if (waited && s->state == TS_CLOSED)
		return event(g, s->id, s->started ? s->started : g->today, 901, "system", "system", cat,
			     "closed", s->reason);
	if (!s->started)
		return 0;
	snprintf(detail, sizeof detail, "%s", it->name);
	/* a waiting task starts (or closes) when the decision it waited for
	 * lands, which the demo records at 15:00 */
	if (event(g, s->id, s->started, waited ? 901 : 550, waited ? "system" : clerk,
		  waited ? "system" : "clerk", cat, waited ? "task_activated" : "task_accepted",
		  detail) < 0)
		return -1;
	if (s->state == TS_SUSPENDED) {
		/* as task suspend writes it: "REASON: NOTE" (codes and values) */
		const char *why = demo_pause_reason(g, s->item);
		snprintf(detail, sizeof detail, "%s: %s", why, demo_pause_note(why));
		return event(g, s->id, s->paused_from, 610, off, "officer", cat, "suspended", detail);
	}
	if (s->decided) {
		snprintf(detail, sizeof detail, "%s%s%s", s->outcome,
			 s->grade ? " grade " : "", s->grade ? (const char[]){ (char)('0' + s->grade % 10), 0 } : "");
		if (s->grade == 10)
			snprintf(detail, sizeof detail, "%s grade 10", s->outcome);
		if (event(g, s->id, s->decided, 900, off, "officer", cat, "decided", detail) < 0)
			return -1;
	}
	if (s->delivered &&
	    event(g, s->id, s->delivered, 630, clerk, "clerk", cat, "delivered", "window 本人") < 0)
		return -1;
	return 0;
}

static int insert_materials(struct gen *g, itemset ticked, itemset decided, int deficient,
			    const char *now)
{
	struct merged_material mm[MAX_MATERIALS];
	struct case_facts f = { .kind = g->kind };
	int n = rule_merge_materials(g->c, ticked, decided, &f, 1, mm);
	sqlite3_stmt *st = db_prep(g->d, "INSERT INTO case_material (case_id, material, status, "
					 "items, document_no, source, updated_at) VALUES (?,?,?,?,?,?,?)");
	int missing_left = deficient ? 1 + (int)rng_below(&g->r, 2) : 0;
	for (int i = 0; i < n; i++) {
		enum material_status ms = MS_RECEIVED;
		const char *src = "";
		if (!mm[i].required && !mm[i].produced && rng_chance(&g->r, 50))
			continue; /* optional and not brought: the window keeps nothing */
		if (mm[i].produced) {
			ms = MS_PRODUCED;
		} else if (missing_left && mm[i].required) {
			ms = MS_MISSING;
			missing_left--;
		} else if (mm[i].commitment_ok && rng_chance(&g->r, 60)) {
			ms = MS_COMMITTED;
		} else if (rng_chance(&g->r, 12)) {
			ms = MS_SHARED;
			src = "省数据共享交换平台";
		}
		const char *items = memo_items(g->items, g->c, mm[i].items);
		sqlite3_bind_int64(st, 1, g->case_id);
		db_bind_static(st, 2, g->c->materials[mm[i].material].code);
		db_bind_static(st, 3, material_status_code(ms));
		db_bind_static(st, 4, items);
		db_bind_static(st, 5, "");
		db_bind_static(st, 6, src);
		db_bind_static(st, 7, now);
		if (db_exec_stmt(g->d, st, g->e) < 0)
			return -1;
	}
	return 0;
}

/* Which items a case asks for: forms/demo.csv's rows of the case kind,
 * in file order (a row of 100 percent draws nothing, a `with` row only
 * when its item was ticked); *decided gets the `follows` rows, decided in
 * the earlier case this one follows. */
static itemset pick_items(struct gen *g, int death, int repeat, itemset *decided)
{
	const struct catalog *c = g->c;
	int dc = repeat ? DEMO_REPEAT : death ? DEMO_DEATH : DEMO_INJURY;
	itemset s = 0;
	*decided = 0;
	for (int i = 0; i < c->ndemo; i++) {
		const struct demo_pick *p = &c->demo[i];
		if (p->dcase != dc || (p->with >= 0 && !(s & (1u << p->with))))
			continue;
		if (p->percent < 100 && !rng_chance(&g->r, p->percent))
			continue;
		if (p->follows)
			*decided |= 1u << p->item;
		else
			s |= 1u << p->item;
	}
	return s;
}

/* The index of the named parameter (":case_no") in st. */
static int par(sqlite3_stmt *st, const char *name)
{
	return sqlite3_bind_parameter_index(st, name);
}

static int insert_case(struct gen *g, yday day, sqlite3_int64 worker, sqlite3_int64 applicant,
		       const char *const names[2], const char *atype, const char *relation,
		       sqlite3_int64 employer,
		       yday accident, const struct demo_accident *a, const char *state,
		       const char *case_no, const char *now)
{
	sqlite3_stmt *st = db_prep(g->d,
		"INSERT INTO cases (case_no, kind, channel, state, worker_id, applicant_id, "
		"applicant_type, applicant_relation, employer_id, worker_job, accident_date, "
		"accident_time, accident_place, accident_type, circumstance, description, body_part, "
		"hospital, diagnosis, death_date, consent_extended, delivery_method, supplement_due, "
		"created_at, created_by, accepted_at, accepted_by, updated_at, worker_name, "
		"applicant_name, employer_name) "
		"VALUES (:case_no, :kind, :channel, :state, :worker_id, :applicant_id, "
		":applicant_type, :applicant_relation, :employer_id, :worker_job, :accident_date, "
		":accident_time, :accident_place, :accident_type, :circumstance, :description, "
		":body_part, :hospital, :diagnosis, :death_date, :consent_extended, "
		":delivery_method, :supplement_due, :created_at, :created_by, :accepted_at, "
		":accepted_by, :updated_at, :worker_name, :applicant_name, :employer_name)");
	char acc[11], created[20], tm[6], sup[11];
	date_format(accident, acc);
	/* created and accepted when the events say: "created" at 09:05 and
	 * "accepted" at 09:10, both moved by the case's shift (event()) */
	g->case_day = day;
	g->shift = (int)rng_below(&g->r, 420) % 240;
	char accepted[20];
	case_time(g, day, 545, created);
	case_time(g, day, 550, accepted);
	snprintf(tm, sizeof tm, "%02u:%02u", 7 + rng_below(&g->r, 12), rng_below(&g->r, 60));
	const char *clerk = demo_staff[g->ev_clerk].login;
	db_bind_static(st, par(st, ":case_no"), case_no);
	db_bind_static(st, par(st, ":kind"), g->kind == KIND_DEATH ? "death" : "injury");
	db_bind_static(st, par(st, ":channel"), rng_chance(&g->r, 30) ? "online" : "window");
	db_bind_static(st, par(st, ":state"), state);
	sqlite3_bind_int64(st, par(st, ":worker_id"), worker);
	if (applicant)
		sqlite3_bind_int64(st, par(st, ":applicant_id"), applicant);
	db_bind_static(st, par(st, ":applicant_type"), atype);
	db_bind_static(st, par(st, ":applicant_relation"), relation);
	sqlite3_bind_int64(st, par(st, ":employer_id"), employer);
	db_bind_static(st, par(st, ":worker_job"), a->job);
	db_bind_static(st, par(st, ":accident_date"), acc);
	db_bind_static(st, par(st, ":accident_time"), tm);
	db_bind_static(st, par(st, ":accident_place"), a->place);
	db_bind_static(st, par(st, ":accident_type"), a->type);
	db_bind_static(st, par(st, ":circumstance"), a->circumstance);
	db_bind_static(st, par(st, ":description"), a->description);
	db_bind_static(st, par(st, ":body_part"), a->body_part);
	db_bind_static(st, par(st, ":hospital"), a->hospital);
	db_bind_static(st, par(st, ":diagnosis"), a->diagnosis);
	if (g->kind == KIND_DEATH)
		db_bind_static(st, par(st, ":death_date"), acc);
	sqlite3_bind_int(st, par(st, ":consent_extended"), rng_chance(&g->r, 85));
	db_bind_static(st, par(st, ":delivery_method"), rng_chance(&g->r, 80) ? "window" : "post");
	if (!strcmp(state, "deficient")) {
		date_format(deadline_add(&g->c->cal, day, 15, DAYS_CALENDAR, NULL, 0), sup);
		db_bind_static(st, par(st, ":supplement_due"), sup);
	}
	db_bind_static(st, par(st, ":created_at"), created);
	db_bind_static(st, par(st, ":created_by"), clerk);
	if (!strcmp(state, "accepted")) {
		db_bind_static(st, par(st, ":accepted_at"), accepted);
		db_bind_static(st, par(st, ":accepted_by"), clerk);
	}
	db_bind_static(st, par(st, ":updated_at"), now);
	db_bind_static(st, par(st, ":worker_name"), names[0]);
	db_bind_static(st, par(st, ":applicant_name"), names[1]);
	const char *en = employer >= 1 && employer <= g->nemployers ? g->employer_names[employer - 1]
								      : NULL;
	db_bind_static(st, par(st, ":employer_name"), en ? en : "");
	if (db_exec_stmt(g->d, st, g->e) < 0)
		return -1;
	g->case_id = sqlite3_last_insert_rowid(g->d->h);
	return 0;
}

static int queue_sms(struct gen *g, const char *phone, const char *case_no, yday day,
		     const char *kind, const char *body)
{
	sqlite3_stmt *st = db_prep(g->d, "INSERT INTO notice (case_id, channel, kind, recipient, "
					 "body, state, created_at, exported_at) VALUES "
					 "(?, 'sms', ?, ?, ?, ?, ?, ?)");
	char at[20], ex[20];
	/* at the window the SMS goes out as the case is accepted; later ones
	 * with the morning's decisions */
	int minute = day == g->case_day ? 551 : 600;
	case_time(g, day, minute, at);
	at_time(day, 1380, ex);
	int exported = day < g->today;
	sqlite3_bind_int64(st, 1, g->case_id);
	db_bind_static(st, 2, kind);
	db_bind_static(st, 3, phone);
	db_bind_static(st, 4, body);
	db_bind_static(st, 5, exported ? "exported" : "queued");
	db_bind_static(st, 6, at);
	if (exported)
		db_bind_static(st, 7, ex);
	(void)case_no;
	if (db_exec_stmt(g->d, st, g->e) < 0)
		return -1;
	return event(g, 0, day, minute + 1, "system", "system", NULL, "sms_queued", kind);
}

static int run_case_tasks(struct gen *g, itemset ticked, itemset decided0, yday day,
			  const char *now);

/* The whole life of one case up to today. */
static int one_case(struct gen *g, long i, long n, const char *now)
{
	/* spread over the span, the last case dated today */
	yday day = n > 1 ? g->first_day + (yday)((int64_t)i * (SPAN_DAYS - 1) / (n - 1)) : g->today;
	int death = rng_chance(&g->r, 8);
	int repeat = !death && g->nworkers > 50 && rng_chance(&g->r, 3);
	g->kind = death ? KIND_DEATH : KIND_INJURY;
	g->ev_clerk = (int)rng_below(&g->r, 3);
	struct demo_person wp, ap;
	sqlite3_int64 worker;
	if (repeat) {
		worker = g->workers[rng_below(&g->r, (uint32_t)(g->nworkers < 4096 ? g->nworkers : 4096))];
		sqlite3_stmt *st = db_prep(g->d, "SELECT phone, name FROM person WHERE id = ?");
		sqlite3_bind_int64(st, 1, worker);
		sqlite3_step(st);
		DB_CPY(wp.phone, st, 0);
		DB_CPY(wp.name, st, 1);
		sqlite3_reset(st);
	} else if ((worker = new_person(g, 1962, 2004, 0, now, &wp)) < 0) {
		return -1;
	}
	g->workers[g->nworkers++ % 4096] = worker;
	if (g->nworkers > 4096)
		g->nworkers = 4096;
	sqlite3_int64 applicant = worker, employer = 1 + (sqlite3_int64)rng_below(&g->r,
		(uint32_t)g->nemployers);
	const char *atype = "worker", *relation = "本人";
	const char *phone = wp.phone;
	yday accident = day - 1 - (int)rng_below(&g->r, 25);
	if (death) {
		if ((applicant = new_person(g, 1955, 2000, 0, now, &ap)) < 0)
			return -1;
		atype = "relative";
		relation = demo_relation(&g->r);
		phone = ap.phone;
	} else if (rng_chance(&g->r, 45)) {
		atype = "employer";
		relation = "用人单位";
		applicant = 0;
	} else if (rng_chance(&g->r, 6)) {
		accident = day - 40 - (int)rng_below(&g->r, 280); /* the worker applies late, within a year */
	}
	struct demo_accident a;
	demo_accident(&g->r, death, &a);

	int age = g->today - day;
	const char *state = "accepted";
	if (age <= 12 && rng_chance(&g->r, 25))
		state = "deficient";
	else if (rng_chance(&g->r, 1))
		state = "not_accepted";
	char case_no[CASE_NO_LEN + 1];
	int seq = ++g->dayseq[day - g->first_day];
	case_no_format(case_no, g->region, day, seq);
	const char *names[2] = { wp.name, death ? ap.name : applicant ? wp.name : "" };
	if (insert_case(g, day, worker, applicant, names, atype, relation, employer, accident, &a,
			state, case_no, now) < 0)
		return -1;
	const char *clerk = demo_staff[g->ev_clerk].login;
	if (event(g, 0, day, 545, clerk, "clerk", NULL, "created", case_no) < 0)
		return -1;
	itemset decided0;
	itemset ticked = pick_items(g, death, repeat, &decided0);
	if (insert_materials(g, ticked, decided0, !strcmp(state, "deficient"), now) < 0)
		return -1;
	if (!strcmp(state, "deficient")) {
		if (event(g, 0, day, 550, clerk, "clerk", NULL, "deficient", "一次性告知书") < 0)
			return -1;
		return queue_sms(g, phone, case_no, day, "sms_deficient", "您的工伤联办申请材料不齐，请按一次性告知书补正。");
	}
	if (!strcmp(state, "not_accepted"))
		return event(g, 0, day, 550, clerk, "clerk", NULL, "not_accepted",
			     "超过工伤认定申请时限且无正当理由");
	if (event(g, 0, day, 550, clerk, "clerk", NULL, "accepted", case_no) < 0 ||
	    queue_sms(g, phone, case_no, day, "sms_accepted", "您的工伤保险联办申请已受理。") < 0)
		return -1;
	return run_case_tasks(g, ticked, decided0, day, now);
}

/* How long an office takes, in days, for a demo decision. */
static int demo_duration(struct gen *g, const struct item *it)
{
	switch (it->cat) {
	case CAT_ADMIN: return 10 + (int)rng_below(&g->r, 48);
	case CAT_APPRAISAL: return 20 + (int)rng_below(&g->r, 50);
	default: return 3 + (int)rng_below(&g->r, 28);
	}
}

/* 1 when a decided prerequisite lets its followers start. */
static int positive(const struct sim *p)
{
	return p->outcome && (!strcmp(p->outcome, "recognised") || !strcmp(p->outcome, "deemed") ||
			      !strcmp(p->outcome, "graded") || !strcmp(p->outcome, "confirmed"));
}

/* Runs the ticked items in catalogue order: a task whose prerequisite is
 * ticked waits for that decision, then starts the day it lands. */
static int run_case_tasks(struct gen *g, itemset ticked, itemset decided0, yday day,
			  const char *now)
{
	struct sim sims[MAX_ITEMS];
	int order[MAX_ITEMS], n = 0;
	int grade = -1;
	long wage = 4000 + (long)rng_below(&g->r, 5000);
	for (int i = 0; i < g->c->nitems; i++)
		if (ticked & (1u << i))
			order[n++] = i;
	for (int k = 0; k < n; k++) {
		int i = order[k];
		const struct item *it = &g->c->items[i];
		struct sim *s = &sims[i];
		memset(s, 0, sizeof *s);
		s->item = i;
		s->paused_from = -1;
		itemset pre = it->prereqs & ticked & ~decided0;
		const struct sim *p = NULL;
		for (int j = 0; j < g->c->nitems; j++)
			if (pre & (1u << j))
				p = &sims[j];
		if (item_grades(it))
			grade = demo_grade(&g->r);
		int g_ok = p && grade_meets(it, p->item, grade);
		if (!p) {
			set_deadlines(g, s, day, NULL, 0);
			run_task(g, s, demo_duration(g, it), grade > 0 ? grade : 0, wage);
		} else if (p->decided && positive(p) && (strcmp(p->outcome, "graded") || g_ok)) {
			set_deadlines(g, s, p->decided, NULL, 0);
			run_task(g, s, demo_duration(g, it), grade > 0 ? grade : 0, wage);
		} else if (p->decided) {
			s->state = TS_CLOSED;
			s->started = p->decided;
			s->reason = !strcmp(p->outcome, "not_recognised") ? "不予认定工伤，关联事项终止"
				  : !strcmp(p->outcome, "refused") ? "辅助器具配置未获确认，关联事项终止"
				  : "伤残等级不符合申领条件，关联事项终止";
		} else {
			s->state = TS_WAITING;
		}
		if (insert_task(g, s, now) < 0)
			return -1;
		if (p && event(g, s->id, day, 552, "system", "system", category_code(it->cat),
			       "task_waiting", it->name) < 0)
			return -1;
		if (task_events(g, s, p != NULL) < 0)
			return -1;
	}
	return 0;
}

/* Drops the secondary indexes of the case tables, appending the SQL that
 * recreates them to `create`. */
static int drop_indexes(struct db *d, struct sbuf *create, struct yerr *e)
{
	sqlite3_stmt *st = db_prep(d, "SELECT name, sql FROM sqlite_schema WHERE type = 'index' "
				      "AND sql IS NOT NULL AND tbl_name IN ('person', 'employer', "
				      "'cases', 'task', 'event', 'notice', 'task_pause')");
	struct sbuf drop = { 0 };
	while (sqlite3_step(st) == SQLITE_ROW) {
		sbuf_addf(&drop, "DROP INDEX \"%s\";", db_col(st, 0));
		sbuf_addf(create, "%s;", db_col(st, 1));
	}
	sqlite3_reset(st);
	/* the queue totals of 007 are counted once at the end (the lookup
	 * index likewise: db_lookup_defer) */
	st = db_prep(d, "SELECT name, sql FROM sqlite_schema WHERE type = 'trigger' "
			"AND tbl_name = 'task'");
	while (sqlite3_step(st) == SQLITE_ROW) {
		sbuf_addf(&drop, "DROP TRIGGER \"%s\";", db_col(st, 0));
		sbuf_addf(create, "%s;", db_col(st, 1));
	}
	sqlite3_reset(st);
	sbuf_addstr(create, TASK_COUNT_REBUILD);
	int rc = drop.s ? db_exec(d, drop.s, e) : 0;
	sbuf_release(&drop);
	return rc;
}

int db_demo_prepare(struct db *d, struct yerr *e)
{
	/* 16 KiB pages instead of 4: a fifth fewer bytes to write, fewer pages to
	 * split and balance, and a quarter of the system calls.  The page size
	 * of a file is fixed once it has content, so the new file (the schema
	 * and nothing else yet) is rewritten by VACUUM, which takes
	 * milliseconds here and needs the journal off, as bulk mode has it. */
	return db_exec(d, "PRAGMA page_size = 16384; VACUUM", e);
}

int db_demo_generate(struct db *d, const struct catalog *c, long n, uint64_t seed,
		     const char *region, struct yerr *e)
{
	if (n > 0 && !c->ndemo)
		return yerr_set(e, YERR_INPUT, _("the catalog's forms have no demo.csv: the demo "
						 "takes its mix of items from there"));
	struct gen g = { .d = d, .c = c, .e = e, .today = clock_today() };
	rng_seed(&g.r, seed);
	snprintf(g.region, sizeof g.region, "%s", region);
	g.first_day = g.today - SPAN_DAYS + 1;
	char now[20];
	time_format(clock_now(), now);
	int rc = -1;
	struct sbuf idx = { 0 };
	struct lookup_defer lk = { 0 };
	g.workers = xcalloc(4096, sizeof *g.workers);
	g.dayseq = xcalloc(SPAN_DAYS + 1, sizeof *g.dayseq);
	g.items = xcalloc(1, sizeof *g.items);
	if (n < 0 || n > 9999L * SPAN_DAYS) {
		yerr_set(e, YERR_INPUT, _("at most %ld demo cases"), 9999L * SPAN_DAYS);
		goto out;
	}
	/* Secondary indexes are rebuilt once at the end: sorting once is far
	 * cheaper than updating them row by row for a million cases. */
	if (db_lookup_defer(d, &lk, e) < 0 || drop_indexes(d, &idx, e) < 0)
		goto out;
	d->defer_chain = 1;
	if (insert_staff(&g, now) < 0 || insert_employers(&g, n / 25 + 8, now) < 0)
		goto out;
	for (long i = 0; i < n; i++)
		if (one_case(&g, i, n, now) < 0)
			goto out;
	rc = db_exec(d, idx.s ? idx.s : "", e);
	if (rc == 0)
		rc = db_lookup_finish(d, &lk, e);
	if (rc == 0)
		rc = db_event_sync_head(d, e);
	/* the pinyin index of every new person, so the first lookup is quick */
	if (rc == 0 && db_lookup_catch_up(d, 0, e) < 0)
		rc = -1;
out:
	d->defer_chain = 0;
	db_lookup_defer_release(&lk);
	free(g.workers);
	free(g.dayseq);
	for (sqlite3_int64 i = 0; g.employer_names && i < g.nemployers; i++)
		free(g.employer_names[i]);
	free(g.employer_names);
	for (int i = 0; i < ITEMS_MEMO; i++)
		free(g.items->s[i]);
	free(g.items);
	sbuf_release(&idx);
	return rc;
}

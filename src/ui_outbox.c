/* ui_outbox.c — the SMS outbox (F8): the messages queued for the SMS
 * gateway and those the nightly export has handed over, newest first.
 * Read-only: messages are queued by the actions that send them and leave
 * with `yici export`.  Layer: ui. */
#include "ui_view.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core_text.h"
#include "db_followup.h"
#include "core_validate.h"
#include "i18n.h"

#define OUTBOX_MAX 500

struct outbox {
	struct outbox_row *rows;
	int n, cap, sel, top;
	int filter;               /* 0 all, 1 queued, 2 exported */
};

static const char *const filters[] = { NULL, "queued", "exported" };

static void collect(const struct outbox_row *r, void *arg)
{
	struct outbox *s = arg;
	if (s->n == s->cap) {
		s->cap = s->cap ? s->cap * 2 : 64;
		s->rows = xrealloc(s->rows, (size_t)s->cap * sizeof *s->rows);
	}
	s->rows[s->n++] = *r;
}

static void load(struct app *a, struct outbox *s)
{
	struct yerr e;
	yerr_clear(&e);
	s->n = s->sel = s->top = 0;
	if (db_outbox_each(a->d, filters[s->filter], OUTBOX_MAX, collect, s, &e) < 0)
		ui_say(a, 1, "%s", e.msg);
	else if (s->n == OUTBOX_MAX)
		ui_say(a, 0, _("the newest %d messages"), OUTBOX_MAX);
	else
		ui_say(a, 0, _("%d messages"), s->n);
}

static void *outbox_open(struct app *a)
{
	struct outbox *s = xcalloc(1, sizeof *s);
	load(a, s);
	return s;
}

static void outbox_close(void *st)
{
	struct outbox *s = st;
	free(s->rows);
	free(s);
}

static void move_sel(struct outbox *s, int by, int height)
{
	s->sel += by;
	if (s->sel >= s->n)
		s->sel = s->n - 1;
	if (s->sel < 0)
		s->sel = 0;
	if (s->sel < s->top)
		s->top = s->sel;
	if (s->sel >= s->top + height)
		s->top = s->sel - height + 1;
}

static int rows_shown(void)
{
	return LINES - 6 > 1 ? LINES - 6 : 1;
}

static void act_down(struct app *a, void *st) { (void)a; move_sel(st, 1, rows_shown()); }
static void act_up(struct app *a, void *st) { (void)a; move_sel(st, -1, rows_shown()); }
static void act_pgdn(struct app *a, void *st) { (void)a; move_sel(st, rows_shown(), rows_shown()); }
static void act_pgup(struct app *a, void *st) { (void)a; move_sel(st, -rows_shown(), rows_shown()); }

static void act_filter(struct app *a, void *st)
{
	struct outbox *s = st;
	s->filter = (s->filter + 1) % 3;
	load(a, s);
}

static const struct ui_action actions[] = {
	{ KEY_DOWN, "Down", N_("Next message"), act_down },
	{ KEY_UP, "Up", N_("Previous message"), act_up },
	{ KEY_NPAGE, "PgDn", N_("Next page"), act_pgdn },
	{ KEY_PPAGE, "PgUp", N_("Previous page"), act_pgup },
	{ 's', "s", N_("Show all, queued only, or exported only"), act_filter },
};

static void outbox_draw(struct app *a, void *st, int top, int height)
{
	struct outbox *s = st;
	static const char *const names[] = { N_("all"), N_("queued"), N_("exported") };
	char head[160];
	snprintf(head, sizeof head, " %s: %s", _("Showing"), _(names[s->filter]));
	ui_put(top, 0, head, COLS);
	struct sbuf b = { 0 };
	sbuf_addstr(&b, " ");
	text_cell(&b, _("Queued at"), 20);
	text_cell(&b, _("State"), 10);
	text_cell(&b, _("Case number"), 24);
	text_cell(&b, _("Phone"), 13);
	sbuf_addstr(&b, _("Message"));
	attron(A_UNDERLINE);
	ui_put(top + 1, 0, b.s, COLS);
	attroff(A_UNDERLINE);
	int h = height - 3 > 1 ? height - 3 : 1;
	for (int i = 0; i < h; i++) {
		int k = s->top + i;
		b.len = 0;
		if (k < s->n) {
			const struct outbox_row *r = &s->rows[k];
			sbuf_addstr(&b, " ");
			text_cell(&b, r->created_at, 20);
			text_cell(&b, _(r->state), 10);
			text_cell(&b, r->case_no, 24);
			text_cell(&b, r->recipient, 13);
			sbuf_addstr(&b, r->body);
		} else {
			sbuf_addstr(&b, "");
		}
		if (k == s->sel && k < s->n)
			attron(A_REVERSE);
		ui_put(top + 2 + i, 0, b.s ? b.s : "", COLS);
		if (k == s->sel && k < s->n)
			attroff(A_REVERSE);
	}
	/* the whole text of the selected message, which the row may cut */
	if (s->sel < s->n)
		ui_put(top + height - 1, 0, s->rows[s->sel].body, COLS);
	sbuf_release(&b);
	(void)a;
}

const struct ui_view ui_view_outbox = {
	.name = N_("Outbox"),
	.fkey = "F8",
	.fkeycode = KEY_F(8),
	.open = outbox_open,
	.close = outbox_close,
	.draw = outbox_draw,
	.actions = actions,
	.nactions = (int)ARRAY_SIZE(actions),
};

/* ui_outbox.c — the SMS outbox (F8): the messages queued for the SMS
 * gateway and those the nightly export has handed over, newest first.
 * Read-only: messages are queued by the actions that send them and leave
 * with `yici export`.  Layer: ui. */
#include "ui_view.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli_columns.h"
#include "core_text.h"
#include "db_followup.h"
#include "core_validate.h"
#include "i18n.h"
#include "ui_list.h"

#define OUTBOX_MAX 500

struct outbox {
	struct outbox_row *rows;
	int n, cap;
	int filter;               /* 0 all, 1 queued, 2 exported */
	char search[128];
	int searching;            /* typing a search */
	struct column cols[16];   /* outbox_columns[], the kind's width set as drawn */
	struct ui_list list;
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
	s->n = 0;
	s->list.pos.sel = s->list.pos.top = 0;
	if (db_outbox_each(a->d, filters[s->filter], OUTBOX_MAX, collect, s, &e) < 0)
		ui_say(a, 1, "%s", e.msg);
	else if (s->n == OUTBOX_MAX)
		ui_say(a, 0, _("the newest %d messages"), OUTBOX_MAX);
	else
		ui_say(a, 0, _("%d messages"), s->n);
	ui_list_set(&s->list, s->rows, s->n);
}

static void *outbox_open(struct app *a)
{
	struct outbox *s = xcalloc(1, sizeof *s);
	if (outbox_ncolumns > (int)ARRAY_SIZE(s->cols))
		abort(); /* a column added to outbox_columns[] past the room here */
	memcpy(s->cols, outbox_columns, (size_t)outbox_ncolumns * sizeof *s->cols);
	s->list = (struct ui_list){ .cols = s->cols, .ncols = outbox_ncolumns,
				    .header = 1, .mark_w = 1, .stride = sizeof *s->rows };
	load(a, s);
	return s;
}

static void outbox_close(void *st)
{
	struct outbox *s = st;
	free(s->rows);
	free(s);
}

static struct ui_list *list_of(void *st)
{
	return &((struct outbox *)st)->list;
}

static void act_down(struct app *a, void *st) { (void)a; ui_list_down(list_of(st)); }
static void act_up(struct app *a, void *st) { (void)a; ui_list_up(list_of(st)); }
static void act_pgdn(struct app *a, void *st) { (void)a; ui_list_pgdn(list_of(st)); }
static void act_pgup(struct app *a, void *st) { (void)a; ui_list_pgup(list_of(st)); }
static void act_home(struct app *a, void *st) { (void)a; ui_list_home(list_of(st)); }
static void act_end(struct app *a, void *st) { (void)a; ui_list_end(list_of(st)); }

static void act_filter(struct app *a, void *st)
{
	struct outbox *s = st;
	s->filter = (s->filter + 1) % 3;
	load(a, s);
}

/* ---- search: the selection jumps, as the text is typed, to the next
 * message any of whose cells (case number, phone, text ...) contains it ---- */

static void find(struct app *a, struct outbox *s, int next)
{
	if (s->search[0] && !ui_list_search(&s->list, s->search, next))
		ui_say(a, 1, _("'%s' is in no message shown"), s->search);
}

static void act_search(struct app *a, void *st)
{
	struct outbox *s = st;
	s->searching = 1;
	s->search[0] = '\0';
	ui_say(a, 0, "%s", _("search: type a case number, phone or words of the message; "
			     "Enter ends, Esc cancels"));
}

static void act_next_match(struct app *a, void *st)
{
	struct outbox *s = st;
	if (!s->search[0])
		ui_say(a, 0, "%s", _("no search yet: press / first"));
	else
		find(a, s, 1);
}

/* Keys typed while searching. */
static int outbox_key(struct app *a, void *st, int is_key, wint_t ch)
{
	struct outbox *s = st;
	int r = ui_search_key(s->search, sizeof s->search, &s->searching, is_key, ch);
	if (r == 2)
		find(a, s, 0);
	return r != 0;
}

static const struct ui_action actions[] = {
	{ KEY_DOWN, "Down", N_("Next message"), act_down },
	{ KEY_UP, "Up", N_("Previous message"), act_up },
	{ KEY_NPAGE, "PgDn", N_("Next page"), act_pgdn },
	{ KEY_PPAGE, "PgUp", N_("Previous page"), act_pgup },
	{ KEY_HOME, "Home", N_("Newest message"), act_home },
	{ KEY_END, "End", N_("Oldest message"), act_end },
	{ 's', "s", N_("Show all, queued only, or exported only"), act_filter },
	{ '/', "/", N_("Search case number, phone or message"), act_search },
	{ 'n', "n", N_("Next match"), act_next_match },
};

static void outbox_draw(struct app *a, void *st, int top, int height)
{
	struct outbox *s = st;
	static const char *const names[] = { N_("all"), N_("queued"), N_("exported") };
	char head[320];
	snprintf(head, sizeof head, " %s: %s%s%s", _("Showing"), _(names[s->filter]),
		 s->search[0] || s->searching ? _(" · search: ") : "", s->search);
	ui_put(top, 0, head, COLS);
	/* the message kind as wide as the longest shown, where the screen
	 * leaves the message 20 columns */
	int fixed = 1, kind = -1, kw = 0;
	for (int i = 0; i < outbox_ncolumns; i++)
		if (outbox_columns[i].title && outbox_columns[i].width) {
			if (!strcmp(outbox_columns[i].csv, "kind"))
				kind = i;
			else
				fixed += outbox_columns[i].width;
		}
	for (int i = 0; kind >= 0 && i < s->n; i++) {
		char b[8];
		kw = text_widest(kw, outbox_columns[kind].get(&s->rows[i], NULL, COL_SCREEN, b, sizeof b));
	}
	if (kind >= 0) {
		int room = COLS - fixed - 20, w = kw + 1 < room ? kw + 1 : room;
		s->cols[kind].width = w > outbox_columns[kind].width ? w : outbox_columns[kind].width;
	}
	ui_list_draw(&s->list, top + 1, height - 2);
	/* the whole text of the selected message, which the row may cut */
	const struct outbox_row *r = ui_list_selected(&s->list);
	ui_put(top + height - 1, 0, r ? r->body : "", COLS);
	(void)a;
}

const struct ui_view ui_view_outbox = {
	.name = N_("Outbox"),
	.fkey = "F8",
	.fkeycode = KEY_F(8),
	.open = outbox_open,
	.close = outbox_close,
	.draw = outbox_draw,
	.key = outbox_key,
	.actions = actions,
	.nactions = (int)ARRAY_SIZE(actions),
};

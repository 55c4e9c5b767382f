/* ui_main.c — the workstation: the frame (title, status line, function-key
 * bar), the key loop, resize handling, and the case list.  Keys come from
 * one action table that both dispatches them and writes the F1 help.
 * Layer: ui. */
#include "ui.h"

#include <curses.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core_case.h"
#include "core_catalog.h"
#include "core_text.h"
#include "core_validate.h"
#include "db_case.h"
#include "i18n.h"

#define MIN_COLS 80
#define MIN_LINES 24
#define MAX_ROWS 256

enum { PAIR_BAR = 1, PAIR_WARN, PAIR_TITLE };

struct ui {
	struct db *d;
	struct staff me;
	struct actor actor;
	char center[128];
	struct case_row rows[MAX_ROWS];
	int nrows, sel;
	int64_t top_before;     /* the page starts at the newest case with id < this (0: newest) */
	long ncases;
	char msg[256];
	int quit, help;
};

struct ui_action {
	int key;
	const char *keyname;    /* shown in the bar and the help */
	const char *label;      /* msgid */
	void (*run)(struct ui *u);
	int in_bar;
};

static volatile sig_atomic_t got_signal;
static int curses_on;

static void restore_terminal(void)
{
	if (curses_on) {
		endwin();
		curses_on = 0;
	}
}

static void on_signal(int sig)
{
	got_signal = sig;
}

/* ---- data ---- */

static int page_rows(void)
{
	int h = LINES - 5;
	return h < 1 ? 1 : h > MAX_ROWS ? MAX_ROWS : h;
}

static void load_page(struct ui *u)
{
	struct yerr e;
	yerr_clear(&e);
	int n = db_case_page(u->d, u->top_before, page_rows(), u->rows, &e);
	if (n < 0) {
		snprintf(u->msg, sizeof u->msg, "%s", e.msg);
		n = 0;
	}
	u->nrows = n;
	if (u->sel >= n)
		u->sel = n ? n - 1 : 0;
}

/* Moves the page start up by k cases (towards the newest). */
static void page_back(struct ui *u, int k)
{
	if (!u->nrows)
		return;
	struct case_row up[MAX_ROWS];
	struct yerr e;
	int n = db_case_page_up(u->d, u->rows[0].id, k, up, &e);
	if (n > 0)
		u->top_before = up[n - 1].id + 1;
	else
		u->sel = 0;
	load_page(u);
}

static void act_down(struct ui *u)
{
	if (u->sel + 1 < u->nrows) {
		u->sel++;
	} else if (u->nrows == page_rows()) {
		u->top_before = u->rows[0].id;
		load_page(u);
		u->sel = u->nrows - 1;
	}
}

static void act_up(struct ui *u)
{
	if (u->sel > 0)
		u->sel--;
	else
		page_back(u, 1);
}

static void act_pgdn(struct ui *u)
{
	if (u->nrows == page_rows()) {
		u->top_before = u->rows[u->nrows - 1].id;
		load_page(u);
	} else {
		u->sel = u->nrows ? u->nrows - 1 : 0;
	}
}

static void act_pgup(struct ui *u) { page_back(u, page_rows()); }

static void act_home(struct ui *u)
{
	u->top_before = 0;
	u->sel = 0;
	load_page(u);
}

static void act_help(struct ui *u) { u->help = !u->help; }
static void act_quit(struct ui *u) { u->quit = 1; }

static const struct ui_action actions[] = {
	{ KEY_F(1), "F1", N_("Help: the keys of this view"), act_help, 1 },
	{ KEY_DOWN, "Down", N_("Next case"), act_down, 0 },
	{ KEY_UP, "Up", N_("Previous case"), act_up, 0 },
	{ KEY_NPAGE, "PgDn", N_("Next page"), act_pgdn, 0 },
	{ KEY_PPAGE, "PgUp", N_("Previous page"), act_pgup, 0 },
	{ KEY_HOME, "Home", N_("Newest cases"), act_home, 0 },
	{ KEY_F(10), "F10", N_("Quit"), act_quit, 1 },
	{ 'q', "q", N_("Quit"), act_quit, 0 },
};

/* ---- drawing ---- */

static void put(int y, int x, const char *s, int width)
{
	struct sbuf b = { 0 };
	text_pad(&b, s, width);
	mvaddstr(y, x, b.s);
	sbuf_release(&b);
}

static void draw_bar(int y, const char *s)
{
	attron(has_colors() ? COLOR_PAIR(PAIR_BAR) : A_REVERSE);
	put(y, 0, s, COLS);
	attroff(has_colors() ? COLOR_PAIR(PAIR_BAR) : A_REVERSE);
}

static void draw_header(struct ui *u)
{
	char t[256];
	snprintf(t, sizeof t, " yici 一次 · %s · %s", _("work-injury combined service"), u->center);
	attron(A_BOLD | (has_colors() ? COLOR_PAIR(PAIR_TITLE) : A_REVERSE));
	put(0, 0, t, COLS);
	attroff(A_BOLD | (has_colors() ? COLOR_PAIR(PAIR_TITLE) : A_REVERSE));
	struct sbuf b = { 0 };
	sbuf_addstr(&b, " ");
	text_cell(&b, _("Case number"), 25);
	text_cell(&b, _("Worker"), 10);
	text_cell(&b, _("ID number"), 20);
	text_cell(&b, _("Kind"), 8);
	text_cell(&b, _("State"), 14);
	text_cell(&b, _("Tasks"), 7);
	sbuf_addstr(&b, _("Employer"));
	attron(A_UNDERLINE);
	put(1, 0, b.s, COLS);
	attroff(A_UNDERLINE);
	sbuf_release(&b);
}

static void draw_rows(struct ui *u)
{
	for (int i = 0; i < page_rows(); i++) {
		move(2 + i, 0);
		clrtoeol();
		if (i >= u->nrows)
			continue;
		const struct case_row *r = &u->rows[i];
		char idm[20], tasks[16];
		mask_citizen_id(r->worker_id_number, idm);
		snprintf(tasks, sizeof tasks, "%d/%d", r->tasks_open, r->tasks_total);
		int kind = KIND_INJURY;
		kind_parse(r->kind, &kind);
		enum case_state cs = CS_ACCEPTED;
		case_state_parse(r->state, &cs);
		struct sbuf b = { 0 };
		sbuf_addstr(&b, " ");
		text_cell(&b, *r->case_no ? r->case_no : _("(no number yet)"), 25);
		text_cell(&b, r->worker_name, 10);
		text_cell(&b, idm, 20);
		text_cell(&b, kind_label(kind), 8);
		text_cell(&b, case_state_label(cs), 14);
		text_cell(&b, tasks, 7);
		sbuf_addstr(&b, r->employer_name);
		if (i == u->sel)
			attron(A_REVERSE);
		put(2 + i, 0, b.s, COLS);
		if (i == u->sel)
			attroff(A_REVERSE);
		sbuf_release(&b);
	}
}

static void draw_help(void)
{
	int h = (int)ARRAY_SIZE(actions) + 4, w = 50;
	int y0 = (LINES - h) / 2, x0 = (COLS - w) / 2;
	for (int y = 0; y < h; y++)
		put(y0 + y, x0, "", w);
	attron(A_BOLD);
	put(y0 + 1, x0 + 2, _("Keys of this view"), w - 4);
	attroff(A_BOLD);
	for (size_t i = 0; i < ARRAY_SIZE(actions); i++) {
		char line[160];
		snprintf(line, sizeof line, "%-6s %s", actions[i].keyname, _(actions[i].label));
		put(y0 + 2 + (int)i, x0 + 2, line, w - 4);
	}
	put(y0 + h - 1, x0 + 2, _("F1 or Esc closes this help"), w - 4);
	for (int y = 0; y < h; y++) {
		mvaddch(y0 + y, x0, '|');
		mvaddch(y0 + y, x0 + w - 1, '|');
	}
}

static void draw(struct ui *u)
{
	erase();
	if (COLS < MIN_COLS || LINES < MIN_LINES) {
		char m[160];
		snprintf(m, sizeof m, _("Terminal too small: %dx%d, yici needs at least %dx%d"),
			 COLS, LINES, MIN_COLS, MIN_LINES);
		mvaddnstr(0, 0, m, COLS > 0 ? COLS : 1);
		refresh();
		return;
	}
	draw_header(u);
	draw_rows(u);
	char st[512];
	enum role r = u->actor.role;
	char win[32] = "";
	if (u->me.window_no)
		snprintf(win, sizeof win, _(" · window %d"), u->me.window_no);
	snprintf(st, sizeof st, " %s (%s)%s · %s · %s %ld · %s", u->me.name[0] ? u->me.name
		 : u->actor.login, role_label(r), win, db_path(u->d), _("cases"), u->ncases,
		 u->msg[0] ? u->msg : _("read-only case list"));
	attron(A_BOLD);
	put(LINES - 2, 0, st, COLS);
	attroff(A_BOLD);
	struct sbuf b = { 0 };
	for (size_t i = 0; i < ARRAY_SIZE(actions); i++)
		if (actions[i].in_bar)
			sbuf_addf(&b, " %s %s ", actions[i].keyname, _(actions[i].label));
	draw_bar(LINES - 1, b.s);
	sbuf_release(&b);
	if (u->help)
		draw_help();
	refresh();
}

/* ---- the loop ---- */

static void dispatch(struct ui *u, int key)
{
	u->msg[0] = '\0';
	if (u->help && (key == 27 || key == KEY_F(1))) {
		u->help = 0;
		return;
	}
	for (size_t i = 0; i < ARRAY_SIZE(actions); i++)
		if (actions[i].key == key) {
			actions[i].run(u);
			return;
		}
	if (key != KEY_RESIZE)
		snprintf(u->msg, sizeof u->msg, "%s", _("that key does nothing here (F1: help)"));
}

static int start_curses(void)
{
	if (!newterm(NULL, stdout, stdin)) {
		fprintf(stderr, "yici: %s\n", _("cannot start the terminal (is TERM set?)"));
		return -1;
	}
	curses_on = 1;
	atexit(restore_terminal);
	cbreak();
	noecho();
	keypad(stdscr, TRUE);
	curs_set(0);
	set_escdelay(50);
	if (has_colors()) {
		start_color();
		use_default_colors();
		init_pair(PAIR_BAR, COLOR_BLACK, COLOR_CYAN);
		init_pair(PAIR_WARN, COLOR_RED, -1);
		init_pair(PAIR_TITLE, COLOR_WHITE, COLOR_BLUE);
	}
	return 0;
}

int ui_run(const struct cli *c)
{
	struct ui *u = xcalloc(1, sizeof *u);
	u->d = cli_open(c, DB_OPEN_RW, &u->me, &u->actor);
	if (!u->d) {
		free(u);
		return EXIT_FAIL;
	}
	struct yerr e;
	yerr_clear(&e);
	if (perm_check(&u->actor, ACT_READ, -1, &e) < 0) {
		db_close(u->d);
		free(u);
		return cli_fail(&e);
	}
	char *center = db_config_get(u->d, "center_name");
	snprintf(u->center, sizeof u->center, "%s", center ? center : "");
	free(center);
	db_case_count(u->d, &u->ncases, &e);
	signal(SIGINT, on_signal);
	signal(SIGTERM, on_signal);
	signal(SIGHUP, on_signal);
	if (start_curses() < 0) {
		db_close(u->d);
		free(u);
		return EXIT_FAIL;
	}
	load_page(u);
	while (!u->quit && !got_signal) {
		draw(u);
		wint_t wch;
		int r = get_wch(&wch);
		if (r == ERR)
			continue;
		if (r == KEY_CODE_YES && wch == KEY_RESIZE) {
			load_page(u);
			continue;
		}
		dispatch(u, r == KEY_CODE_YES ? (int)wch : (int)wch);
	}
	restore_terminal();
	db_close(u->d);
	free(u);
	return got_signal ? 128 + got_signal : EXIT_OK;
}

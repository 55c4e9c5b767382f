/* ui_main.c — the workstation frame: title line, the current view, the
 * status line (user, role, window, database, message) and the function-key
 * bar; the key loop, view switching, resize, and a terminal that is always
 * restored.  F1 help is written from the same action tables that dispatch
 * the keys.  Layer: ui. */
#include "ui.h"

#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli_doc.h"
#include "core_text.h"
#include "i18n.h"
#include "ui_view.h"

/* The views in function-key order; the first is where the workstation opens. */
static const struct ui_view *const views[] = {
	&ui_view_form,
	&ui_view_queue,
	&ui_view_case,
	&ui_view_lookup,
	&ui_view_outbox,
};

static volatile sig_atomic_t got_signal;
static int curses_on, color_on;

int ui_color(void)
{
	return color_on;
}

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

void ui_say(struct app *a, int error, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(a->msg, sizeof a->msg, fmt, ap);
	va_end(ap);
	a->msg_error = error;
	if (error)
		beep();
}

void ui_put(int y, int x, const char *s, int width)
{
	if (width <= 0 || y < 0 || y >= LINES)
		return;
	/* too long: cut by display columns and ended in "…" (w columns of
	 * text, the pad column dropped), never silently at the edge */
	struct sbuf b = { 0 }, c = { 0 };
	text_cell(&b, s, width + 1);
	text_pad(&c, b.s, width);
	mvaddstr(y, x, c.s);
	sbuf_release(&b);
	sbuf_release(&c);
}

/* ---- the frame ---- */

struct frame {
	struct app app;
	const struct ui_view *view;
	const struct ui_view *prev;   /* the view left for this one: where Esc goes back */
	void *state;
	int help;
	int help_sel;      /* with help open: the action whose whole label shows, or -1 */
};

static void bar_attr(int on)
{
	int attr = ui_color() ? COLOR_PAIR(UI_PAIR_BAR) : A_REVERSE;
	on ? attron(attr) : attroff(attr);
}

static void draw_title(struct frame *f)
{
	char t[384];
	snprintf(t, sizeof t, " yici 一次 · %s · %s · %s", _("work-injury combined service"),
		 _(f->view->name), f->app.center);
	/* the view and the service centre matter more than the subtitle */
	if (text_width(t) > COLS)
		snprintf(t, sizeof t, " yici 一次 · %s · %s", _(f->view->name), f->app.center);
	int attr = A_BOLD | (ui_color() ? COLOR_PAIR(UI_PAIR_TITLE) : A_REVERSE);
	attron(attr);
	ui_put(0, 0, t, COLS);
	attroff(attr);
}

static void draw_status(struct frame *f)
{
	struct app *a = &f->app;
	char win[32] = "", st[768];
	if (a->me.window_no)
		snprintf(win, sizeof win, _(" · window %d"), a->me.window_no);
	const char *who = a->me.name[0] ? a->me.name : a->actor.login, *db = db_path(a->d);
	snprintf(st, sizeof st, " %s (%s)%s · %s · %s", who, role_label(a->actor.role), win, db, a->msg);
	/* the message matters more than the folder of the database, than the
	 * database, and than who is at the keyboard, in that order */
	if (text_width(st) > COLS && strrchr(db, '/'))
		snprintf(st, sizeof st, " %s (%s)%s · %s · %s", who, role_label(a->actor.role), win,
			 strrchr(db, '/') + 1, a->msg);
	if (text_width(st) > COLS)
		snprintf(st, sizeof st, " %s (%s)%s · %s", who, role_label(a->actor.role), win, a->msg);
	if (text_width(st) > COLS && a->msg[0])
		snprintf(st, sizeof st, " %s", a->msg);
	int attr = a->msg_error && ui_color() ? COLOR_PAIR(UI_PAIR_WARN) | A_BOLD : A_BOLD;
	attron(attr);
	ui_put(LINES - 2, 0, st, COLS);
	attroff(attr);
	if (a->prompt)
		ui_prompt_draw(a, LINES - 2);
	struct sbuf b = { 0 };
	sbuf_addf(&b, " F1 %s ", _("Help"));
	for (size_t i = 0; i < ARRAY_SIZE(views); i++)
		sbuf_addf(&b, " %s %s ", views[i]->fkey, _(views[i]->name));
	sbuf_addf(&b, " F10 %s ", _("Quit"));
	bar_attr(1);
	ui_put(LINES - 1, 0, b.s, COLS);
	bar_attr(0);
	sbuf_release(&b);
}

/* A key and its label in w columns; a label too long ends in "…" at the
 * edge (ui_put; the man page's KEY BINDINGS has the full text). */
static void help_line(int y, int x, int w, int kw, const char *key, const char *label)
{
	char line[320];
	snprintf(line, sizeof line, "%-*s %s", kw, key, label);
	ui_put(y, x, line, w);
}

/* The frame's keys as one run of text wrapped at width w: lines used;
 * drawn from row y when draw is set. */
static int view_uses_esc(const struct ui_view *v)
{
	for (int i = 0; i < v->nactions; i++)
		if (v->actions[i].key == 27)
			return 1;
	return 0;
}

static int frame_keys(const struct ui_view *v, int draw, int y, int x, int w)
{
	char tok[16][96];
	int n = 0, lines = 1, used = 0;
	snprintf(tok[n++], sizeof tok[0], "F1 %s", _("Help"));
	if (!view_uses_esc(v))
		snprintf(tok[n++], sizeof tok[0], "Esc %s", _("Back"));
	for (size_t i = 0; i < ARRAY_SIZE(views) && n < 15; i++)
		snprintf(tok[n++], sizeof tok[0], "%s %s", views[i]->fkey, _(views[i]->name));
	snprintf(tok[n++], sizeof tok[0], "F10 %s", _("Quit"));
	for (int i = 0; i < n; i++) {
		int tw = text_width(tok[i]) + (used ? 2 : 0);
		if (used && used + tw > w) {
			lines++;
			used = 0;
			tw -= 2;
		}
		if (draw)
			ui_put(y + lines - 1, x + used + (used ? 2 : 0), tok[i], w - used);
		used += tw;
	}
	return lines;
}

/* Every key of the view, from its action table, then the frame's keys:
 * one per line while they fit, else the frame's keys wrapped (they are on
 * the bar too), else the view's keys in two columns. */
static void draw_help(struct frame *f)
{
	const struct ui_view *v = f->view;
	int nv = (int)ARRAY_SIZE(views), kw = 7;
	for (int i = 0; i < v->nactions; i++)
		if ((int)strlen(v->actions[i].keyname) > kw)
			kw = (int)strlen(v->actions[i].keyname);
	int room = LINES - 2 - 3;   /* inside the box, below its title */
	int w = COLS - 4 < 96 ? COLS - 4 : 96;
	int esc = !view_uses_esc(v), full = nv + 2 + esc;
	int frame_lines = v->nactions + full <= room ? full : 0, ncol = 1;
	if (!frame_lines) {
		frame_lines = frame_keys(v, 0, 0, 0, w - 4);
		if (v->nactions + frame_lines > room) {
			ncol = 2;
			w = COLS - 4;
			frame_lines = frame_keys(v, 0, 0, 0, w - 4);
		}
	}
	int per = (v->nactions + ncol - 1) / ncol, h = per + frame_lines + 3;
	int y0 = (LINES - h) / 2, x0 = (COLS - w) / 2, y = y0 + 1, cw = (w - 4) / ncol;
	for (int i = 0; i < h; i++)
		ui_put(y0 + i, x0, "", w);
	attron(A_BOLD);
	ui_put(y++, x0 + 2, _("Keys of this view"), w - 4);
	attroff(A_BOLD);
	for (int i = 0; i < v->nactions; i++)
		help_line(y + i % per, x0 + 2 + (i / per) * cw, cw - 1, kw, v->actions[i].keyname,
			  _(v->actions[i].label));
	y += per;
	if (frame_lines == full) {
		help_line(y++, x0 + 2, w - 4, kw, "F1", _("Help: the keys of this view (F1 or Esc closes it)"));
		if (esc)
			help_line(y++, x0 + 2, w - 4, kw, "Esc", _("Back to the view you came from"));
		for (int i = 0; i < nv; i++)
			help_line(y++, x0 + 2, w - 4, kw, views[i]->fkey, _(views[i]->name));
		help_line(y++, x0 + 2, w - 4, kw, "F10", _("Quit"));
	} else {
		frame_keys(v, 1, y, x0 + 2, w - 4);
	}
	for (int i = 0; i < h; i++) {
		mvaddch(y0 + i, x0, ACS_VLINE);
		mvaddch(y0 + i, x0 + w - 1, ACS_VLINE);
	}
	mvhline(y0, x0, ACS_HLINE, w);
	mvhline(y0 + h - 1, x0, ACS_HLINE, w);
	if (f->help_sel >= 0 && f->help_sel < v->nactions) {
		char whole[400];
		snprintf(whole, sizeof whole, " %s %s ", v->actions[f->help_sel].keyname,
			 _(v->actions[f->help_sel].label));
		attron(A_BOLD);
		ui_put(y0 + h - 1, x0 + 2, whole, w - 4);
		attroff(A_BOLD);
	}
}

static void draw(struct frame *f)
{
	erase();
	if (COLS < UI_MIN_COLS || LINES < UI_MIN_LINES) {
		char m[160];
		snprintf(m, sizeof m, _("Terminal too small: %dx%d, yici needs at least %dx%d"),
			 COLS, LINES, UI_MIN_COLS, UI_MIN_LINES);
		mvaddnstr(0, 0, m, COLS > 0 ? COLS : 1);
		refresh();
		return;
	}
	draw_title(f);
	f->app.cursor_y = -1;
	f->view->draw(&f->app, f->state, 1, LINES - 3);
	draw_status(f);
	if (f->help)
		draw_help(f);
	if (f->app.cursor_y >= 0 && !f->help)
		move(f->app.cursor_y, f->app.cursor_x);
	curs_set(f->app.cursor_y >= 0 && !f->help);
	refresh();
}

static void redraw(struct app *a)
{
	draw((struct frame *)a); /* app is the frame's first member */
}

static int switch_view(struct frame *f, const struct ui_view *v)
{
	if (v == f->view)
		return 0;
	if (f->view && f->view->may_leave && !f->view->may_leave(&f->app, f->state))
		return -1;
	f->app.msg[0] = '\0'; /* what the new view says when it opens stays */
	void *st = v->open(&f->app);
	if (!st)
		return -1;
	if (f->view)
		f->view->close(f->state);
	f->prev = f->view;
	f->view = v;
	f->state = st;
	return 0;
}

static void dispatch(struct frame *f, int is_key, wint_t ch)
{
	struct app *a = &f->app;
	int key = (int)ch;
	a->msg_error = 0;
	if (f->help) {
		if (is_key ? key == KEY_F(1) : ch == 27) {
			f->help = 0;
			return;
		}
		/* a key of the view shows its whole label, which two columns
		 * may have cut, on the box's last line */
		for (int i = 0; i < f->view->nactions; i++) {
			int k = f->view->actions[i].key;
			if ((is_key && k == key) || (!is_key && (wint_t)k == ch))
				f->help_sel = i;
		}
		return;
	}
	if (is_key && key == KEY_F(1)) {
		f->help = 1;
		f->help_sel = -1;
		return;
	}
	if (is_key && key == KEY_F(10)) {
		if (!f->view->may_leave || f->view->may_leave(a, f->state))
			a->quit = 1;
		return;
	}
	for (size_t i = 0; is_key && i < ARRAY_SIZE(views); i++)
		if (views[i]->fkeycode == key) {
			switch_view(f, views[i]);
			return;
		}
	a->msg[0] = '\0';
	if (f->view->key && f->view->key(a, f->state, is_key, ch))
		return;
	for (int i = 0; i < f->view->nactions; i++) {
		const struct ui_action *act = &f->view->actions[i];
		int k = act->key;
		if ((is_key && k == key) || (!is_key && (wint_t)k == ch) ||
		    (!is_key && k == '\n' && ch == '\r')) {
			act->run(a, f->state);
			return;
		}
	}
	if (!is_key && ch == 27 && f->prev) {   /* Esc a view does not use: back */
		switch_view(f, f->prev);
		return;
	}
	if (!(is_key && key == KEY_RESIZE))
		ui_say(a, 0, "%s", _("that key does nothing here (F1: help)"));
}

int ui_get_key(struct app *a, wint_t *ch)
{
	(void)a;
	/* the signal may come between two reads, while drawing: the reads
	 * time out twice a second to look at it */
	for (;;) {
		if (got_signal)
			return ERR;
		int r = get_wch(ch);
		if (r != ERR)
			return r;
	}
}

/* Where each role starts its day: officers and supervisors on their
 * queues, clerks on the lookup (who is at the window? a returning
 * applicant, or F2 for a new application). */
static const struct ui_view *start_view(const struct app *a)
{
	return a->actor.role == ROLE_CLERK ? &ui_view_lookup : &ui_view_queue;
}

/* Terminals whose terminfo lacks keys a clerk needs (vt100 has no F5..F10,
 * PgUp or PgDn) still send the xterm/VT220 sequences for them: teach
 * ncurses those where the terminfo left them undefined. */
static void define_missing_keys(void)
{
	static const struct {
		const char *seq;
		int key;
	} keys[] = {
		{ "\033OP", KEY_F(1) },    { "\033OQ", KEY_F(2) },    { "\033OR", KEY_F(3) },
		{ "\033OS", KEY_F(4) },    { "\033[11~", KEY_F(1) },  { "\033[12~", KEY_F(2) },
		{ "\033[13~", KEY_F(3) },  { "\033[14~", KEY_F(4) },  { "\033[15~", KEY_F(5) },
		{ "\033[17~", KEY_F(6) },  { "\033[18~", KEY_F(7) },  { "\033[19~", KEY_F(8) },
		{ "\033[20~", KEY_F(9) },  { "\033[21~", KEY_F(10) }, { "\033[23~", KEY_F(11) },
		{ "\033[24~", KEY_F(12) }, { "\033[5~", KEY_PPAGE },  { "\033[6~", KEY_NPAGE },
		{ "\033[1~", KEY_HOME },   { "\033[H", KEY_HOME },    { "\033[4~", KEY_END },
		{ "\033[F", KEY_END },     { "\033[2~", KEY_IC },     { "\033[3~", KEY_DC },
		{ "\033[Z", KEY_BTAB },
	};
	for (size_t i = 0; i < ARRAY_SIZE(keys); i++)
		if (key_defined(keys[i].seq) == 0)
			define_key(keys[i].seq, keys[i].key);
}

/* NO_COLOR (https://no-color.org): present and not empty. */
static int no_color(const struct cli *c)
{
	const char *e = getenv("NO_COLOR");
	return c->no_color || (e && *e);
}

static int start_curses(const struct cli *c)
{
	if (!newterm(NULL, stdout, stdin)) {
		fprintf(stderr, "yici: %s\n", _("cannot start the terminal (is TERM set?)"));
		return -1;
	}
	curses_on = 1;
	atexit(restore_terminal);
	raw();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	define_missing_keys();
	curs_set(0);
	set_escdelay(50);
	timeout(500); /* ui_get_key looks at a signal between reads */
	color_on = has_colors() && !no_color(c);
	if (color_on) {
		start_color();
		use_default_colors();
		init_pair(UI_PAIR_BAR, COLOR_BLACK, COLOR_CYAN);
		init_pair(UI_PAIR_WARN, COLOR_RED, -1);
		init_pair(UI_PAIR_TITLE, COLOR_WHITE, COLOR_BLUE);
		init_pair(UI_PAIR_YELLOW, COLOR_YELLOW, -1);
		init_pair(UI_PAIR_OK, COLOR_GREEN, -1);
		init_pair(UI_PAIR_DIM, COLOR_BLUE, -1);
	}
	return 0;
}

/* Opens the database and checks the user may read before curses starts,
 * so a refusal is one plain line on stderr. */
static int open_app(const struct cli *c, struct app *a)
{
	a->d = cli_open(c, DB_OPEN_RW, &a->me, &a->actor);
	if (!a->d)
		return -1;
	struct yerr e;
	yerr_clear(&e);
	if (perm_check(&a->actor, ACT_READ, -1, &e) < 0 || cli_catalog(a->d, &a->cat) < 0) {
		if (e.msg[0])
			cli_fail(&e);
		db_close(a->d);
		return -1;
	}
	char *center = db_config_get(a->d, "center_name");
	snprintf(a->center, sizeof a->center, "%s", center ? center : "");
	free(center);
	a->forms_dir = c->forms_dir;
	return 0;
}

void ui_papers(struct app *a, const char *case_no, const int *kinds, int nkinds,
	       const struct doc_request *rq, const char *name, const char *what)
{
	enum doc_kind k[DK_COUNT];
	for (int i = 0; i < nkinds && i < DK_COUNT; i++)
		k[i] = (enum doc_kind)kinds[i];
	struct doc_request none = { .kind = k[0] };
	char *path = NULL, *title = NULL, warn[256] = "";
	struct yerr e;
	yerr_clear(&e);
	if (papers_window(a->d, &a->cat, a->forms_dir, &a->actor, case_no, k,
			  nkinds < DK_COUNT ? nkinds : DK_COUNT, rq ? rq : &none, name, &path, &title,
			  warn, sizeof warn, &e) < 0)
		ui_say(a, 1, _("%s; the document failed: %s"), what, e.msg);
	else
		ui_say(a, *warn != 0, "%s · %s%s%s", what, path, *warn ? " · " : "", warn);
	free(path);
	free(title);
}

int ui_run(const struct cli *c)
{
	struct frame *f = xcalloc(1, sizeof *f);
	if (open_app(c, &f->app) < 0) {
		free(f);
		return EXIT_FAIL;
	}
	/* Without SA_RESTART the read under get_wch fails with EINTR, get_wch
	 * returns ERR and the loop ends at once (signal() restarts the read,
	 * which waited for the next key). */
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sa.sa_flags = 0;
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	int rc = EXIT_OK;
	/* Without a terminal, curses reads end-of-file for ever: a busy loop. */
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		fprintf(stderr, "yici: %s\n",
			_("the workstation needs a terminal; scripts use the commands "
			  "(yici --help)"));
		rc = EXIT_FAIL;
		goto out;
	}
	f->app.redraw = redraw;
	if (start_curses(c) < 0) {
		rc = EXIT_FAIL;
		goto out;
	}
	if (switch_view(f, start_view(&f->app)) < 0) {
		restore_terminal();
		fprintf(stderr, "yici: %s\n", f->app.msg);
		rc = EXIT_FAIL;
		goto out;
	}
	while (!f->app.quit && !got_signal) {
		if (f->app.switch_to) {
			const struct ui_view *v = f->app.switch_to;
			f->app.switch_to = NULL;
			switch_view(f, v);
		}
		draw(f);
		wint_t ch;
		int r = ui_get_key(&f->app, &ch);
		if (r == ERR)
			continue;
		if (r == OK && ch == 3) { /* Ctrl-C: ask, as a clerk may hit it by accident */
			if (ui_confirm(&f->app, _("Leave yici?")) &&
			    (!f->view->may_leave || f->view->may_leave(&f->app, f->state)))
				f->app.quit = 1;
			continue;
		}
		dispatch(f, r == KEY_CODE_YES, ch);
	}
	restore_terminal();
	if (got_signal)
		rc = 128 + got_signal;
out:
	if (f->view)
		f->view->close(f->state);
	catalog_release(&f->app.cat);
	db_close(f->app.d);
	free(f);
	return rc;
}

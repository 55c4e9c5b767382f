/* ui_view.h — the frame every screen of the workstation lives in.  A view
 * is data plus callbacks: it draws into the area between the title line
 * and the status line, handles its keys through an action table (which
 * also writes the F1 help), and never calls refresh() itself.  ui_main.c
 * owns the loop, the view switching (F2..F5), resize and the status line.
 * Layer: ui. */
#ifndef YICI_UI_VIEW_H
#define YICI_UI_VIEW_H

#include <curses.h>
#include <stdint.h>

#include "cli.h"
#include "core_catalog.h"
#include "db.h"

#define UI_MIN_COLS 80
#define UI_MIN_LINES 24

enum { UI_PAIR_BAR = 1, UI_PAIR_WARN, UI_PAIR_TITLE, UI_PAIR_YELLOW, UI_PAIR_OK,
       UI_PAIR_DIM };

/* What the whole workstation shares. */
struct app {
	struct db *d;
	struct staff me;
	struct actor actor;
	struct catalog cat;       /* loaded from the database */
	char center[128];
	char msg[512];            /* status-line message; views set it with ui_say */
	int msg_error;
	int64_t current_case;     /* the case F4 opens (0 = none) */
	const struct ui_view *switch_to;  /* a view asks to switch (NULL = stay) */
	int quit;
	/* A view editing text sets these in draw() to show the terminal cursor
	 * there (the frame places it last); -1 hides it. */
	int cursor_y, cursor_x;
};

/* A key a view understands.  key is a KEY_* code or a character; label is
 * a msgid; run returns nothing (it sets app->msg, app->switch_to ...). */
struct ui_action {
	int key;
	const char *keyname;
	const char *label;
	void (*run)(struct app *a, void *state);
};

struct ui_view {
	const char *name;          /* msgid shown in the title */
	const char *fkey;          /* "F2" ... the key that opens it */
	int fkeycode;              /* KEY_F(n) */
	void *(*open)(struct app *a);            /* allocate state; NULL on error (msg set) */
	void (*close)(void *state);
	void (*draw)(struct app *a, void *state, int top, int height);
	/* Keys not in the action table (text typed into a field ...).
	 * Returns 1 when handled. */
	int (*key)(struct app *a, void *state, int is_key, wint_t ch);
	/* Leaving (Esc / F10 / another view): 1 = may leave; a view with
	 * unsaved changes asks first and returns 0. */
	int (*may_leave)(struct app *a, void *state);
	const struct ui_action *actions;
	int nactions;
};

/* 1 when the workstation draws in colour: the terminal has colours and
 * neither NO_COLOR nor --no-color asked for monochrome.  Views test this,
 * never has_colors(). */
int ui_color(void);

/* Sets the status-line message (printf-like). */
void ui_say(struct app *a, int error, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* Writes s at (y, x) cut and padded to width columns (CJK-aware). */
void ui_put(int y, int x, const char *s, int width);
/* Asks a yes/no question on the status line; returns 1 for yes. */
int ui_confirm(struct app *a, const char *question);

/* The views, in the order of their function keys. */
extern const struct ui_view ui_view_form;
extern const struct ui_view ui_view_queue;
extern const struct ui_view ui_view_case;
extern const struct ui_view ui_view_lookup;
extern const struct ui_view ui_view_outbox;

#endif

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

struct edit;

/* A prompt open on the status line (ui_prompt.c): a line of text (ed) or
 * a choice of one of keys (alt_keys: the same choices as wide characters,
 * 是/否); with any_key a key not among them ends the prompt as Esc does. */
struct ui_prompt {
	const char *question;
	struct edit *ed;
	const char *keys;
	const wchar_t *alt_keys;
	int any_key;
	int chosen;
};

/* What the whole workstation shares. */
struct app {
	struct db *d;
	struct staff me;
	struct actor actor;
	struct catalog cat;       /* loaded from the database */
	const char *forms_dir;    /* forms/documents.csv and offices.csv: the papers */
	char center[128];
	char msg[512];            /* status-line message; views set it with ui_say */
	int msg_error;
	int64_t current_case;     /* the case F4 opens (0 = none) */
	char lookup_text[128];    /* a search the lookup (F5) runs when it opens */
	const struct ui_view *switch_to;  /* a view asks to switch (NULL = stay) */
	int quit;
	/* A view editing text sets these in draw() to show the terminal cursor
	 * there (the frame places it last); -1 hides it. */
	int cursor_y, cursor_x;
	struct ui_prompt *prompt;         /* open prompt the frame draws (NULL: none) */
	void (*redraw)(struct app *a);    /* the frame draws the whole screen */
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

/* The papers of a window flow (cli_doc.h papers_window): the documents of
 * kinds for the case issued, one PDF written to the notices folder and
 * printed when config printer is set; the status line says "what · FILE"
 * (and why it was not printed), or that the paper failed. */
struct doc_request;
void ui_papers(struct app *a, const char *case_no, const int *kinds, int nkinds,
	       const struct doc_request *rq, const char *name, const char *what);

/* Sets the status-line message (printf-like). */
void ui_say(struct app *a, int error, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* Writes s at (y, x) cut and padded to width columns (CJK-aware). */
void ui_put(int y, int x, const char *s, int width);
/* Reads a key for the frame or a prompt: OK or KEY_CODE_YES as get_wch,
 * ERR only when a signal (SIGTERM, SIGHUP) ends the workstation. */
int ui_get_key(struct app *a, wint_t *ch);

/* The prompts (ui_prompt.c), drawn by the frame over the status line with
 * the view and the function-key bar redrawn under them (a resize too):
 * one line of text (malloc'd; NULL for Esc), one key of keys (its index;
 * -1 for Esc), yes/no (1 only for y, Y or 是: any other key is no). */
char *ui_prompt_line(struct app *a, const char *question, const char *initial);
int ui_prompt_choice(struct app *a, const char *question, const char *keys);
int ui_confirm(struct app *a, const char *question);
/* A question of two answers: 1 y (Y, 是), 0 n (N, 否), -1 Esc or a signal
 * (other keys are ignored). */
int ui_yes_no(struct app *a, const char *question);
void ui_prompt_draw(struct app *a, int y);   /* the frame's part */

/* The one key map over core_edit for every text entry: characters,
 * Backspace, Delete, Left, Right, Home, End, Ctrl-K, Ctrl-U.  1 when the
 * key was for the text.  ui_draw_edit draws ed at (y, x) in w columns and
 * puts the terminal cursor there. */
int ui_edit_key(struct app *a, struct edit *ed, int is_key, wint_t ch);
void ui_draw_edit(struct app *a, struct edit *ed, int y, int x, int w, int underline);

/* The views, in the order of their function keys. */
extern const struct ui_view ui_view_form;
extern const struct ui_view ui_view_queue;
extern const struct ui_view ui_view_case;
extern const struct ui_view ui_view_lookup;
extern const struct ui_view ui_view_outbox;

#endif

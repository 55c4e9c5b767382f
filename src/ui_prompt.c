/* ui_prompt.c — the one line prompt, the one choice prompt and the yes/no
 * question of the workstation, and the one key map over core_edit that
 * every text entry uses (the lookup box, the form's fields, the prompts).
 * A prompt is drawn by the frame: while it is open the frame draws the
 * view, the prompt in place of the status line and the function-key bar,
 * so a resize redraws all three where they belong; a view never reads
 * keys or calls refresh() itself.  A signal that ends the workstation
 * ends a prompt as Esc does.  Layer: ui. */
#include "ui_view.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core_edit.h"
#include "core_text.h"
#include "i18n.h"

int ui_edit_key(struct app *a, struct edit *ed, int is_key, wint_t ch)
{
	if (!is_key && ch >= 0x20 && ch != 0x7f) {
		if (edit_insert(ed, (wchar_t)ch) < 0 && a)
			ui_say(a, 1, _("at most %d characters here"), ed->max);
		return 1;
	}
	int k = (int)ch;
	if ((is_key && k == KEY_BACKSPACE) || (!is_key && (ch == 127 || ch == 8)))
		edit_backspace(ed);
	else if (is_key && k == KEY_DC)
		edit_delete(ed);
	else if (is_key && k == KEY_LEFT)
		edit_left(ed);
	else if (is_key && k == KEY_RIGHT)
		edit_right(ed);
	else if (is_key && k == KEY_HOME)
		edit_home(ed);
	else if (is_key && k == KEY_END)
		edit_end(ed);
	else if (!is_key && ch == 11) /* Ctrl-K */
		edit_kill_end(ed);
	else if (!is_key && ch == 21) /* Ctrl-U */
		edit_clear(ed);
	else
		return 0;
	return 1;
}

void ui_draw_edit(struct app *a, struct edit *ed, int y, int x, int w, int underline)
{
	int first, count, cur;
	if (w < 2)
		return;
	edit_layout(ed, w, &first, &count, &cur);
	if (underline)
		attron(A_UNDERLINE);
	mvaddnwstr(y, x, ed->buf + first, count);
	for (int c = edit_columns(ed, first, first + count); c < w; c++)
		mvaddch(y, x + c, ' ');
	if (underline)
		attroff(A_UNDERLINE);
	a->cursor_y = y;
	a->cursor_x = x + cur;
}

/* ---- the prompt on the status line ---- */

/* What the frame draws in place of the status line while a prompt is
 * open.  A question wider than the screen is wrapped upwards over the
 * bottom of the view, never cut: a confirmation shows all it records. */
void ui_prompt_draw(struct app *a, int y)
{
	struct ui_prompt *p = a->prompt;
	char head[1200];
	snprintf(head, sizeof head, " %s%s", p->question, p->ed ? ": " : " ");
	const char *line[6];
	size_t len[6];
	int n = 0, room = p->ed ? 24 : 1; /* the text needs columns on the last line */
	const char *t = head;
	while (*t && n < 6) {
		size_t k = text_fit(t, COLS - 1);
		if (!t[k] && text_width(t) > COLS - room) /* last piece: leave room */
			k = text_fit(t, COLS - room);
		if (!k)
			k = 1;
		line[n] = t;
		len[n++] = k;
		t += k;
	}
	attron(A_BOLD | A_REVERSE);
	for (int i = 0; i < n; i++) {
		char buf[1200];
		snprintf(buf, sizeof buf, "%s%.*s", i ? " " : "", (int)len[i], line[i]);
		ui_put(y - (n - 1) + i, 0, buf, COLS);
	}
	if (p->ed) {
		char last[1200];
		snprintf(last, sizeof last, "%s%.*s", n > 1 ? " " : "", (int)len[n - 1], line[n - 1]);
		int x = text_width(last);
		ui_draw_edit(a, p->ed, y, x, COLS - x - 1, 0);
	}
	attroff(A_BOLD | A_REVERSE);
}

/* Runs the frame's loop until the prompt is answered: 1 Enter (or a key of
 * a choice), 0 Esc or a signal (or, with any_key, a key not of the choice). */
static int run(struct app *a, struct ui_prompt *p)
{
	struct ui_prompt *outer = a->prompt;
	a->prompt = p;
	int rc = 0;
	for (;;) {
		a->redraw(a);
		wint_t ch;
		int r = ui_get_key(a, &ch);
		if (r == ERR)
			break;
		int is_key = r == KEY_CODE_YES;
		if (is_key && (int)ch == KEY_RESIZE)
			continue; /* redrawn at the new size above */
		if (!is_key && ch == 27)
			break;
		if (p->keys) {
			const char *k = !is_key && ch < 128 && ch ? strchr(p->keys, (int)ch) : NULL;
			if (!k && !is_key && p->alt_keys && ch >= 128)
				for (int i = 0; p->alt_keys[i]; i++)
					if ((wint_t)p->alt_keys[i] == ch)
						k = p->keys + i;
			if (k) {
				p->chosen = (int)(k - p->keys);
				rc = 1;
				break;
			}
			if (p->any_key)
				break;
			continue;
		}
		if (!is_key && (ch == '\r' || ch == '\n')) {
			rc = 1;
			break;
		}
		ui_edit_key(a, p->ed, is_key, ch);
	}
	a->prompt = outer;
	return rc;
}

char *ui_prompt_line(struct app *a, const char *question, const char *initial)
{
	struct edit ed;
	edit_init(&ed, 200);
	edit_set(&ed, initial ? initial : "");
	struct ui_prompt p = { .question = question, .ed = &ed };
	char *out = run(a, &p) ? edit_get(&ed) : NULL;
	edit_release(&ed);
	return out;
}

int ui_prompt_choice(struct app *a, const char *question, const char *keys)
{
	struct ui_prompt p = { .question = question, .keys = keys };
	return run(a, &p) ? p.chosen : -1;
}

int ui_yes_no(struct app *a, const char *question)
{
	char q[600];
	snprintf(q, sizeof q, "%s %s", question, _("(y/n)"));
	struct ui_prompt p = { .question = q, .keys = "yYnN", .alt_keys = L"是是否否" };
	return run(a, &p) ? p.chosen >= 2 ? 0 : 1 : -1;
}

/* Only y (Y, 是) says yes: n, Esc and any other key say no, so a key
 * pressed by mistake records nothing (a resize keeps the question). */
int ui_confirm(struct app *a, const char *question)
{
	char q[600];
	snprintf(q, sizeof q, "%s %s", question, _("(y/n)"));
	struct ui_prompt p = { .question = q, .keys = "yY", .alt_keys = L"是是", .any_key = 1 };
	return run(a, &p) && p.chosen >= 0;
}

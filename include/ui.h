/* ui.h — the workstation (ncursesw).  Layer: ui (the only code that
 * includes curses). */
#ifndef YICI_UI_H
#define YICI_UI_H

#include "cli.h"

/* Opens the workstation on c->db_path; returns an exit status. */
int ui_run(const struct cli *c);

#endif

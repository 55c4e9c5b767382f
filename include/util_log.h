/* util_log.h — what a service run did, for syslog and the journal: every
 * export, sync, import and backup, and every refusal of one, is one line
 * with its counts (facility LOG_USER, ident "yici"; under systemd the
 * journal files it under the unit that ran it).  The lines are English and
 * untranslated, so that one grep finds them on every host.  With
 * YICI_LOG_STDERR=1 each line is also written to stderr (syslog's
 * LOG_PERROR), which the tests read.  Layer: util (no sqlite, no curses). */
#ifndef YICI_UTIL_LOG_H
#define YICI_UTIL_LOG_H

#include <syslog.h>

/* One line at priority prio (LOG_INFO, LOG_WARNING, LOG_ERR), e.g.
 * ylog(LOG_INFO, "export %s: %ld rows", batch, n). */
void ylog(int prio, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#endif

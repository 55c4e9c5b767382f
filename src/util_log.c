/* util_log.c — one line per service run to syslog (util_log.h).
 * Layer: util. */
#include "util_log.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

void ylog(int prio, const char *fmt, ...)
{
	static int opened;
	if (!opened) {
		const char *e = getenv("YICI_LOG_STDERR");
		openlog("yici", LOG_PID | (e && !strcmp(e, "1") ? LOG_PERROR : 0), LOG_USER);
		opened = 1;
	}
	va_list ap;
	va_start(ap, fmt);
	vsyslog(prio, fmt, ap);
	va_end(ap);
}

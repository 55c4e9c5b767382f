/* main.c — argument parsing and dispatch: the workstation, or one command.
 * Layer: ui (links curses for the workstation). */
#include <errno.h>
#include <iconv.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "core_date.h"
#include "i18n.h"
#include "paths.h"
#include "ui.h"

/* ---- a terminal whose locale is not UTF-8 (zh_CN.GB18030, GBK) ---- */

/* What yici prints is UTF-8; this stream converts it to the locale's
 * codeset on its way to the file descriptor (//TRANSLIT: a character the
 * codeset lacks becomes '?').  A sequence cut by a buffer boundary waits
 * in pend for the rest. */
struct conv_out {
	iconv_t cd;
	int fd;
	char pend[8];
	size_t npend;
};

static int write_all(int fd, const char *p, size_t n)
{
	while (n > 0) {
		ssize_t w = write(fd, p, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return -1;
		p += w;
		n -= (size_t)w;
	}
	return 0;
}

static ssize_t conv_write(void *cookie, const char *buf, size_t size)
{
	struct conv_out *c = cookie;
	char in[4096 + sizeof c->pend], out[4 * sizeof in];
	size_t done = 0;
	while (done < size) {
		size_t take = size - done < 4096 ? size - done : 4096;
		memcpy(in, c->pend, c->npend);
		memcpy(in + c->npend, buf + done, take);
		done += take;
		char *ip = in, *op = out;
		size_t il = c->npend + take, ol = sizeof out;
		c->npend = 0;
		while (il > 0) {
			if (iconv(c->cd, &ip, &il, &op, &ol) != (size_t)-1)
				break;
			if (errno == EINVAL && il < sizeof c->pend) { /* cut sequence: keep it */
				memcpy(c->pend, ip, il);
				c->npend = il;
				break;
			}
			if (errno == E2BIG || ol < 1) {
				if (write_all(c->fd, out, (size_t)(op - out)) < 0)
					return -1;
				op = out;
				ol = sizeof out;
				continue;
			}
			*op++ = '?'; /* not UTF-8: one byte replaced */
			ol--;
			ip++;
			il--;
		}
		if (write_all(c->fd, out, (size_t)(op - out)) < 0)
			return -1;
	}
	return (ssize_t)size;
}

static int conv_close(void *cookie)
{
	struct conv_out *c = cookie;
	iconv_close(c->cd);
	free(c);
	return 0;
}

static FILE *orig_out, *orig_err;

/* At exit, before the sanitizer's leak check: the converted streams are
 * flushed and closed, the process's own streams put back. */
static void conv_end(void)
{
	FILE *o = stdout, *r = stderr;
	if (orig_out) {
		stdout = orig_out;
		fclose(o);
	}
	if (orig_err) {
		stderr = orig_err;
		fclose(r);
	}
	orig_out = orig_err = NULL;
}

static FILE *conv_stream(const char *codeset, int fd, int line)
{
	char to[64];
	snprintf(to, sizeof to, "%s//TRANSLIT", codeset);
	iconv_t cd = iconv_open(to, "UTF-8");
	if (cd == (iconv_t)-1)
		return NULL;
	struct conv_out *c = calloc(1, sizeof *c);
	if (!c) {
		iconv_close(cd);
		return NULL;
	}
	c->cd = cd;
	c->fd = fd;
	cookie_io_functions_t io = { .write = conv_write, .close = conv_close };
	FILE *f = fopencookie(c, "w", io);
	if (!f) {
		iconv_close(cd);
		free(c);
		return NULL;
	}
	setvbuf(f, NULL, line ? _IOLBF : _IOFBF, 0);
	return f;
}

/* The commands print in the locale's codeset; one line says so when the
 * locale is not installed (they print UTF-8 then). */
static void terminal_codeset(void)
{
	int installed;
	const char *cs = i18n_terminal_codeset(&installed);
	if (!cs)
		return;
	if (!installed) {
		fprintf(stderr, _("yici: the locale's codeset %s is not installed on this host "
				  "(dpkg-reconfigure locales): writing UTF-8\n"), cs);
		return;
	}
	fflush(stdout);
	fflush(stderr);
	FILE *o = conv_stream(cs, STDOUT_FILENO, isatty(STDOUT_FILENO));
	FILE *r = conv_stream(cs, STDERR_FILENO, 1);
	if (o) {
		orig_out = stdout;
		stdout = o;
	}
	if (r) {
		orig_err = stderr;
		stderr = r;
	}
	if (o || r)
		atexit(conv_end);
}

static char exe_dir[PATH_MAX];

static int is_dir(const char *p)
{
	struct stat sb;
	return stat(p, &sb) == 0 && S_ISDIR(sb.st_mode);
}

static void find_exe_dir(void)
{
	ssize_t n = readlink("/proc/self/exe", exe_dir, sizeof exe_dir - 1);
	if (n <= 0) {
		snprintf(exe_dir, sizeof exe_dir, ".");
		return;
	}
	exe_dir[n] = '\0';
	char *slash = strrchr(exe_dir, '/');
	if (slash)
		*slash = '\0';
}

/* --forms, $YICI_FORMS, the installed share folder, forms/ beside the binary. */
static const char *default_forms(void)
{
	static char buf[PATH_MAX + 32], real[PATH_MAX];
	const char *env = getenv("YICI_FORMS");
	if (env && *env)
		return env;
	/* The share folder installed with this binary: PREFIX/bin/yici finds
	 * PREFIX/share/yici/forms even when staged under DESTDIR or moved. */
	snprintf(buf, sizeof buf, "%s/../share/yici/forms", exe_dir);
	if (is_dir(buf) && realpath(buf, real))
		return real;
	if (is_dir(YICI_SHAREDIR "/forms"))
		return YICI_SHAREDIR "/forms";
	snprintf(buf, sizeof buf, "%s/forms", exe_dir);
	if (is_dir(buf))
		return buf;
	snprintf(buf, sizeof buf, "%s/../../forms", exe_dir); /* build/san/yici in the tree */
	return is_dir(buf) && realpath(buf, real) ? real : "forms";
}

static const char *default_localedir(void)
{
	static char buf[PATH_MAX + 64];
	const char *env = getenv("YICI_LOCALEDIR");
	if (env && *env)
		return env;
	snprintf(buf, sizeof buf, "%s/build/locale", exe_dir);
	if (is_dir(buf))
		return buf;
	snprintf(buf, sizeof buf, "%s/../locale", exe_dir); /* build/san/yici */
	if (is_dir(buf))
		return buf;
	/* PREFIX/share/locale beside PREFIX/bin/yici (staged or moved). */
	snprintf(buf, sizeof buf, "%s/../share/locale/zh_CN/LC_MESSAGES/yici.mo", exe_dir);
	if (access(buf, R_OK) == 0) {
		snprintf(buf, sizeof buf, "%s/../share/locale", exe_dir);
		return buf;
	}
	return YICI_LOCALEDIR;
}

static void help(void)
{
	int n;
	const struct command *cmds = cli_commands(&n);
	printf(_("Usage: yici [-d FILE] [--lang zh|en] [--forms DIR] [--no-color]\n"
		 "       yici [-d FILE] COMMAND [OPTIONS]\n"
		 "yici (一次) is the workstation of the work-injury insurance combined-service\n"
		 "window: one form, one window, one visit.  Without a command it opens the\n"
		 "workstation.\n\n"
		 "Options:\n"
		 "  -d, --db FILE     database (default $YICI_DB, else ./yici.db)\n"
		 "      --lang LANG   zh (default) or en; also taken after the command\n"
		 "      --forms DIR   catalog folder (default $YICI_FORMS, else installed,\n"
		 "                    else forms/ beside the binary)\n"
		 "      --no-color    the workstation in monochrome (as NO_COLOR=1 does)\n"
		 "  -h, --help        show this help\n"
		 "  -V, --version     show the version\n\n"
		 "Commands:\n"));
	for (int i = 0; i < n; i++)
		printf("  yici %s\n", _(cmds[i].synopsis));
	printf(_("\nEach command has --help.  Environment: YICI_DB, YICI_FORMS, YICI_LANG,\n"
		 "YICI_NOW (pins the clock, e.g. \"2026-11-28 09:30\"), NO_COLOR (not empty:\n"
		 "the workstation in monochrome).  SIGTERM or SIGHUP ends the workstation at\n"
		 "once, the terminal restored (exit 143, 129).  See yici(1).\n"));
}

/* Takes a global option's value from "--opt=V" or the next argument. */
static const char *opt_value(int argc, char **argv, int *i, const char *name)
{
	size_t n = strlen(name);
	if (!strncmp(argv[*i], name, n) && argv[*i][n] == '=')
		return argv[*i] + n + 1;
	if (*i + 1 < argc)
		return argv[++*i];
	return NULL;
}

static int is_opt(const char *arg, const char *name)
{
	size_t n = strlen(name);
	return !strncmp(arg, name, n) && (arg[n] == '\0' || (name[1] == '-' && arg[n] == '='));
}

int main(int argc, char **argv)
{
	struct cli c = { .prog = "yici" };
	const char *env_db = getenv("YICI_DB");
	c.db_path = env_db && *env_db ? env_db : "yici.db";
	find_exe_dir();
	c.forms_dir = NULL;
	int i = 1, want_help = 0, want_version = 0;
	const char *bad = NULL, *missing = NULL;
	for (; i < argc && argv[i][0] == '-'; i++) {
		const char *a = argv[i], *v;
		if (!strcmp(a, "-h") || !strcmp(a, "--help"))
			want_help = 1;
		else if (!strcmp(a, "-V") || !strcmp(a, "--version"))
			want_version = 1;
		else if (is_opt(a, "-d") || is_opt(a, "--db"))
			(v = opt_value(argc, argv, &i, "--db")) && *v ? (void)(c.db_path = v) : (void)(missing = a);
		else if (is_opt(a, "--lang"))
			(v = opt_value(argc, argv, &i, "--lang")) ? (void)(c.lang = v) : (void)(missing = a);
		else if (!strcmp(a, "--no-color"))
			c.no_color = 1;
		else if (is_opt(a, "--forms"))
			(v = opt_value(argc, argv, &i, "--forms")) && *v ? (void)(c.forms_dir = v) : (void)(missing = a);
		else if (a[1] == 'd' && a[2]) /* -dFILE, as getopt takes it */
			c.db_path = a + 2;
		else if (!strcmp(a, "--")) {
			i++;
			break;
		} else if (!bad)
			bad = a;
	}
	/* --lang is global, but it is also taken after the command
	 * ("yici catalog --lang en"), and removed before the command's own
	 * options are read */
	for (int k = i + 1; k < argc && strcmp(argv[k], "--"); k++) {
		if (!is_opt(argv[k], "--lang"))
			continue;
		int j = k;
		const char *v = opt_value(argc, argv, &j, "--lang");
		if (!v) {
			missing = argv[k];
			break;
		}
		c.lang = v;
		memmove(&argv[k], &argv[j + 1], (size_t)(argc - j) * sizeof *argv);
		argc -= j - k + 1;
		k--;
	}
	i18n_init(c.lang, default_localedir());
	terminal_codeset();
	if (!c.forms_dir)
		c.forms_dir = default_forms();
	if (c.lang && strcmp(c.lang, "zh") && strcmp(c.lang, "en"))
		return cli_usage_error(NULL, _("--lang is zh or en, not '%s'"), c.lang);
	if (missing)
		return cli_usage_error(NULL, _("option '%s' needs a value"), missing);
	if (bad)
		return cli_usage_error(NULL, _("unknown option '%s'"), bad);
	if (want_help) {
		help();
		return EXIT_OK;
	}
	if (want_version) {
		printf("yici %s\n", YICI_VERSION);
		return EXIT_OK;
	}
	struct yerr e;
	yerr_clear(&e);
	if (clock_init(&e) < 0)
		return cli_fail(&e);
	int installed;
	const char *cs = i18n_terminal_codeset(&installed);
	if (i == argc && cs) {
		fprintf(stderr, _("yici: the workstation draws in UTF-8 and this terminal's locale "
				  "is %s: start it under a UTF-8 locale (LANG=zh_CN.UTF-8) with the "
				  "terminal or SSH client set to UTF-8; the commands convert what they "
				  "print\n"), cs);
		return EXIT_USAGE;
	}
	if (i == argc)
		return ui_run(&c);
	int n;
	const struct command *cmds = cli_commands(&n);
	for (int k = 0; k < n; k++)
		if (!strcmp(argv[i], cmds[k].name))
			return c.cmd = cmds[k].name, cmds[k].run(&c, argc - i, argv + i);
	if (!strcmp(argv[i], "help")) {
		/* yici help COMMAND: that command's --help */
		for (int k = 0; i + 1 < argc && k < n; k++)
			if (!strcmp(argv[i + 1], cmds[k].name)) {
				char *av[] = { argv[i + 1], "--help", NULL };
				return cmds[k].run(&c, 2, av);
			}
		if (i + 1 < argc)
			return cli_usage_error(NULL, _("unknown command '%s'"), argv[i + 1]);
		help();
		return EXIT_OK;
	}
	return cli_usage_error(NULL, _("unknown command '%s'"), argv[i]);
}

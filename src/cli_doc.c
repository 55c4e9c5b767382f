/* cli_doc.c — yici doc (the papers of a case as A4 PDF, printed through
 * CUPS), yici doc verify (the text of a document's QR code) and yici
 * deliver (every result ready for one person, one 送达回证).
 * Layer: cli. */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cli.h"
#include "cli_doc.h"
#include "csv_documents.h"
#include "db_application.h"
#include "db_document.h"
#include "db_task.h"
#include "i18n.h"
#include "pdf_document.h"
#include "util_file.h"

extern char **environ;

static void doc_help(const char *cmd)
{
	if (!strcmp(cmd, "deliver"))
		printf(_("Usage: yici deliver CASE_NO --recipient NAME [--id-shown] [--method window|post]\n"
			 "                    [-o FILE] [--print]\n"));
	printf(_("Usage: yici doc CASE_NO KIND [-o FILE] [--print] [--text] [--recipient NAME]\n"
		 "                [--reprint]\n"
		 "       yici doc verify TEXT\n"));
	printf(_("       yici deliver CASE_NO --recipient NAME [--id-shown] [--method window|post]\n"
		 "                    [-o FILE] [--print]\n"
		 "doc writes one A4 PDF of the case's KIND (receipt, deficiency, acceptance,\n"
		 "refusal, suspension, resumption, commitment, service, form) to the notices\n"
		 "folder (config notices_dir) or FILE, with its 文号 (numbered per issuer and\n"
		 "year, kept for reprints) and a QR code; --print sends it to config printer\n"
		 "with lp -o media=A4; --text also shows it on the terminal.  The wording is\n"
		 "forms/documents.csv, the issuers forms/offices.csv.  form shows the full ID\n"
		 "numbers and is recorded as a reveal.\n"
		 "doc verify checks the text of a document's QR code: exit 0 when yici issued\n"
		 "it and it is unchanged, 1 otherwise.\n"
		 "deliver records the delivery of every decided result of the case to NAME\n"
		 "(one event per task) and writes the one 送达回证 listing them.\n"
		 "  -o, --output FILE    the PDF to FILE, not the notices folder\n"
		 "  -d, --db FILE        database\n"
		 "  -h, --help           show this help\n"));
	fputs(_("KIND decision is the decision summary: every item of the case with its\n"
		"office, its decision (or where it stands) and the legal basis in words.\n"
		"--reprint prints the documents of KIND issued before again (补打): the same\n"
		"文号 and date, drawn from their stored text, marked 补打 and recorded as an\n"
		"event (the form is made anew instead).  The window's flows write their papers\n"
		"the same way: apply --submit the receipt with the query code and the\n"
		"acceptance notices (CASE-accepted.pdf) or the one-time notice, refuse the\n"
		"不予受理决定书; they print when config printer is set.\n"), stdout);
}

static int make_dirs(const char *path, struct yerr *e)
{
	char *p = xstrdup(path);
	for (char *s = p + 1; *s; s++) {
		if (*s != '/')
			continue;
		*s = '\0';
		if (mkdir(p, 0750) < 0 && errno != EEXIST) {
			yerr_set(e, YERR_IO, _("cannot create folder '%s': %s"), p, strerror(errno));
			free(p);
			return -1;
		}
		*s = '/';
	}
	free(p);
	return 0;
}

/* ==== the printer and the text notices ==== */

/* lp -d PRINTER -o media=A4 -- FILE: the one way a paper reaches CUPS,
 * for the A4 PDFs and the text notices alike.  lp's output is discarded
 * (the screen may be curses); a failure is said in e. */
static int lp_print(const char *printer, const char *file, struct yerr *e)
{
	posix_spawn_file_actions_t fa;
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
	posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
	posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0);
	char *argv[] = { "lp", "-d", (char *)printer, "-o", "media=A4", "--", (char *)file, NULL };
	pid_t pid;
	int rc = posix_spawnp(&pid, "lp", &fa, NULL, argv, environ), st = 0;
	posix_spawn_file_actions_destroy(&fa);
	if (rc != 0)
		return yerr_set(e, YERR_IO, _("not printed: cannot run lp (%s)"), strerror(rc));
	while (waitpid(pid, &st, 0) < 0 && errno == EINTR)
		;
	if (!WIFEXITED(st) || WEXITSTATUS(st) != 0)
		return yerr_set(e, YERR_IO, _("not printed: lp -d %s failed"), printer);
	return 0;
}

int notice_output(struct db *d, const char *case_ref, const char *kind, const char *text,
		  int print, char **path, char *warn, size_t nwarn, struct yerr *e)
{
	if (warn && nwarn)
		warn[0] = '\0';
	*path = db_application_notice_path(d, case_ref, kind);
	/* a notice another clerk may print again: 0660 in a shared folder */
	if (file_replace(*path, text, FILE_MODE_GROUP_WRITE, e) < 0)
		return -1;
	char *printer = print ? db_config_get(d, "printer") : NULL;
	if (printer && *printer) {
		struct yerr pe;
		yerr_clear(&pe);
		if (lp_print(printer, *path, &pe) < 0 && warn && nwarn)
			snprintf(warn, nwarn, "%s", pe.msg);
	}
	free(printer);
	return 0;
}

/* ==== the papers of the window's flows (cli_doc.h) ==== */

int papers_issue(struct db *d, const struct catalog *c, const char *forms_dir,
		 const struct actor *a, const char *case_no, const enum doc_kind *kinds,
		 int nkinds, const struct doc_request *rq, struct document **docs, int *n,
		 struct yerr *e)
{
	*docs = NULL;
	*n = 0;
	struct doc_forms f;
	doc_forms_init(&f);
	if (doc_forms_load(forms_dir, &f, e) < 0) {
		doc_forms_release(&f);
		return -1;
	}
	int rc = db_begin(d, e);
	for (int k = 0; rc == 0 && k < nkinds; k++) {
		struct doc_request one = *rq;
		one.kind = kinds[k];
		struct document *got = NULL;
		int ng = 0;
		rc = db_document_issue(d, c, &f, a, case_no, &one, &got, &ng, e);
		if (rc == 0 && ng > 0) { /* a kind may call for nothing yet (all in review) */
			*docs = xrealloc(*docs, (size_t)(*n + ng) * sizeof **docs);
			memcpy(*docs + *n, got, (size_t)ng * sizeof *got);
			*n += ng;
			free(got);
		}
	}
	if (rc == 0)
		rc = db_commit(d, e);
	else if (d)
		db_rollback(d);
	doc_forms_release(&f);
	if (rc < 0) {
		documents_free(*docs, *n);
		*docs = NULL;
		*n = 0;
	}
	return rc;
}

/* Writes the PDF beside its final name, then renames it over that name. */
static int write_pdf(const char *path, const struct document *docs, int n, struct yerr *e)
{
	char *tmp = xasprintf("%s.tmp", path);
	int rc = pdf_write(tmp, docs, n, e);
	if (rc == 0 && (chmod(tmp, FILE_MODE_GROUP_WRITE) < 0 || rename(tmp, path) < 0))
		rc = yerr_set(e, YERR_IO, _("cannot write '%s': %s"), path, strerror(errno));
	if (rc < 0)
		unlink(tmp);
	free(tmp);
	return rc;
}

/* The query code leaves the file once the paper is printed: the copy kept
 * in the notices folder masks it again, as the database's copy does. */
static void mask_secret(struct document *docs, int n)
{
	for (int i = 0; i < n; i++) {
		if (!*docs[i].secret)
			continue;
		for (int j = 0; j < docs[i].nlines; j++) {
			char *t = docs[i].lines[j].text, *at = strstr(t, docs[i].secret);
			if (!at)
				continue;
			char *m = xasprintf("%.*s%s%s", (int)(at - t), t, DOC_QCODE_MASK,
					    at + strlen(docs[i].secret));
			free(t);
			docs[i].lines[j].text = m;
		}
		docs[i].secret[0] = '\0';
	}
}

int papers_output(struct db *d, const char *file, const char *case_no, const char *name,
		  const struct document *docs, int n, int print, char **path, int *printed,
		  char *warn, size_t nwarn, struct yerr *e)
{
	if (warn && nwarn)
		warn[0] = '\0';
	if (printed)
		*printed = 0;
	*path = file ? xstrdup(file) : db_document_path(d, case_no, name);
	if (make_dirs(*path, e) < 0 || write_pdf(*path, docs, n, e) < 0)
		return -1;
	if (!print)
		return 0;
	char *printer = db_config_get(d, "printer");
	struct yerr pe;
	yerr_clear(&pe);
	if (!printer || !*printer) {
		if (print > 0)
			snprintf(warn, nwarn, "%s", _("not printed: no printer (yici config printer NAME)"));
	} else if (lp_print(printer, *path, &pe) < 0) {
		snprintf(warn, nwarn, "%s", pe.msg);
	} else {
		if (printed)
			*printed = 1;
		int secret = 0;
		for (int i = 0; i < n; i++)
			secret |= docs[i].secret[0] != 0;
		if (secret) {
			struct document *copy = xmalloc((size_t)n * sizeof *copy);
			for (int i = 0; i < n; i++) {
				copy[i] = docs[i];
				copy[i].lines = xmalloc((size_t)(docs[i].nlines ? docs[i].nlines : 1) *
							sizeof *copy[i].lines);
				for (int j = 0; j < docs[i].nlines; j++) {
					copy[i].lines[j].type = docs[i].lines[j].type;
					copy[i].lines[j].text = xstrdup(docs[i].lines[j].text);
				}
			}
			mask_secret(copy, n);
			if (write_pdf(*path, copy, n, &pe) < 0)
				snprintf(warn, nwarn, "%s", pe.msg);
			for (int i = 0; i < n; i++)
				document_release(&copy[i]);
			free(copy);
		}
	}
	free(printer);
	return 0;
}

int papers_window(struct db *d, const struct catalog *c, const char *forms_dir,
		  const struct actor *a, const char *case_no, const enum doc_kind *kinds,
		  int nkinds, const struct doc_request *rq, const char *name, char **path,
		  char **what, char *warn, size_t nwarn, struct yerr *e)
{
	*path = *what = NULL;
	struct document *docs = NULL;
	int n = 0;
	if (papers_issue(d, c, forms_dir, a, case_no, kinds, nkinds, rq, &docs, &n, e) < 0)
		return -1;
	int rc = papers_output(d, NULL, docs[0].case_no, name, docs, n, -1, path, NULL, warn,
			       nwarn, e);
	if (rc == 0)
		*what = n > 1 ? xasprintf(_("%s %s and %d more"), docs[0].title, docs[0].doc_no, n - 1)
			      : xasprintf("%s %s", docs[0].title, docs[0].doc_no);
	documents_free(docs, n);
	return rc;
}

struct doc_opts {
	struct cli cc;
	const char *out, *recipient, *method;
	int print, text, id_shown, reprint;
};

/* Writes (and prints) the documents; prints what was issued and where. */
static int output(struct db *d, const struct doc_opts *o, const char *case_no,
		  const char *kind, struct document *docs, int n)
{
	struct yerr e;
	yerr_clear(&e);
	for (int i = 0; i < n; i++) {
		printf("%s%s %s\n", docs[i].reprint ? "（" DOC_REPRINT_MARK "）" : "", docs[i].title,
		       docs[i].doc_no);
		if (o->text) {
			char *t = document_text(&docs[i]);
			fputs(t, stdout);
			free(t);
		}
	}
	char *path = NULL, warn[256];
	int printed = 0, rc = EXIT_OK;
	if (papers_output(d, o->out, case_no, kind, docs, n, o->print, &path, &printed, warn,
			  sizeof warn, &e) < 0) {
		rc = cli_fail(&e);
	} else {
		printf(_("document: %s\n"), path);
		if (printed) {
			char *printer = db_config_get(d, "printer");
			printf(_("printed on %s\n"), printer ? printer : "");
			free(printer);
		} else if (*warn) {
			yerr_set(&e, YERR_IO, "%s", warn);
			rc = cli_fail(&e);
		}
	}
	free(path);
	return rc;
}

static int parse(int argc, char **argv, const char *cmd, struct doc_opts *o)
{
	const struct option opts[] = {
		{ "db", required_argument, NULL, 'd' }, { "output", required_argument, NULL, 'o' },
		{ "print", no_argument, NULL, 'p' }, { "text", no_argument, NULL, 't' },
		{ "recipient", required_argument, NULL, 'r' },
		{ "method", required_argument, NULL, 'm' }, { "id-shown", no_argument, NULL, 'i' },
		{ "reprint", no_argument, NULL, 'R' },
		{ "help", no_argument, NULL, 'h' }, { NULL, 0, NULL, 0 },
	};
	int opt;
	optind = 1;
	opterr = 0;
	while ((opt = getopt_long(argc, argv, ":d:o:h", opts, NULL)) != -1) {
		switch (opt) {
		case 'h': doc_help(cmd); return -1;
		case 'd': o->cc.db_path = optarg; break;
		case 'o': o->out = optarg; break;
		case 'p': o->print = 1; break;
		case 't': o->text = 1; break;
		case 'r': o->recipient = optarg; break;
		case 'm': o->method = optarg; break;
		case 'i': o->id_shown = 1; break;
		case 'R': o->reprint = 1; break;
		case ':': return cli_usage_error(cmd, _("option '%s' needs a value"), argv[optind - 1]);
		default: return cli_usage_error(cmd, _("unknown option '%s'"), argv[optind - 1]);
		}
	}
	return 0;
}

static int verify(struct doc_opts *o, const char *text)
{
	struct staff me;
	struct actor a;
	struct db *d = cli_open(&o->cc, DB_OPEN_RO, &me, &a);
	if (!d)
		return EXIT_FAIL;
	struct yerr e;
	yerr_clear(&e);
	char line[512];
	int rc = db_document_verify(d, text, line, sizeof line, &e);
	db_close(d);
	if (rc < 0)
		return cli_fail(&e);
	printf("%s\n", line);
	return rc == 0 ? EXIT_OK : EXIT_FAIL;
}

/* Opens the database read-write with the catalog and the wording. */
static struct db *open_all(struct doc_opts *o, struct actor *a, struct catalog *cat,
			   struct doc_forms *f)
{
	struct staff me;
	struct yerr e;
	yerr_clear(&e);
	doc_forms_init(f);
	if (doc_forms_load(o->cc.forms_dir, f, &e) < 0) {
		cli_fail(&e);
		return NULL;
	}
	struct db *d = cli_open(&o->cc, DB_OPEN_RW, &me, a);
	if (!d) {
		doc_forms_release(f);
		return NULL;
	}
	if (cli_catalog(d, cat) < 0) {
		db_close(d);
		doc_forms_release(f);
		return NULL;
	}
	return d;
}

int cmd_doc(const struct cli *c, int argc, char **argv)
{
	struct doc_opts o = { .cc = *c };
	int rc = parse(argc, argv, "doc", &o);
	if (rc)
		return rc < 0 ? EXIT_OK : rc;
	if (optind < argc && !strcmp(argv[optind], "verify")) {
		if (optind + 2 != argc)
			return cli_usage_error("doc", _("doc verify takes the text of one QR code"));
		return verify(&o, argv[optind + 1]);
	}
	if (optind + 2 != argc)
		return cli_usage_error("doc", _("doc takes CASE_NO and KIND"));
	const char *case_no = argv[optind], *kind = argv[optind + 1];
	struct doc_request rq = { .recipient = o.recipient, .method = o.method,
				  .reprint = o.reprint };
	if (doc_kind_parse(kind, &rq.kind) < 0)
		return cli_usage_error("doc", _("KIND is one of %s, not '%s'"), doc_kind_list(), kind);
	struct actor a;
	struct catalog cat;
	struct doc_forms f;
	struct db *d = open_all(&o, &a, &cat, &f);
	if (!d)
		return EXIT_FAIL;
	struct yerr e;
	yerr_clear(&e);
	struct document *docs = NULL;
	int n = 0;
	if (db_document_issue(d, &cat, &f, &a, case_no, &rq, &docs, &n, &e) < 0)
		rc = cli_fail(&e);
	else if (n == 0) { /* acceptance: every item still in its office's review */
		yerr_set(&e, YERR_STATE, _("case %s: every item is still in its office's acceptance "
					   "review (受理审核): the office's acceptance (yici task "
					   "accept) issues the notice"), case_no);
		rc = cli_fail(&e);
	}
	else
		rc = output(d, &o, docs[0].case_no, kind, docs, n);
	documents_free(docs, n);
	catalog_release(&cat);
	doc_forms_release(&f);
	db_close(d);
	return rc;
}

int cmd_deliver(const struct cli *c, int argc, char **argv)
{
	struct doc_opts o = { .cc = *c };
	int rc = parse(argc, argv, "deliver", &o);
	if (rc)
		return rc < 0 ? EXIT_OK : rc;
	if (optind + 1 != argc)
		return cli_usage_error("deliver", _("deliver takes one CASE_NO"));
	if (!o.recipient || !*o.recipient)
		return cli_usage_error("deliver", _("deliver needs --recipient NAME (who signs)"));
	const char *method = o.method ? o.method : "window", *case_no = argv[optind];
	struct actor a;
	struct catalog cat;
	struct doc_forms f;
	struct db *d = open_all(&o, &a, &cat, &f);
	if (!d)
		return EXIT_FAIL;
	struct yerr e;
	yerr_clear(&e);
	int64_t ids[64];
	struct document *docs = NULL;
	int n = 0, nt = 0;
	char who[160];
	snprintf(who, sizeof who, "%s%s", o.recipient, o.id_shown ? "（已核验身份证件）" : "");
	if (db_begin(d, &e) < 0) {
		rc = cli_fail(&e);
		goto out;
	}
	nt = db_document_ready(d, case_no, ids, 64, &e);
	if (nt == 0)
		yerr_set(&e, YERR_STATE, _("case %s has no result ready for delivery"), case_no);
	int ok = nt > 0;
	for (int i = 0; ok && i < nt; i++)
		ok = db_task_deliver(d, &a, ids[i], method, who, NULL, 0, &e) == 0;
	struct doc_request rq = { .kind = DK_SERVICE, .recipient = who, .method = method,
				  .tasks = ids, .ntasks = nt };
	if (ok)
		ok = db_document_issue(d, &cat, &f, &a, case_no, &rq, &docs, &n, &e) == 0;
	if (ok)
		ok = db_commit(d, &e) == 0;
	else
		db_rollback(d);
	if (!ok) {
		rc = cli_fail(&e);
		goto out;
	}
	printf(_("delivered %d results of %s to %s\n"), nt, docs[0].case_no, o.recipient);
	rc = output(d, &o, docs[0].case_no, "service", docs, n);
out:
	documents_free(docs, n);
	catalog_release(&cat);
	doc_forms_release(&f);
	db_close(d);
	return rc;
}

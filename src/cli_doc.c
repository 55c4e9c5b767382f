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
#include "csv_documents.h"
#include "db_document.h"
#include "db_task.h"
#include "i18n.h"
#include "pdf_document.h"

extern char **environ;

static void doc_help(const char *cmd)
{
	if (!strcmp(cmd, "deliver"))
		printf(_("Usage: yici deliver CASE_NO --recipient NAME [--id-shown] [--method window|post]\n"
			 "                    [-o FILE] [--print]\n"));
	printf(_("Usage: yici doc CASE_NO KIND [-o FILE] [--print] [--text] [--recipient NAME]\n"
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
		 "  -d, --db FILE        database\n"
		 "  -h, --help           show this help\n"));
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

/* lp -d PRINTER -o media=A4 -- FILE; lp's own words are kept for the clerk. */
static int print_pdf(const char *printer, const char *file, struct yerr *e)
{
	posix_spawn_file_actions_t fa;
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
	posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
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

struct doc_opts {
	struct cli cc;
	const char *out, *recipient, *method;
	int print, text, id_shown;
};

/* Writes (and prints) the documents; prints what was issued and where. */
static int output(struct db *d, const struct doc_opts *o, const char *case_no,
		  const char *kind, struct document *docs, int n)
{
	struct yerr e;
	yerr_clear(&e);
	char *path = o->out ? xstrdup(o->out) : db_document_path(d, case_no, kind);
	int rc = EXIT_OK;
	if (make_dirs(path, &e) < 0 || pdf_write(path, docs, n, &e) < 0) {
		rc = cli_fail(&e);
		goto out;
	}
	chmod(path, 0640);
	for (int i = 0; i < n; i++) {
		printf("%s %s\n", docs[i].title, docs[i].doc_no);
		if (o->text) {
			char *t = document_text(&docs[i]);
			fputs(t, stdout);
			free(t);
		}
	}
	printf(_("document: %s\n"), path);
	if (o->print) {
		char *printer = db_config_get(d, "printer");
		if (!printer || !*printer) {
			yerr_set(&e, YERR_INPUT, _("not printed: no printer (yici config printer NAME)"));
			rc = cli_fail(&e);
		} else if (print_pdf(printer, path, &e) < 0)
			rc = cli_fail(&e);
		else
			printf(_("printed on %s\n"), printer);
		free(printer);
	}
out:
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
	struct doc_request rq = { .recipient = o.recipient, .method = o.method };
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

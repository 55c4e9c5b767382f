/* cli.c — what every command shares: messages, opening the database,
 * identity.  Layer: cli. */
#include "cli.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "db_audit.h"
#include "db_catalog.h"
#include "core_validate.h"
#include "i18n.h"

/* Who cli_open identified, so that cli_fail can record a refusal. */
static struct {
	int set;
	char path[4096], login[64], action[48];
} refusal;

int cli_fail(const struct yerr *e)
{
	/* a message may quote what was typed or stored: never raw to the terminal */
	fprintf(stderr, "yici: %s\n", e->msg[0] ? text_safe(e->msg) : _("failed"));
	if (refusal.set && (e->code == YERR_DENIED || e->code == YERR_STATE) &&
	    db_denied_count() == 0)
		db_denied_record_path(refusal.path, refusal.login, refusal.action, e->msg);
	return EXIT_FAIL;
}

/* The synopsis of cmd (msgid), or of yici itself for NULL. */
static const char *synopsis(const char *cmd)
{
	int n;
	const struct command *cmds = cli_commands(&n);
	if (!cmd)
		return "[-d FILE] [--lang zh|en] [--forms DIR] [COMMAND [OPTIONS]]";
	for (int i = 0; i < n; i++)
		if (!strcmp(cmds[i].name, cmd))
			return _(cmds[i].synopsis);
	return NULL;
}

int cli_usage_error(const char *cmd, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fprintf(stderr, "yici%s%s: ", cmd ? " " : "", cmd ? cmd : "");
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\n");
	const char *syn = synopsis(cmd);
	if (syn)
		fprintf(stderr, _("Usage: yici %s\n"), syn);
	fprintf(stderr, _("Try 'yici%s%s --help'.\n"), cmd ? " " : "", cmd ? cmd : "");
	return EXIT_USAGE;
}

static int add_category(const char *code, void *arg)
{
	enum category cat;
	if (category_parse(code, &cat) == 0)
		*(unsigned *)arg |= 1u << cat;
	return 0;
}

static int open_error; /* the yerr code of the last cli_open that failed */

int cli_open_error(void) { return open_error; }

struct db *cli_open(const struct cli *c, int flags, struct staff *me, struct actor *actor)
{
	struct yerr e;
	yerr_clear(&e);
	open_error = YERR_NONE;
	struct db *d = db_open(c->db_path, flags, &e);
	if (!d) {
		open_error = e.code;
		cli_fail(&e);
		return NULL;
	}
	const char *login = db_login();
	actor->login = login;
	actor->role = ROLE_NONE;
	actor->cats = 0;
	int rc = db_staff_get(d, login, me, &e);
	if (rc < 0) {
		open_error = e.code;
		cli_fail(&e);
		db_close(d);
		return NULL;
	}
	refusal.set = 1;
	snprintf(refusal.path, sizeof refusal.path, "%s", c->db_path ? c->db_path : "");
	snprintf(refusal.login, sizeof refusal.login, "%s", login);
	snprintf(refusal.action, sizeof refusal.action, "%s", c->cmd ? c->cmd : "workstation");
	if (rc == 0 && me->active) {
		role_parse(me->role, &actor->role);
		list_each(me->categories, ";", add_category, &actor->cats);
	} else {
		memset(me, 0, sizeof *me);
		snprintf(me->login, sizeof me->login, "%s", login);
	}
	return d;
}

int cli_catalog(struct db *d, struct catalog *cat)
{
	struct yerr e;
	yerr_clear(&e);
	catalog_init(cat);
	if (db_catalog_load(d, cat, &e) < 0) {
		cli_fail(&e);
		catalog_release(cat);
		return -1;
	}
	return 0;
}

struct db *cli_open_for(const struct cli *c, int flags, int perm, const char *what,
			struct staff *me, struct actor *actor)
{
	struct db *d = cli_open(c, flags, me, actor);
	if (!d)
		return NULL;
	struct yerr e;
	yerr_clear(&e);
	if (perm >= 0 && perm_check(actor, (enum action)perm, -1, &e) < 0) {
		db_denied_record(d, actor->login, what ? what : c->cmd ? c->cmd : "workstation", 0,
				 e.msg);
		cli_fail(&e);
		db_close(d);
		return NULL;
	}
	return d;
}

static const struct command *command_of(const char *name);

struct db *cli_open_command(const struct cli *c, struct staff *me, struct actor *actor)
{
	const struct command *k = c->cmd ? command_of(c->cmd) : NULL;
	int flags = k && k->open == CMD_OPEN_RW ? DB_OPEN_RW : DB_OPEN_RO;
	return cli_open_for(c, flags, k ? k->perm : ACT_READ, NULL, me, actor);
}

struct db *cli_open_reader(const struct cli *c, struct staff *me, struct actor *actor,
			   struct catalog *cat)
{
	struct db *d = cli_open_command(c, me, actor);
	if (!d)
		return NULL;
	if (cli_catalog(d, cat) < 0) {
		db_close(d);
		return NULL;
	}
	return d;
}

/* The commands, with how each opens the database and the permission it
 * needs first (CMD_OPEN_SELF, -1: the command decides per subcommand). */
static const struct command commands[] = {
	{ "init", cmd_init, N_("init [-d FILE] [--region CODE] [--demo N] [--seed S]"),
	  CMD_OPEN_SELF, -1 },
	{ "catalog", cmd_catalog, N_("catalog [--check | --upgrade]"),
	  CMD_OPEN_SELF, -1 },
	{ "config", cmd_config, N_("config [KEY [VALUE]]"),
	  CMD_OPEN_SELF, -1 },
	{ "staff", cmd_staff,
	  N_("staff add LOGIN --name NAME --role ROLE [--category CAT] [--window N] | "
	     "staff list | staff disable LOGIN"),
	  CMD_OPEN_SELF, -1 },
	{ "verify", cmd_verify, N_("verify [-d FILE] [--anchor HASH|BATCH] [--pubkey FILE] [--log]"),
	  CMD_OPEN_SELF, -1 },
	{ "key", cmd_key, N_("key init|show"),
	  CMD_OPEN_SELF, -1 },
	{ "backup", cmd_backup, N_("backup [-d FILE] COPY"),
	  CMD_OPEN_SELF, -1 },
	{ "reveal", cmd_reveal, N_("reveal [-d FILE] CASE_NO [--worker | --applicant]"),
	  CMD_OPEN_SELF, -1 },
	{ "queue", cmd_queue, N_("queue [--category admin|appraisal|agency] [--overdue] [--mine] [--state S] [--limit N] [--format table|csv]"),
	  CMD_OPEN_RO, ACT_READ },
	{ "task", cmd_task, N_("task take|assign|review|decide|countersign|suspend|resume|extend|deliver|reappraise|accept|reject|request|show|calc CASE_NO ITEM [OPTIONS]"),
	  CMD_OPEN_SELF, ACT_READ },
	{ "report", cmd_report, N_("report --from DATE --to DATE [--format table|csv]"),
	  CMD_OPEN_RO, ACT_READ },
	{ "apply", cmd_apply, N_("apply [--case REF] [--field KEY=VALUE]... [--items LIST] [--material CODE=STATUS]... [--check | --submit]"),
	  CMD_OPEN_SELF, -1 },
	{ "supplement", cmd_supplement, N_("supplement CASE_NO [--material CODE=STATUS]... [--accept] | --extend --reason TEXT | --withdraw"),
	  CMD_OPEN_SELF, -1 },
	{ "refuse", cmd_refuse, N_("refuse CASE_NO --reason TEXT"),
	  CMD_OPEN_SELF, -1 },
	{ "doc", cmd_doc, N_("doc CASE_NO KIND [-o FILE] [--print] | doc verify TEXT"),
	  CMD_OPEN_SELF, -1 },
	{ "deliver", cmd_deliver, N_("deliver CASE_NO --recipient NAME [--id-shown] [--method window|post]"),
	  CMD_OPEN_SELF, -1 },
	{ "notice", cmd_notice, N_("notice CASE_NO [--kind KIND]"),
	  CMD_OPEN_SELF, -1 },
	{ "intake", cmd_intake, N_("intake [--limit N] [--format table|csv]"),
	  CMD_OPEN_SELF, -1 },
	{ "export", cmd_export, N_("export -o DIR [--since last|TIMESTAMP | --all] [--encoding utf-8|gb18030] [--bom] [--for excel]"),
	  CMD_OPEN_SELF, -1 },
	{ "sync", cmd_sync, N_("sync -o DIR [--every SECONDS] [-v]"),
	  CMD_OPEN_SELF, -1 },
	{ "import", cmd_import, N_("import [--encoding utf-8|gbk|gb18030] [--strict] [--dry-run] [--done DIR] PATH"),
	  CMD_OPEN_SELF, -1 },
	{ "case", cmd_case, N_("case show CASE_NO | case list [--state S] [--kind K] [--channel C] [--from DATE] [--to DATE] [--limit N] [--format table|csv] | case find TEXT | case reindex"),
	  CMD_OPEN_SELF, -1 },
	{ "outbox", cmd_outbox, N_("outbox [--state queued|exported] [--limit N] [--format table|csv]"),
	  CMD_OPEN_SELF, -1 },
	{ "commit", cmd_commit, N_("commit CASE_NO MATERIAL --method online|onsite|authority [--item CODE] [--due DATE] [--note TEXT]"),
	  CMD_OPEN_SELF, -1 },
	{ "verify-commitment", cmd_verify_commitment, N_("verify-commitment CASE_NO MATERIAL --outcome confirmed|false [--note TEXT]"),
	  CMD_OPEN_SELF, -1 },
	{ "recovery", cmd_recovery, N_("recovery [--all] [CASE_NO] | recovery close CASE_NO ITEM --outcome recovered|referred [--voucher TEXT] [--amount YUAN] [--note TEXT]"),
	  CMD_OPEN_SELF, -1 },
	{ "evaluate", cmd_evaluate, N_("evaluate CASE_NO --rating 1..5 [--channel pad|sms|online] | --followed-up [--comment TEXT]"),
	  CMD_OPEN_SELF, -1 },
};

static const struct command *command_of(const char *name)
{
	for (size_t i = 0; i < ARRAY_SIZE(commands); i++)
		if (!strcmp(commands[i].name, name))
			return &commands[i];
	return NULL;
}

const struct command *cli_commands(int *n)
{
	*n = (int)ARRAY_SIZE(commands);
	return commands;
}

/* cli.h — the command-line face: every command the workstation offers, for
 * scripts, cron and tests.  Layer: cli (no curses; calls core and db).
 * Exit status: 0 done, 1 failed (message on stderr), 2 usage error. */
#ifndef YICI_CLI_H
#define YICI_CLI_H

#include "core_catalog.h"
#include "core_perm.h"
#include "db.h"

enum { EXIT_OK = 0, EXIT_FAIL = 1, EXIT_USAGE = 2 };

/* Global options, resolved once by main. */
struct cli {
	const char *db_path;     /* -d, $YICI_DB, ./yici.db */
	const char *forms_dir;   /* --forms, $YICI_FORMS, installed, beside the binary */
	const char *lang;        /* --lang */
	const char *prog;        /* "yici" */
	const char *cmd;         /* the command run (NULL: the workstation), for 'denied' */
	int no_color;            /* --no-color (NO_COLOR in the environment does the same) */
};

/* Prints "yici: msg" to stderr; returns EXIT_FAIL.  A refusal by role or
 * state (YERR_DENIED, YERR_STATE) after cli_open identified the user is
 * also recorded in 'denied' as the command, unless the command recorded
 * it itself (db_denied_record). */
int cli_fail(const struct yerr *e);
/* Prints "yici CMD: msg", the usage line of CMD (of yici for NULL) and
 * "Try 'yici CMD --help'."; returns EXIT_USAGE. */
int cli_usage_error(const char *cmd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Opens the database and identifies the user; fills actor (role NONE for
 * an unknown login).  Returns NULL after printing the reason. */
struct db *cli_open(const struct cli *c, int flags, struct staff *me, struct actor *actor);
/* The yerr code (YERR_BUSY, YERR_IO ...) of the last cli_open that
 * failed, YERR_NONE after one that succeeded. */
int cli_open_error(void);

/* Opens with flags (DB_OPEN_RO/RW), identifies the user and checks perm
 * (an enum action, or -1 for none); a refusal is printed and recorded in
 * 'denied' as `what` (e.g. "task show"; NULL: the command).  NULL when it
 * failed.  The one place where a command's opening is checked. */
struct db *cli_open_for(const struct cli *c, int flags, int perm, const char *what,
			struct staff *me, struct actor *actor);
/* cli_open_for with the open mode and permission of c->cmd's row in the
 * command table (CMD_OPEN_SELF opens read-only). */
struct db *cli_open_command(const struct cli *c, struct staff *me, struct actor *actor);

/* Loads the catalog from the database; prints and returns -1 on error. */
int cli_catalog(struct db *d, struct catalog *cat);

/* What every read-only report starts with: cli_open read-only, the read
 * permission checked and the catalog loaded; NULL (printed) on failure. */
struct db *cli_open_reader(const struct cli *c, struct staff *me, struct actor *actor,
			   struct catalog *cat);

/* The commands.  argv[0] is the command name. */
int cmd_init(const struct cli *c, int argc, char **argv);
int cmd_catalog(const struct cli *c, int argc, char **argv);
int cmd_config(const struct cli *c, int argc, char **argv);
int cmd_staff(const struct cli *c, int argc, char **argv);
int cmd_verify(const struct cli *c, int argc, char **argv);
int cmd_key(const struct cli *c, int argc, char **argv);
/* The signing key's path for d (config signing_key, else next to the
 * database); malloc'd. */
char *cli_key_path(struct db *d, const char *db_path);
int cmd_backup(const struct cli *c, int argc, char **argv);
int cmd_reveal(const struct cli *c, int argc, char **argv);
int cmd_queue(const struct cli *c, int argc, char **argv);
int cmd_task(const struct cli *c, int argc, char **argv);
int cmd_report(const struct cli *c, int argc, char **argv);
int cmd_apply(const struct cli *c, int argc, char **argv);
int cmd_supplement(const struct cli *c, int argc, char **argv);
int cmd_refuse(const struct cli *c, int argc, char **argv);
int cmd_notice(const struct cli *c, int argc, char **argv);
int cmd_intake(const struct cli *c, int argc, char **argv);
int cmd_export(const struct cli *c, int argc, char **argv);
int cmd_import(const struct cli *c, int argc, char **argv);
int cmd_sync(const struct cli *c, int argc, char **argv);
int cmd_case(const struct cli *c, int argc, char **argv);
int cmd_outbox(const struct cli *c, int argc, char **argv);
int cmd_commit(const struct cli *c, int argc, char **argv);
int cmd_verify_commitment(const struct cli *c, int argc, char **argv);
int cmd_evaluate(const struct cli *c, int argc, char **argv);
int cmd_doc(const struct cli *c, int argc, char **argv);
int cmd_deliver(const struct cli *c, int argc, char **argv);
int cmd_recovery(const struct cli *c, int argc, char **argv);

/* How a command opens the database, as data (tmux's cmd_entry flags are
 * the model): cli_open_command reads it, so opening, the permission check
 * and the record of a refusal are in one place. */
enum cmd_open {
	CMD_OPEN_SELF,           /* the command opens (and checks) itself, per subcommand
	                            or option (init creates the file; task takes the mode
	                            and permission of its action from core_task's table) */
	CMD_OPEN_RO,             /* read-only: no write lock, a reader beside a writer */
	CMD_OPEN_RW,             /* for writing */
};
struct command {
	const char *name;
	int (*run)(const struct cli *c, int argc, char **argv);
	const char *synopsis;    /* msgid */
	enum cmd_open open;
	int perm;                /* enum action checked on opening; -1 = the command
	                            checks per subcommand */
};
/* The table main dispatches from (the workstation itself is not in it). */
const struct command *cli_commands(int *n);

#endif

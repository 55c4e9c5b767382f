/* db_config.c — the service center's settings, kept in the database
 * (yici config).  Layer: db. */
#include "db.h"

#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "core_validate.h"
#include "db_internal.h"
#include "db_staff.h"
#include "i18n.h"

static int check_region(const char *v, struct yerr *e)
{
	if (strlen(v) != 6 || strspn(v, "0123456789") != 6 ||
	    !region_province_valid((v[0] - '0') * 10 + (v[1] - '0')))
		return yerr_set(e, YERR_INPUT,
				_("region code must be 6 digits of GB/T 2260 (e.g. 340102), got '%s'"),
				v);
	return 0;
}

static int check_nonempty(const char *v, struct yerr *e)
{
	if (!*v)
		return yerr_set(e, YERR_INPUT, _("value must not be empty"));
	return 0;
}

static int check_any(const char *v, struct yerr *e)
{
	(void)v;
	(void)e;
	return 0;
}

/* A non-negative integer, or empty for "use the catalog's value". */
static int check_count(const char *v, struct yerr *e)
{
	if (!*v)
		return 0;
	char *end;
	errno = 0;
	long n = strtol(v, &end, 10);
	if (*end || end == v || n < 0 || n > 100000000 || !isdigit((unsigned char)*v))
		return yerr_set(e, YERR_INPUT, _("'%s' is not a whole number"), v);
	return 0;
}

/* One window number at *p (1 to 999); advances p, 0 when there is none. */
static long window_no(const char **p)
{
	long n = 0;
	int k = 0;
	while (isdigit((unsigned char)**p) && k++ < 4)
		n = n * 10 + (*(*p)++ - '0');
	return k && k <= 3 ? n : 0;
}

/* Window numbers: "1-4,7": numbers from 1, ranges low to high. */
static int check_windows(const char *v, struct yerr *e)
{
	const char *p = v;
	for (;;) {
		long lo = window_no(&p), hi = lo;
		if (*p == '-') {
			p++;
			hi = window_no(&p);
		}
		if (lo < 1 || hi < lo)
			break;
		if (*p == '\0')
			return 0;
		if (*p++ != ',')
			break;
	}
	return yerr_set(e, YERR_INPUT, _("window numbers look like '1-4,7', got '%s'"), v);
}

static int check_encoding(const char *v, struct yerr *e)
{
	if (strcmp(v, "utf-8") && strcmp(v, "gbk") && strcmp(v, "gb18030"))
		return yerr_set(e, YERR_INPUT, _("encoding must be utf-8, gbk or gb18030, got '%s'"), v);
	return 0;
}

static const struct config_key keys[] = {
	{ "region_code", "340102", N_("region code of the service center (GB/T 2260, 6 digits)"),
	  check_region },
	{ "region_name", "合肥市瑶海区", N_("region name printed on notices"), check_nonempty },
	{ "center_name", "合肥市瑶海区政务服务中心", N_("service center name printed on notices"),
	  check_nonempty },
	{ "windows", "1-8", N_("window numbers of the combined-service counter, e.g. 1-4,7"),
	  check_windows },
	{ "notices_dir", "notices", N_("folder where printed notices are written"), check_nonempty },
	{ "printer", "", N_("lp destination for notices; empty: do not print"), check_any },
	{ "yellow_days", "", N_("days left at which a task turns yellow; empty: forms/rules.csv"),
	  check_count },
	{ "red_days", "0", N_("days overdue after which a task turns red (0: as soon as overdue)"),
	  check_count },
	{ "avg_wage_month", "", N_("regional average monthly wage in yuan; empty: forms/rates.csv"),
	  check_count },
	{ "review_above_yuan", "50000",
	  N_("an approval above this many yuan needs a second officer's countersignature"),
	  check_count },
	{ "query_hint", "12333", N_("how applicants query progress, printed on notices"),
	  check_nonempty },
	{ "import_encoding", "utf-8", N_("default encoding of imported files"), check_encoding },
	{ "signing_key", "", N_("the center's Ed25519 key file (yici key init); empty: "
				"yici-signing.key next to the database"), check_any },
	{ "signing_pubkey", "", N_("public half of the signing key (set by yici key init), "
				   "checked by verify --anchor"), check_any },
};

const struct config_key *config_keys(int *n)
{
	*n = (int)ARRAY_SIZE(keys);
	return keys;
}

const struct config_key *config_key_find(const char *key)
{
	for (size_t i = 0; i < ARRAY_SIZE(keys); i++)
		if (!strcmp(keys[i].key, key))
			return &keys[i];
	return NULL;
}

char *db_config_get(struct db *d, const char *key)
{
	const struct config_key *k = config_key_find(key);
	if (!k)
		return NULL;
	sqlite3_stmt *st = db_prep(d, "SELECT value FROM config WHERE key = ?");
	db_bind_text(st, 1, key);
	char *v = sqlite3_step(st) == SQLITE_ROW ? db_col_dup(st, 0) : xstrdup(k->def);
	sqlite3_reset(st);
	return v;
}

int db_config_set(struct db *d, const char *key, const char *value, struct yerr *e)
{
	const struct config_key *k = config_key_find(key);
	if (!k)
		return yerr_set(e, YERR_INPUT, _("unknown setting '%s' (see 'yici config')"), key);
	if (k->check(value, e) < 0) {
		yerr_prefix(e, "%s", key);
		return -1;
	}
	sqlite3_stmt *st = db_prep(d, "INSERT INTO config (key, value) VALUES (?, ?) "
				      "ON CONFLICT (key) DO UPDATE SET value = excluded.value");
	db_bind_text(st, 1, key);
	db_bind_text(st, 2, value);
	return db_exec_stmt(d, st, e);
}

int db_config_check(const char *key, const char *value, struct yerr *e)
{
	const struct config_key *k = config_key_find(key);
	if (!k)
		return yerr_set(e, YERR_INPUT, _("unknown setting '%s' (see 'yici config')"), key);
	if (k->check(value, e) < 0) {
		yerr_prefix(e, "%s", key);
		return -1;
	}
	return 0;
}

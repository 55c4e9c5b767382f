/* bench_drv.c — the in-process half of `make bench` (tests/bench.sh):
 * generates applications.csv files of valid-looking online applications,
 * and times the database calls behind the queue screen and the lookup
 * (first page and counts per office, a keyset page deep in the queue,
 * lookups by case number, ID, name and pinyin initials), each repeated and
 * reported as median, min and max in milliseconds.  Links the release
 * library build/rel/libyici.a; never part of yici itself.  Layer: test. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core_catalog.h"
#include "core_date.h"
#include "core_demo.h"
#include "core_task.h"
#include "db.h"
#include "db_casefile.h"
#include "db_catalog.h"
#include "db_queue.h"
#include "util.h"

#define MAXREPS 101
#define PAGE 25

static double now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

/* Prints "name<TAB>median<TAB>min<TAB>max<TAB>reps<TAB>note" in ms. */
static void report(const char *name, double *t, int n, const char *note)
{
	qsort(t, n, sizeof *t, cmp_double);
	printf("%s\t%.3f\t%.3f\t%.3f\t%d\t%s\n", name, t[n / 2], t[0], t[n - 1], n, note);
	fflush(stdout);
}

static void die(const struct yerr *e)
{
	fprintf(stderr, "bench_drv: %s\n", e->msg);
	exit(1);
}

/* ---- genapps N SEED [PREFIX]: applications.csv on stdout, ext_id PREFIX-i ---- */

static const char *const items_injury[] = { "RD", "RD;YL", "RD;YL;HS", "RD;JD", "RD;YL;JT" };

static void gen_one(struct rng *r, const char *prefix, long i)
{
	struct demo_person p;
	struct demo_employer em;
	struct demo_accident a;
	demo_person(r, 1966, 2004, 0, &p);
	demo_employer(r, &em);
	demo_accident(r, 0, &a);
	yday today = clock_today();
	yday acc = today - 1 - (yday)rng_below(r, 200);
	char accd[11], sub[11];
	date_format(acc, accd);
	date_format(acc + (yday)rng_below(r, (uint32_t)(today - acc)), sub);
	printf("%s-%ld,%s 10:%02d:00,injury,%s,%s,%s,%s,%s,%s,%s,%s,%s,M01;M04,%s,%s,%s,本人\r\n",
	       prefix, i, sub, (int)(i % 60), p.name, p.id_number, p.phone, em.name, em.credit_code,
	       accd, a.place, a.description, items_injury[rng_below(r, ARRAY_SIZE(items_injury))],
	       p.name, p.id_number, p.phone);
}

static int cmd_genapps(long n, long seed, const char *prefix)
{
	struct rng r;
	rng_seed(&r, (uint64_t)seed);
	printf("ext_id,submitted_at,kind,worker_name,worker_id_number,worker_phone,employer_name,"
	       "employer_credit_code,accident_date,accident_place,description,items,materials,"
	       "applicant_name,applicant_id_number,applicant_phone,applicant_relation\r\n");
	for (long i = 1; i <= n; i++)
		gen_one(&r, prefix, i);
	return 0;
}

/* ---- queue DB REPS ---- */

struct qctx {
	struct db *d;
	struct catalog cat;
	struct thresholds th;
	struct queue_row rows[1000];
	int reps;
};

static void time_first_page(struct qctx *q, enum category c)
{
	struct queue_query qq = { .cats = 1u << c, .sort = QSORT_DEADLINE, .th = q->th };
	double t[MAXREPS];
	struct yerr e;
	for (int i = 0; i < q->reps; i++) {
		double t0 = now_ms();
		if (db_queue_page(q->d, &q->cat, &qq, NULL, 1, PAGE, q->rows, &e) < 0)
			die(&e);
		t[i] = now_ms() - t0;
	}
	char name[64];
	snprintf(name, sizeof name, "queue_first_page_%s", category_code(c));
	report(name, t, q->reps, "25 rows, sorted by deadline");
}

static void time_counts(struct qctx *q)
{
	double t[MAXREPS];
	struct yerr e;
	struct queue_counts qc;
	for (int i = 0; i < q->reps; i++) {
		double t0 = now_ms();
		for (int c = 0; c < CAT_N; c++)
			if (db_queue_counts(q->d, (enum category)c, &q->th, &qc, &e) < 0)
				die(&e);
		t[i] = now_ms() - t0;
	}
	report("queue_counts_all_offices", t, q->reps, "6 counts for each of 3 offices");
}

/* Walks the agency queue in pages of 1000 (untimed) to `depth` rows, or
 * to the end when depth is 0; returns the rows walked, *pos the last. */
static long walk(struct qctx *q, const struct queue_query *qq, long depth, struct queue_pos *pos)
{
	struct yerr e;
	long walked = 0;
	int n = db_queue_page(q->d, &q->cat, qq, NULL, 1, 1000, q->rows, &e);
	while (n > 0) {
		*pos = q->rows[n - 1].pos;
		walked += n;
		if ((depth && walked >= depth) || n < 1000)
			break;
		n = db_queue_page(q->d, &q->cat, qq, pos, 1, 1000, q->rows, &e);
	}
	if (n < 0)
		die(&e);
	return walked;
}

/* Times one screen page from the middle of the agency queue. */
static void time_deep_page(struct qctx *q)
{
	struct queue_query qq = { .cats = 1u << CAT_AGENCY, .sort = QSORT_DEADLINE, .th = q->th };
	struct queue_pos pos;
	struct yerr e;
	long total = walk(q, &qq, 0, &pos);
	long walked = walk(q, &qq, total / 2 > 0 ? total / 2 : 1, &pos);
	double t[MAXREPS];
	for (int i = 0; i < q->reps; i++) {
		double t0 = now_ms();
		if (db_queue_page(q->d, &q->cat, &qq, &pos, 1, PAGE, q->rows, &e) < 0)
			die(&e);
		t[i] = now_ms() - t0;
	}
	char note[96];
	snprintf(note, sizeof note, "25 rows after row %ld of %ld (agency)", walked, total);
	report("queue_keyset_page_deep", t, q->reps, note);
}

static struct db *open_ro(const char *path, struct catalog *cat)
{
	struct yerr e;
	yerr_clear(&e);
	struct db *d = db_open(path, DB_OPEN_RO, &e);
	if (!d)
		die(&e);
	catalog_init(cat);
	if (db_catalog_load(d, cat, &e) < 0)
		die(&e);
	return d;
}

static int cmd_queue(const char *path, int reps)
{
	static struct qctx q;
	struct yerr e;
	q.reps = reps;
	q.d = open_ro(path, &q.cat);
	if (queue_thresholds(q.d, &q.cat, &q.th, &e) < 0)
		die(&e);
	for (int c = 0; c < CAT_N; c++)
		time_first_page(&q, (enum category)c);
	time_counts(&q);
	time_deep_page(&q);
	catalog_release(&q.cat);
	db_close(q.d);
	return 0;
}

/* ---- find DB REPS NAME TEXT [NAME TEXT ...] ---- */

static void time_find(struct db *d, int reps, const char *name, const char *text)
{
	double t[MAXREPS];
	struct yerr e;
	int nids = 0, more = 0;
	for (int i = 0; i < reps; i++) {
		struct find_result fr;
		double t0 = now_ms();
		if (db_case_find(d, text, &fr, &e) < 0)
			die(&e);
		t[i] = now_ms() - t0;
		nids = fr.nids;
		more = fr.more;
		find_result_release(&fr);
	}
	char note[96];
	snprintf(note, sizeof note, "'%s': %s%d matches", text, more ? "more than " : "", nids);
	report(name, t, reps, note);
}

static int cmd_find(const char *path, int reps, int argc, char **argv)
{
	struct catalog cat;
	struct db *d = open_ro(path, &cat);
	for (int i = 0; i + 1 < argc; i += 2)
		time_find(d, reps, argv[i], argv[i + 1]);
	catalog_release(&cat);
	db_close(d);
	return 0;
}

int main(int argc, char **argv)
{
	struct yerr e;
	if (clock_init(&e) < 0)
		die(&e);
	if (argc >= 4 && !strcmp(argv[1], "genapps"))
		return cmd_genapps(atol(argv[2]), atol(argv[3]), argc >= 5 ? argv[4] : "BENCH");
	int reps = argc >= 4 ? atoi(argv[3]) : 0;
	if (reps < 1 || reps > MAXREPS)
		reps = 15;
	if (argc >= 4 && !strcmp(argv[1], "queue"))
		return cmd_queue(argv[2], reps);
	if (argc >= 6 && !strcmp(argv[1], "find"))
		return cmd_find(argv[2], reps, argc - 4, argv + 4);
	fprintf(stderr, "usage: bench_drv genapps N SEED [EXT_ID_PREFIX] | queue DB REPS |"
			" find DB REPS NAME TEXT...\n");
	return 2;
}

/* csv_export.c — the nightly export batch: one folder of CSV files written
 * with libcsv's quoting, transcoded and hashed on the way to the disk,
 * fsynced, and renamed into place only when complete.  Layer: csv. */
#include "csv_exchange.h"

#include <csv.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <iconv.h>
#include <openssl/evp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core_validate.h"
#include "db_ledger.h"
#include "db_verify.h"
#include "i18n.h"
#include "util_file.h"
#include "xlsx_write.h"
#include "util_sign.h"

#define SINK_BUF (1 << 16)

/* Where a file's bytes go: a buffer, iconv (GB18030), SHA-256, the fd. */
struct sink {
	int fd;
	const char *name;       /* for messages */
	char buf[SINK_BUF];
	size_t n;
	iconv_t cd;             /* (iconv_t)-1: UTF-8 as is */
	char *conv;             /* iconv output, 2 * SINK_BUF + 16 */
	EVP_MD_CTX *md;
	long long bytes;
	long rows;
	int excel;
	int mask;               /* --for excel without --unmasked */
	const char *const *cols;
	int ncols;
	int err;                /* errno of the first failure, or -1 for encoding */
};

static int write_all(struct sink *s, const char *p, size_t n)
{
	EVP_DigestUpdate(s->md, p, n);
	s->bytes += (long long)n;
	while (n) {
		ssize_t k = write(s->fd, p, n);
		if (k < 0 && errno == EINTR)
			continue;
		if (k < 0) {
			s->err = errno;
			return -1;
		}
		p += k;
		n -= (size_t)k;
	}
	return 0;
}

static int sink_flush(struct sink *s)
{
	if (s->err || !s->n)
		return s->err ? -1 : 0;
	if (s->cd == (iconv_t)-1) {
		int rc = write_all(s, s->buf, s->n);
		s->n = 0;
		return rc;
	}
	char *in = s->buf, *out = s->conv;
	size_t inleft = s->n, outleft = 2 * SINK_BUF + 16;
	size_t rc = iconv(s->cd, &in, &inleft, &out, &outleft);
	if (rc == (size_t)-1 && errno != EINVAL) {
		s->err = -1;
		return -1;
	}
	/* an incomplete UTF-8 sequence at the end waits for the next bytes */
	memmove(s->buf, in, inleft);
	s->n = inleft;
	return write_all(s, s->conv, (size_t)(out - s->conv));
}

static void sink_put(struct sink *s, const char *p, size_t n)
{
	while (n && !s->err) {
		size_t room = SINK_BUF - s->n, k = n < room ? n : room;
		memcpy(s->buf + s->n, p, k);
		s->n += k;
		p += k;
		n -= k;
		if (s->n == SINK_BUF)
			sink_flush(s);
	}
}

static int needs_neutralising(const char *v)
{
	return *v && strchr("=+-@\t\r", *v);
}

void exchange_cell(struct sbuf *out, const char *v, int excel)
{
	char *tmp = NULL;
	if (excel && needs_neutralising(v))
		v = tmp = xasprintf("'%s", v);
	size_t n = strlen(v), need = csv_write(NULL, 0, v, n);
	if (out->cap - out->len < need + 1) {
		out->cap = out->len + need + 64;
		out->s = xrealloc(out->s, out->cap);
	}
	out->len += csv_write(out->s + out->len, need, v, n);
	out->s[out->len] = '\0';
	free(tmp);
}

/* One field, quoted by libcsv; NULL is written as nothing at all. */
static void put_field(struct sink *s, const char *v)
{
	if (!v)
		return;
	size_t n = strlen(v);
	if (!(s->excel && needs_neutralising(v)) && 2 * n + 2 <= SINK_BUF - s->n) {
		s->n += csv_write(s->buf + s->n, SINK_BUF - s->n, v, n);
		return;
	}
	struct sbuf b = { 0 };
	exchange_cell(&b, v, s->excel);
	sink_put(s, b.s, b.len);
	sbuf_release(&b);
}

static void put_row(struct sink *s, const char *const *v, int n)
{
	for (int i = 0; i < n; i++) {
		if (i)
			sink_put(s, ",", 1);
		put_field(s, v[i]);
	}
	sink_put(s, "\r\n", 2);
}

static int ends_with(const char *s, const char *tail)
{
	size_t n = strlen(s), k = strlen(tail);
	return n >= k && !strcmp(s + n - k, tail);
}

const char *exchange_mask(const char *column, const char *v, char *buf, size_t n)
{
	if (!v || !*v || n < 2)
		return v;
	if (ends_with(column, "id_number")) {
		char m[19];
		mask_citizen_id(v, m);
		snprintf(buf, n, "%s", m);
		return buf;
	}
	if (ends_with(column, "phone")) {
		/* 138****5678: the first 3 and the last 4 digits */
		size_t len = strlen(v), k = 0;
		for (size_t i = 0; i < len && k + 1 < n; i++)
			buf[k++] = i < 3 || i + 4 >= len ? v[i] : '*';
		buf[k] = '\0';
		return buf;
	}
	return v;
}

static int row_cb(const char *const *v, int n, void *arg)
{
	struct sink *s = arg;
	if (s->mask && n <= s->ncols) {
		const char **m = xcalloc((size_t)n + 1, sizeof *m);
		char (*buf)[64] = xcalloc((size_t)n + 1, sizeof *buf);
		for (int i = 0; i < n; i++)
			m[i] = exchange_mask(s->cols[i], v[i], buf[i], sizeof buf[i]);
		put_row(s, m, n);
		free(m);
		free(buf);
	} else {
		put_row(s, v, n);
	}
	s->rows++;
	return s->err ? 1 : 0;
}

/* ---- one file ---- */

struct filesum {
	const char *name;
	long rows;
	long long bytes;
	char sha[65];
};

static int sink_open(struct sink *s, const char *dir, const char *name,
		     const struct export_opts *o, struct yerr *e)
{
	memset(s, 0, sizeof *s);
	s->cd = (iconv_t)-1;
	s->name = name;
	s->excel = o->excel;
	char *path = xasprintf("%s/%s", dir, name);
	/* inside the batch's own new temporary folder, renamed as a whole */
	s->fd = file_create(path, FILE_MODE_GROUP_READ, e);
	free(path);
	if (s->fd < 0)
		return -1;
	if (o->encoding && !strcasecmp(o->encoding, "gb18030")) {
		s->cd = iconv_open("GB18030", "UTF-8");
		s->conv = xmalloc(2 * SINK_BUF + 16);
	}
	s->md = EVP_MD_CTX_new();
	if (!s->md || EVP_DigestInit_ex(s->md, EVP_sha256(), NULL) != 1)
		abort();
	if (o->bom && s->cd == (iconv_t)-1)
		sink_put(s, "\xEF\xBB\xBF", 3);
	return 0;
}

/* Flushes, fsyncs and closes; fills the summary. */
static int sink_close(struct sink *s, const char *dir, struct filesum *fs, struct yerr *e)
{
	sink_flush(s);
	if (!s->err && s->n)
		s->err = -1; /* a truncated UTF-8 sequence at the very end */
	if (!s->err && fsync(s->fd) < 0)
		s->err = errno;
	if (close(s->fd) < 0 && !s->err)
		s->err = errno;
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned mdlen = 0;
	EVP_DigestFinal_ex(s->md, md, &mdlen);
	EVP_MD_CTX_free(s->md);
	if (s->cd != (iconv_t)-1)
		iconv_close(s->cd);
	free(s->conv);
	for (unsigned i = 0; i < mdlen && i < 32; i++)
		snprintf(fs->sha + 2 * i, 3, "%02x", md[i]);
	fs->name = s->name;
	fs->rows = s->rows;
	fs->bytes = s->bytes;
	if (s->err == -1)
		return yerr_set(e, YERR_INPUT, _("%s/%s: text that the encoding cannot hold"), dir,
				s->name);
	if (s->err)
		return yerr_set(e, YERR_IO, _("cannot write '%s/%s': %s"), dir, s->name,
				strerror(s->err));
	return 0;
}

/* ---- --for excel: one .xlsx workbook per file ---- */

struct xrows {
	struct xlsx_file *x;
	long rows;
	int mask;                   /* no --unmasked: IDs and phones masked */
	const char *const *cols;
	int ncols;
};

static int xlsx_cb(const char *const *v, int n, void *arg)
{
	struct xrows *r = arg;
	r->rows++;
	if (!r->mask || n > r->ncols)
		return xlsx_row(r->x, v, n) < 0 ? 1 : 0;
	const char **m = xcalloc((size_t)n + 1, sizeof *m);
	char (*buf)[64] = xcalloc((size_t)n + 1, sizeof *buf);
	for (int i = 0; i < n; i++)
		m[i] = exchange_mask(r->cols[i], v[i], buf[i], sizeof buf[i]);
	int rc = xlsx_row(r->x, m, n) < 0 ? 1 : 0;
	free(m);
	free(buf);
	return rc;
}

/* SHA-256 and size of a written file, for the manifest; fsyncs it. */
static int hash_file(const char *path, struct filesum *fs, struct yerr *e)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return yerr_set(e, YERR_IO, _("cannot write '%s': %s"), path, strerror(errno));
	EVP_MD_CTX *md = EVP_MD_CTX_new();
	if (!md || EVP_DigestInit_ex(md, EVP_sha256(), NULL) != 1)
		abort();
	char buf[1 << 16];
	ssize_t k;
	fs->bytes = 0;
	while ((k = read(fd, buf, sizeof buf)) > 0) {
		EVP_DigestUpdate(md, buf, (size_t)k);
		fs->bytes += k;
	}
	int err = k < 0 ? errno : 0;
	if (!err && fsync(fd) < 0)
		err = errno;
	close(fd);
	unsigned char h[EVP_MAX_MD_SIZE];
	unsigned hl = 0;
	EVP_DigestFinal_ex(md, h, &hl);
	EVP_MD_CTX_free(md);
	for (unsigned i = 0; i < hl && i < 32; i++)
		snprintf(fs->sha + 2 * i, 3, "%02x", h[i]);
	if (err)
		return yerr_set(e, YERR_IO, _("cannot write '%s': %s"), path, strerror(err));
	return 0;
}

static int write_xlsx(struct db *d, const struct export_snap *snap, enum xfile f,
		      const char *dir, int unmasked, struct filesum *fs, struct yerr *e)
{
	static char names[XF_N][32];
	const char *csv = xfile_name(f);
	snprintf(names[f], sizeof names[f], "%.*s.xlsx", (int)(strlen(csv) - 4), csv);
	char *path = xasprintf("%s/%s", dir, names[f]);
	int n;
	const char *const *cols = xfile_columns(f, &n);
	struct xrows r = { .mask = !unmasked, .cols = cols, .ncols = n };
	char sheet[32];
	snprintf(sheet, sizeof sheet, "%.*s", (int)(strlen(csv) - 4), csv);
	r.x = xlsx_open(path, sheet, cols, n, e);
	int rc = -1;
	if (r.x) {
		int q = db_export_rows(d, snap, f, xlsx_cb, &r, e);
		int c = xlsx_close(r.x, q < 0 ? NULL : e);
		if (q == 0 && c == 0 && file_set_mode(path, FILE_MODE_GROUP_READ, e) == 0 &&
		    hash_file(path, fs, e) == 0)
			rc = 0;
		else if (q > 0 && c == 0)
			yerr_set(e, YERR_IO, _("cannot write '%s'"), path);
	}
	fs->name = names[f];
	fs->rows = r.rows;
	free(path);
	return rc;
}

static int write_file(struct db *d, const struct export_snap *snap, enum xfile f,
		      const char *dir, const struct export_opts *o, struct filesum *fs,
		      struct yerr *e)
{
	if (o->excel)
		return write_xlsx(d, snap, f, dir, o->unmasked, fs, e);
	struct sink *s = xmalloc(sizeof *s);
	if (sink_open(s, dir, xfile_name(f), o, e) < 0) {
		free(s);
		return -1;
	}
	int n;
	const char *const *cols = xfile_columns(f, &n);
	s->cols = cols;
	s->ncols = n;
	s->mask = o->excel && !o->unmasked;
	put_row(s, cols, n);
	int rc = db_export_rows(d, snap, f, row_cb, s, e);
	int crc = sink_close(s, dir, fs, rc < 0 ? NULL : e);
	free(s);
	return rc < 0 || crc < 0 ? -1 : 0;
}

static int write_manifest(const char *dir, const struct filesum *fs, int nfs,
			  const char *head, const struct export_opts *o, char sha_out[65],
			  struct yerr *e)
{
	struct sink *s = xmalloc(sizeof *s);
	if (sink_open(s, dir, "manifest.csv", o, e) < 0) {
		free(s);
		return -1;
	}
	static const char *const cols[] = { "file", "rows", "bytes", "sha256", "chain_head" };
	put_row(s, cols, 5);
	for (int i = 0; i < nfs; i++) {
		char rows[32], bytes[32];
		snprintf(rows, sizeof rows, "%ld", fs[i].rows);
		snprintf(bytes, sizeof bytes, "%lld", fs[i].bytes);
		const char *v[] = { fs[i].name, rows, bytes, fs[i].sha, head };
		put_row(s, v, 5);
	}
	struct filesum m;
	int rc = sink_close(s, dir, &m, e);
	if (rc == 0 && sha_out)
		memcpy(sha_out, m.sha, sizeof m.sha);
	free(s);
	return rc;
}

/* anchor.txt: the heads of the snapshot, signed with the center's key
 * (yici-exchange(5)); "signature none" while no key was made. */
static int write_anchor(struct db *d, const char *dir, const char *batch, const char *at,
			const char *manifest_sha, const struct export_opts *o, struct yerr *e)
{
	int64_t ev, led;
	char head[65], lhead[65];
	if (db_chain_head(d, &ev, head, e) < 0 || db_ledger_head(d, &led, lhead, e) < 0)
		return -1;
	struct sbuf b = { 0 };
	char pub[SIGN_PUB_HEX + 1] = "none", sig[SIGN_SIG_HEX + 1] = "none";
	struct stat sb;
	int have_key = o->key_path && stat(o->key_path, &sb) == 0;
	if (have_key && sign_public(o->key_path, pub, e) < 0)
		return -1;
	sbuf_addf(&b, "yici-anchor 1\nbatch %s\nat %s\nevents %lld\nhead %s\nledger %lld\n"
		      "ledger_head %s\nmanifest_sha256 %s\nkey %s\n", batch, at, (long long)ev, head,
		  (long long)led, lhead, manifest_sha, pub);
	if (have_key && sign_message(o->key_path, b.s, b.len, sig, e) < 0) {
		sbuf_release(&b);
		return -1;
	}
	sbuf_addf(&b, "signature %s\n", sig);
	char *path = xasprintf("%s/anchor.txt", dir);
	int fd = file_create(path, FILE_MODE_GROUP_READ, e);
	free(path);
	int rc = fd < 0 ? -1 : 0;
	for (size_t off = 0; rc == 0 && off < b.len;) {
		ssize_t w = write(fd, b.s + off, b.len - off);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			rc = yerr_set(e, YERR_IO, _("cannot write '%s/anchor.txt': %s"), dir,
				      strerror(errno));
		else
			off += (size_t)w;
	}
	if (fd >= 0 && (fsync(fd) < 0 || close(fd) < 0) && rc == 0)
		rc = yerr_set(e, YERR_IO, _("cannot write '%s/anchor.txt': %s"), dir, strerror(errno));
	sbuf_release(&b);
	return rc;
}

/* ---- the folder ---- */

static int fsync_dir(const char *dir)
{
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	int rc = fsync(fd);
	close(fd);
	return rc;
}

/* Removes a temporary batch folder and the files in it. */
static void remove_tmp(const char *path)
{
	DIR *dp = opendir(path);
	if (dp) {
		struct dirent *de;
		while ((de = readdir(dp)))
			if (strcmp(de->d_name, ".") && strcmp(de->d_name, "..")) {
				char *f = xasprintf("%s/%s", path, de->d_name);
				unlink(f);
				free(f);
			}
		closedir(dp);
	}
	rmdir(path);
}

/* Leftovers of killed runs (we hold the lock, so none is alive). */
static void remove_stale(const char *dir)
{
	DIR *dp = opendir(dir);
	if (!dp)
		return;
	struct dirent *de;
	while ((de = readdir(dp)))
		if (!strncmp(de->d_name, ".tmp-", 5)) {
			char *p = xasprintf("%s/%s", dir, de->d_name);
			remove_tmp(p);
			free(p);
		}
	closedir(dp);
}

static int take_lock(const char *dir, struct yerr *e)
{
	char *path = xasprintf("%s/.yici-export.lock", dir);
	/* read-only is enough for flock, so that the lock file another login
	 * made (the supervisor's export, the service login's sync) is usable */
	int fd = open(path, O_RDONLY | O_CREAT | O_NOFOLLOW | O_CLOEXEC, FILE_MODE_GROUP_WRITE);
	int err = errno;
	struct stat sb;
	if (fd >= 0 && fstat(fd, &sb) == 0 && sb.st_uid == geteuid())
		fchmod(fd, FILE_MODE_GROUP_WRITE);
	free(path);
	if (fd < 0)
		return yerr_set(e, YERR_IO, _("cannot create the lock file in '%s': %s"), dir,
				strerror(err));
	if (flock(fd, LOCK_EX | LOCK_NB) < 0) {
		close(fd);
		return yerr_set(e, YERR_BUSY, _("another export into '%s' is running"), dir);
	}
	return fd;
}

/* Renames tmp to DIR/name, or name-2, name-3 ... when taken. */
static int publish(const char *tmp, const char *dir, const char *name, char *out, size_t outlen,
		   struct yerr *e)
{
	for (int k = 1; k < 100; k++) {
		if (k == 1)
			snprintf(out, outlen, "%s/%s", dir, name);
		else
			snprintf(out, outlen, "%s/%s-%d", dir, name, k);
		int rc = renameat2(AT_FDCWD, tmp, AT_FDCWD, out, RENAME_NOREPLACE);
		if (rc < 0 && errno == EINVAL) {
			struct stat sb;
			rc = stat(out, &sb) == 0 ? (errno = EEXIST, -1) : rename(tmp, out);
		}
		if (rc == 0)
			return fsync_dir(dir) < 0 ? yerr_set(e, YERR_IO, _("cannot sync '%s': %s"),
							     dir, strerror(errno)) : 0;
		if (errno != EEXIST && errno != ENOTEMPTY)
			return yerr_set(e, YERR_IO, _("cannot rename '%s' to '%s': %s"), tmp, out,
					strerror(errno));
	}
	return yerr_set(e, YERR_IO, _("too many batches named '%s' in '%s'"), name, dir);
}

static void batch_name(const struct export_snap *s, const char *region, int seq, char out[64])
{
	/* "2026-11-28 09:30:00" -> "340102-20261128093000" */
	char t[16];
	int k = 0;
	for (const char *p = s->at; *p && k < 14; p++)
		if (*p >= '0' && *p <= '9')
			t[k++] = *p;
	t[k] = '\0';
	if (seq) /* a sequence after the timestamp: two runs in one second never collide */
		snprintf(out, 64, "%s-%s-%06lld", region, t, (long long)s->seq);
	else
		snprintf(out, 64, "%s-%s", region, t);
}

/* Writes every file and the manifest into tmp, inside the snapshot. */
static int write_batch(struct db *d, const struct export_snap *snap, const char *tmp,
		       const struct export_opts *o, struct export_result *r, struct yerr *e)
{
	struct filesum fs[XF_N];
	for (int f = 0; f < XF_N; f++) {
		if (write_file(d, snap, (enum xfile)f, tmp, o, &fs[f], e) < 0)
			return -1;
		r->rows[f] = fs[f].rows;
		r->total += fs[f].rows;
	}
	char head[65];
	if (db_exchange_chain_head(d, head, e) < 0)
		return -1;
	char msha[65];
	if (write_manifest(tmp, fs, XF_N, head, o, msha, e) < 0)
		return -1;
	char name[64];
	batch_name(snap, o->region, o->sync, name);
	if (write_anchor(d, tmp, name, snap->at, msha, o, e) < 0)
		return -1;
	if (fsync_dir(tmp) < 0)
		return yerr_set(e, YERR_IO, _("cannot sync '%s': %s"), tmp, strerror(errno));
	return 0;
}

static int export_locked(struct db *d, const struct export_opts *o, struct export_result *r,
			 struct yerr *e)
{
	/* a batch for people is not fed to the machines: it must not move the
	 * marks nor take the SMS out of the outbox the gateway reads */
	struct export_snap snap = { .mode = o->mode, .keep_marks = o->excel };
	if (o->since)
		snprintf(snap.since, sizeof snap.since, "%s", o->since);
	remove_stale(o->dir);
	if (db_export_writable(d, e) < 0 || db_export_begin(d, &snap, e) < 0)
		return -1;
	if (o->sync && !db_export_pending(d, &snap)) {
		db_export_end(d);
		r->empty = 1;
		return 0;
	}
	char name[64];
	batch_name(&snap, o->region, o->sync, name);
	char *tmp = xasprintf("%s/.tmp-%s-%ld", o->dir, name, (long)getpid());
	int rc = -1;
	/* 2770 below a shared (setgid) folder: the batch keeps the staff group */
	if (dir_create_shared(tmp, e) < 0) {
		db_export_end(d);
		goto out;
	}
	rc = write_batch(d, &snap, tmp, o, r, e);
	db_export_end(d);
	if (rc == 0)
		rc = publish(tmp, o->dir, name, r->batch, sizeof r->batch, e);
	if (rc < 0) {
		remove_tmp(tmp);
		goto out;
	}
	const char *base = strrchr(r->batch, '/');
	rc = db_export_record(d, &snap, base ? base + 1 : r->batch, r->total, e);
out:
	free(tmp);
	return rc;
}

int exchange_export(struct db *d, const struct export_opts *o, struct export_result *r,
		    struct yerr *e)
{
	memset(r, 0, sizeof *r);
	if (dir_create_shared(o->dir, e) < 0)
		return -1;
	int lock = take_lock(o->dir, e);
	if (lock < 0)
		return -1;
	int rc = export_locked(d, o, r, e);
	close(lock);
	return rc;
}

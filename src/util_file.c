/* util_file.c — creating files and folders with exact permissions whatever
 * the umask.  Layer: core. */
#include "util_file.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "i18n.h"

int file_create(const char *path, mode_t mode, struct yerr *e)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode & 0777);
	if (fd < 0)
		return yerr_set(e, YERR_IO, _("cannot create '%s': %s"), path, strerror(errno));
	if (fchmod(fd, mode & 0777) < 0) {
		int err = errno;
		close(fd);
		unlink(path);
		return yerr_set(e, YERR_IO, _("cannot set the permissions of '%s': %s"), path,
				strerror(err));
	}
	return fd;
}

FILE *file_create_stream(const char *path, mode_t mode, struct yerr *e)
{
	int fd = file_create(path, mode, e);
	if (fd < 0)
		return NULL;
	FILE *f = fdopen(fd, "w");
	if (!f) {
		yerr_set(e, YERR_IO, _("cannot write '%s': %s"), path, strerror(errno));
		close(fd);
		unlink(path);
	}
	return f;
}

int file_set_mode(const char *path, mode_t mode, struct yerr *e)
{
	if (chmod(path, mode & 07777) < 0)
		return yerr_set(e, YERR_IO, _("cannot set the permissions of '%s': %s"), path,
				strerror(errno));
	return 0;
}

/* One folder, made inside an existing parent (see util_file.h). */
static int dir_make_one(const char *path, struct yerr *e)
{
	char *parent = xstrdup(path);
	char *slash = strrchr(parent, '/');
	if (slash == parent)
		slash[1] = '\0';
	else if (slash)
		*slash = '\0';
	else
		strcpy(parent, ".");
	struct stat ps;
	int have_parent = stat(parent, &ps) == 0;
	free(parent);
	if (mkdir(path, 0700) < 0) {
		struct stat sb;
		if (errno == EEXIST && stat(path, &sb) == 0 && S_ISDIR(sb.st_mode))
			return 0;
		return yerr_set(e, YERR_IO, _("cannot create folder '%s': %s"), path,
				strerror(errno));
	}
	mode_t mode = 0770;
	if (have_parent) {
		struct stat sb;
		/* the kernel gives the parent's group below a setgid folder; else
		 * ask for it (allowed when we are in that group, harmless if not) */
		if (stat(path, &sb) == 0 && sb.st_gid != ps.st_gid &&
		    chown(path, (uid_t)-1, ps.st_gid) < 0) {
			/* not in the parent's group: the folder keeps ours */
		}
		if (ps.st_mode & S_ISGID)
			mode |= S_ISGID;
	}
	return file_set_mode(path, mode, e);
}

int dir_create_shared(const char *path, struct yerr *e)
{
	if (!*path)
		return yerr_set(e, YERR_INPUT, _("'%s' is not a folder"), path);
	char *p = xstrdup(path);
	size_t n = strlen(p);
	while (n > 1 && p[n - 1] == '/')
		p[--n] = '\0';
	int rc = 0;
	for (char *q = p + 1; rc == 0; q++) {
		if (*q && *q != '/')
			continue;
		char c = *q;
		*q = '\0';
		struct stat sb;
		if (stat(p, &sb) < 0)
			rc = dir_make_one(p, e);
		else if (!S_ISDIR(sb.st_mode))
			rc = yerr_set(e, YERR_IO, _("'%s' is not a folder"), p);
		*q = c;
		if (!c)
			break;
	}
	free(p);
	return rc;
}

int file_replace(const char *path, const char *text, mode_t mode, struct yerr *e)
{
	char *dir = xstrdup(path);
	char *slash = strrchr(dir, '/');
	int rc = 0;
	if (slash && slash != dir) {
		*slash = '\0';
		rc = dir_create_shared(dir, e);
	}
	free(dir);
	if (rc < 0)
		return -1;
	char *tmp = xasprintf("%s.tmp-%ld", path, (long)getpid());
	unlink(tmp); /* a leftover of a killed run of ours */
	int fd = file_create(tmp, mode, e);
	if (fd < 0) {
		free(tmp);
		return -1;
	}
	size_t len = strlen(text), off = 0;
	while (off < len && rc == 0) {
		ssize_t w = write(fd, text + off, len - off);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			rc = yerr_set(e, YERR_IO, _("cannot write '%s': %s"), path, strerror(errno));
		else
			off += (size_t)w;
	}
	if (close(fd) < 0 && rc == 0)
		rc = yerr_set(e, YERR_IO, _("cannot write '%s': %s"), path, strerror(errno));
	if (rc == 0 && rename(tmp, path) < 0)
		rc = yerr_set(e, YERR_IO, _("cannot write '%s': %s"), path, strerror(errno));
	if (rc < 0)
		unlink(tmp);
	free(tmp);
	return rc;
}

/* ---- private files: a temporary name, then renamed into place ---- */

int file_private_open(struct private_file *pf, const char *path, mode_t mode, struct yerr *e)
{
	memset(pf, 0, sizeof *pf);
	pf->fd = -1;
	pf->path = xstrdup(path);
	pf->tmp = xasprintf("%s.tmp", path);
	/* what is at the temporary name (a killed run's leftover, or a
	 * planted symlink) is removed, never followed: unlink takes the link
	 * itself; then O_EXCL|O_NOFOLLOW, so one planted again in between
	 * makes this fail rather than write through it */
	unlink(pf->tmp);
	pf->fd = file_create(pf->tmp, mode, e);
	if (pf->fd < 0) {
		free(pf->path);
		free(pf->tmp);
		pf->path = pf->tmp = NULL;
		return -1;
	}
	return 0;
}

FILE *file_private_stream(struct private_file *pf, struct yerr *e)
{
	if (!pf->f) {
		pf->f = fdopen(pf->fd, "w");
		if (!pf->f) {
			yerr_set(e, YERR_IO, _("cannot write '%s': %s"), pf->tmp, strerror(errno));
			return NULL;
		}
	}
	return pf->f;
}

int file_private_write(struct private_file *pf, const char *p, size_t n, struct yerr *e)
{
	while (n) {
		ssize_t w = write(pf->fd, p, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return yerr_set(e, YERR_IO, _("cannot write '%s': %s"), pf->tmp,
					strerror(errno));
		p += w;
		n -= (size_t)w;
	}
	return 0;
}

static void private_release(struct private_file *pf)
{
	free(pf->path);
	free(pf->tmp);
	pf->path = pf->tmp = NULL;
	pf->f = NULL;
	pf->fd = -1;
}

int file_private_commit(struct private_file *pf, struct yerr *e)
{
	int err = 0;
	if (pf->f && fflush(pf->f) != 0)
		err = errno;
	if (!err && fsync(pf->fd) < 0)
		err = errno;
	if ((pf->f ? fclose(pf->f) : close(pf->fd)) != 0 && !err)
		err = errno;
	/* rename replaces a file or a symlink at the final name itself, never
	 * what a symlink points to */
	if (!err && rename(pf->tmp, pf->path) < 0)
		err = errno;
	if (err) {
		unlink(pf->tmp);
		yerr_set(e, YERR_IO, _("cannot write '%s': %s"), pf->path, strerror(err));
	}
	private_release(pf);
	return err ? -1 : 0;
}

void file_private_abort(struct private_file *pf)
{
	if (!pf->tmp)
		return;
	if (pf->f)
		fclose(pf->f);
	else if (pf->fd >= 0)
		close(pf->fd);
	unlink(pf->tmp);
	private_release(pf);
}

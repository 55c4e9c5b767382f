/* util_file.c — creating files and folders with exact permissions whatever
 * the umask.  Layer: core. */
#include "util_file.h"

#include <errno.h>
#include <fcntl.h>
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

int dir_create(const char *path, mode_t mode, struct yerr *e)
{
	struct stat sb;
	if (mkdir(path, mode & 07777) == 0) {
		/* keep the setgid bit a shared folder passes on, so that what is
		 * created inside still belongs to the staff group */
		mode_t keep = stat(path, &sb) == 0 ? (sb.st_mode & S_ISGID) : 0;
		return file_set_mode(path, (mode & 07777) | keep, e);
	}
	if (errno == EEXIST && stat(path, &sb) == 0 && S_ISDIR(sb.st_mode))
		return 0;
	return yerr_set(e, YERR_IO, _("cannot create folder '%s': %s"), path, strerror(errno));
}

int file_set_mode(const char *path, mode_t mode, struct yerr *e)
{
	if (chmod(path, mode & 07777) < 0)
		return yerr_set(e, YERR_IO, _("cannot set the permissions of '%s': %s"), path,
				strerror(errno));
	return 0;
}

/* inofill: use up this user's inotify watches, then run a command, so the
 * command meets the watch limit without touching the global sysctl.
 *
 *   inofill DIR COMMAND [ARG]...
 *
 * Creates files in DIR (which must exist) and adds one watch per file per
 * inotify instance until the kernel says ENOSPC, keeping half the user's
 * instances free; the instances stay open across exec, so the limit holds
 * for exactly as long as COMMAND runs. Run it as an otherwise idle user. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/inotify.h>
#include <unistd.h>

static long proc_long(const char *path)
{
	FILE *fp = fopen(path, "r");
	long v = -1;
	if (fp) {
		if (fscanf(fp, "%ld", &v) != 1)
			v = -1;
		fclose(fp);
	}
	return v;
}

int main(int argc, char **argv)
{
	if (argc < 3) {
		fputs("usage: inofill DIR COMMAND [ARG]...\n", stderr);
		return 2;
	}
	long watches = proc_long("/proc/sys/fs/inotify/max_user_watches");
	long instances = proc_long("/proc/sys/fs/inotify/max_user_instances");
	if (watches <= 0 || instances < 4) {
		fputs("inofill: cannot read the inotify limits\n", stderr);
		return 2;
	}
	long nfiles = watches / (instances / 2) + 1;
	char path[4096];
	for (long i = 0; i < nfiles; i++) {
		snprintf(path, sizeof(path), "%s/f%ld", argv[1], i);
		int fd = open(path, O_WRONLY | O_CREAT, 0644);
		if (fd < 0) {
			perror(path);
			return 2;
		}
		close(fd);
	}
	for (;;) {
		int in = inotify_init1(0);
		if (in < 0) {
			perror("inofill: inotify_init1");
			return 2;
		}
		for (long i = 0; i < nfiles; i++) {
			snprintf(path, sizeof(path), "%s/f%ld", argv[1], i);
			if (inotify_add_watch(in, path, IN_MODIFY) < 0) {
				if (errno == ENOSPC)
					goto full;
				perror(path);
				return 2;
			}
		}
	}
full:
	execvp(argv[2], argv + 2);
	perror(argv[2]);
	return 127;
}

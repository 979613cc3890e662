/*
 * What every program of Steward (the worker, steward-admin, steward-jobs)
 * sets up before its work, in one order, and frees at its end.
 */
#ifndef STEWARD_STARTUP_H
#define STEWARD_STARTUP_H

#include <stddef.h>

/* What startup_libs() sets up beyond the key file and the validators. */
#define START_PASSWORDS	0x01	/* the common-password list, Argon2id */

int	 startup_options(int, char *[], const char **path);
int	 startup_conf(const char *path, char *err, size_t errlen);
int	 startup_libs(unsigned what, int hashes, char *err, size_t errlen);
void	 startup_end(void);

#endif

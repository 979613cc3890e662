/*
 * The master process of steward.fcgi: it holds the listen socket, runs
 * conf.workers worker processes that accept on it, replaces a worker that
 * dies, and hands over to a new binary or configuration on SIGHUP without
 * closing the socket (master.c says how).
 *
 * What passes from a master to the processes it executes, in the
 * environment (names outside STEWARD_<conf key>, so no key overrides them):
 */
#ifndef STEWARD_MASTER_H
#define STEWARD_MASTER_H

#define ENV_LISTEN_FD	"STEWARD_LISTEN_FD"	/* the listen socket, inherited */
#define ENV_READY_FD	"STEWARD_READY_FD"	/* a worker: write one byte here once it accepts */
#define ENV_WORKER_PIDS	"STEWARD_WORKER_PIDS"	/* a re-executed master: its workers, "PID,PID" */

int	 master_env_fd(const char *name);
int	 master_run(int fd, char *argv[]);

#endif

/*
 * The master of steward.fcgi, the nginx way.  main.c opens the listen
 * socket once; the master never opens the database.  It runs conf.workers
 * worker processes, each an execution of this same binary file (found at
 * start-up through /proc/self/exe) that ENV_READY_FD makes a worker: the
 * worker sets itself up, accepts on the inherited socket with its threads
 * and writes one byte to its ready pipe.
 *
 * Signals (blocked, read through a signalfd):
 *   SIGCHLD  a worker that exits without being told to is started again at
 *            once; past WORKER_RESTART_BURST restarts in
 *            WORKER_RESTART_WINDOW seconds (a restart storm) the next waits
 *            until the window allows it.
 *   SIGHUP, SIGUSR2  the hand-over: a new generation of workers starts from
 *            the binary file and the configuration as they are now; once
 *            every one is ready the old ones get SIGTERM (they stop
 *            accepting, finish their requests and exit), and the master
 *            executes the binary file again (same pid), keeping the socket
 *            (ENV_LISTEN_FD) and adopting the new workers (ENV_WORKER_PIDS).
 *            A new worker that exits before it is ready, or one not ready
 *            within WORKER_READY_SECONDS, cancels the hand-over: the old
 *            workers go on.  Connections that arrive meanwhile wait in the
 *            socket's backlog: none is refused.
 *   SIGTERM, SIGINT  SIGTERM to every worker, wait for them (SIGKILL after
 *            WORKER_STOP_SECONDS), close the socket, remove its file, exit 0.
 *
 * The log lines the driver (./steward) waits for: "ready: N workers on
 * LISTEN", "hand-over done: …", "hand-over failed: …"; under systemd
 * (Type=notify) the same moments are READY=1 and RELOADING=1.  A worker
 * gets SIGTERM when its master dies (PR_SET_PDEATHSIG).
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "conf.h"
#include "limits.h"
#include "log.h"
#include "master.h"
#include "shared.h"

struct kid {
	pid_t	 pid;		/* 0: an empty slot (its restart waits) */
	int	 ready_fd;	/* read end of its ready pipe; -1 once closed */
	int	 ready;		/* it accepts */
};

static struct {
	int		 fd;			/* the listen socket */
	int		 sfd;			/* the signalfd */
	char		 exe[PATH_MAX];		/* this binary's file */
	char		**argv;
	pid_t		 self;
	struct kid	 cur[MAX_WORKERS];	/* the workers */
	struct kid	 next[MAX_WORKERS];	/* a hand-over's new workers */
	int		 ncur, nnext;
	int		 started;		/* every first worker was ready */
	time_t		 handover;		/* when the hand-over began; 0: none */
	time_t		 stopping;		/* when SIGTERM came; 0: running */
	time_t		 restarts[WORKER_RESTART_BURST];	/* a ring */
	int		 nrestarts;
} m;

/* The file descriptor in the environment variable name; -1 when none. */
int
master_env_fd(const char *name)
{
	const char	*v = getenv(name);
	char		*end;
	long		 n;

	if (v == NULL || *v == '\0')
		return -1;
	errno = 0;
	n = strtol(v, &end, 10);
	if (errno || *end != '\0' || n < 0 || n > INT_MAX)
		return -1;
	return (int)n;
}

/* Tells systemd (Type=notify) about state; nothing without NOTIFY_SOCKET. */
static void
notify(const char *state)
{
	const char		*path = getenv("NOTIFY_SOCKET");
	struct sockaddr_un	 sa;
	size_t			 len;
	int			 s;

	if (path == NULL || (path[0] != '/' && path[0] != '@') ||
	    (len = strlen(path)) >= sizeof(sa.sun_path))
		return;
	memset(&sa, 0, sizeof(sa));
	sa.sun_family = AF_UNIX;
	memcpy(sa.sun_path, path, len);
	if (path[0] == '@')
		sa.sun_path[0] = '\0';
	if ((s = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0)) == -1)
		return;
	(void)sendto(s, state, strlen(state), MSG_NOSIGNAL,
	    (struct sockaddr *)&sa, offsetof(struct sockaddr_un, sun_path) + len);
	close(s);
}

/* "exit N" or "signal N" for a wait status, into buf. */
static const char *
status_text(int st, char *buf, size_t len)
{
	if (WIFSIGNALED(st))
		snprintf(buf, len, "killed by signal %d", WTERMSIG(st));
	else
		snprintf(buf, len, "exited with status %d", WEXITSTATUS(st));
	return buf;
}

/* Closes a kid's ready pipe and empties its slot. */
static void
kid_clear(struct kid *k)
{
	if (k->ready_fd >= 0)
		close(k->ready_fd);
	k->ready_fd = -1;
	k->ready = 0;
	k->pid = 0;
}

/*
 * In the child of fork(): becomes a worker, the binary file executed with
 * the master's arguments, the socket and the ready pipe's write end.
 * Never returns.
 */
static void __attribute__((noreturn))
child(int ready)
{
	char		 buf[16];
	sigset_t	 none;
	int		 w;

	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
	if (prctl(PR_SET_PDEATHSIG, SIGTERM) == -1 || getppid() != m.self ||
	    (w = dup(ready)) == -1)
		_exit(1);
	snprintf(buf, sizeof(buf), "%d", w);
	setenv(ENV_READY_FD, buf, 1);
	snprintf(buf, sizeof(buf), "%d", m.fd);
	setenv(ENV_LISTEN_FD, buf, 1);
	unsetenv(ENV_WORKER_PIDS);
	unsetenv("NOTIFY_SOCKET");
	/* GnuTLS comes only as librtmp's, through libcurl, and is never used
	 * (TLS is OpenSSL's; librtmp would initialise it itself): without
	 * this its constructor loads p11-kit's modules and the trust store
	 * in every worker, 0.8 MB of the idle worker's RSS.  An operator's
	 * own value stays. */
	setenv("GNUTLS_NO_IMPLICIT_INIT", "1", 0);
	execv(m.exe, m.argv);
	_exit(127);
}

/* Starts a worker into the slot k.  0, or -1 (logged) when it cannot. */
static int
spawn(struct kid *k)
{
	int	 p[2];
	pid_t	 pid;

	if (pipe2(p, O_CLOEXEC) == -1) {
		log_error("master: pipe: %s", strerror(errno));
		return -1;
	}
	if ((pid = fork()) == -1) {
		log_error("master: fork: %s", strerror(errno));
		close(p[0]);
		close(p[1]);
		return -1;
	}
	if (pid == 0)
		child(p[1]);
	close(p[1]);
	k->pid = pid;
	k->ready_fd = p[0];
	k->ready = 0;
	return 0;
}

/* 1 when one more restart fits the storm limit (and counts it), else 0. */
static int
restart_allowed(time_t now)
{
	time_t	*oldest = &m.restarts[m.nrestarts % WORKER_RESTART_BURST];

	if (m.nrestarts >= WORKER_RESTART_BURST &&
	    now - *oldest < WORKER_RESTART_WINDOW)
		return 0;
	*oldest = now;
	m.nrestarts++;
	return 1;
}

/* Starts a worker into every empty slot the storm limit allows. */
static void
fill(time_t now)
{
	int	 i;

	for (i = 0; i < m.ncur; i++) {
		if (m.cur[i].pid != 0)
			continue;
		if (m.started && !restart_allowed(now)) {
			log_error("master: restart storm (%d restarts within %d s): "
			    "the next waits", WORKER_RESTART_BURST,
			    WORKER_RESTART_WINDOW);
			return;
		}
		if (spawn(&m.cur[i]) == 0 && m.started)
			log_info("master: worker %d started", (int)m.cur[i].pid);
	}
}

/* Sends sig to every worker of the n kids k. */
static void
signal_kids(struct kid *k, int n, int sig)
{
	int	 i;

	for (i = 0; i < n; i++)
		if (k[i].pid > 0)
			kill(k[i].pid, sig);
}

/* Ends the hand-over under way: its new workers stop, the old ones go on. */
static void
handover_cancel(const char *why)
{
	int	 i;

	signal_kids(m.next, m.nnext, SIGTERM);
	for (i = 0; i < m.nnext; i++)
		kid_clear(&m.next[i]);
	m.nnext = 0;
	m.handover = 0;
	log_error("master: hand-over failed: %s; the running workers go on", why);
	notify("READY=1");
}

/* Starts a hand-over: a new generation of workers (see the top). */
static void
handover_start(time_t now)
{
	int	 i;

	if (m.handover || m.stopping || !m.started) {
		log_info("master: SIGHUP ignored (%s)", m.stopping ? "stopping" :
		    m.handover ? "a hand-over is under way" : "starting");
		return;
	}
	notify("RELOADING=1");
	m.handover = now;
	m.nnext = conf.workers;
	log_info("master: hand-over: starting %d new workers from %s",
	    m.nnext, m.exe);
	for (i = 0; i < m.nnext; i++)
		if (spawn(&m.next[i]) == -1) {
			m.nnext = i;
			handover_cancel("a new worker could not be started");
			return;
		}
}

/*
 * Every new worker is ready: the old ones retire and the master executes
 * the binary file again with the new ones (see the top).  When that
 * fails, this master goes on with the new workers.
 */
static void
handover_finish(void)
{
	char	 pids[MAX_WORKERS * 12], buf[16];
	size_t	 n = 0;
	int	 i;

	signal_kids(m.cur, m.ncur, SIGTERM);
	for (i = 0; i < m.ncur; i++)
		kid_clear(&m.cur[i]);
	memcpy(m.cur, m.next, sizeof(m.next));
	m.ncur = m.nnext;
	m.nnext = 0;
	m.handover = 0;
	pids[0] = '\0';
	for (i = 0; i < m.ncur; i++)
		n += (size_t)snprintf(pids + n, sizeof(pids) - n, "%s%d",
		    i ? "," : "", (int)m.cur[i].pid);
	snprintf(buf, sizeof(buf), "%d", m.fd);
	log_info("master: new workers %s ready, the old ones retiring; "
	    "executing %s", pids, m.exe);
	if (setenv(ENV_LISTEN_FD, buf, 1) == 0 &&
	    setenv(ENV_WORKER_PIDS, pids, 1) == 0)
		execv(m.exe, m.argv);
	log_error("master: cannot execute %s (%s): this master goes on",
	    m.exe, strerror(errno));
	unsetenv(ENV_LISTEN_FD);
	unsetenv(ENV_WORKER_PIDS);
	log_info("master: hand-over done: %d workers (%s), master not replaced",
	    m.ncur, pids);
	notify("READY=1");
}

/* The hand-over's progress: finished, timed out, or still waiting. */
static void
handover_check(time_t now)
{
	int	 i;

	if (!m.handover)
		return;
	for (i = 0; i < m.nnext; i++)
		if (!m.next[i].ready)
			break;
	if (i == m.nnext)
		handover_finish();
	else if (now - m.handover >= WORKER_READY_SECONDS)
		handover_cancel("a new worker was not ready in time");
}

/* The slot of pid among the n kids k, or NULL. */
static struct kid *
kid_find(struct kid *k, int n, pid_t pid)
{
	int	 i;

	for (i = 0; i < n; i++)
		if (k[i].pid == pid)
			return &k[i];
	return NULL;
}

/*
 * A child exited with wait status st.  Answers -1 when a first worker
 * died before it was ready (the start-up fails), else 0.
 */
static int
child_exited(pid_t pid, int st)
{
	struct kid	*k;
	char		 why[64];

	status_text(st, why, sizeof(why));
	if ((k = kid_find(m.next, m.nnext, pid)) != NULL) {
		char	 msg[128];

		kid_clear(k);
		snprintf(msg, sizeof(msg), "new worker %d %s before it was "
		    "ready", (int)pid, why);
		handover_cancel(msg);
		return 0;
	}
	if ((k = kid_find(m.cur, m.ncur, pid)) == NULL) {
		log_info("master: worker %d retired (%s)", (int)pid, why);
		return 0;
	}
	kid_clear(k);
	if (m.stopping) {
		log_info("master: worker %d stopped (%s)", (int)pid, why);
		return 0;
	}
	if (!m.started) {
		log_error("master: worker %d %s while starting", (int)pid, why);
		return -1;
	}
	log_error("master: worker %d %s; starting another", (int)pid, why);
	return 0;
}

/* Reaps exited children.  -1: the start-up failed; 1: no child is left. */
static int
reap(void)
{
	pid_t	 pid;
	int	 st;

	while ((pid = waitpid(-1, &st, WNOHANG)) > 0)
		if (child_exited(pid, st) == -1)
			return -1;
	return pid == -1 && errno == ECHILD ? 1 : 0;
}

/* Reads a kid's ready byte (or the end of its pipe). */
static void
kid_read(struct kid *k)
{
	char	 c;

	if (read(k->ready_fd, &c, 1) == 1)
		k->ready = 1;
	close(k->ready_fd);
	k->ready_fd = -1;
}

/* Starts stopping: SIGTERM to every worker. */
static void
stop_all(time_t now)
{
	int	 i;

	m.stopping = now;
	signal_kids(m.cur, m.ncur, SIGTERM);
	signal_kids(m.next, m.nnext, SIGTERM);
	for (i = 0; i < m.ncur; i++)
		if (m.cur[i].ready_fd >= 0) {
			close(m.cur[i].ready_fd);
			m.cur[i].ready_fd = -1;
		}
	for (i = 0; i < m.nnext; i++)
		if (m.next[i].ready_fd >= 0)
			close(m.next[i].ready_fd);
	m.nnext = 0;
	m.handover = 0;
	notify("STOPPING=1");
}

/* Handles the signals waiting on the signalfd. */
static void
signals(time_t now)
{
	struct signalfd_siginfo	 si;

	while (read(m.sfd, &si, sizeof(si)) == (ssize_t)sizeof(si))
		switch (si.ssi_signo) {
		case SIGHUP:
		case SIGUSR2:
			handover_start(now);
			break;
		case SIGTERM:
		case SIGINT:
			if (!m.stopping) {
				log_info("master: signal %d: stopping",
				    (int)si.ssi_signo);
				stop_all(now);
			}
			break;
		default:		/* SIGCHLD: reaped by the loop */
			break;
		}
}

/* The ready pipes to watch, after pfd[0] (the signalfd).  Their count. */
static int
watch(struct pollfd *pfd, struct kid **who)
{
	int	 i, n = 1;

	for (i = 0; i < m.ncur; i++)
		if (m.cur[i].ready_fd >= 0) {
			who[n] = &m.cur[i];
			pfd[n++] = (struct pollfd){ m.cur[i].ready_fd, POLLIN, 0 };
		}
	for (i = 0; i < m.nnext; i++)
		if (m.next[i].ready_fd >= 0) {
			who[n] = &m.next[i];
			pfd[n++] = (struct pollfd){ m.next[i].ready_fd, POLLIN, 0 };
		}
	return n;
}

/* Reports the first moment every first worker is ready. */
static void
check_started(void)
{
	int	 i;

	if (m.started)
		return;
	for (i = 0; i < m.ncur; i++)
		if (!m.cur[i].ready)
			return;
	m.started = 1;
	log_info("master: ready: %d workers on %s", m.ncur, conf.listen);
	notify("READY=1");
}

/*
 * Takes over the workers a previous image of this master named in
 * ENV_WORKER_PIDS (they are ready), then matches conf.workers: extra ones
 * retire, missing ones are started by the loop.
 */
static void
adopt(void)
{
	const char	*v = getenv(ENV_WORKER_PIDS);
	char		*end;
	long		 pid;
	int		 n = 0;

	if (v == NULL)
		return;
	while (*v) {
		pid = strtol(v, &end, 10);
		if (end == v || pid <= 0)
			break;
		if (n < conf.workers)
			m.cur[n++] = (struct kid){ (pid_t)pid, -1, 1 };
		else
			kill((pid_t)pid, SIGTERM);
		v = *end == ',' ? end + 1 : end;
	}
	unsetenv(ENV_WORKER_PIDS);
	unsetenv(ENV_LISTEN_FD);
	m.started = 1;
	log_info("master: hand-over done: %s adopted %d workers", m.exe, n);
	notify("READY=1");
}

/*
 * The memory this master's workers share (shared.h): the one a previous
 * image handed on in ENV_SHARED_FD while it has this build's layout, else
 * a new one; named in the environment every worker and the next image
 * inherit.  Without one, each worker counts for itself (logged).
 */
static void
shared_setup(void)
{
	char	 buf[16];
	int	 fd = master_env_fd(ENV_SHARED_FD);

	if (fd >= 0 && shared_check(fd) == 0)
		return;
	if (fd >= 0)
		close(fd);
	if ((fd = shared_create()) == -1) {
		unsetenv(ENV_SHARED_FD);
		log_error("master: no shared memory: each worker counts API "
		    "token requests for itself");
		return;
	}
	snprintf(buf, sizeof(buf), "%d", fd);
	setenv(ENV_SHARED_FD, buf, 1);
}

/*
 * Runs the master on the listen socket fd until SIGTERM/SIGINT (see the
 * top).  argv: this program's arguments, given again to every worker and
 * to a new image.  Answers the exit status: 0, or 1 when it cannot start
 * (no signalfd, a first worker that dies while starting).
 */
int
master_run(int fd, char *argv[])
{
	struct pollfd	 pfd[1 + 2 * MAX_WORKERS];
	struct kid	*who[1 + 2 * MAX_WORKERS];
	sigset_t	 set;
	ssize_t		 len;
	time_t		 now;
	int		 i, n, rc = 0;

	m.fd = fd;
	m.argv = argv;
	m.self = getpid();
	m.ncur = conf.workers;
	for (i = 0; i < MAX_WORKERS; i++)
		m.cur[i].ready_fd = m.next[i].ready_fd = -1;
	len = readlink("/proc/self/exe", m.exe, sizeof(m.exe) - 1);
	sigemptyset(&set);
	sigaddset(&set, SIGCHLD);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGHUP);
	sigaddset(&set, SIGUSR2);
	sigprocmask(SIG_BLOCK, &set, NULL);
	if (len <= 0 || (m.sfd = signalfd(-1, &set, SFD_NONBLOCK |
	    SFD_CLOEXEC)) == -1 || fcntl(fd, F_SETFD, 0) == -1 ||
	    fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK) == -1) {
		log_error("master: cannot start: %s", strerror(errno));
		return 1;
	}
	m.exe[len] = '\0';
	shared_setup();
	adopt();
	for (;;) {
		now = time(NULL);
		if (!m.stopping) {
			fill(now);
			handover_check(now);
			check_started();
		} else if (now - m.stopping >= WORKER_STOP_SECONDS) {
			signal_kids(m.cur, m.ncur, SIGKILL);
		}
		n = watch(pfd, who);
		pfd[0] = (struct pollfd){ m.sfd, POLLIN, 0 };
		if (poll(pfd, (nfds_t)n, MASTER_TICK_MS) > 0) {
			for (i = 1; i < n; i++)
				if (pfd[i].revents)
					kid_read(who[i]);
			signals(time(NULL));
		}
		if ((i = reap()) == -1 && !m.stopping) {
			rc = 1;
			stop_all(time(NULL));
		} else if (i == 1 && m.stopping)
			break;
	}
	close(m.sfd);
	close(fd);
	if (conf.listen[0] == '/')
		unlink(conf.listen);
	log_info("master: stopped");
	return rc;
}

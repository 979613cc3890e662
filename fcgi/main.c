/*
 * steward.fcgi.  Started by hand, by ./steward or by systemd it is the
 * master (master.c): it opens the listen socket, reads the configuration
 * and nothing else, and runs conf.workers worker processes.  Executed by
 * its master (ENV_READY_FD set) it is a worker: start-up opens everything
 * (key file, validators, the common-password list), then N threads each
 * accept requests on the inherited socket with their own FCGX_Request,
 * MariaDB connection, prepared statements and arena.  SIGTERM/SIGINT are
 * blocked in every thread and taken by sigwait() in main: the threads stop
 * accepting, finish the request in hand and end; the socket stays open for
 * the other workers (the master closes it).
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/stat.h>
#include <unistd.h>

#include <curl/curl.h>
#include <fcgiapp.h>
#include <libxml/parser.h>
#include <sodium.h>

#include "arena.h"
#include "conf.h"
#include "db.h"
#include "jobs.h"
#include "limits.h"
#include "log.h"
#include "master.h"
#include "mem.h"
#include "rc.h"
#include "request.h"
#include "serve.h"
#include "shared.h"
#include "startup.h"

struct worker {
	pthread_t	 thread;
	int		 id;
	int		 fd;
	struct db	 db;
	struct arena	 arena;
};

static atomic_int	 stopping;	/* the worker stops: no new connection */
static int		 stop_fd = -1;	/* eventfd, readable once stopping */

enum { WAIT_CONN = 1, WAIT_STOP = 2 };

/*
 * Waits on ep (the listen socket, EPOLLEXCLUSIVE: a connection wakes one
 * waiting thread of all the workers, not every one; and stop_fd) at most
 * ACCEPT_POLL_MS.  Answers WAIT_* bits; 0 when the time ran out (the
 * caller looks again, so a wake-up taken by a thread that was stopping
 * delays a connection by ACCEPT_POLL_MS at most).
 */
static int
accept_wait(int ep, int fd)
{
	struct epoll_event	 ev[2];
	int			 i, n, got = 0;

	n = epoll_wait(ep, ev, 2, ACCEPT_POLL_MS);
	for (i = 0; i < n; i++)
		got |= ev[i].data.fd == fd ? WAIT_CONN : WAIT_STOP;
	if (atomic_load(&stopping))
		got |= WAIT_STOP;
	return got;
}

/* An epoll set of the listen socket fd (exclusive) and stop_fd; -1. */
static int
accept_set(int fd)
{
	struct epoll_event	 conn = { .events = EPOLLIN | EPOLLEXCLUSIVE,
				    .data.fd = fd };
	struct epoll_event	 stop = { .events = EPOLLIN, .data.fd = stop_fd };
	int			 ep;

	if ((ep = epoll_create1(EPOLL_CLOEXEC)) == -1)
		return -1;
	if (epoll_ctl(ep, EPOLL_CTL_ADD, fd, &conn) == -1 ||
	    epoll_ctl(ep, EPOLL_CTL_ADD, stop_fd, &stop) == -1) {
		close(ep);
		return -1;
	}
	return ep;
}

/*
 * A worker thread: accepts and handles requests on the non-blocking
 * listen socket (several processes accept on it) until the worker stops;
 * once it does, the connection this thread was woken for is still served.
 */
static void *
worker_main(void *arg)
{
	struct worker	*w = arg;
	FCGX_Request	 req;
	int		 ep, got, rc;

	mysql_thread_init();
	if (db_open(&w->db) == -1)
		log_error("thread %d: database not reachable yet; will retry "
		    "per request", w->id);
	arena_init(&w->arena);
	arena_keep(&w->arena, ARENA_KEEP);
	FCGX_InitRequest(&req, w->fd, FCGI_FAIL_ACCEPT_ON_INTR);
	if ((ep = accept_set(w->fd)) == -1)
		log_error("thread %d: epoll: %s", w->id, strerror(errno));
	while (ep != -1) {
		if (req.ipcFd < 0 && !((got = accept_wait(ep, w->fd)) & WAIT_CONN)) {
			if (got & WAIT_STOP)
				break;
			continue;
		}
		rc = FCGX_Accept_r(&req);
		if (rc >= 0) {
			request_handle(&req, &w->db, &w->arena);
			FCGX_Finish_r(&req);
			if (db_settle(&w->db))
				log_error("thread %d: a request left a "
				    "transaction open: rolled back", w->id);
		} else if (rc != -EAGAIN && rc != -EWOULDBLOCK && rc != -EINTR &&
		    rc != -ECONNABORTED) {
			log_error("thread %d: accept: %s", w->id, strerror(-rc));
			break;
		}
		if (atomic_load(&stopping))
			break;
	}
	if (ep != -1)
		close(ep);
	FCGX_Free(&req, 1);
	arena_free(&w->arena);
	db_close(&w->db);
	mysql_thread_end();
	return NULL;
}

/* Prints usage and exits. */
static void __attribute__((noreturn))
usage(int rc)
{
	fprintf(rc ? stderr : stdout,
	    "usage: steward.fcgi [-c FILE]\n"
	    "  -c FILE  configuration (default " SYSCONFDIR "/steward/steward.conf)\n"
	    "  -h       this help\n"
	    "  -V       version\n"
	    "Runs the Steward FastCGI master on the socket named by 'listen'\n"
	    "and 'workers' worker processes. SIGHUP: hand over to the binary\n"
	    "and configuration as they are now; SIGTERM: stop.\n"
	    "See steward.conf(5).\n");
	exit(rc);
}

/* 1 when another process accepts connections on the unix socket path. */
static int
socket_in_use(const char *path)
{
	struct sockaddr_un	 sa;
	int			 fd, used;

	memset(&sa, 0, sizeof(sa));
	sa.sun_family = AF_UNIX;
	if (strlen(path) >= sizeof(sa.sun_path) ||
	    (fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0)) == -1)
		return 0;
	memcpy(sa.sun_path, path, strlen(path));
	used = connect(fd, (struct sockaddr *)&sa, sizeof(sa)) == 0;
	close(fd);
	return used;
}

/*
 * Opens the listen socket: a unix path (mode 0660) or [host]:port.  A
 * stale socket file is replaced; a live one (another worker) is an error.
 */
static int
open_listen(void)
{
	int	 fd;
	mode_t	 old;

	if (conf.listen[0] != '/') {
		fd = FCGX_OpenSocket(conf.listen, LISTEN_BACKLOG);
		return fd;
	}
	if (socket_in_use(conf.listen)) {
		fprintf(stderr, "steward.fcgi: %s: another master is listening\n",
		    conf.listen);
		return -1;
	}
	unlink(conf.listen);
	old = umask(0117);
	fd = FCGX_OpenSocket(conf.listen, LISTEN_BACKLOG);
	umask(old);
	return fd;
}

/* Reads the configuration and sets up every library; exits on failure. */
static void
setup(const char *path)
{
	char	 err[512];

	if (startup_conf(path, err, sizeof(err)) != RC_OK ||
	    startup_libs(START_PASSWORDS, conf.hash_concurrency, err,
	    sizeof(err)) != RC_OK) {
		fprintf(stderr, "steward.fcgi: %s\n", err);
		exit(1);
	}
	if (FCGX_Init() != 0) {
		fprintf(stderr, "steward.fcgi: FCGX_Init failed\n");
		exit(1);
	}
}

/* The -c FILE of the command line (NULL: the default); exits for -h, -V. */
static const char *
options(int argc, char *argv[])
{
	const char	*path = NULL;
	int		 i;

	if ((i = startup_options(argc, argv, &path)) < 0)
		usage(i == -2 ? 0 : 1);
	if (i < argc)
		usage(1);
	return path;
}

/*
 * Blocks the signals that stop the worker in every thread (they are
 * taken by sigwait in main) into set, and ignores SIGPIPE.
 */
static void
block_signals(sigset_t *set)
{
	sigemptyset(set);
	sigaddset(set, SIGTERM);
	sigaddset(set, SIGINT);
	sigaddset(set, SIGHUP);
	sigaddset(set, SIGUSR2);
	pthread_sigmask(SIG_BLOCK, set, NULL);
	signal(SIGPIPE, SIG_IGN);
}

/* Starts conf.threads threads accepting on fd; NULL on failure. */
static struct worker *
workers_start(int fd)
{
	struct worker	*w;
	int		 i;

	if ((w = calloc((size_t)conf.threads, sizeof(*w))) == NULL)
		return NULL;
	for (i = 0; i < conf.threads; i++) {
		w[i].id = i;
		w[i].fd = fd;
		if (pthread_create(&w[i].thread, NULL, worker_main, &w[i]) != 0) {
			fprintf(stderr, "steward.fcgi: pthread_create failed\n");
			return NULL;
		}
	}
	return w;
}

/*
 * Stops the worker (DESIGN §6): the flag and stop_fd wake the idle
 * threads, which stop accepting; the busy ones finish their request; the
 * job runner ends its job.  The listen socket is closed here but stays
 * open in the master and the other workers.
 */
static void
workers_stop(struct worker *w, int fd)
{
	uint64_t	 one = 1;
	int		 i;

	atomic_store(&stopping, 1);
	if (write(stop_fd, &one, sizeof(one)) != (ssize_t)sizeof(one))
		log_error("stop: eventfd: %s", strerror(errno));
	jobs_thread_stop();
	for (i = 0; i < conf.threads; i++)
		pthread_join(w[i].thread, NULL);
	close(stop_fd);
	close(fd);
	free(w);
}

/*
 * A worker process on the inherited listen socket fd: sets up, starts
 * its threads (and the job runner), writes its ready byte to the fd
 * ready, runs until SIGTERM/SIGINT.  Answers the exit status.
 */
static int
worker(const char *path, int fd, int ready)
{
	struct worker	*w;
	sigset_t	 set;
	int		 sig;

	setup(path);
	if (fd < 0 || fcntl(fd, F_SETFD, FD_CLOEXEC) == -1 ||
	    (stop_fd = eventfd(0, EFD_CLOEXEC)) == -1) {
		fprintf(stderr, "steward.fcgi: no listen socket from the master\n");
		return 1;
	}
	if (shared_attach(master_env_fd(ENV_SHARED_FD)) == -1)
		log_error("worker: no shared memory from the master: this "
		    "worker counts API token requests for itself");
	/* Set-up is done: nothing this process runs may gain privileges. */
	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) == -1)
		log_error("prctl(PR_SET_NO_NEW_PRIVS): %s", strerror(errno));
	block_signals(&set);
	if ((w = workers_start(fd)) == NULL)
		return 1;
	if (conf.jobs && jobs_thread_start() == -1)
		log_error("the job runner thread could not start");
	log_info("steward.fcgi %s: worker %d: %d threads on %s, libxml2 "
	    "malloc %s", PACKAGE_VERSION, (int)getpid(), conf.threads,
	    conf.listen, mem_xml_malloc());
	if (write(ready, "1", 1) != 1)
		log_error("worker: ready pipe: %s", strerror(errno));
	close(ready);
	do {
		if (sigwait(&set, &sig) != 0)
			sig = SIGTERM;
	} while (sig == SIGHUP || sig == SIGUSR2);
	log_info("worker %d: signal %d: stopping", (int)getpid(), sig);
	workers_stop(w, fd);
	startup_end();
	log_info("worker %d: stopped", (int)getpid());
	return 0;
}

int
main(int argc, char *argv[])
{
	const char	*path = options(argc, argv);
	char		 err[512];
	int		 fd, ready, rc;

	ready = master_env_fd(ENV_READY_FD);
	fd = master_env_fd(ENV_LISTEN_FD);
	if (ready >= 0)
		return worker(path, fd, ready);
	if (startup_conf(path, err, sizeof(err)) != RC_OK) {
		fprintf(stderr, "steward.fcgi: %s\n", err);
		return 1;
	}
	if (fd < 0 && (fd = open_listen()) < 0) {
		fprintf(stderr, "steward.fcgi: cannot listen on %s\n", conf.listen);
		startup_end();
		return 1;
	}
	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) == -1)
		log_error("prctl(PR_SET_NO_NEW_PRIVS): %s", strerror(errno));
	signal(SIGPIPE, SIG_IGN);
	rc = master_run(fd, argv);
	startup_end();
	return rc;
}

/*
 * steward.fcgi: the FastCGI worker.  Start-up opens everything (config,
 * key file, validators, the listen socket), then N threads each accept
 * requests with their own FCGX_Request, MariaDB connection, prepared
 * statements and arena.  SIGTERM/SIGINT are blocked in every thread and
 * taken by sigwait() in main, which stops accepting and joins the threads.
 */
#include "config.h"

#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
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
#include "rc.h"
#include "request.h"
#include "serve.h"
#include "startup.h"

struct worker {
	pthread_t	 thread;
	int		 id;
	int		 fd;
	struct db	 db;
	struct arena	 arena;
};

/* Accepts and handles requests until the listen socket is shut down. */
static void *
worker_main(void *arg)
{
	struct worker	*w = arg;
	FCGX_Request	 req;

	mysql_thread_init();
	if (db_open(&w->db) == -1)
		log_error("thread %d: database not reachable yet; will retry "
		    "per request", w->id);
	arena_init(&w->arena);
	arena_keep(&w->arena, ARENA_KEEP);
	FCGX_InitRequest(&req, w->fd, FCGI_FAIL_ACCEPT_ON_INTR);
	for (;;) {
		if (FCGX_Accept_r(&req) < 0)
			break;
		request_handle(&req, &w->db, &w->arena);
		FCGX_Finish_r(&req);
	}
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
	    "Runs the Steward FastCGI worker on the socket named by 'listen'.\n"
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
		fprintf(stderr, "steward.fcgi: %s: another worker is listening\n",
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
	pthread_sigmask(SIG_BLOCK, set, NULL);
	signal(SIGPIPE, SIG_IGN);
}

/* Starts conf.threads workers accepting on fd; NULL on failure. */
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
 * Stops the worker (DESIGN §6): libfcgi's flag and a shutdown() of the
 * listening socket wake the idle threads; the job runner ends its job.
 */
static void
workers_stop(struct worker *w, int fd)
{
	int	 i;

	FCGX_ShutdownPending();
	shutdown(fd, SHUT_RDWR);
	jobs_thread_stop();
	for (i = 0; i < conf.threads; i++)
		pthread_join(w[i].thread, NULL);
	close(fd);
	if (conf.listen[0] == '/')
		unlink(conf.listen);
	free(w);
}

int
main(int argc, char *argv[])
{
	struct worker	*w;
	sigset_t	 set;
	int		 fd, sig;

	setup(options(argc, argv));
	if ((fd = open_listen()) < 0) {
		fprintf(stderr, "steward.fcgi: cannot listen on %s\n", conf.listen);
		return 1;
	}
	/* Set-up is done: nothing this process runs may gain privileges. */
	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) == -1)
		log_error("prctl(PR_SET_NO_NEW_PRIVS): %s", strerror(errno));
	block_signals(&set);
	if ((w = workers_start(fd)) == NULL)
		return 1;
	log_info("steward.fcgi %s: %d threads on %s", PACKAGE_VERSION,
	    conf.threads, conf.listen);
	if (conf.jobs && jobs_thread_start() == -1)
		log_error("the job runner thread could not start");
	do {
		if (sigwait(&set, &sig) != 0)
			sig = SIGTERM;
	} while (sig == SIGHUP);
	log_info("signal %d: stopping", sig);
	workers_stop(w, fd);
	startup_end();
	log_info("stopped");
	return 0;
}

/*
 * The memory the worker processes of one host share (shared.h): a memfd
 * the master creates, tagged with its layout so that a worker of another
 * build never reads a different one, and its locks process-shared and
 * robust (a worker killed while holding one leaves it usable).
 */
#include <errno.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "log.h"
#include "shared.h"

/* The layout's name: change it with struct shared. */
#define SHARED_TAG	"steward-shared/1"

/* What the memfd holds: the tag, then the shared parts. */
struct region {
	char		 tag[sizeof(SHARED_TAG)];
	struct shared	 s;
};

static struct shared	*mapped;	/* the master's, set before any thread */
static struct shared	 own;		/* else this process's own */
static pthread_once_t	 own_once = PTHREAD_ONCE_INIT;

/* Sets up the locks of a zeroed struct shared, process-shared when
 * pshared.  0, or -1. */
static int
shared_init(struct shared *s, int pshared)
{
	pthread_mutexattr_t	 at;
	int			 bad;

	if (pthread_mutexattr_init(&at) != 0)
		return -1;
	bad = pthread_mutexattr_setpshared(&at, pshared ?
	    PTHREAD_PROCESS_SHARED : PTHREAD_PROCESS_PRIVATE) != 0 ||
	    pthread_mutexattr_setrobust(&at, PTHREAD_MUTEX_ROBUST) != 0 ||
	    pthread_mutex_init(&s->rate_lock, &at) != 0;
	pthread_mutexattr_destroy(&at);
	return bad ? -1 : 0;
}

/* The region of fd mapped read-write, or NULL (errno set). */
static struct region *
region_map(int fd)
{
	void	*p;

	p = mmap(NULL, sizeof(struct region), PROT_READ | PROT_WRITE,
	    MAP_SHARED, fd, 0);
	return p == MAP_FAILED ? NULL : p;
}

/*
 * In the master: a new shared memory for its workers, zeroed, tagged, its
 * locks set up; a memfd without FD_CLOEXEC, so that the workers and the
 * master's next image inherit it.  The fd, or -1 (logged).
 */
int
shared_create(void)
{
	struct region	*r;
	int		 fd, rc;

	if ((fd = memfd_create("steward-shared", 0)) == -1 ||
	    ftruncate(fd, sizeof(*r)) == -1 || (r = region_map(fd)) == NULL) {
		log_error("master: shared memory: %s", strerror(errno));
		if (fd != -1)
			close(fd);
		return -1;
	}
	memcpy(r->tag, SHARED_TAG, sizeof(r->tag));
	rc = shared_init(&r->s, 1);
	munmap(r, sizeof(*r));
	if (rc == -1) {
		log_error("master: shared memory: its lock cannot be set up");
		close(fd);
		return -1;
	}
	return fd;
}

/* The region of fd mapped when fd is a shared memory of this layout,
 * else NULL. */
static struct region *
region_open(int fd)
{
	struct stat	 st;
	struct region	*r;

	if (fd < 0 || fstat(fd, &st) == -1 ||
	    st.st_size != (off_t)sizeof(*r) || (r = region_map(fd)) == NULL)
		return NULL;
	if (memcmp(r->tag, SHARED_TAG, sizeof(r->tag)) != 0) {
		munmap(r, sizeof(*r));
		return NULL;
	}
	return r;
}

/* In the master: 0 when the fd a previous image handed on is a shared
 * memory of this build's layout (it can be kept), else -1. */
int
shared_check(int fd)
{
	struct region	*r;

	if ((r = region_open(fd)) == NULL)
		return -1;
	munmap(r, sizeof(*r));
	return 0;
}

/*
 * In a worker, before its threads start: maps the master's shared memory
 * fd (inherited; closed here whatever happens).  0, or -1 when it is not
 * one of this layout (then shared_get() answers this process's own copy;
 * the caller logs).
 */
int
shared_attach(int fd)
{
	struct region	*r = region_open(fd);

	if (fd >= 0)
		close(fd);
	if (r == NULL)
		return -1;
	mapped = &r->s;
	return 0;
}

/* Sets up the own copy's lock (a default mutex when the robust one
 * cannot be had: that never fails). */
static void
own_make(void)
{
	if (shared_init(&own, 0) == -1)
		pthread_mutex_init(&own.rate_lock, NULL);
}

/* The shared parts: the master's memory when shared_attach() mapped it
 * (before any thread started), else this process's own copy. */
struct shared *
shared_get(void)
{
	if (mapped != NULL)
		return mapped;
	pthread_once(&own_once, own_make);
	return &own;
}

/* Locks one of the shared locks; a lock whose holder died is taken over
 * (what it guarded may be half-written: the parts tolerate that). */
void
shared_lock(pthread_mutex_t *m)
{
	if (pthread_mutex_lock(m) == EOWNERDEAD)
		pthread_mutex_consistent(m);
}

/*
 * One FastCGI request from start to end: read and bound it (request.c),
 * read its body as its route asks, pass it through the gates to its
 * handler (routes.c), give a signed-in page its account switcher, write
 * the answer and log one line.  Everything is freed by arena_reset(),
 * and a request that grew gives its memory back to the system (mem.c).
 */
#include <string.h>
#include <time.h>

#include <fcgiapp.h>

#include "serve.h"
#include "arena.h"
#include "db.h"
#include "error.h"
#include "log.h"
#include "mem.h"
#include "rc.h"
#include "request.h"
#include "routes.h"
#include "scim_serve.h"
#include "session.h"
#include "xml.h"

/* Microseconds of the monotonic clock. */
static uint64_t
now_us(void)
{
	struct timespec	 ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000 + (uint64_t)ts.tv_nsec / 1000;
}

/* The method as the log line names it. */
static const char *
method_name(const struct req *r)
{
	static const char *const names[] = {
		[METHOD_GET] = "GET", [METHOD_POST] = "POST",
		[METHOD_HEAD] = "HEAD", [METHOD_PUT] = "PUT",
		[METHOD_PATCH] = "PATCH", [METHOD_DELETE] = "DELETE",
		[METHOD_OTHER] = "OTHER",
	};

	return names[r->method];
}

/*
 * Completes the document before it is written: an answer without one
 * gets the 500 page, and a signed-in page its account switcher (loaded
 * only now, so that redirects and files never pay for it).
 */
static void
page_finish(struct req *r)
{
	if ((r->has_file && r->status == 200) || r->out_type != NULL)
		return;
	if (r->doc == NULL)
		page_error(r, 500, NULL);
	if (r->s != NULL && r->doc != NULL && r->status != 303 &&
	    session_accounts(r) == RC_OK)
		xml_accounts(r);
}

/*
 * Handles the accepted request f with the thread's database connection
 * and arena; the arena is empty again on return (its spare blocks
 * aside), and malloc trimmed when the request made it grow.
 */
void
request_handle(struct FCGX_Request *f, struct db *db, struct arena *a)
{
	struct req	 r;
	uint64_t	 t0 = now_us();
	size_t		 grown;
	int		 st;

	memset(&r, 0, sizeof(r));
	r.a = a;
	r.db = db;
	r.fcgx = f;
	r.status = 200;
	if ((st = req_parse(&r)) == 0 && r.method == METHOD_POST &&
	    !scim_path(r.path))
		st = req_read_body(&r, route_body(r.method, r.path));
	if (scim_path(r.path))
		scim_serve(&r, st);	/* answers in JSON, whatever happens */
	else if (st != 0)
		page_error(&r, st, st == 400 ? "The request could not be read: "
		    "it is malformed, or holds invalid UTF-8 or control characters."
		    : NULL);
	else
		route_dispatch(&r);
	req_drain(&r);		/* what a handler left of a streamed body */
	if (a->failed && r.status < 500)
		page_error(&r, 500, NULL);
	page_finish(&r);
	req_write(&r);
	log_info("%s %s%s %d %zu %llu %llu",
	    FCGX_GetParam("REQUEST_METHOD", f->envp) ? method_name(&r) : "-",
	    r.api ? "/api" : "", r.path ? r.path : "-", r.status, r.bytes_out,
	    (unsigned long long)(now_us() - t0),
	    (unsigned long long)(r.s ? r.s->user_id : 0));
	grown = a->grown;
	arena_reset(a);
	mem_after_request(grown);
}

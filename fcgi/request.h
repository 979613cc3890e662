/*
 * One request: what was asked, the session, and the answer being built.
 */
#ifndef STEWARD_REQUEST_H
#define STEWARD_REQUEST_H

#include <stddef.h>
#include <stdint.h>

#include <libxml/tree.h>

#include "limits.h"

#include "arena.h"
#include "decode.h"
#include "roles.h"
#include "db.h"
#include "input.h"

enum method {
	METHOD_GET, METHOD_POST, METHOD_HEAD, METHOD_PUT, METHOD_PATCH,
	METHOD_DELETE, METHOD_OTHER
};

struct api_principal;	/* api_token.h */

/* session.stage: a full session, or one waiting for the second step. */
enum stage { STAGE_FULL = 0, STAGE_VERIFY = 1 };

/* One account of the switcher. */
struct account_ref {
	const char	*id, *name;	/* public id, name */
	enum role	 role;
};

struct session {
	uint64_t	 id, user_id, account_id;
	enum stage	 stage;
	int		 attempts;	/* wrong second-step codes so far */
	int		 enroll;	/* the organization requires 2-step
					   verification and the user has none */
	uint64_t	 memberships;	/* > 1: the switcher lists accounts */
	enum role	 role;
	const char	*user_name, *email;
	const char	*account_public, *account_name, *region, *timezone;
	unsigned char	 hash[HASH_BYTES];
	struct account_ref *accounts;	/* the switcher (session_accounts) */
	size_t		 naccounts;
};

struct req {
	struct arena	*a;
	struct db	*db;
	void		*fcgx;		/* FCGX_Request */

	enum method	 method;
	const char	*path;		/* without the /api prefix */
	int		 api;		/* came in under /api */
	struct kvlist	 query, form, cookies;
	struct input	 in;		/* the route's declared fields (input.c) */
	const char	*ip, *ua, *origin, *host, *scheme;
	int		 accept_xml;	/* Accept names application/xml */
	const char	*ctype;		/* Content-Type of a POST */
	const char	*body;		/* raw body (routes with R_RAW_BODY) */
	size_t		 body_len;	/* its length; Content-Length of a streamed body */
	int		 body_stream;	/* the body is left in the FastCGI stream */

	struct session	*s;		/* NULL when signed out */
	struct session	*half;		/* a session waiting for its second
					   step (r->s is NULL then) */
	char		 csrf[TOKEN_B64_LEN + 1];
	const char	*pre;		/* pre-session cookie value */
	struct api_principal *token;	/* the request came with an API token
					   (r->s is then its owner; no CSRF) */
	const char	*flash_kind;	/* the flash the request carries ("ok", */
	const char	*flash_text;	/* "error"), NULL when none */

	/* response */
	int		 status;
	xmlDocPtr	 doc;
	xmlNodePtr	 root;
	const char	*location;
	const char	*cookies_out[6];
	size_t		 ncookies_out;
	int		 retry_after;
	const char	*www_auth;	/* WWW-Authenticate of a 401 / 403 */
	const char	*disposition;	/* Content-Disposition, e.g. of a CSV */
	size_t		 bytes_out;
	int		 has_file;	/* answer file_fd's bytes, not XML (req_file) */
	int		 file_fd;
	uint64_t	 file_size;
	const char	*file_type, *file_disposition;
	const char	*out_type;	/* a body that is not XML (SCIM's JSON): */
	const char	*out_body;	/* its Content-Type, bytes and length */
	size_t		 out_len;	/* (req_answer) */
};

/* How the body of a POST is read: its route says (routes.c). */
enum body_kind { BODY_FORM, BODY_RAW, BODY_STREAM };

/* Reading the request and writing the answer (serve.c drives them). */
int	 req_parse(struct req *);
int	 req_read_body(struct req *, enum body_kind);
void	 req_write(struct req *);
void	 req_drain(struct req *);
const char *req_header(struct req *, const char *name);
long	 req_stream_read(struct req *, char *, size_t);
const char *status_reason(int);

/* Response helpers. */
void	 req_cookie(struct req *, const char *name, const char *val, int maxage);
void	 req_redirect(struct req *, const char *path);
void	 req_flash(struct req *, const char *kind, const char *text);
const char *req_client_origin(struct req *);
int	 req_down(struct req *);
int	 req_row(struct req *, int rc, const struct dbres *);
int	 req_db_fail(struct req *, int rc);
const char *content_disposition(struct arena *, const char *name);
void	 req_file(struct req *, int fd, uint64_t size, const char *ctype,
	    const char *disposition);
void	 req_answer(struct req *, int status, const char *ctype,
	    const char *body, size_t len);

#endif

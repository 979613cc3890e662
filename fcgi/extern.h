/*
 * Internal interfaces of Steward: one header for the whole worker, the admin
 * CLI and the unit tests.  Every function says how it fails.
 */
#ifndef STEWARD_EXTERN_H
#define STEWARD_EXTERN_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include <libxml/tree.h>
#include <mysql.h>

#include "limits.h"

/* ---------------------------------------------------------------- arena */

struct arena_block;
struct arena_cleanup;

struct arena {
	struct arena_block	*head;
	struct arena_cleanup	*cleanups;
	size_t			 used;		/* bytes handed out in total */
	int			 failed;	/* set once ARENA_MAX was hit */
};

void	 arena_init(struct arena *);
void	*arena_alloc(struct arena *, size_t);
char	*arena_strndup(struct arena *, const char *, size_t);
char	*arena_strdup(struct arena *, const char *);
char	*arena_printf(struct arena *, const char *, ...)
	    __attribute__((format(printf, 2, 3)));
int	 arena_cleanup(struct arena *, void (*)(void *), void *);
void	 arena_reset(struct arena *);

/* --------------------------------------------------------------- config */

struct conf {
	char	*listen;
	int	 threads;
	char	*db_socket, *db_host, *db_name, *db_user, *db_password;
	int	 db_port;
	char	*secret_key_file;
	char	*sql_dir;
	char	*public_url;
	char	*mail_dir, *smtp_url, *smtp_user, *smtp_password, *mail_from;
	int	 session_idle, session_max;
	int	 hash_concurrency, hash_wait;
	int	 argon2_m, argon2_t, argon2_p;
	int	 secure_cookies;
	char	*common_passwords;	/* the shipped common-password list */
	int	 jobs;			/* data part: run the job runner thread */
	char	*upload_dir;		/* data part: where CSV uploads go */
	char	*exports_dir;		/* manage part: where exports are written */
};

extern struct conf conf;

int	 conf_load(const char *path, char *err, size_t errlen);
void	 conf_free(void);

/* --------------------------------------------------------------- decode */

struct kv {
	const char	*key;
	const char	*val;
	size_t		 len;		/* of val, which is also NUL-terminated */
};

struct kvlist {
	struct kv	*v;
	size_t		 n;
};

enum decode_err {
	DECODE_OK = 0,
	DECODE_TOO_LONG,	/* input or a field over its limit */
	DECODE_TOO_MANY,	/* more than MAX_FIELDS / MAX_COOKIES */
	DECODE_BAD_ESCAPE,	/* %zz, truncated % */
	DECODE_BAD_UTF8,	/* invalid or overlong UTF-8 */
	DECODE_CONTROL,		/* C0/C1 control other than tab, CR, LF */
	DECODE_NOMEM
};

enum decode_err	 decode_form(struct arena *, const char *, size_t, struct kvlist *);
enum decode_err	 decode_cookies(struct arena *, const char *, struct kvlist *);
const char	*decode_strerror(enum decode_err);
int		 utf8_valid(const char *, size_t);
size_t		 utf8_chars(const char *, size_t);
int		 text_clean(const char *, size_t, int multiline);
const char	*kv_get(const struct kvlist *, const char *);

/* ---------------------------------------------------------------- valid */

enum valid {
	VALID_EMAIL,
	VALID_ROLE,
	VALID_PERSON_NAME,
	VALID_ORG_NAME,
	VALID_ACCOUNT_ID,
	VALID_REGION,
	VALID_TIMEZONE,
	VALID_TOKEN,
	VALID_LOCAL_PATH,
	VALID_LOGIN_PASSWORD,
	VALID_ID,		/* users part: a row id in a form */
	VALID_SEARCH,
	VALID_MEMBER_STATUS,
	VALID_USERS_SORT,
	VALID_ORDER,
	VALID_PAGE,
	VALID_INVITE_MESSAGE,
	VALID_AUDIT_ACTION,
	VALID_DATE,
	VALID_DOMAIN,		/* account part */
	VALID_LEGAL_NAME,
	VALID_ADDRESS,
	VALID_COUNTRY,
	VALID_WEBSITE,
	VALID_TAX_ID,
	VALID_MONTH,
	VALID_YEAR,
	VALID_PLAN,
	VALID_AMOUNT,
	VALID_PHONE,
	VALID_TOTP_CODE,
	VALID_RECOVERY_CODE,
	VALID_DATA_LABEL,	/* data part: a display name */
	VALID_DESCRIPTION,	/* data part: a description, multiline */
	VALID_PTYPE,		/* data part: a property data type */
	VALID_ROW_ID,		/* data part: a row id in a form */
	VALID_CSV_KIND,		/* data part: profiles or events */
	VALID_LABEL_NAME,	/* manage part: a label's name */
	VALID_LABEL_DESC,	/* manage part: a label's description */
	VALID_REPORT_NAME,	/* manage part: a report's name */
	VALID_HOUR,		/* manage part: 0 … 23 */
	VALID_MONTH_DAY,	/* manage part: 1 … 31 */
	VALID__MAX
};

int	 valid_init(char *err, size_t errlen);
void	 valid_free(void);
int	 valid_check(enum valid, const char *, size_t);
const char *valid_message(enum valid);

/* ---------------------------------------------------------------- roles */

enum role {
	ROLE_NONE = 0,
	ROLE_AGENT,
	ROLE_MEMBER,
	ROLE_CREATOR,
	ROLE_ADMIN,
	ROLE__MAX
};

enum cap {
	CAP_OVERVIEW,
	CAP_REVEAL,
	CAP_ROTATE,
	CAP_INVITE,
	CAP_MANAGE_USERS,
	CAP_BILLING,
	CAP_ORG_VIEW,
	CAP_ORG_EDIT,
	CAP_TZ_VIEW,
	CAP_TZ_EDIT,
	CAP_SCHEMA_VIEW,
	CAP_SCHEMA_DESCRIBE,
	CAP_SCHEMA_DISCARD,
	CAP_LABELS_EDIT,
	CAP_CSV,
	CAP_REPORTS,
	CAP_DOWNLOADS,
	CAP_AUDIT,
	CAP_PROFILE,
	CAP__MAX
};

enum role	 role_parse(const char *);
const char	*role_name(enum role);
const char	*role_label(enum role);
int		 role_can(enum role, enum cap);
int		 role_may_grant(enum role actor, enum role target);

/* ------------------------------------------------------------- password */

enum pw_result { PW_OK = 0, PW_MISMATCH, PW_BUSY, PW_ERROR };

int		 password_init(int concurrency);
enum pw_result	 password_hash(const char *, size_t, char *out, size_t outlen);
enum pw_result	 password_verify(const char *encoded, const char *, size_t);
int		 password_needs_rehash(const char *encoded);
const char	*password_policy(const char *pw, size_t len, const char *email);
const char	*password_dummy_hash(void);
int		 common_load(const char *path, char *err, size_t errlen);
int		 common_has(const char *pw, size_t len);
size_t		 common_count(void);
void		 common_free(void);

/* ---------------------------------------------------------------- token */

void	 token_new(char out[TOKEN_B64_LEN + 1]);
int	 token_hash(const char *tok, unsigned char out[HASH_BYTES]);
void	 token_mac(const unsigned char key[KEY_BYTES], const char *label,
	    const void *, size_t, char out[TOKEN_B64_LEN + 1]);
int	 token_equal(const char *, const char *);
void	 token_b64(const unsigned char *, size_t, char *, size_t);

/* --------------------------------------------------------------- secret */

enum subkey { SUBKEY_PASSCODE = 1, SUBKEY_CSRF, SUBKEY_FLASH, SUBKEY_INVITE,
    SUBKEY_TOTP };

int	 secret_load(const char *path, char *err, size_t errlen);
int	 secret_generate(const char *path, char *err, size_t errlen);
const unsigned char *secret_subkey(enum subkey);
void	 passcode_new(char out[PASSCODE_LEN + 1]);
int	 passcode_seal(const char *, unsigned char *out, size_t *outlen);
int	 passcode_open(const unsigned char *, size_t, char out[PASSCODE_LEN + 1]);
void	 account_id_new(char out[13]);

/* ------------------------------------------------------------------- db */

enum stmt {
#define STMT(id, sql)	id,
#include "tables/stmts.def"
#undef STMT
	STMT__MAX
};

enum db_rc {
	DB_OK = 0,
	DB_ERROR = -1,		/* a query error: a bug or a constraint */
	DB_DUP = -2,		/* duplicate key */
	DB_DOWN = -3		/* the server is gone and could not be reached */
};

struct db {
	MYSQL		*my;
	MYSQL_STMT	*st[STMT__MAX];
	int		 in_tx;
};

struct dbres {
	size_t		 nrows, ncols;
	char		**cell;		/* nrows * ncols, NULL for SQL NULL */
	unsigned long	*len;
};

int	 db_open(struct db *);
int	 db_prepare_all(struct db *);
void	 db_close(struct db *);
int	 db_exec(struct db *, struct arena *, enum stmt, struct dbres *,
	    uint64_t *affected, uint64_t *insert_id, const char *types, ...);
int	 db_begin(struct db *);
int	 db_commit(struct db *);
void	 db_rollback(struct db *);
const char *db_cell(const struct dbres *, size_t row, size_t col);
uint64_t db_u64(const struct dbres *, size_t row, size_t col);

/* ---------------------------------------------------------------- audit */

int	 audit(struct db *, uint64_t account, uint64_t actor, const char *action,
	    const char *target, const char *ip);

/* ------------------------------------------------------------------ log */

void	 log_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void	 log_info(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* ----------------------------------------------------------------- mail */

struct mail {
	const char	*to_addr;
	const char	*to_name;	/* may be NULL */
	const char	*subject;
	const char	*text;		/* UTF-8, LF line ends */
};

int	 mail_send(const struct mail *, char *err, size_t errlen);
int	 mail_format(const struct mail *, char *buf, size_t buflen, size_t *len);
int	 mail_send_html(const struct mail *, xmlDocPtr html, char *err,
	    size_t errlen);
int	 mail_format_html(const struct mail *, xmlDocPtr html, char *buf,
	    size_t buflen, size_t *len);

/* -------------------------------------------------------------- request */

enum method { METHOD_GET, METHOD_POST, METHOD_HEAD, METHOD_OTHER };

/* session.stage: a full session, or one waiting for the second step. */
enum stage { STAGE_FULL = 0, STAGE_VERIFY = 1 };

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
};

struct worker;

struct req {
	struct worker	*w;
	struct arena	*a;
	struct db	*db;
	void		*fcgx;		/* FCGX_Request */

	enum method	 method;
	const char	*path;		/* without the /api prefix */
	int		 api;		/* came in under /api */
	struct kvlist	 query, form, cookies;
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

	/* response */
	int		 status;
	xmlDocPtr	 doc;
	xmlNodePtr	 root;
	const char	*location;
	const char	*cookies_out[6];
	size_t		 ncookies_out;
	int		 retry_after;
	const char	*disposition;	/* Content-Disposition, e.g. of a CSV */
	size_t		 bytes_out;
	int		 has_file;	/* answer file_fd's bytes, not XML (req_file) */
	int		 file_fd;
	uint64_t	 file_size;
	const char	*file_type, *file_disposition;
};

/* Response helpers (request.c). */
void	 req_cookie(struct req *, const char *name, const char *val, int maxage);
void	 req_redirect(struct req *, const char *path);
void	 req_flash(struct req *, const char *kind, const char *text);
const char *req_client_origin(struct req *);
void	 req_file(struct req *, int fd, uint64_t size, const char *ctype,
	    const char *disposition);

/* ------------------------------------------------------------------ xml */

xmlNodePtr xml_el(xmlNodePtr parent, const char *name, const char *text);
void	 xml_attr(xmlNodePtr, const char *name, const char *val);
void	 xml_attr_i(xmlNodePtr, const char *name, long long);
void	 xml_attr_yes(xmlNodePtr, const char *name, int);
xmlNodePtr xml_page(struct req *, const char *page);
void	 xml_error(struct req *, const char *field, const char *msg);
int	 xml_text_ok(const char *);

/* -------------------------------------------------------------- session */

int	 session_load(struct req *);
int	 session_create(struct req *, uint64_t user, uint64_t account);
int	 session_create_stage(struct req *, uint64_t user, uint64_t account,
	    enum stage, int ttl);
int	 session_end(struct req *);
int	 session_drop(struct req *);
int	 token_lookup(struct req *, const char *token, enum stmt,
	    struct dbres *);
void	 session_csrf(struct req *);
int	 session_pre(struct req *);

/* ------------------------------------------------------------- throttle */

int	 throttle_wait(struct req *, const char *email);
int	 throttle_fail(struct req *, const char *email);
int	 throttle_clear(struct req *, const char *email);
int	 throttle_forget(struct db *, struct arena *, const char *scope,
	    const char *key);
void	 throttle_key(const char *label, const char *v,
	    unsigned char out[HASH_BYTES]);

/* -------------------------------------------------------------- account */

int	 account_create(struct db *, struct arena *, uint64_t org,
	    const char *name, const char *region, const char *tz,
	    char public_id[13], uint64_t *id);

/* --------------------------------------------------------------- routes */

typedef int (*page_fn)(struct req *);

struct FCGX_Request;

void	 route_dispatch(struct req *);
int	 route_body(enum method, const char *path);	/* 0 form, 1 raw, 2 stream */
int	 route_csrf_ok(struct req *, const char *token);
void	 request_handle(struct FCGX_Request *, struct db *, struct arena *);
const char *status_reason(int);

/* Pages and actions are declared by the route tables (fcgi/tables/);
 * each returns 0, or -1 when the caller should answer with req->status as
 * an error page. */
void	 page_error(struct req *, int status, const char *detail);
int	 settings_render(struct req *, const char *email, const char *role,
	    const char *passcode);

/* ================================================================
 * part: users — users, invitations, audit log (issue 3).
 * Its shared declarations go below this banner, nowhere else.
 * ================================================================ */

/* Pure helpers (fcgi/pages/users_parse.c, unit-tested). */
struct addr_list {
	char		*v[MAX_INVITE_ADDRESSES];	/* lower-cased, unique */
	size_t		 n;
	size_t		 given;		/* entries found, duplicates included */
};

int	 invite_split(struct arena *, const char *, struct addr_list *);
int	 invite_domain_allowed(const char *domains, const char *email);
int	 date_valid(const char *);
const char *member_status_name(int);
int	 member_status_parse(const char *);

/* Invitation links (fcgi/pages/users_invite.c). */
void	 invite_token(const unsigned char nonce[TOKEN_BYTES],
	    char out[TOKEN_B64_LEN + 1]);
const char *invite_link(struct req *, const char *token);

/* The Users page (fcgi/pages/users_list.c): draws the list into r with
 * the bulk invite form refilled by the caller's <invite> (may be NULL). */
int	 users_render(struct req *, xmlNodePtr invite);
xmlNodePtr users_invite_form(struct req *, const char *emails,
	    const char *role, const char *message);
int	 users_form_id(struct req *, const char *field, uint64_t *id);
void	 users_done(struct req *, const char *kind, const char *flash);


/* ================================================================
 * part: profile — profile, password, 2-step verification, sessions (issue 4).
 * Its shared declarations go below this banner, nowhere else.
 * ================================================================ */

/* 2-step verification without a request (pages/profile_totp.c). */
int	 totp_code(const unsigned char *key, size_t n, long long t, int digits,
	    char *out, size_t outlen);
long long totp_match(const unsigned char *key, size_t n, long long now,
	    const char *code);
size_t	 base32_encode(const unsigned char *, size_t, char *, size_t);
int	 totp_seal(const unsigned char *key, size_t n, unsigned char *out,
	    size_t *outlen);
int	 totp_open(const unsigned char *in, size_t n, unsigned char *key);
char	*totp_uri(struct arena *, const char *email, const char *b32);
char	*qr_path(struct arena *, const char *text, int *size);
void	 recovery_new(char out[RECOVERY_LEN + 1]);
int	 recovery_normalize(const char *in, char out[RECOVERY_CHARS + 1]);
void	 recovery_hash(uint64_t user, const char *norm,
	    unsigned char out[HASH_BYTES]);

/* Browser and OS of a User-Agent (pages/profile_ua.c). */
void	 ua_parse(const char *ua, char *browser, size_t blen, char *os,
	    size_t olen);

/* Shared by the profile pages, login.c and steward-admin
 * (pages/profile_common.c). */
void	 notice(const char *to, const char *name, const char *subject,
	    const char *text);
const char *profile_next(const char *next);
const char *verify_location(struct arena *, const char *next);
int	 throttle_cap_failures(void);
void	 lockout_check(struct req *, uint64_t user, const char *email);
int	 current_password(struct req *, const char *pw, const char **why);
int	 recovery_issue(struct db *, struct arena *, uint64_t user,
	    char codes[RECOVERY_CODES][RECOVERY_LEN + 1]);
uint64_t first_account(struct db *, struct arena *, uint64_t user);
int	 twofa_reset(struct db *, struct arena *, uint64_t user,
	    const char *email, const char *name, uint64_t account,
	    uint64_t actor, const char *ip, char *err, size_t errlen);
int	 list_page(struct req *);
int	 twofa_check(struct req *, uint64_t user, const struct dbres *st,
	    const char *code, int *recovery);
int	 profile_render(struct req *, const char *form, const char *name,
	    const char *phone, const char *new_email);


/* ================================================================
 * part: account — billing, organization, timezone, rotation (issue 5).
 * Its shared declarations go below this banner, nowhere else.
 * ================================================================ */

/* account_calc.c: billing arithmetic and checks (pure, unit-tested). */
struct inv_line {
	uint64_t	 quantity, unit, amount;	/* amount set by invoice_total */
};

enum usage_level { USAGE_OK, USAGE_WARN, USAGE_OVER };

enum card_brand {
	CARD_NONE = 0,
	CARD_VISA,
	CARD_MASTERCARD,
	CARD_AMEX,
	CARD_DISCOVER,
	CARD_JCB,
	CARD__MAX
};

int		 billing_prorate(uint64_t old_price, uint64_t new_price,
		    long remaining, long total, uint64_t *out);
int		 invoice_total(struct inv_line *, size_t, uint64_t *total);
void		 money_format(uint64_t minor, char *buf, size_t len);
enum usage_level usage_level(uint64_t used, uint64_t allowance,
		    unsigned *percent);
const char	*usage_level_name(enum usage_level);
size_t		 card_digits(const char *in, char out[CARD_MAX_DIGITS + 1]);
int		 card_luhn(const char *digits);
enum card_brand	 card_brand(const char *digits);
enum card_brand	 card_brand_parse(const char *key);
const char	*card_brand_key(enum card_brand);
const char	*card_brand_label(enum card_brand);
int		 card_cvc_ok(enum card_brand, const char *cvc);
int		 card_expiry_ok(int month, int year, int now_month, int now_year);
int		 domains_normalise(struct arena *, const char *in, char **out,
		    const char **bad);
int		 domain_listed(const char *list, const char *domain);

/* account_country.c: ISO 3166-1 alpha-2 codes and names. */
struct country {
	const char	*code, *name;
};

const struct country *country_list(size_t *n);
const char	*country_name(const char *code);

/* account_period.c: invoices and the monthly period close. */
int	 billing_close(struct db *, struct arena *, uint64_t org,
	    const char *now, int *issued);
int	 billing_close_all(struct db *, struct arena *, uint64_t org,
	    const char *now, int *orgs, int *issued);
int	 invoice_issue(struct db *, struct arena *, uint64_t org,
	    const char *kind, const char *period_start, const char *period_end,
	    const char *currency, const char *description, uint64_t amount,
	    const char *now, uint64_t *number);
int	 invoice_set_status(struct db *, struct arena *, uint64_t org,
	    uint64_t number, const char *status);

/* account_rotate.c: a new passcode for an account (audited by the caller). */
int	 passcode_rotate(struct db *, struct arena *, uint64_t account);

/* account_form.c: what the account pages share. */
const char	*acct_field(struct req *, const char *name);
int		 acct_check(struct req *, const char *field, const char *val,
		    enum valid, int required, const char *empty_msg);
int		 acct_check_country(struct req *, const char *field,
		    const char *val, int required);
const char	*acct_checkbox(struct req *, const char *name);
uint64_t	 acct_org(struct req *);
uint64_t	 acct_path_id(struct req *);
int		 acct_db_fail(struct req *, int rc);
void		 acct_countries(struct req *);
const char	*acct_invoice_ref(struct req *, uint64_t org, uint64_t number);

/* account_billing.c: the billing state of the session's organization. */
struct bill {
	uint64_t	 org;
	const char	*plan, *pending;	/* plan codes; pending may be NULL */
	const char	*period_start, *period_end;	/* first, last day */
	const char	*next_start, *today;
	long		 period_days, remaining;	/* remaining counts today */
	int		 year, month;		/* of today, UTC */
	int		 has_card;
	struct dbres	 res;			/* the row (card, contact) */
};

int		 bill_load(struct req *, struct bill *);
void		 bill_plan_attrs(xmlNodePtr, const struct dbres *, size_t row);
int		 billing_render(struct req *, const struct bill *,
		    const char *const *card, const char *const *contact);

/* account_invoice.c */
xmlNodePtr	 invoice_row(struct req *, xmlNodePtr parent,
		    const struct dbres *, size_t row);

/* account_usage.c: steward-admin usage-add (until ingestion writes usage). */
int	 usage_add(struct db *, struct arena *, uint64_t account,
	    const char *day, uint64_t data_points, uint64_t mau);


/* ================================================================
 * part: data — ingestion, jobs, events, user properties, CSV (issue 6).
 * Its shared declarations go below this banner, nowhere else.
 * ================================================================ */

struct json_t;

/* Data types of properties; stored as these numbers (sql/007_data.sql). */
enum ptype {
	PTYPE_NONE = 0,
	PTYPE_STRING,
	PTYPE_NUMBER,
	PTYPE_BOOLEAN,
	PTYPE_DATE,
	PTYPE_LIST,
	PTYPE__MAX
};

const char	*ptype_name(enum ptype);
enum ptype	 ptype_parse(const char *);
int		 data_name_ok(const char *, size_t);
int		 data_value_ok(const char *, size_t);
int		 data_date_ok(const char *, size_t);
int		 event_is_system(const char *);
int		 data_json_value(struct arena *, struct json_t *, enum ptype *,
		    const char **text, const char **reason);
int		 data_cell(struct arena *, enum ptype, const char *, size_t,
		    const char **text, struct json_t **json, const char **reason);
int		 data_ts(long long secs, time_t now, char out[27]);

/* One property value of a profile update: its name, type and text. */
struct ival {
	const char	*name;
	enum ptype	 type;
	const char	*text;
};

enum ingest_rc { INGEST_OK, INGEST_DROPPED, INGEST_REFUSED, INGEST_ERROR };

struct ingest;

struct ingest	*ingest_new(struct db *, struct arena *, uint64_t account);
int		 ingest_begin(struct ingest *);
enum ingest_rc	 ingest_event(struct ingest *, const char *identity,
		    const char *name, const char *ts, struct json_t *data,
		    const char **reason);
enum ingest_rc	 ingest_profile(struct ingest *, const char *identity,
		    const struct ival *, size_t, const char **reason);
int		 ingest_finish(struct ingest *);
void		 ingest_abort(struct ingest *);
void		 ingest_counts(const struct ingest *, uint64_t *processed,
		    uint64_t *dropped);

/* The job runner (fcgi/pages/data_jobs.c). */
struct job {
	uint64_t	 id, account, ref;
	const char	*kind;
	unsigned	 attempt;
	const char	*runner;
};

typedef int (*job_fn)(struct db *, struct arena *, const struct job *,
    char *err, size_t errlen);

long		 job_backoff(unsigned attempt);
int		 job_enqueue(struct db *, struct arena *, uint64_t account,
		    const char *kind, uint64_t ref, uint64_t *id);
int		 job_run_one(struct db *, struct arena *, const char *runner);
int		 job_renew(struct db *, struct arena *, const struct job *);
int		 jobs_thread_start(void);
void		 jobs_thread_stop(void);
void		 job_runner_name(char *out, size_t outlen, const char *what);
void		 job_request_stop(void);
int		 job_stopping(void);

/* RFC 4180 push parser (fcgi/pages/data_csv.c). */
enum csv_err {
	CSV_OK = 0,
	CSV_ROW_TOO_LONG,	/* a field over CSV_MAX_FIELD */
	CSV_TOO_MANY_COLUMNS,
	CSV_BAD_QUOTE,		/* text after a closing quote */
	CSV_UNTERMINATED,	/* end of input inside quotes */
	CSV_NOMEM
};

struct csv;
typedef int (*csv_row_fn)(void *arg, uint64_t row, const char **fields,
    const size_t *lens, size_t n, int utf8_ok);

struct csv	*csv_new(csv_row_fn, void *arg);
enum csv_err	 csv_feed(struct csv *, const char *, size_t);
enum csv_err	 csv_end(struct csv *);
void		 csv_free(struct csv *);
const char	*csv_strerror(enum csv_err);

/* multipart/form-data push parser (fcgi/pages/data_multipart.c). */
struct multipart;
struct mp_cb {
	/* a part starts: its name and filename (NULL when none) */
	int	(*part)(void *arg, const char *name, const char *filename);
	int	(*data)(void *arg, const char *, size_t);
	int	(*end)(void *arg);	/* the part ended */
	void	*arg;
};

int		 multipart_boundary(const char *ctype, char *out, size_t outlen);
struct multipart *multipart_new(const char *boundary, const struct mp_cb *);
int		 multipart_feed(struct multipart *, const char *, size_t);
int		 multipart_done(const struct multipart *);
void		 multipart_free(struct multipart *);

/* CSV imports as jobs (fcgi/pages/data_csv_import.c). */
int		 csv_import_job(struct db *, struct arena *, const struct job *,
		    char *err, size_t errlen);


/* ================================================================
 * part: manage — labels, reports, downloads (issue 7).
 * Its shared declarations go below this banner, nowhere else.
 * ================================================================ */

/* Time zones and schedules (fcgi/pages/manage_tz.c). */
struct tz;

struct tzdate {
	char		 form;		/* 'J', 'n' or 'M' */
	int		 a, b, c;	/* n | month, week, weekday */
	int32_t		 secs;		/* local time of the change */
};

struct tzrule {
	int32_t		 std, dst;	/* UTC offsets, seconds east */
	int		 has_dst;
	struct tzdate	 start, end;
};

enum sched_kind { SCHED_NONE, SCHED_DAILY, SCHED_WEEKLY, SCHED_MONTHLY, SCHED__MAX };

struct sched {
	enum sched_kind	 kind;
	int		 weekday;	/* 0 Sunday … 6 */
	int		 mday;		/* 1 … 31 */
	int		 hour;		/* 0 … 23, local */
};

enum range_kind {
	RANGE_ALL, RANGE_LAST_7, RANGE_LAST_30, RANGE_THIS_MONTH,
	RANGE_LAST_MONTH, RANGE_CUSTOM, RANGE__MAX
};

struct range {
	enum range_kind	 kind;
	int		 fy, fm, fd, ty, tm, td;	/* custom: local dates */
};

int64_t		 tz_days(int64_t y, int m, int d);
void		 tz_civil(int64_t days, int *y, int *m, int *d);
int		 tz_weekday(int64_t days);
int		 tz_month_days(int y, int m);
int		 tz_rule_parse(const char *, struct tzrule *);
int		 tz_parse(struct arena *, const unsigned char *, size_t, struct tz **);
int		 tz_load(struct arena *, const char *dir, const char *name,
		    struct tz **);
int32_t		 tz_offset(const struct tz *, int64_t t);
int64_t		 tz_to_local(const struct tz *, int64_t t);
int64_t		 tz_from_local(const struct tz *, int64_t local);
void		 tz_sql(int64_t t, char out[20]);
void		 tz_iso(const struct tz *, int64_t t, char out[26]);
void		 tz_date(const struct tz *, int64_t t, char out[11]);
struct tz	*manage_zone(struct arena *, const char *name);
int		 date_parse(const char *, int *y, int *m, int *d);
int64_t		 sched_next(const struct sched *, const struct tz *, int64_t now);
int		 range_bounds(const struct range *, const struct tz *, int64_t now,
		    int64_t *from, int64_t *to);

/* The tables of the part (fcgi/pages/manage_util.c). */
enum rkind {
	RKIND_NONE, RKIND_EVENTS, RKIND_PROPS, RKIND_MEMBERS, RKIND_INVOICES,
	RKIND_CSV, RKIND__MAX
};

#define RF_RANGE	0x01	/* a report kind uses the date range */
#define RF_EVENTS	0x02	/* … the event names */
#define RF_LABEL	0x04	/* … the label */

struct rkind_info {
	const char	*key, *label;
	enum cap	 cap;		/* who may see its data */
	int		 available;	/* its tables are in this build */
	unsigned	 filters;	/* RF_* */
	const char	*about;		/* what its rows are, or why it is missing */
};

struct label_color {
	const char	*key, *name;
	uint32_t	 light_bg, light_fg, dark_bg, dark_fg;	/* 0xRRGGBB */
};

extern const struct label_color	 label_palette[];
extern const size_t		 label_palette_n;
extern const char *const	 sched_names[SCHED__MAX];
extern const char *const	 range_names[RANGE__MAX];
extern const char *const	 weekday_names[7];

const struct rkind_info *rkind_get(enum rkind);
enum rkind	 rkind_parse(const char *);
int		 name_index(const char *const *, size_t, const char *);
int		 label_color_parse(const char *);
double		 contrast_ratio(uint32_t, uint32_t);
int		 recipients_parse(struct arena *, const char *, const char ***,
		    size_t *, const char **bad);
int		 domain_allowed(const char *domains, const char *email);
int		 event_names_parse(struct arena *, const char *, const char ***,
		    size_t *, const char **bad);
char		*csv_quote(struct arena *, const char *);
const char	*content_disposition(struct arena *, const char *name);

int		 row_id(const char *, uint64_t *);
const char	*color_key(unsigned);
xmlNodePtr	 label_el(xmlNodePtr, const char *el, const char *id,
		    const char *name, unsigned color);
int		 manage_audit(struct req *, const char *action, const char *target);
const char	*trim_spaces(struct arena *, const char *);

/* Labels on other parts' pages (fcgi/pages/manage_labels.c). */
enum label_target { LT_REPORT, LT_UPLOAD };

uint64_t	 label_filter(struct req *);
int		 labels_on_list(struct req *, xmlNodePtr list, enum label_target);
int		 labels_on_item(struct req *, xmlNodePtr, enum label_target,
		    uint64_t id, int options);
int		 labels_replace(struct req *, enum label_target, uint64_t id,
		    const char **names);
int		 labels_on_upload(struct req *);

/* Exports as jobs (fcgi/pages/manage_export.c). */
struct dl_spec {
	uint64_t	 account, user, report;	/* report 0: none */
	const char	*name;
	enum rkind	 kind;
	const char	*from, *to;	/* UTC "YYYY-MM-DD HH:MM:SS", NULL: all time */
	const char	*range_text;	/* "2026-03-01 – 2026-03-31", "" */
	const char	*events;	/* event names, one a line, "" */
	uint64_t	 label;		/* 0: none */
	const char	*label_name;
	int		 notify;	/* mail the report's recipients when ready */
};

int		 download_snapshot(struct arena *, const struct tz *, int64_t now,
		    const struct range *, struct dl_spec *);
int		 download_create(struct db *, struct arena *, const struct dl_spec *,
		    uint64_t *id);
int		 download_queue(struct db *, struct arena *, uint64_t account,
		    uint64_t user, enum rkind, const char *name, uint64_t *id);
int		 report_export_job(struct db *, struct arena *, const struct job *,
		    char *err, size_t errlen);
int		 manage_tick_job(struct db *, struct arena *, const struct job *,
		    char *err, size_t errlen);
int		 manage_tick_ensure(struct db *, struct arena *);


#endif

/*
 * Every limit Steward enforces, in one place.  A limit is checked the
 * moment the data can be measured, before it is read or stored.
 */
#ifndef STEWARD_LIMITS_H
#define STEWARD_LIMITS_H

/* Request shape (checked before reading). */
#define MAX_PATH_LEN		1024	/* DOCUMENT_URI bytes */
#define MAX_QUERY_LEN		4096	/* QUERY_STRING bytes */
#define MAX_BODY_LEN		65536	/* urlencoded body bytes (413 above) */
#define MAX_FIELDS		64	/* fields in a query or body */
#define MAX_ROUTE_FIELDS	24	/* fields a route declares (the route tables) */
#define MAX_FIELD_NAME		64	/* bytes of a decoded field name */
#define MAX_FIELD_LEN		8192	/* bytes of a decoded field value */
#define MAX_COOKIE_LEN		4096	/* HTTP_COOKIE bytes */
#define MAX_COOKIES		32
#define MAX_HEADER_LEN		1024	/* User-Agent, Origin, Host kept */

/* Per-request memory. */
#define ARENA_BLOCK		16384
#define ARENA_MAX		(8 * 1024 * 1024)
#define ARENA_KEEP		(256 * 1024)	/* bytes of blocks a worker thread's arena keeps between requests: a list page (the users page grows 130 KB) mallocs nothing */

/* Memory given back to the system (mem.c). */
#define MEM_TRIM_AFTER		(1024 * 1024)	/* a request whose arena malloc'd this much is followed by malloc_trim(0): a batch of 1,000 records (1.7 MB), not a page */
#define MEM_RSS_IDLE_KB		(16 * 1024)	/* the worker's RSS idle after start (issue 14) */
#define MEM_RSS_BUSY_KB		(32 * 1024)	/* the worker's RSS after the bench (issue 14) */
#define MEM_RSS_BURST_KB	(24 * 1024)	/* the worker's RSS after 200 batches of 1,000 records (steward's memory suite; 30 MB before the trim) */

/* Domain fields (bytes unless said). */
#define MAX_EMAIL_LEN		254
#define MAX_PERSON_NAME		100	/* characters */
#define MIN_PASSWORD_CHARS	12
#define MAX_PASSWORD_CHARS	256
#define MAX_PASSWORD_BYTES	1024	/* 256 characters of up to 4 bytes */
#define MAX_ORG_NAME		120
#define MAX_ACCOUNT_NAME	120
#define MAX_TZ_LEN		64
#define MAX_FLASH_LEN		300

/* Secrets and tokens. */
#define TOKEN_BYTES		32	/* 256-bit session / invite / reset tokens */
#define TOKEN_B64_LEN		43	/* base64url, no padding, of 32 bytes */
#define HASH_BYTES		32	/* SHA-256 of a token */
#define KEY_BYTES		32	/* secret key file size */
#define PASSCODE_GROUPS		6	/* XXXX-XXXX-… */
#define PASSCODE_LEN		(PASSCODE_GROUPS * 5 - 1)
#define MAX_PASSCODE_BLOB	128	/* nonce + MAC + passcode */

/* Time. */
#define INVITE_TTL		(7 * 24 * 3600)
#define SESSION_TOUCH_EVERY	60	/* seconds between last_seen writes */

/* Workers. */
#define MAX_THREADS		256
#define LISTEN_BACKLOG		512
#define MAX_CONF_LINE		1024
#define MAX_MAIL_LEN		65536
#define MAIL_DIR_MAX		1024	/* bytes of xslt_dir, where the mail stylesheets are */

/* Throttling: free failures, then 2^n seconds, capped. */
#define THROTTLE_FREE_EMAIL	3
#define THROTTLE_FREE_IP	10
#define THROTTLE_MAX_DELAY	900
#define THROTTLE_FORGET		3600	/* failures older than this reset */

/* Users, invitations, audit log. */
#define MAX_INVITE_ADDRESSES	50	/* per bulk invite */
#define MAX_INVITE_MESSAGE	1000	/* characters of the optional message */
#define MAX_SEARCH_LEN		100	/* characters of a list search */
#define USERS_PER_PAGE		50	/* rows of the Users page */
#define AUDIT_PER_PAGE		50	/* rows of the audit log page */
#define MAX_LIST_PAGE		10000	/* deepest page a list link may ask for */
#define MAX_CSV_ROWS		10000	/* rows of one CSV export */
#define MAX_AUDIT_ACTION	64	/* bytes of an action name */
/* Billing, organization, time zone. */
#define MAX_LEGAL_NAME		200	/* characters */
#define MAX_ADDRESS		500	/* characters, several lines */
#define MAX_WEBSITE		255	/* bytes */
#define MAX_TAX_ID		32	/* bytes */
#define MAX_INVITE_DOMAINS	20	/* domains in an organization's list */
#define MAX_DOMAINS_LEN		1000	/* bytes of the stored, normalised list */
#define CARD_MIN_DIGITS		12
#define CARD_MAX_DIGITS		19
#define CARD_MAX_YEARS		20	/* an expiry at most this far ahead */
#define INVOICE_DUE_DAYS	14	/* due this many days after issue */
#define INVOICES_PER_PAGE	20	/* rows of the invoice list */
#define MAX_CSV_INVOICES	10000	/* rows of invoices.csv */
#define MAX_CLOSE_PERIODS	120	/* periods one close catches up per organization */
#define CLOSE_BATCH		100	/* organizations read per query by the close */
#define USAGE_WARN_PERCENT	80	/* the meter warns from here, and at 100 */
#define MAX_MONEY_MINOR		1000000000000ULL	/* 10^12 minor units */

/* Profile, password, 2-step verification, sessions. */
#define COMMON_SUFFIX_MAX	6	/* digits/symbols after a listed word */
#define COMMON_MIN_DISTINCT	4	/* fewer different characters: refused */
#define VERIFY_TTL		600	/* seconds a half-signed-in session lives */
#define VERIFY_MAX_ATTEMPTS	5	/* wrong codes before signing in again */
#define TOTP_STEP		30	/* RFC 6238 time step, seconds */
#define TOTP_DIGITS		6
#define TOTP_WINDOW		1	/* steps accepted before and after now */
#define TOTP_SECRET_BYTES	20	/* 160 bits (RFC 4226 §4) */
#define TOTP_SECRET_B32		32	/* base32 characters of the secret */
#define MAX_TOTP_BLOB		(TOTP_SECRET_BYTES + 40) /* nonce + MAC */
#define RECOVERY_CODES		10	/* per user, each usable once */
#define RECOVERY_CHARS		12	/* symbols of a code (60 bits) */
#define RECOVERY_LEN		14	/* XXXX-XXXX-XXXX */
#define MAX_QR_WIDTH		177	/* modules of a version 40 QR code */
#define MAX_PHONE_LEN		16	/* E.164: + and at most 15 digits */
#define RESET_TTL		3600	/* password-reset link, seconds */
#define EMAIL_CHANGE_TTL	(24 * 3600)	/* email-change link */
#define FORGOT_MIN_US		250000	/* a forgot-password answer takes at
					   least this long, known email or not */
#define SESSIONS_PER_PAGE	20	/* sessions listed per page */
/* Data in: ingestion API, job runner, CSV uploads. */
#define MAX_RAW_BODY		(1024 * 1024)	/* JSON body of /api/1/upload */
#define MAX_UPLOAD_BYTES	(50 * 1024 * 1024)	/* a CSV upload, multipart included */
#define INGEST_MAX_RECORDS	1000	/* records of one ingestion batch */
#define MAX_DATA_NAME		120	/* characters of an event or property name */
#define MAX_DATA_VALUE		512	/* characters of a string value or identity */
#define MAX_RECORD_PROPS	64	/* properties of one record */
#define MAX_LIST_ITEMS		32	/* items of a list value */
#define MAX_EVENT_DATA		16384	/* bytes of one event's properties as JSON */
#define MAX_EVENT_NAMES		512	/* event names per account */
#define MAX_PROFILE_PROPS	256	/* profile properties per account */
#define MAX_EVENT_PROPS		256	/* property names kept per event */
#define MAX_DESCRIPTION		1000	/* characters of a description */
#define INGEST_TS_PAST		(20LL * 365 * 86400)	/* oldest ts accepted, seconds ago */
#define INGEST_TS_FUTURE	86400	/* newest ts accepted, seconds ahead */
#define DB_BULK_ROWS		1000	/* rows of one array-bound execution */
#define DB_TXN_TRIES		8	/* tries of a transaction (or statement) that conflicts */
#define DB_TXN_BACKOFF_MS	4	/* mean wait before the 2nd try, doubled each, jittered ±50% */
#define DB_TXN_BACKOFF_MAX_MS	200	/* the longest wait between two tries */
#define DB_TXN_DEADLINE_MS	10000	/* no new try starts later than this after the first */
#define DB_LOCK_WAIT		5	/* seconds a statement waits for a row lock (innodb_lock_wait_timeout) */
#define DB_CONNECT_TIMEOUT	5	/* seconds a connection to the only database node may take */
#define DB_FALLBACK_MAX		8	/* nodes of db_fallback */
#define DB_ADDR_MAX		256	/* bytes of one db_fallback entry (host or socket path) */
#define DB_FALLBACK_CONNECT	1	/* seconds a connection to one of several nodes may take */
#define DB_FALLBACK_RETURN_MS	30000	/* a connection on a fallback node tries the primary again after this */
#define PROFILE_IDS_IN		100	/* identity hashes of one STMT_PROFILE_IDS (its IN list) */
#define NAME_CACHE_ACCOUNTS	16	/* accounts whose names a process caches */
#define NAME_CACHE_SLOTS	2048	/* names and known event properties cached per account (a power of 2) */
#define NAME_CACHE_BYTES	(128 * 1024)	/* bytes of names cached per account */
#define ACTIVE_CACHE_SLOTS	8192	/* identities known active in a month, cached per process (64 B each; a power of 2) */
#define ACTIVE_CACHE_WAYS	4	/* slots of one set of that cache (a power of 2) */
#define SCHEMA_PER_PAGE	50	/* rows of the events / properties pages */
#define JOB_LEASE		60	/* seconds a claimed job is ours */
#define JOB_BACKOFF_BASE	5	/* seconds before the first retry, doubled each */
#define JOB_BACKOFF_MAX		3600
#define JOB_MAX_ATTEMPTS	5
#define JOB_TEST_SLOW_MS	1500	/* the test kind test.slow waits this long, then counts its run */
#define JOB_POLL		2	/* seconds an idle runner sleeps */
#define MULTIPART_MAX_PARTS	16
#define MULTIPART_MAX_HEADER	1024	/* bytes of one part's header block */
#define MULTIPART_MAX_FIELD	256	/* bytes of a non-file field */
#define MAX_BOUNDARY		70	/* RFC 2046 */
#define CSV_MAX_FIELD		65536	/* bytes of one field */
#define CSV_MAX_COLUMNS		20	/* columns of a CSV upload (3 form fields each: MAX_FIELDS) */
#define CSV_PREVIEW_ROWS	15
#define CSV_PREVIEW_BYTES	(256 * 1024)	/* read at most this to preview */
#define CSV_BATCH_ROWS		500	/* rows imported per transaction */
#define CSV_MAX_ERRORS		1000	/* refused rows kept for the report */
#define UPLOADS_PER_PAGE	50	/* rows of the CSV uploads page */
#define MAX_FILE_NAME		255	/* bytes of an uploaded file's name */

/* Labels, reports, downloads. */
#define MAX_LABELS		100	/* labels per account */
#define MAX_LABEL_NAME		40	/* characters of a label's name */
#define MAX_LABEL_DESC		200	/* characters of a label's description */
#define LABELS_PER_PAGE	50	/* rows of the labels page */
#define MAX_ITEM_LABELS		10	/* labels attached to one report or upload */
#define MAX_REPORTS		100	/* saved reports per person and account */
#define MAX_REPORT_NAME		100	/* characters of a report's name */
#define REPORTS_PER_PAGE	50	/* rows of the reports page */
#define REPORT_MAX_RECIPIENTS	10	/* addresses a report is mailed to */
#define REPORT_MAX_EVENTS	20	/* event names of a report's filter */
#define DOWNLOADS_PER_PAGE	50	/* rows of the downloads page */
#define DOWNLOAD_TTL		(7 * 24 * 3600)	/* seconds a ready file is kept */
#define DOWNLOAD_KEEP		(30 * 24 * 3600)	/* seconds an expired row is listed */
#define MAX_DOWNLOAD_NAME	160	/* characters of an export's name */
#define EXPORT_BATCH		500	/* rows read per statement by an export */
#define EXPORT_MAX_ROWS		1000000	/* rows of one export */
#define MANAGE_TICK		30	/* seconds between two scheduler ticks */
#define TICK_BATCH		50	/* due reports / expired files per tick */
#define TZ_MAX_FILE		65536	/* bytes of a TZif file */
#define TZ_CACHE_MAX		64	/* zones a process keeps parsed (tz_or_utc), about 3 KB each */
#define TZ_MAX_TRANS		2000	/* transitions of a zone */
#define TZ_MAX_TYPES		256	/* local time types of a zone */
#define TZ_MAX_RULE		64	/* bytes of a zone's POSIX TZ footer */

/* The cluster (issue 15). */
#define MIGRATE_LOCK_WAIT	600	/* seconds migrate waits for another's lock */
#define BILLING_CLOSE_AT	900	/* seconds after UTC midnight the close runs */

#ifndef TZ_DIR
#define TZ_DIR			"/usr/share/zoneinfo"
#endif

/* The master and its worker processes (master.c, main.c). */
#define MAX_WORKERS		64	/* worker processes (the workers key) */
#define WORKER_READY_SECONDS	30	/* a hand-over's new worker must be accepting by then */
#define WORKER_STOP_SECONDS	20	/* after SIGTERM, workers still running get SIGKILL */
#define WORKER_RESTART_BURST	10	/* restarts allowed within WORKER_RESTART_WINDOW … */
#define WORKER_RESTART_WINDOW	10	/* … seconds; more wait (a restart storm) */
#define MASTER_TICK_MS		1000	/* the master's longest sleep (restarts that wait, time-outs) */
#define ACCEPT_POLL_MS		100	/* a worker thread looks at the listen socket at least this often */

/* jansson's values in the request arena (json_mem.c, issue 14). */
#define JSON_ARENA_MAX		(ARENA_MAX / 2)	/* an arena holds jansson's values up to this; more come from malloc (json_mem.c) */
/* Passkeys / WebAuthn (webauthn.c, wa_cbor.c, cose.c; issue 17). */
#define WA_CHALLENGE_BYTES	32	/* random bytes of a challenge */
#define WA_CHALLENGE_TTL	300	/* seconds a challenge lives (single use) */
#define WA_MAX_CLIENT_DATA	4096	/* bytes of clientDataJSON */
#define WA_MAX_ATTESTATION	16384	/* bytes of an attestation object */
#define WA_MAX_AUTHDATA		4096	/* bytes of authenticator data */
#define WA_MAX_CRED_ID		1023	/* bytes of a credential id (WebAuthn L3 §5.8.3) */
#define WA_MAX_COSE_KEY		1024	/* bytes of a COSE public key (RSA-4096 fits) */
#define WA_MAX_SIG		1024	/* bytes of an assertion signature */
#define WA_MAX_CBOR_DEPTH	8	/* nesting of arrays and maps in CBOR we read */
#define WA_MIN_RSA_BITS		2048
#define WA_MAX_RSA_BITS		4096
#define PASSKEY_MAX		10	/* passkeys a person may have */
#define PASSKEY_NAME_CHARS	64	/* characters of a passkey's name */
/* API tokens (fcgi/api_token.c). */
#define API_TOKEN_PREFIX	"stw_"	/* what secret scanners match */
#define API_TOKEN_PUB_LEN	10	/* the public id: base32, lower case */
#define API_TOKEN_LEN		(4 + API_TOKEN_PUB_LEN + 1 + TOKEN_B64_LEN)	/* stw_PUB_SECRET */
#define API_AUTH_MAX		128	/* bytes of an Authorization header read */
#define API_TOKEN_NAME_MAX	80	/* characters of a token's name */
#define API_TOKEN_TOUCH_EVERY	60	/* seconds between last-used writes */
#define API_TOKEN_RATE_SLOTS	1024	/* tokens the rate table tracks at once */
#define API_TOKENS_MAX		50	/* live tokens of one person in one account */
#define API_TOKENS_PER_PAGE	50	/* rows of a token list */

/* SCIM 2.0 provisioning (fcgi/scim*.c). */
#define SCIM_MAX_FILTER_LEN	1024	/* bytes of a filter (400 invalidFilter above) */
#define SCIM_MAX_FILTER_DEPTH	8	/* nested "(", "not", "[" of a filter */
#define SCIM_MAX_FILTER_NODES	32	/* comparisons and operators of a filter */
#define SCIM_DEFAULT_COUNT	100	/* resources a list page holds when count is absent */
#define SCIM_MAX_COUNT		200	/* resources a list page holds at most */
#define SCIM_MAX_SCAN		10000	/* members and invitations a filtered list reads */
#define SCIM_MAX_PATCH_OPS	20	/* operations of one PATCH */
#define SCIM_MAX_GROUP_MEMBERS	1000	/* members a Group resource lists */

#endif

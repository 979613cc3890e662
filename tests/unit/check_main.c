/*
 * Unit tests (Check): validators, decoders, XML escaping, Argon2id wrapper,
 * tokens and MACs, roles, passcode sealing, mail formatting, the arena.
 * Table-driven where the subject is a table.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <check.h>
#include <libxml/HTMLtree.h>
#include <libxml/parser.h>
#include <sodium.h>

#include "../../fcgi/arena.h"
#include "../../fcgi/conf.h"
#include "../../fcgi/country.h"
#include "../../fcgi/csv.h"
#include "../../fcgi/decode.h"
#include "../../fcgi/hash.h"
#include "../../fcgi/ingest.h"
#include "../../fcgi/jobs.h"
#include "../../fcgi/label.h"
#include "../../fcgi/limits.h"
#include "../../fcgi/mail.h"
#include "../../fcgi/money.h"
#include "../../fcgi/multipart.h"
#include "../../fcgi/rc.h"
#include "../../fcgi/report.h"
#include "../../fcgi/request.h"
#include "../../fcgi/roles.h"
#include "../../fcgi/secret.h"
#include "../../fcgi/status.h"
#include "../../fcgi/text.h"
#include "../../fcgi/token.h"
#include "../../fcgi/totp.h"
#include "../../fcgi/twofa.h"
#include "../../fcgi/tz.h"
#include "../../fcgi/valid.h"
#include "../../fcgi/xml.h"

/* ------------------------------------------------------------ fixtures */

static char keyfile[] = "/tmp/steward-unit-key-XXXXXX";

#define NEED(x) do { if (!(x)) { fprintf(stderr, "setup: %s: %s\n", #x, err); \
	exit(2); } } while (0)

/* Configuration, a key file and the validators, once for the process. */
static void
global_setup(void)
{
	char	 err[256] = "";
	int	 fd;

	NEED(sodium_init() >= 0);
	NEED(conf_load("/dev/null", err, sizeof(err)) == 0);
	conf.argon2_m = 8192;		/* fast but real Argon2id */
	conf.argon2_t = 1;
	fd = mkstemp(keyfile);
	NEED(fd >= 0);
	close(fd);
	unlink(keyfile);
	NEED(secret_generate(keyfile, err, sizeof(err)) == 0);
	NEED(secret_load(keyfile, err, sizeof(err)) == 0);
	NEED(valid_init(err, sizeof(err)) == 0);
	NEED(password_init(2) == 0);
	NEED(common_load(TOP_SRCDIR "/data/common-passwords.txt", err,
	    sizeof(err)) == 0);
}

/* ---------------------------------------------------------- validators */

struct vcase {
	enum valid	 v;
	const char	*s;
	int		 ok;
};

static const struct vcase vcases[] = {
	{ VALID_EMAIL, "ann@example.com", 1 },
	{ VALID_EMAIL, "a.b+tag@sub.example.co.uk", 1 },
	{ VALID_EMAIL, "o'brien@example.ie", 1 },
	{ VALID_EMAIL, "", 0 },
	{ VALID_EMAIL, "ann", 0 },
	{ VALID_EMAIL, "ann@", 0 },
	{ VALID_EMAIL, "@example.com", 0 },
	{ VALID_EMAIL, "ann@localhost", 0 },
	{ VALID_EMAIL, "ann@-example.com", 0 },
	{ VALID_EMAIL, "ann@example..com", 0 },
	{ VALID_EMAIL, "ann @example.com", 0 },
	{ VALID_EMAIL, "ann@example.com\n", 0 },
	{ VALID_EMAIL, "ann@example.com\nBcc: x@y.z", 0 },
	{ VALID_EMAIL, "<script>@example.com", 0 },
	{ VALID_EMAIL, "zo\xc3\xab@example.com", 0 },
	{ VALID_ROLE, "admin", 1 },
	{ VALID_ROLE, "agent", 1 },
	{ VALID_ROLE, "Admin", 0 },
	{ VALID_ROLE, "owner", 0 },
	{ VALID_ROLE, "admin ", 0 },
	{ VALID_PERSON_NAME, "Zo\xc3\xab Lindqvist", 1 },
	{ VALID_PERSON_NAME, "\xe5\xbc\xa0\xe4\xbc\x9f", 1 },
	{ VALID_PERSON_NAME, "<b>&amp;</b>", 1 },
	{ VALID_PERSON_NAME, "   ", 0 },
	{ VALID_PERSON_NAME, "a\tb", 0 },
	{ VALID_PERSON_NAME, "evil\xe2\x80\xaegnp.exe", 0 },	/* RLO */
	{ VALID_PERSON_NAME, "bad\xc3", 0 },
	{ VALID_ACCOUNT_ID, "W8R-K4Z-7Q2M", 1 },
	{ VALID_ACCOUNT_ID, "w8r-k4z-7q2m", 0 },
	{ VALID_ACCOUNT_ID, "W8R-K4Z-7Q2", 0 },
	{ VALID_REGION, "eu1", 1 },
	{ VALID_REGION, "aps3", 1 },
	{ VALID_REGION, "eu2", 0 },
	{ VALID_TIMEZONE, "Europe/Berlin", 1 },
	{ VALID_TIMEZONE, "America/Argentina/Buenos_Aires", 1 },
	{ VALID_TIMEZONE, "UTC", 1 },
	{ VALID_TIMEZONE, "../etc/passwd", 0 },
	{ VALID_TIMEZONE, "Europe/Berlin'--", 0 },
	{ VALID_TOKEN, "abcdefghijABCDEFGHIJ0123456789-_abcdefghijk", 1 },
	{ VALID_TOKEN, "abcdefghijABCDEFGHIJ0123456789-_abcdefghij", 0 },
	{ VALID_TOKEN, "abcdefghijABCDEFGHIJ0123456789+/abcdefghijk", 0 },
	{ VALID_LOCAL_PATH, "/settings", 1 },
	{ VALID_LOCAL_PATH, "/settings/users?page=2", 1 },
	{ VALID_LOCAL_PATH, "//evil.example.com", 0 },
	{ VALID_LOCAL_PATH, "/\\evil.example.com", 0 },
	{ VALID_LOCAL_PATH, "https://evil.example.com", 0 },
	{ VALID_LOCAL_PATH, "/a\"onmouseover=x", 0 },
	{ VALID_LOGIN_PASSWORD, "correct horse battery", 1 },
	{ VALID_LOGIN_PASSWORD, "", 0 },
	{ VALID_LOGIN_PASSWORD, "with\x01control", 0 },
};

START_TEST(test_validators)
{
	const struct vcase	*c = &vcases[_i];

	ck_assert_msg(valid_check(c->v, c->s, strlen(c->s)) == c->ok,
	    "validator %d on \"%s\": expected %d", c->v, c->s, c->ok);
}
END_TEST

START_TEST(test_validator_limits)
{
	char	 long_email[300];

	memset(long_email, 'a', 250);
	memcpy(long_email + 250, "@x.io", 6);
	ck_assert(!valid_check(VALID_EMAIL, long_email, strlen(long_email)));
	ck_assert(!valid_check(VALID_EMAIL, NULL, 0));
	ck_assert(valid_message(VALID_EMAIL) != NULL);
}
END_TEST

/* ------------------------------------------------------------ decoders */

struct dcase {
	const char	*in;
	enum decode_err	 err;
	size_t		 n;		/* fields on success */
	const char	*key, *val;	/* the first field */
};

static const struct dcase dcases[] = {
	{ "email=ann%40example.com&role=admin", DECODE_OK, 2, "email", "ann@example.com" },
	{ "a=1+2%2B3", DECODE_OK, 1, "a", "1 2+3" },
	{ "&&a=&&", DECODE_OK, 1, "a", "" },
	{ "flag", DECODE_OK, 1, "flag", "" },
	{ "n=%C3%A9", DECODE_OK, 1, "n", "\xc3\xa9" },
	{ "m=line1%0D%0Aline2", DECODE_OK, 1, "m", "line1\r\nline2" },
	{ "", DECODE_OK, 0, NULL, NULL },
	{ "a=%", DECODE_BAD_ESCAPE, 0, NULL, NULL },
	{ "a=%4", DECODE_BAD_ESCAPE, 0, NULL, NULL },
	{ "a=%zz", DECODE_BAD_ESCAPE, 0, NULL, NULL },
	{ "a=%C3", DECODE_BAD_UTF8, 0, NULL, NULL },
	{ "a=%C0%AF", DECODE_BAD_UTF8, 0, NULL, NULL },		/* overlong / */
	{ "a=%ED%A0%80", DECODE_BAD_UTF8, 0, NULL, NULL },	/* surrogate */
	{ "a=%F4%90%80%80", DECODE_BAD_UTF8, 0, NULL, NULL },	/* > U+10FFFF */
	{ "a=%FF", DECODE_BAD_UTF8, 0, NULL, NULL },
	{ "a=x%00y", DECODE_CONTROL, 0, NULL, NULL },
	{ "a=%1B[31m", DECODE_CONTROL, 0, NULL, NULL },
	{ "a=%7F", DECODE_CONTROL, 0, NULL, NULL },
	{ "a=%C2%85", DECODE_CONTROL, 0, NULL, NULL },		/* C1 NEL */
	{ "a=%EF%BF%BF", DECODE_CONTROL, 0, NULL, NULL },
	{ "a%0A=1", DECODE_CONTROL, 0, NULL, NULL },		/* LF in a name */
};

START_TEST(test_decode_form)
{
	const struct dcase	*c = &dcases[_i];
	struct arena		 a;
	struct kvlist		 l;
	enum decode_err		 e;

	arena_init(&a);
	e = decode_form(&a, c->in, strlen(c->in), &l);
	ck_assert_msg(e == c->err, "\"%s\": got %d, want %d", c->in, e, c->err);
	if (e == DECODE_OK) {
		ck_assert_uint_eq(l.n, c->n);
		if (c->key != NULL) {
			ck_assert_str_eq(l.v[0].key, c->key);
			ck_assert_str_eq(l.v[0].val, c->val);
			ck_assert_uint_eq(l.v[0].len, strlen(c->val));
		}
	} else
		ck_assert_uint_eq(l.n, 0);
	arena_reset(&a);
}
END_TEST

START_TEST(test_decode_limits)
{
	struct arena	 a;
	struct kvlist	 l;
	char		*s;
	size_t		 i, n;

	arena_init(&a);
	/* MAX_FIELDS fields pass, one more is refused */
	s = malloc(MAX_FIELDS * 8 + 16);
	for (n = 0, i = 0; i < MAX_FIELDS; i++)
		n += (size_t)sprintf(s + n, "f%zu=1&", i);
	ck_assert_int_eq(decode_form(&a, s, n, &l), DECODE_OK);
	ck_assert_uint_eq(l.n, MAX_FIELDS);
	n += (size_t)sprintf(s + n, "x=1");
	ck_assert_int_eq(decode_form(&a, s, n, &l), DECODE_TOO_MANY);
	free(s);
	/* a value of MAX_FIELD_LEN bytes passes, one more byte is refused */
	s = malloc(MAX_FIELD_LEN + 8);
	memcpy(s, "v=", 2);
	memset(s + 2, 'x', MAX_FIELD_LEN);
	ck_assert_int_eq(decode_form(&a, s, MAX_FIELD_LEN + 2, &l), DECODE_OK);
	s[MAX_FIELD_LEN + 2] = 'x';
	ck_assert_int_eq(decode_form(&a, s, MAX_FIELD_LEN + 3, &l), DECODE_TOO_LONG);
	free(s);
	/* a field name over MAX_FIELD_NAME */
	s = malloc(MAX_FIELD_NAME + 8);
	memset(s, 'k', MAX_FIELD_NAME + 1);
	memcpy(s + MAX_FIELD_NAME + 1, "=1", 2);
	ck_assert_int_eq(decode_form(&a, s, MAX_FIELD_NAME + 3, &l), DECODE_TOO_LONG);
	free(s);
	arena_reset(&a);
}
END_TEST

START_TEST(test_decode_cookies)
{
	struct arena	 a;
	struct kvlist	 l;
	char		*big;
	size_t		 i, n;

	arena_init(&a);
	ck_assert_int_eq(decode_cookies(&a, "stw_session=abc; other=x y; "
	    "=novalue; bad=\"q\"; last=1", &l), DECODE_OK);
	ck_assert_uint_eq(l.n, 2);
	ck_assert_str_eq(kv_get(&l, "stw_session"), "abc");
	ck_assert_str_eq(kv_get(&l, "last"), "1");
	ck_assert_ptr_null(kv_get(&l, "bad"));
	ck_assert_int_eq(decode_cookies(&a, NULL, &l), DECODE_OK);
	ck_assert_uint_eq(l.n, 0);
	big = malloc(MAX_COOKIE_LEN + 2);
	memset(big, 'a', MAX_COOKIE_LEN + 1);
	big[MAX_COOKIE_LEN + 1] = '\0';
	ck_assert_int_eq(decode_cookies(&a, big, &l), DECODE_TOO_LONG);
	for (n = 0, i = 0; i <= MAX_COOKIES; i++)
		n += (size_t)sprintf(big + n, "c%zu=1; ", i);
	ck_assert_int_eq(decode_cookies(&a, big, &l), DECODE_TOO_MANY);
	free(big);
	arena_reset(&a);
}
END_TEST

START_TEST(test_utf8)
{
	ck_assert(utf8_valid("", 0));
	ck_assert(utf8_valid("\xf0\x9f\x98\x80", 4));
	ck_assert(!utf8_valid("\xf0\x9f\x98", 3));
	ck_assert(!utf8_valid("\xe0\x80\xaf", 3));
	ck_assert_uint_eq(utf8_chars("Zo\xc3\xab", 4), 3);
	ck_assert(text_clean("a\tb\r\n", 5, 1));
	ck_assert(!text_clean("a\tb", 3, 0));
	ck_assert(!text_clean("a\nb", 3, 0));
}
END_TEST

/* ----------------------------------------------------------------- xml */

static const char *const hostile[] = {
	"<script>alert(1)</script>",
	"\"'><img src=x onerror=alert(1)>",
	"&amp; &lt; & &#0; &#x41;",
	"]]><!-- -->",
	"<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>&e;",
	"Zo\xc3\xab \xe2\x80\x8f\xd7\xa9\xd7\x9c\xd7\x95\xd7\x9d",
};

START_TEST(test_xml_escaping)
{
	xmlDocPtr	 doc, back;
	xmlNodePtr	 root, el;
	xmlChar		*buf, *got;
	int		 len;

	doc = xmlNewDoc((const xmlChar *)"1.0");
	root = xmlNewDocNode(doc, NULL, (const xmlChar *)"steward", NULL);
	xmlDocSetRootElement(doc, root);
	el = xml_el(root, "t", hostile[_i]);
	xml_attr(el, "a", hostile[_i]);
	xmlDocDumpMemoryEnc(doc, &buf, &len, "UTF-8");
	ck_assert_ptr_null(strstr((char *)buf, "<script"));
	ck_assert_ptr_null(strstr((char *)buf, "<!DOCTYPE"));
	ck_assert_ptr_null(strstr((char *)buf, "<img"));
	/* it parses back to exactly the same text */
	back = xmlReadMemory((char *)buf, len, NULL, "UTF-8", XML_PARSE_NONET);
	ck_assert_ptr_nonnull(back);
	got = xmlNodeGetContent(xmlDocGetRootElement(back)->children);
	ck_assert_str_eq((char *)got, hostile[_i]);
	xmlFree(got);
	got = xmlGetProp(xmlDocGetRootElement(back)->children, (const xmlChar *)"a");
	ck_assert_str_eq((char *)got, hostile[_i]);
	xmlFree(got);
	xmlFreeDoc(back);
	xmlFree(buf);
	xmlFreeDoc(doc);
}
END_TEST

START_TEST(test_xml_invalid_text_replaced)
{
	xmlDocPtr	 doc = xmlNewDoc((const xmlChar *)"1.0");
	xmlNodePtr	 root = xmlNewDocNode(doc, NULL, (const xmlChar *)"s", NULL);
	xmlChar		*buf;
	int		 len;

	xmlDocSetRootElement(doc, root);
	xml_el(root, "t", "bad\x01" "byte");
	xml_attr(root, "a", "bad\xff");
	xmlDocDumpMemoryEnc(doc, &buf, &len, "UTF-8");
	ck_assert_ptr_null(strstr((char *)buf, "&#1;"));
	ck_assert_ptr_nonnull(strstr((char *)buf, "\xef\xbf\xbd"));
	xmlFree(buf);
	xmlFreeDoc(doc);
}
END_TEST

/* ------------------------------------------------------------ password */

START_TEST(test_password_hash_verify)
{
	char	 enc[256];

	ck_assert_int_eq(password_hash("correct horse battery", 21, enc,
	    sizeof(enc)), PW_OK);
	ck_assert(strncmp(enc, "$argon2id$v=19$m=8192,t=1,p=1$", 30) == 0);
	ck_assert_int_eq(password_verify(enc, "correct horse battery", 21), PW_OK);
	ck_assert_int_eq(password_verify(enc, "correct horse batterY", 21),
	    PW_MISMATCH);
	ck_assert_int_eq(password_verify(enc, "", 0), PW_MISMATCH);
	ck_assert_int_eq(password_verify("$2y$10$bcrypt", "x", 1), PW_MISMATCH);
	ck_assert_int_eq(password_verify(NULL, "x", 1), PW_MISMATCH);
	ck_assert(!password_needs_rehash(enc));
	conf.argon2_t = 2;
	ck_assert(password_needs_rehash(enc));
	conf.argon2_t = 1;
	ck_assert_int_eq(password_verify(password_dummy_hash(), "x", 1),
	    PW_MISMATCH);
}
END_TEST

struct pcase {
	const char	*pw, *email;
	int		 ok;
};

static const struct pcase pcases[] = {
	{ "correct horse battery staple", "ann@example.com", 1 },
	{ "twelve chars", "ann@example.com", 1 },
	{ "eleven char", "ann@example.com", 0 },
	{ "", "ann@example.com", 0 },
	{ "my name is annabel!!", "annabel@example.com", 0 },
	{ "MY NAME IS ANNABEL!!", "annabel@example.com", 0 },
	{ "ann is short so fine", "ann@example.com", 0 },
	{ "al is too short a name", "al@example.com", 1 },
	{ "tab\tinside password", "ann@example.com", 0 },
	/* 12 different accented letters: 12 characters in 24 bytes */
	{ "\xc3\xa9\xc3\xa0\xc3\xa8\xc3\xb9\xc3\xa2\xc3\xaa\xc3\xae\xc3\xb4"
	  "\xc3\xbb\xc3\xa7\xc3\xab\xc3\xaf", "ann@example.com", 1 },
};

START_TEST(test_password_policy)
{
	const struct pcase	*c = &pcases[_i];
	const char		*why = password_policy(c->pw, strlen(c->pw), c->email);

	ck_assert_msg((why == NULL) == c->ok, "\"%s\": %s", c->pw,
	    why ? why : "accepted");
}
END_TEST

START_TEST(test_password_length_limits)
{
	char	 pw[MAX_PASSWORD_CHARS + 2];
	size_t	 i;

	/* varied letters: one letter repeated is refused as a pattern */
	for (i = 0; i < sizeof(pw); i++)
		pw[i] = (char)('a' + (i * 7 + i / 26) % 26);
	ck_assert_ptr_null(password_policy(pw, MAX_PASSWORD_CHARS, NULL));
	ck_assert_ptr_nonnull(password_policy(pw, MAX_PASSWORD_CHARS + 1, NULL));
}
END_TEST

/* -------------------------------------------------------------- tokens */

START_TEST(test_tokens)
{
	char		 a[TOKEN_B64_LEN + 1], b[TOKEN_B64_LEN + 1];
	unsigned char	 ha[HASH_BYTES], hb[HASH_BYTES];
	char		 m1[TOKEN_B64_LEN + 1], m2[TOKEN_B64_LEN + 1];

	token_new(a);
	token_new(b);
	ck_assert_uint_eq(strlen(a), TOKEN_B64_LEN);
	ck_assert(valid_check(VALID_TOKEN, a, strlen(a)));
	ck_assert_str_ne(a, b);
	ck_assert_int_eq(token_hash(a, ha), 0);
	ck_assert_int_eq(token_hash(b, hb), 0);
	ck_assert(memcmp(ha, hb, HASH_BYTES) != 0);
	ck_assert_int_eq(token_hash("short", ha), -1);
	ck_assert_int_eq(token_hash(NULL, ha), -1);
	token_mac(secret_subkey(SUBKEY_CSRF), "csrf-pre", a, strlen(a), m1);
	token_mac(secret_subkey(SUBKEY_CSRF), "csrf-pre", a, strlen(a), m2);
	ck_assert(token_equal(m1, m2));
	token_mac(secret_subkey(SUBKEY_CSRF), "csrf-session", a, strlen(a), m2);
	ck_assert(!token_equal(m1, m2));
	token_mac(secret_subkey(SUBKEY_FLASH), "csrf-pre", a, strlen(a), m2);
	ck_assert(!token_equal(m1, m2));
	ck_assert(!token_equal(m1, NULL));
	ck_assert(!token_equal("", ""));
	ck_assert(!token_equal("abc", "abcd"));
}
END_TEST

START_TEST(test_passcode_seal)
{
	char		 pc[PASSCODE_LEN + 1], out[PASSCODE_LEN + 1], id[13];
	unsigned char	 blob[MAX_PASSCODE_BLOB];
	size_t		 n;

	passcode_new(pc);
	ck_assert_uint_eq(strlen(pc), PASSCODE_LEN);
	ck_assert_int_eq(passcode_seal(pc, blob, &n), 0);
	ck_assert_ptr_null(memmem(blob, n, pc, PASSCODE_LEN));
	ck_assert_int_eq(passcode_open(blob, n, out), 0);
	ck_assert_str_eq(out, pc);
	blob[n - 1] ^= 1;
	ck_assert_int_eq(passcode_open(blob, n, out), -1);
	ck_assert_int_eq(passcode_open(blob, n - 1, out), -1);
	account_id_new(id);
	ck_assert(valid_check(VALID_ACCOUNT_ID, id, strlen(id)));
}
END_TEST

/* --------------------------------------------------------------- roles */

struct rcase {
	enum role	 role;
	enum cap	 cap;
	int		 yes;
};

/* Every cell of DESIGN §4 for the capabilities this build uses. */
static const struct rcase rcases[] = {
	{ ROLE_ADMIN, CAP_REVEAL, 1 }, { ROLE_CREATOR, CAP_REVEAL, 0 },
	{ ROLE_MEMBER, CAP_REVEAL, 0 }, { ROLE_AGENT, CAP_REVEAL, 0 },
	{ ROLE_ADMIN, CAP_INVITE, 1 }, { ROLE_CREATOR, CAP_INVITE, 1 },
	{ ROLE_MEMBER, CAP_INVITE, 0 }, { ROLE_AGENT, CAP_INVITE, 0 },
	{ ROLE_ADMIN, CAP_BILLING, 1 }, { ROLE_CREATOR, CAP_BILLING, 0 },
	{ ROLE_ADMIN, CAP_ORG_VIEW, 1 }, { ROLE_MEMBER, CAP_ORG_VIEW, 1 },
	{ ROLE_AGENT, CAP_ORG_VIEW, 0 }, { ROLE_CREATOR, CAP_ORG_EDIT, 0 },
	{ ROLE_AGENT, CAP_TZ_VIEW, 1 }, { ROLE_CREATOR, CAP_TZ_EDIT, 0 },
	{ ROLE_MEMBER, CAP_SCHEMA_VIEW, 1 }, { ROLE_AGENT, CAP_SCHEMA_VIEW, 0 },
	{ ROLE_CREATOR, CAP_SCHEMA_DESCRIBE, 1 },
	{ ROLE_MEMBER, CAP_SCHEMA_DESCRIBE, 0 },
	{ ROLE_CREATOR, CAP_SCHEMA_DISCARD, 0 },
	{ ROLE_CREATOR, CAP_LABELS_EDIT, 1 }, { ROLE_MEMBER, CAP_LABELS_EDIT, 0 },
	{ ROLE_CREATOR, CAP_CSV, 1 }, { ROLE_MEMBER, CAP_CSV, 0 },
	{ ROLE_MEMBER, CAP_REPORTS, 1 }, { ROLE_AGENT, CAP_REPORTS, 0 },
	{ ROLE_AGENT, CAP_DOWNLOADS, 1 }, { ROLE_CREATOR, CAP_AUDIT, 0 },
	{ ROLE_ADMIN, CAP_AUDIT, 1 }, { ROLE_AGENT, CAP_PROFILE, 1 },
	{ ROLE_NONE, CAP_OVERVIEW, 0 }, { ROLE_AGENT, CAP_OVERVIEW, 1 },
};

START_TEST(test_role_table)
{
	const struct rcase	*c = &rcases[_i];

	ck_assert_msg(role_can(c->role, c->cap) == c->yes, "role %d cap %d",
	    c->role, c->cap);
}
END_TEST

START_TEST(test_role_grant)
{
	ck_assert(role_may_grant(ROLE_ADMIN, ROLE_ADMIN));
	ck_assert(role_may_grant(ROLE_CREATOR, ROLE_CREATOR));
	ck_assert(role_may_grant(ROLE_CREATOR, ROLE_AGENT));
	ck_assert(!role_may_grant(ROLE_CREATOR, ROLE_ADMIN));
	ck_assert(!role_may_grant(ROLE_MEMBER, ROLE_AGENT));
	ck_assert(!role_may_grant(ROLE_ADMIN, ROLE_NONE));
	ck_assert(!role_may_grant(ROLE_ADMIN, ROLE__MAX));
	ck_assert_int_eq(role_parse("creator"), ROLE_CREATOR);
	ck_assert_int_eq(role_parse("Creator"), ROLE_NONE);
	ck_assert_int_eq(role_parse(NULL), ROLE_NONE);
	ck_assert_str_eq(role_name(ROLE_AGENT), "agent");
	ck_assert_str_eq(role_label(ROLE_ADMIN), "Admin");
}
END_TEST

/* ---------------------------------------------------------------- mail */

START_TEST(test_mail_format)
{
	struct mail	 m = { "ann@example.com", "Zo\xc3\xab \"Q\" Lindqvist",
	    "Zo\xc3\xab invited you to Caf\xc3\xa9 app", "line 1\nline 2\n" };
	char		 buf[8192];
	size_t		 n;

	ck_assert_int_eq(mail_format(&m, buf, sizeof(buf), &n), 0);
	ck_assert_uint_eq(strlen(buf), n);
	ck_assert_ptr_nonnull(strstr(buf, "\r\nSubject: =?UTF-8?B?"));
	ck_assert_ptr_nonnull(strstr(buf, "\r\nTo: =?UTF-8?B?"));
	ck_assert_ptr_nonnull(strstr(buf, "<ann@example.com>\r\n"));
	ck_assert_ptr_nonnull(strstr(buf, "\r\n\r\nline 1\r\nline 2\r\n"));
	ck_assert_ptr_nonnull(strstr(buf, "charset=utf-8"));
	ck_assert_ptr_null(strstr(buf, "Caf\xc3\xa9"));	/* only encoded */
	m.subject = "Hi\r\nBcc: victim@example.com";
	ck_assert_int_eq(mail_format(&m, buf, sizeof(buf), &n), -1);
	m.subject = "Hi";
	m.to_addr = "a@b.c>\r\nBcc: x@y.z";
	ck_assert_int_eq(mail_format(&m, buf, sizeof(buf), &n), -1);
	m.to_addr = "ann@example.com";
	ck_assert_int_eq(mail_format(&m, buf, 64, &n), -1);	/* too small */
}
END_TEST

/* --------------------------------------------------------------- arena */

static int cleaned;

static void
count_cleanup(void *p)
{
	cleaned += *(int *)p;
}

START_TEST(test_arena)
{
	struct arena	 a;
	char		*p;
	int		 one = 1;
	size_t		 i;

	arena_init(&a);
	p = arena_printf(&a, "%s-%d", "x", 42);
	ck_assert_str_eq(p, "x-42");
	ck_assert_str_eq(arena_strndup(&a, "abcdef", 3), "abc");
	for (i = 0; i < 100; i++)
		ck_assert_ptr_nonnull(arena_alloc(&a, 1000));
	ck_assert_ptr_nonnull(arena_alloc(&a, ARENA_BLOCK * 3));
	ck_assert_ptr_null(arena_alloc(&a, ARENA_MAX));
	ck_assert(a.failed);
	cleaned = 0;
	arena_cleanup(&a, count_cleanup, &one);
	arena_cleanup(&a, count_cleanup, &one);
	arena_reset(&a);
	ck_assert_int_eq(cleaned, 2);
	ck_assert_ptr_null(a.head);
	ck_assert(!a.failed);
}
END_TEST

/* ---------------------------------------------------------------- conf */

START_TEST(test_conf)
{
	char	 path[] = "/tmp/steward-unit-conf-XXXXXX", err[256];
	int	 fd = mkstemp(path);
	FILE	*f = fdopen(fd, "w");

	fputs("# comment\n threads = 4 \nmail_from = A <a@b.c>\n", f);
	fclose(f);
	setenv("STEWARD_THREADS", "6", 1);
	ck_assert_int_eq(conf_load(path, err, sizeof(err)), 0);
	ck_assert_int_eq(conf.threads, 6);
	ck_assert_str_eq(conf.mail_from, "A <a@b.c>");
	unsetenv("STEWARD_THREADS");
	f = fopen(path, "w");
	fputs("threads = lots\n", f);
	fclose(f);
	ck_assert_int_eq(conf_load(path, err, sizeof(err)), -1);
	ck_assert_ptr_nonnull(strstr(err, "threads"));
	f = fopen(path, "w");
	fputs("no_such_key = 1\n", f);
	fclose(f);
	ck_assert_int_eq(conf_load(path, err, sizeof(err)), -1);
	ck_assert_ptr_nonnull(strstr(err, "unknown key"));
	unlink(path);
	ck_assert_int_eq(conf_load("/dev/null", err, sizeof(err)), 0);
	conf.argon2_m = 8192;
	conf.argon2_t = 1;
}
END_TEST

/* ========================================================= users part */

/* invite_split: separators, "Name <addr>", case, duplicates, the limit. */
static const struct {
	const char	*in;
	int		 rc;
	size_t		 n, given;
	const char	*first, *last;
} splits[] = {
	{ "", 0, 0, 0, NULL, NULL },
	{ " ,;\n\r\t ", 0, 0, 0, NULL, NULL },
	{ "a@x.io", 0, 1, 1, "a@x.io", "a@x.io" },
	{ "A@X.IO, b@y.io\nc@z.io;d@w.io", 0, 4, 4, "a@x.io", "d@w.io" },
	{ "a@x.io b@y.io\tc@z.io", 0, 3, 3, "a@x.io", "c@z.io" },
	{ "Ann Lee <Ann@X.io>, \"Bob\" <b@y.io>", 0, 2, 2, "ann@x.io", "b@y.io" },
	{ "a@x.io, A@x.IO,a@x.io", 0, 1, 3, "a@x.io", "a@x.io" },
	{ "not-an-email, a@x.io", 0, 2, 2, "not-an-email", "a@x.io" },
	{ "<  a@x.io  >", 0, 1, 1, "a@x.io", "a@x.io" },
	{ "Zo\xc3\xab <z@x.io>", 0, 1, 1, "z@x.io", "z@x.io" },
	{ "@51", -1, MAX_INVITE_ADDRESSES, 51, NULL, NULL },
	{ "@50", 0, MAX_INVITE_ADDRESSES, 50, NULL, NULL },
	{ "@50DUP", 0, MAX_INVITE_ADDRESSES, 100, NULL, NULL },
};

START_TEST(test_invite_split)
{
	struct arena		 a;
	struct addr_list	 l;
	char			 buf[8192], one[32];
	const char		*in = splits[_i].in;
	int			 k, n;

	arena_init(&a);
	if (in[0] == '@') {
		n = in[1] == '5' && in[2] == '1' ? 51 : 50;
		if (strcmp(in, "@50DUP") == 0)
			n = 100;		/* every address twice */
		buf[0] = '\0';
		for (k = 0; k < n; k++) {
			snprintf(one, sizeof(one), "%su%d@x.io", k ? "," : "",
			    k % (n == 100 ? 50 : n));
			strncat(buf, one, sizeof(buf) - strlen(buf) - 1);
		}
		in = buf;
	}
	ck_assert_int_eq(invite_split(&a, in, &l), splits[_i].rc);
	ck_assert_uint_eq(l.n, splits[_i].n);
	ck_assert_uint_eq(l.given, splits[_i].given);
	if (splits[_i].first != NULL) {
		ck_assert_str_eq(l.v[0], splits[_i].first);
		ck_assert_str_eq(l.v[l.n - 1], splits[_i].last);
	}
	arena_reset(&a);
}
END_TEST

static const struct {
	const char	*domains, *email;
	int		 ok;
} dcases_users[] = {
	{ "", "a@x.io", 1 },
	{ " , \n", "a@x.io", 1 },
	{ NULL, "a@x.io", 1 },
	{ "x.io", "a@x.io", 1 },
	{ "x.io", "a@X.IO", 1 },
	{ "@x.io", "a@x.io", 1 },
	{ "y.io, x.io", "a@x.io", 1 },
	{ "y.io\nx.io", "a@x.io", 1 },
	{ "y.io;x.io", "a@x.io", 1 },
	{ "x.io", "a@sub.x.io", 0 },
	{ "sub.x.io", "a@x.io", 0 },
	{ "x.io", "a@x.io.evil.com", 0 },
	{ "x.io", "a@evilx.io", 0 },
	{ "x.io", "x.io", 0 },
	{ "x.io", NULL, 0 },
	{ "x.io", "a@b@x.io", 1 },	/* the validator refuses it first */
};

START_TEST(test_invite_domains)
{
	ck_assert_int_eq(domains_allow_invite(dcases_users[_i].domains,
	    dcases_users[_i].email), dcases_users[_i].ok);
}
END_TEST

static const struct {
	const char	*s;
	int		 ok;
} dates[] = {
	{ "2026-03-29", 1 }, { "2024-02-29", 1 }, { "2000-02-29", 1 },
	{ "2026-02-29", 0 }, { "1900-02-28", 0 }, { "2100-02-29", 0 },
	{ "2026-04-31", 0 }, { "2026-12-31", 1 }, { "2026-13-01", 0 },
	{ "2026-00-10", 0 }, { "2026-01-00", 0 }, { "2026-1-01", 0 },
	{ "26-01-01", 0 }, { "2026/01/01", 0 }, { "2026-01-01x", 0 },
	{ "", 0 }, { NULL, 0 }, { "1970-01-01", 1 }, { "1969-12-31", 0 },
	{ "2026-0a-01", 0 },
};

START_TEST(test_date_valid)
{
	ck_assert_int_eq(date_ok(dates[_i].s), dates[_i].ok);
}
END_TEST

START_TEST(test_member_status)
{
	static const char *names[] = { "active", "locked", "invited", "expired" };
	int	 i;

	for (i = 0; i < 4; i++) {
		ck_assert_str_eq(member_status_name(i + 1), names[i]);
		ck_assert_int_eq(member_status_parse(names[i]), i + 1);
	}
	ck_assert_ptr_null(member_status_name(0));
	ck_assert_ptr_null(member_status_name(5));
	ck_assert_ptr_null(member_status_name(-1));
	ck_assert_int_eq(member_status_parse("Active"), 0);
	ck_assert_int_eq(member_status_parse(NULL), 0);
	ck_assert_int_eq(member_status_parse(""), 0);
}
END_TEST

static const struct vcase vcases_users[] = {
	{ VALID_ID, "1", 1 }, { VALID_ID, "1234567890123456789", 1 },
	{ VALID_ID, "0", 0 }, { VALID_ID, "01", 0 }, { VALID_ID, "-1", 0 },
	{ VALID_ID, "12345678901234567890", 0 }, { VALID_ID, "1e3", 0 },
	{ VALID_ID, " 1", 0 }, { VALID_ID, "", 0 },
	{ VALID_SEARCH, "ann", 1 }, { VALID_SEARCH, "Zo\xc3\xab L", 1 },
	{ VALID_SEARCH, "a\x01", 0 }, { VALID_SEARCH, "\xe2\x80\xae", 0 },
	{ VALID_MEMBER_STATUS, "active", 1 }, { VALID_MEMBER_STATUS, "expired", 1 },
	{ VALID_MEMBER_STATUS, "Active", 0 }, { VALID_MEMBER_STATUS, "gone", 0 },
	{ VALID_USERS_SORT, "last-login", 1 }, { VALID_USERS_SORT, "password", 0 },
	{ VALID_ORDER, "asc", 1 }, { VALID_ORDER, "desc", 1 }, { VALID_ORDER, "up", 0 },
	{ VALID_PAGE, "1", 1 }, { VALID_PAGE, "99999", 1 }, { VALID_PAGE, "0", 0 },
	{ VALID_PAGE, "100000", 0 }, { VALID_PAGE, "-2", 0 },
	{ VALID_INVITE_MESSAGE, "Welcome!\nSee you.\r\n\tBye", 1 },
	{ VALID_INVITE_MESSAGE, "   ", 0 }, { VALID_INVITE_MESSAGE, "a\x07", 0 },
	{ VALID_INVITE_MESSAGE, "a\xc2\x85", 0 }, { VALID_INVITE_MESSAGE, "\xe2\x80\xae", 0 },
	{ VALID_AUDIT_ACTION, "login", 1 }, { VALID_AUDIT_ACTION, "invite.send", 1 },
	{ VALID_AUDIT_ACTION, "2fa-reset", 1 }, { VALID_AUDIT_ACTION, "a_b", 0 },
	{ VALID_AUDIT_ACTION, "a%", 0 }, { VALID_AUDIT_ACTION, "a..b", 0 },
	{ VALID_AUDIT_ACTION, ".a", 0 }, { VALID_AUDIT_ACTION, "LOGIN", 0 },
	{ VALID_DATE, "2026-03-29", 1 }, { VALID_DATE, "2026-3-29", 0 },
};

START_TEST(test_validators_users)
{
	const struct vcase *c = &vcases_users[_i];

	ck_assert_msg(valid_check(c->v, c->s, strlen(c->s)) == c->ok,
	    "validator %d on \"%s\" should be %d", (int)c->v, c->s, c->ok);
}
END_TEST

START_TEST(test_invite_message_limit)
{
	char	 m[1002 * 2];

	memset(m, 'm', 1000);
	m[1000] = '\0';
	ck_assert(valid_check(VALID_INVITE_MESSAGE, m, 1000));
	m[1000] = 'm';
	m[1001] = '\0';
	ck_assert(!valid_check(VALID_INVITE_MESSAGE, m, 1001));
}
END_TEST

/* multipart/alternative: both parts, base64 HTML, boundary, long lines */
START_TEST(test_mail_multipart)
{
	struct mail	 m = { "ann@example.com", NULL, "Hi", NULL };
	static char	 buf[MAX_MAIL_LEN], text[3000];
	xmlDocPtr	 doc = htmlNewDocNoDtD(NULL, NULL);
	xmlNodePtr	 html = xmlNewDocNode(doc, NULL, BAD_CAST "html", NULL);
	const char	*b, *p, *line;
	char		 bnd[128];
	size_t		 n, k;

	xmlDocSetRootElement(doc, html);
	xmlNewTextChild(html, NULL, BAD_CAST "p", BAD_CAST "<b>&amp; \"Zo\xc3\xab\"");
	memset(text, 'x', 2000);		/* one 2000-byte line */
	memcpy(text + 2000, "\nend\n", 6);
	m.text = text;
	ck_assert_int_eq(mail_format_html(&m, doc, buf, sizeof(buf), &n), 0);
	ck_assert_ptr_nonnull(b = strstr(buf, "multipart/alternative; boundary=\""));
	b += strlen("multipart/alternative; boundary=\"");
	k = strcspn(b, "\"");
	ck_assert_uint_gt(k, 20);
	snprintf(bnd, sizeof(bnd), "\r\n--%.*s--\r\n", (int)k, b);
	ck_assert_ptr_nonnull(strstr(buf, bnd));			/* closed */
	ck_assert_ptr_nonnull(strstr(buf, "Content-Type: text/plain; charset=utf-8"));
	ck_assert_ptr_nonnull(p = strstr(buf, "Content-Type: text/html; charset=utf-8"
	    "\r\nContent-Transfer-Encoding: base64\r\n\r\n"));
	ck_assert_ptr_null(strstr(buf, "<b>"));			/* only encoded */
	for (line = buf; (p = strstr(line, "\r\n")) != NULL; line = p + 2)
		ck_assert_uint_le((size_t)(p - line), 998);		/* RFC 5322 */
	ck_assert_ptr_nonnull(strstr(buf, "\r\nend\r\n"));
	ck_assert_int_eq(mail_format_html(&m, doc, buf, 512, &n), -1);
	m.text = "short\n";
	ck_assert_int_eq(mail_format(&m, buf, sizeof(buf), &n), 0);	/* text only */
	ck_assert_ptr_null(strstr(buf, "multipart"));
	xmlFreeDoc(doc);
}
END_TEST

/* ======================================================================
 * account part (issue 5): proration, invoice totals, money, usage meters,
 * cards (Luhn, brand, CVC, expiry), invite domains, countries, validators.
 * ====================================================================== */

static const struct {
	uint64_t	 old_price, new_price;
	long		 remaining, total;
	uint64_t	 want;
	int		 rc;
} prorates[] = {
	/* upgrade mid-period: (24900 - 4900) * 15 / 30 */
	{ 4900, 24900, 15, 30, 10000, 0 },
	/* first day of the period: the whole difference */
	{ 4900, 24900, 30, 30, 20000, 0 },
	/* last day: one day of 31 (20000 / 31 = 645.16) */
	{ 4900, 24900, 1, 31, 645, 0 },
	/* period boundary: nothing left */
	{ 4900, 24900, 0, 30, 0, 0 },
	/* stale period (the close has not run): clamped to 0 */
	{ 4900, 24900, -3, 30, 0, 0 },
	/* a period that starts in the future: clamped to the whole */
	{ 0, 4900, 45, 30, 4900, 0 },
	/* February */
	{ 0, 99900, 14, 28, 49950, 0 },
	{ 0, 99900, 14, 29, 48228, 0 },
	/* rounding half up: 100 * 1 / 2 = 50; 1 * 1 / 2 = 0.5 -> 1 */
	{ 0, 1, 1, 2, 1, 0 },
	{ 0, 100, 1, 3, 33, 0 },
	{ 0, 100, 1, 6, 17, 0 },
	{ 0, 100, 2, 3, 67, 0 },
	/* same plan and downgrade charge nothing now */
	{ 4900, 4900, 10, 30, 0, 0 },
	{ 24900, 4900, 10, 30, 0, 0 },
	/* free to enterprise on day 28 of 30 */
	{ 0, 99900, 3, 30, 9990, 0 },
	/* the largest price, a whole period: no overflow */
	{ 0, MAX_MONEY_MINOR, 31, 31, MAX_MONEY_MINOR, 0 },
	/* refused: above the limit, no days */
	{ 0, MAX_MONEY_MINOR + 1, 1, 30, 0, -1 },
	{ 0, 4900, 1, 0, 0, -1 },
	{ 0, 4900, 1, -30, 0, -1 },
};

START_TEST(test_acct_prorate)
{
	uint64_t	 out = 12345;

	ck_assert_int_eq(billing_prorate(prorates[_i].old_price,
	    prorates[_i].new_price, prorates[_i].remaining, prorates[_i].total,
	    &out), prorates[_i].rc);
	ck_assert_uint_eq(out, prorates[_i].want);
}
END_TEST

static const struct {
	size_t		 n;
	uint64_t	 q[3], u[3];
	uint64_t	 want;
	int		 rc;
} totals[] = {
	{ 0, { 0 }, { 0 }, 0, 0 },
	{ 1, { 1 }, { 4900 }, 4900, 0 },
	{ 2, { 1, 3 }, { 4900, 250 }, 5650, 0 },
	{ 3, { 2, 0, 1 }, { 100, 999999, 1 }, 201, 0 },
	{ 1, { 1000 }, { 1000000000 }, 1000000000000ULL, 0 },	/* exactly the limit */
	{ 1, { 1001 }, { 1000000000 }, 0, -1 },		/* over it */
	{ 2, { 1, 1 }, { MAX_MONEY_MINOR, 1 }, 0, -1 },	/* the sum over it */
	{ 1, { 3 }, { UINT64_MAX / 2 }, 0, -1 },	/* would wrap */
};

START_TEST(test_acct_invoice_total)
{
	struct inv_line	 l[3];
	uint64_t	 t = 7;
	size_t		 k;

	for (k = 0; k < 3; k++) {
		l[k].quantity = totals[_i].q[k];
		l[k].unit = totals[_i].u[k];
		l[k].amount = 0;
	}
	ck_assert_int_eq(invoice_total(l, totals[_i].n, &t), totals[_i].rc);
	if (totals[_i].rc == 0) {
		ck_assert_uint_eq(t, totals[_i].want);
		for (k = 0; k < totals[_i].n; k++)
			ck_assert_uint_eq(l[k].amount, l[k].quantity * l[k].unit);
	}
}
END_TEST

static const struct {
	uint64_t	 minor;
	const char	*want;
} monies[] = {
	{ 0, "0.00" }, { 5, "0.05" }, { 99, "0.99" }, { 100, "1.00" },
	{ 4900, "49.00" }, { 123456, "1,234.56" }, { 99999999, "999,999.99" },
	{ 100000000, "1,000,000.00" }, { 1000000000000ULL, "10,000,000,000.00" },
};

START_TEST(test_acct_money)
{
	char	 buf[48], tiny[4];

	money_format(monies[_i].minor, buf, sizeof(buf));
	ck_assert_str_eq(buf, monies[_i].want);
	money_format(monies[_i].minor, tiny, sizeof(tiny));
	ck_assert_str_eq(tiny, strlen(monies[_i].want) < sizeof(tiny) ?
	    monies[_i].want : "?");
}
END_TEST

static const struct {
	uint64_t	 used, allowance;
	unsigned	 pct;
	enum usage_level level;
} levels[] = {
	{ 0, 1000, 0, USAGE_OK }, { 799, 1000, 79, USAGE_OK },
	{ 800, 1000, 80, USAGE_WARN }, { 999, 1000, 99, USAGE_WARN },
	{ 1000, 1000, 100, USAGE_OVER }, { 2500, 1000, 250, USAGE_OVER },
	{ 50000, 10, 999, USAGE_OVER }, { 0, 0, 0, USAGE_OK },
	{ 1, 0, 999, USAGE_OVER }, { UINT64_MAX, 1, 999, USAGE_OVER },
};

START_TEST(test_acct_usage_level)
{
	unsigned	 pct = 12345;

	ck_assert_int_eq(usage_level(levels[_i].used, levels[_i].allowance,
	    &pct), levels[_i].level);
	ck_assert_uint_eq(pct, levels[_i].pct);
	ck_assert_str_eq(usage_level_name(levels[_i].level),
	    levels[_i].level == USAGE_OK ? "ok" :
	    levels[_i].level == USAGE_WARN ? "warn" : "over");
}
END_TEST

/* Test numbers of the card networks; ok: digits valid and Luhn passes. */
static const struct {
	const char	*typed;
	int		 luhn;
	enum card_brand	 brand;
} cards[] = {
	{ "4242 4242 4242 4242", 1, CARD_VISA },
	{ "4111-1111-1111-1111", 1, CARD_VISA },
	{ "4222222222222", 1, CARD_VISA },			/* 13 digits */
	{ "4242424242424241", 0, CARD_VISA },			/* one digit off */
	{ "5555555555554444", 1, CARD_MASTERCARD },
	{ "2223003122003222", 1, CARD_MASTERCARD },		/* 2-series */
	{ "2720992720992729", 1, CARD_MASTERCARD },		/* 2720 still */
	{ "378282246310005", 1, CARD_AMEX },
	{ "371449635398431", 1, CARD_AMEX },
	{ "6011111111111117", 1, CARD_DISCOVER },
	{ "6445644564456445", 1, CARD_DISCOVER },
	{ "6221260000000000", 1, CARD_DISCOVER },		/* 622126 */
	{ "3530111333300000", 1, CARD_JCB },
	{ "3566002020360505", 1, CARD_JCB },
	{ "30569309025904", 1, CARD_NONE },			/* Diners: refused */
	{ "6200000000000005", 1, CARD_NONE },			/* UnionPay: refused */
	{ "5105105105105100", 1, CARD_MASTERCARD },
	{ "4242 4242 4242 424", 1, CARD_NONE },			/* 15-digit Visa: no brand */
};

START_TEST(test_acct_card)
{
	char	 d[CARD_MAX_DIGITS + 1];

	ck_assert_uint_gt(card_digits(cards[_i].typed, d), 0);
	ck_assert_int_eq(card_luhn(d), cards[_i].luhn);
	ck_assert_int_eq(card_brand(d), cards[_i].brand);
	ck_assert_int_eq(card_brand_parse(card_brand_key(cards[_i].brand)),
	    cards[_i].brand);
	ck_assert_str_ne(card_brand_label(cards[_i].brand), "");
}
END_TEST

START_TEST(test_acct_card_digits)
{
	static const struct {
		const char	*in;
		size_t		 n;
	} rows[] = {
		{ "", 0 }, { "4242", 0 }, { "42424242424", 0 },
		{ "424242424242", 12 }, { "4242424242424242424", 19 },
		{ "42424242424242424242", 0 }, { "4242 4242 4242 4242", 16 },
		{ "4242.4242.4242.4242", 0 }, { "4242x4242x4242x4242", 0 },
		{ "\xef\xbc\x94" "242424242424242", 0 },	/* fullwidth 4 */
		{ "4242\t4242\t4242\t4242", 0 },
	};
	char	 d[CARD_MAX_DIGITS + 1];
	size_t	 i;

	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		ck_assert_uint_eq(card_digits(rows[i].in, d), rows[i].n);
		ck_assert_uint_eq(strlen(d), rows[i].n);
	}
	ck_assert_int_eq(card_digits(NULL, d), 0);
	ck_assert_int_eq(card_luhn(""), 0);
	ck_assert_int_eq(card_luhn("0"), 1);
	ck_assert_int_eq(card_luhn("18"), 1);
	ck_assert_int_eq(card_luhn("4x"), 0);
}
END_TEST

START_TEST(test_acct_cvc_expiry)
{
	ck_assert(card_cvc_ok(CARD_VISA, "123"));
	ck_assert(!card_cvc_ok(CARD_VISA, "1234"));
	ck_assert(!card_cvc_ok(CARD_VISA, "12"));
	ck_assert(!card_cvc_ok(CARD_VISA, "12a"));
	ck_assert(!card_cvc_ok(CARD_VISA, NULL));
	ck_assert(card_cvc_ok(CARD_AMEX, "1234"));
	ck_assert(!card_cvc_ok(CARD_AMEX, "123"));
	ck_assert(card_cvc_ok(CARD_JCB, "000"));
	/* expiry: valid through the end of its month, at most 20 years on */
	ck_assert(card_expiry_ok(11, 2026, 11, 2026));
	ck_assert(!card_expiry_ok(10, 2026, 11, 2026));
	ck_assert(card_expiry_ok(1, 2027, 12, 2026));
	ck_assert(!card_expiry_ok(12, 2025, 1, 2026));
	ck_assert(card_expiry_ok(11, 2046, 11, 2026));
	ck_assert(!card_expiry_ok(12, 2046, 11, 2026));
	ck_assert(!card_expiry_ok(0, 2030, 11, 2026));
	ck_assert(!card_expiry_ok(13, 2030, 11, 2026));
}
END_TEST

static const struct {
	const char	*in, *want;	/* want NULL: refused */
	const char	*bad;		/* the entry named as bad */
} domain_lists[] = {
	{ "", "", NULL },
	{ "  ", "", NULL },
	{ "example.com", "example.com", NULL },
	{ " Example.COM , example.org,,", "example.com, example.org", NULL },
	{ "a.io, A.IO, b.io, a.io", "a.io, b.io", NULL },
	{ "sub.example.co.uk", "sub.example.co.uk", NULL },
	{ "localhost", NULL, "localhost" },
	{ "example.com, not a domain", NULL, "not a domain" },
	{ "@example.com", NULL, "@example.com" },
	{ "-bad.com", NULL, "-bad.com" },
	{ "exa_mple.com", NULL, "exa_mple.com" },
	{ "example.com;evil.com", NULL, "example.com;evil.com" },
	{ "a1.io,a2.io,a3.io,a4.io,a5.io,a6.io,a7.io,a8.io,a9.io,a10.io,"
	  "a11.io,a12.io,a13.io,a14.io,a15.io,a16.io,a17.io,a18.io,a19.io,"
	  "a20.io", "a1.io, a2.io, a3.io, a4.io, a5.io, a6.io, a7.io, a8.io, "
	  "a9.io, a10.io, a11.io, a12.io, a13.io, a14.io, a15.io, a16.io, "
	  "a17.io, a18.io, a19.io, a20.io", NULL },
	{ "a1.io,a2.io,a3.io,a4.io,a5.io,a6.io,a7.io,a8.io,a9.io,a10.io,"
	  "a11.io,a12.io,a13.io,a14.io,a15.io,a16.io,a17.io,a18.io,a19.io,"
	  "a20.io,a21.io", NULL, "" },
};

START_TEST(test_acct_domains)
{
	struct arena	 a;
	char		*out = NULL;
	const char	*bad = NULL;
	int		 rc;

	arena_init(&a);
	rc = domains_normalise(&a, domain_lists[_i].in, &out, &bad);
	if (domain_lists[_i].want != NULL) {
		ck_assert_int_eq(rc, 0);
		ck_assert_str_eq(out, domain_lists[_i].want);
	} else {
		ck_assert_int_eq(rc, -1);
		ck_assert_ptr_nonnull(bad);
		ck_assert_str_eq(bad, domain_lists[_i].bad);
	}
	arena_reset(&a);
}
END_TEST

START_TEST(test_acct_domain_allowed)
{
	/* the list the Organization page stores is the one the users part's
	 * invite check reads: exact domains, no subdomains */
	static const struct {
		const char	*typed, *email;
		int		 ok;
	} rows[] = {
		{ "", "anyone@anywhere.org", 1 },
		{ " Example.COM , example.org", "ann@example.com", 1 },
		{ " Example.COM , example.org", "ann@EXAMPLE.org", 1 },
		{ " Example.COM , example.org", "ann@eu.example.com", 0 },
		{ " Example.COM , example.org", "ann@badexample.com", 0 },
		{ " Example.COM , example.org", "ann@example.com.evil.org", 0 },
		{ "example.com", "no-at-sign", 0 },
	};
	struct arena	 a;
	char		*list;
	const char	*bad;
	size_t		 i;

	arena_init(&a);
	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		ck_assert_int_eq(domains_normalise(&a, rows[i].typed, &list, &bad), 0);
		ck_assert_msg(domains_allow_invite(list, rows[i].email) == rows[i].ok,
		    "%s in [%s]", rows[i].email, list);
	}
	arena_reset(&a);
	ck_assert(domain_listed("a.com, b.com", "b.com"));
	ck_assert(!domain_listed("a.com, bb.com", "b.com"));
	ck_assert(!domain_listed("a.com.au", "a.com"));
}
END_TEST

START_TEST(test_acct_countries)
{
	const struct country	*c;
	size_t			 n, i;

	c = country_list(&n);
	ck_assert_uint_eq(n, 249);
	ck_assert_str_eq(country_name("DE"), "Germany");
	ck_assert_str_eq(country_name("CI"), "C\xc3\xb4te d'Ivoire");
	ck_assert_ptr_null(country_name("XX"));
	ck_assert_ptr_null(country_name("de"));
	ck_assert_ptr_null(country_name("DEU"));
	ck_assert_ptr_null(country_name(NULL));
	for (i = 0; i < n; i++) {
		ck_assert(valid_check(VALID_COUNTRY, c[i].code, 2));
		ck_assert(utf8_valid(c[i].name, strlen(c[i].name)));
		ck_assert_ptr_eq(country_name(c[i].code), c[i].name);
	}
}
END_TEST

static const struct vcase acct_vcases[] = {
	{ VALID_DOMAIN, "example.com", 1 },
	{ VALID_DOMAIN, "xn--bcher-kva.example", 1 },
	{ VALID_DOMAIN, "example", 0 },
	{ VALID_DOMAIN, "exa mple.com", 0 },
	{ VALID_LEGAL_NAME, "Example GmbH & Co. KG", 1 },
	{ VALID_LEGAL_NAME, "   ", 0 },
	{ VALID_LEGAL_NAME, "a\nb", 0 },
	{ VALID_ADDRESS, "Hauptstra\xc3\x9f" "e 1\n10115 Berlin", 1 },
	{ VALID_ADDRESS, "Line 1\r\nLine 2", 1 },
	{ VALID_ADDRESS, "a\tb", 0 },
	{ VALID_ADDRESS, "\n\n", 0 },
	{ VALID_ADDRESS, "evil\xe2\x80\xae", 0 },
	{ VALID_COUNTRY, "DE", 1 },
	{ VALID_COUNTRY, "de", 0 },
	{ VALID_COUNTRY, "DEU", 0 },
	{ VALID_WEBSITE, "https://example.com", 1 },
	{ VALID_WEBSITE, "http://shop.example.co.uk:8080/a?b=c#d", 1 },
	{ VALID_WEBSITE, "javascript:alert(1)", 0 },
	{ VALID_WEBSITE, "https://example.com/a b", 0 },
	{ VALID_WEBSITE, "ftp://example.com", 0 },
	{ VALID_WEBSITE, "https://localhost", 0 },
	{ VALID_WEBSITE, "//example.com", 0 },
	{ VALID_TAX_ID, "DE123456789", 1 },
	{ VALID_TAX_ID, "GB 123 4567 89", 1 },
	{ VALID_TAX_ID, "12-3456789", 1 },
	{ VALID_TAX_ID, "DE1234<script>", 0 },
	{ VALID_TAX_ID, " DE1", 0 },
	{ VALID_MONTH, "1", 1 },
	{ VALID_MONTH, "09", 1 },
	{ VALID_MONTH, "12", 1 },
	{ VALID_MONTH, "13", 0 },
	{ VALID_MONTH, "0", 0 },
	{ VALID_MONTH, "1a", 0 },
	{ VALID_YEAR, "2030", 1 },
	{ VALID_YEAR, "30", 0 },
	{ VALID_YEAR, "1999", 0 },
	{ VALID_PLAN, "essentials", 1 },
	{ VALID_PLAN, "Essentials", 0 },
	{ VALID_PLAN, "plan;drop", 0 },
	{ VALID_AMOUNT, "0", 1 },
	{ VALID_AMOUNT, "2490", 1 },
	{ VALID_AMOUNT, "-1", 0 },
	{ VALID_AMOUNT, "1.5", 0 },
	{ VALID_AMOUNT, "12345678901234", 0 },
};

START_TEST(test_acct_validators)
{
	const struct vcase	*c = &acct_vcases[_i];

	ck_assert_msg(valid_check(c->v, c->s, strlen(c->s)) == c->ok,
	    "validator %d on \"%s\" should be %d", (int)c->v, c->s, c->ok);
}
END_TEST

/* ================================================================
 * part: profile — 2-step verification, recovery codes, User-Agent,
 * common passwords, lock-out cap (issue 4)
 * ================================================================ */

/* RFC 6238 appendix B, SHA-1 (key "12345678901234567890"), 8 digits. */
static const struct {
	long long	 t;
	const char	*code;
} rfc6238[] = {
	{ 59LL, "94287082" },		{ 1111111109LL, "07081804" },
	{ 1111111111LL, "14050471" },	{ 1234567890LL, "89005924" },
	{ 2000000000LL, "69279037" },	{ 20000000000LL, "65353130" },
};

START_TEST(test_totp_rfc6238)
{
	char	 out[16];

	ck_assert_int_eq(totp_code((const unsigned char *)"12345678901234567890",
	    20, rfc6238[_i].t, 8, out, sizeof(out)), 0);
	ck_assert_str_eq(out, rfc6238[_i].code);
}
END_TEST

START_TEST(test_totp_window)
{
	const unsigned char	*key = (const unsigned char *)"12345678901234567890";
	char			 code[8];
	long long		 now = 1234567890LL, step = now / TOTP_STEP;

	/* the codes of the step before, now and after are taken; two away not */
	ck_assert_int_eq(totp_code(key, 20, now, 6, code, sizeof(code)), 0);
	ck_assert_int_eq(totp_match(key, 20, now, code), step);
	ck_assert_int_eq(totp_code(key, 20, now - TOTP_STEP, 6, code,
	    sizeof(code)), 0);
	ck_assert_int_eq(totp_match(key, 20, now, code), step - 1);
	ck_assert_int_eq(totp_code(key, 20, now + TOTP_STEP, 6, code,
	    sizeof(code)), 0);
	ck_assert_int_eq(totp_match(key, 20, now, code), step + 1);
	ck_assert_int_eq(totp_code(key, 20, now + 2 * TOTP_STEP, 6, code,
	    sizeof(code)), 0);
	ck_assert_int_eq(totp_match(key, 20, now, code), -1);
	ck_assert_int_eq(totp_match(key, 20, now, "12345"), -1);
	ck_assert_int_eq(totp_match(key, 20, now, NULL), -1);
	ck_assert_int_eq(totp_code(key, 20, now, 5, code, sizeof(code)), -1);
}
END_TEST

/* RFC 4648 §10 base32 vectors (without padding). */
static const struct {
	const char	*in, *out;
} b32cases[] = {
	{ "", "" }, { "f", "MY" }, { "fo", "MZXQ" }, { "foo", "MZXW6" },
	{ "foob", "MZXW6YQ" }, { "fooba", "MZXW6YTB" },
	{ "foobar", "MZXW6YTBOI" },
};

START_TEST(test_base32)
{
	char	 out[32];

	ck_assert_uint_eq(base32_encode((const unsigned char *)b32cases[_i].in,
	    strlen(b32cases[_i].in), out, sizeof(out)), strlen(b32cases[_i].out));
	ck_assert_str_eq(out, b32cases[_i].out);
	ck_assert_uint_eq(base32_encode((const unsigned char *)"foobar", 6,
	    out, 10), 0);	/* no room for the NUL */
}
END_TEST

START_TEST(test_totp_seal)
{
	unsigned char	 key[TOTP_SECRET_BYTES], back[TOTP_SECRET_BYTES];
	unsigned char	 blob[MAX_TOTP_BLOB];
	size_t		 n;

	randombytes_buf(key, sizeof(key));
	ck_assert_int_eq(totp_seal(key, sizeof(key), blob, &n), 0);
	ck_assert_uint_le(n, MAX_TOTP_BLOB);
	ck_assert(memmem(blob, n, key, sizeof(key)) == NULL);
	ck_assert_int_eq(totp_open(blob, n, back), 0);
	ck_assert(memcmp(key, back, sizeof(key)) == 0);
	blob[n - 1] ^= 1;
	ck_assert_int_eq(totp_open(blob, n, back), -1);
	ck_assert_int_eq(totp_open(blob, n - 1, back), -1);
	ck_assert_int_eq(totp_open(NULL, 0, back), -1);
}
END_TEST

START_TEST(test_totp_uri_qr)
{
	struct arena	 a;
	char		*uri, *path;
	int		 size = 0;

	arena_init(&a);
	uri = totp_uri(&a, "o'brien+x@example.com", "JBSWY3DPEHPK3PXP");
	ck_assert_str_eq(uri, "otpauth://totp/Steward:o%27brien%2Bx%40example.com"
	    "?secret=JBSWY3DPEHPK3PXP&issuer=Steward&algorithm=SHA1&digits=6"
	    "&period=30");
	path = qr_path(&a, uri, &size);
	ck_assert_ptr_nonnull(path);
	ck_assert_int_ge(size, 21);		/* version 1 is 21 modules */
	ck_assert_int_le(size, MAX_QR_WIDTH);
	ck_assert(strncmp(path, "M0 0h7v1h-7z", 12) == 0);	/* finder pattern */
	ck_assert_ptr_null(strchr(path, '<'));
	arena_reset(&a);
}
END_TEST

static const struct {
	const char	*in, *norm;	/* norm NULL: refused */
} rccases[] = {
	{ "ABCD-EFGH-JKLM", "ABCDEFGHJKLM" },
	{ "abcd-efgh-jklm", "ABCDEFGHJKLM" },
	{ "abcd efgh jklm", "ABCDEFGHJKLM" },
	{ "ABCDEFGHJKLM", "ABCDEFGHJKLM" },
	{ "2345-6789-WXYZ", "23456789WXYZ" },
	{ "ABCD-EFGH-JKL", NULL },		/* short */
	{ "ABCD-EFGH-JKLMN", NULL },		/* long */
	{ "ABCD-EFGH-JKL0", NULL },		/* 0 is not in the alphabet */
	{ "ABCD-EFGH-JKLI", NULL },		/* nor I */
	{ "ABCD-EFGH-JKL\xc3\xa9", NULL },
	{ "", NULL },
	{ "123456", NULL },
};

START_TEST(test_recovery_normalize)
{
	char	 out[RECOVERY_CHARS + 1];
	int	 rc = recovery_normalize(rccases[_i].in, out);

	if (rccases[_i].norm == NULL)
		ck_assert_msg(rc == -1, "\"%s\" accepted", rccases[_i].in);
	else {
		ck_assert_int_eq(rc, 0);
		ck_assert_str_eq(out, rccases[_i].norm);
	}
}
END_TEST

START_TEST(test_recovery_codes)
{
	char		 a[RECOVERY_LEN + 1], b[RECOVERY_LEN + 1];
	char		 na[RECOVERY_CHARS + 1], nb[RECOVERY_CHARS + 1];
	unsigned char	 ha[HASH_BYTES], hb[HASH_BYTES];

	recovery_new(a);
	recovery_new(b);
	ck_assert_uint_eq(strlen(a), RECOVERY_LEN);
	ck_assert(a[4] == '-' && a[9] == '-');
	ck_assert(valid_check(VALID_RECOVERY_CODE, a, strlen(a)));
	ck_assert_str_ne(a, b);
	ck_assert_int_eq(recovery_normalize(a, na), 0);
	ck_assert_int_eq(recovery_normalize(b, nb), 0);
	recovery_hash(7, na, ha);
	recovery_hash(7, na, hb);
	ck_assert(memcmp(ha, hb, HASH_BYTES) == 0);
	recovery_hash(8, na, hb);			/* bound to the user */
	ck_assert(memcmp(ha, hb, HASH_BYTES) != 0);
	recovery_hash(7, nb, hb);
	ck_assert(memcmp(ha, hb, HASH_BYTES) != 0);
}
END_TEST

static const struct {
	const char	*ua, *browser, *os;
} uacases[] = {
	{ "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0",
	  "Firefox 128", "Linux" },
	{ "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, "
	  "like Gecko) Chrome/126.0.0.0 Safari/537.36", "Chrome 126", "Windows" },
	{ "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, "
	  "like Gecko) Chrome/126.0.0.0 Safari/537.36 Edg/126.0.2592.68",
	  "Edge 126", "Windows" },
	{ "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 "
	  "(KHTML, like Gecko) Version/17.5 Safari/605.1.15", "Safari 17", "macOS" },
	{ "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) "
	  "AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 "
	  "Safari/604.1", "Safari 17", "iOS" },
	{ "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 "
	  "(KHTML, like Gecko) CriOS/126.0.6478.54 Mobile/15E148 Safari/604.1",
	  "Chrome 126", "iOS" },
	{ "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, "
	  "like Gecko) Chrome/126.0.6478.71 Mobile Safari/537.36", "Chrome 126",
	  "Android" },
	{ "Mozilla/5.0 (Linux; Android 14; SM-S918B) AppleWebKit/537.36 (KHTML, "
	  "like Gecko) SamsungBrowser/25.0 Chrome/121.0.0.0 Mobile Safari/537.36",
	  "Samsung Internet 25", "Android" },
	{ "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
	  "Chrome/126.0.0.0 Safari/537.36 OPR/111.0.0.0", "Opera 111", "Linux" },
	{ "Mozilla/5.0 (X11; CrOS x86_64 14541.0.0) AppleWebKit/537.36 (KHTML, like "
	  "Gecko) Chrome/126.0.0.0 Safari/537.36", "Chrome 126", "ChromeOS" },
	{ "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
	  "HeadlessChrome/120.0.6099.224 Safari/537.36", "Headless Chrome 120",
	  "Linux" },
	{ "Mozilla/5.0 (Windows NT 6.1; Trident/7.0; rv:11.0) like Gecko",
	  "Internet Explorer 11", "Windows" },
	{ "curl/7.88.1", "curl 7", "" },
	{ "", "Unknown browser", "" },
	{ "<script>alert(1)</script>", "Unknown browser", "" },
};

START_TEST(test_ua_parse)
{
	char	 b[64], o[32];

	ua_parse(uacases[_i].ua, b, sizeof(b), o, sizeof(o));
	ck_assert_str_eq(b, uacases[_i].browser);
	ck_assert_str_eq(o, uacases[_i].os);
}
END_TEST

/* password_policy() with the shipped list: 1 accepted, 0 refused. */
static const struct pcase commoncases[] = {
	{ "password1234", "ann@example.com", 0 },	/* listed word + digits */
	{ "Password1234!", "ann@example.com", 0 },
	{ "P@ssw0rd2024", "ann@example.com", 0 },	/* l33t */
	{ "sunshine2024!", "ann@example.com", 0 },
	{ "iloveyou1234", "ann@example.com", 0 },
	{ "qwertyuiop12", "ann@example.com", 0 },
	{ "1qaz2wsx3edc", "ann@example.com", 0 },	/* keyboard walk */
	{ "123456789012", "ann@example.com", 0 },
	{ "abcdefghijklmnop", "ann@example.com", 0 },
	{ "winniethepooh", "ann@example.com", 0 },	/* listed as is */
	{ "administration", "ann@example.com", 0 },	/* dictionary word */
	{ "aaaaaaaaaaaa", "ann@example.com", 0 },	/* one character */
	{ "abababababab", "ann@example.com", 0 },
	{ "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9"
	  "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9", "ann@example.com", 0 },
	{ "monkeymonkeymonkey", "ann@example.com", 0 },	/* a word repeated */
	{ "dragon12345678", "ann@example.com", 0 },	/* word + listed run */
	{ "correct horse battery staple", "ann@example.com", 1 },
	{ "Quiet harbour lamp 7", "ann@example.com", 1 },
	{ "dragon83920475162", "ann@example.com", 1 },	/* long random tail */
	{ "tr4in-st4tion-b1ue", "ann@example.com", 1 },
	{ "Zo\xc3\xab's bicycle 1987", "ann@example.com", 1 },
};

START_TEST(test_common_passwords)
{
	const struct pcase	*c = &commoncases[_i];
	const char		*why = password_policy(c->pw, strlen(c->pw), c->email);

	ck_assert_msg((why == NULL) == c->ok, "\"%s\": %s", c->pw,
	    why ? why : "accepted");
}
END_TEST

START_TEST(test_common_list)
{
	char	 err[256], path[] = "/tmp/steward-unit-common-XXXXXX";
	FILE	*f;
	int	 fd;

	ck_assert_uint_ge(common_count(), 10000);
	ck_assert(common_has("password", 8));
	ck_assert(common_has("PASSWORD", 8));
	ck_assert(!common_has("", 0));
	/* a list of its own: comments, CRLF, upper case */
	fd = mkstemp(path);
	ck_assert_int_ge(fd, 0);
	f = fdopen(fd, "w");
	fputs("# comment\r\nHorseStaple\r\n\r\nzebra-crossing\n", f);
	fclose(f);
	ck_assert_int_eq(common_load(path, err, sizeof(err)), 0);
	ck_assert_uint_eq(common_count(), 2);
	ck_assert(common_has("horsestaple", 11));
	ck_assert(common_has("ZEBRA-CROSSING99", 16));
	ck_assert(!common_has("password", 8));	/* only this list counts */
	f = fopen(path, "w");
	fputs("# only a comment\n", f);
	fclose(f);
	ck_assert_int_eq(common_load(path, err, sizeof(err)), -1);
	ck_assert_ptr_nonnull(strstr(err, "no entries"));
	unlink(path);
	ck_assert_int_eq(common_load("/nonexistent/list", err, sizeof(err)), -1);
	ck_assert_int_eq(common_load(TOP_SRCDIR "/data/common-passwords.txt",
	    err, sizeof(err)), 0);
}
END_TEST

START_TEST(test_profile_helpers)
{
	struct arena	 a;

	/* 2^(13 - 3) = 1024 is the first delay at the 900 s cap */
	ck_assert_int_eq(throttle_cap_failures(), 13);
	arena_init(&a);
	ck_assert_str_eq(verify_location(&a, "/settings"), "/login/verify");
	ck_assert_str_eq(verify_location(&a, NULL), "/login/verify");
	ck_assert_str_eq(verify_location(&a, "//evil.example.com"),
	    "/login/verify");
	ck_assert_str_eq(verify_location(&a, "/settings/users?page=2&q=a"),
	    "/login/verify?next=/settings/users%3Fpage%3D2%26q%3Da");
	ck_assert_str_eq(next_path("/login/verify"), "/settings");
	ck_assert_str_eq(next_path("/settings/profile"), "/settings/profile");
	arena_reset(&a);
}
END_TEST

static const struct vcase profile_vcases[] = {
	{ VALID_PHONE, "+4930123456", 1 },
	{ VALID_PHONE, "+14155552671", 1 },
	{ VALID_PHONE, "+123456789012345", 1 },		/* 15 digits */
	{ VALID_PHONE, "+1234567890123456", 0 },	/* 16 */
	{ VALID_PHONE, "4930123456", 0 },
	{ VALID_PHONE, "+0301234567", 0 },
	{ VALID_PHONE, "+49 30 123456", 0 },		/* spaces go before */
	{ VALID_PHONE, "+49abc", 0 },
	{ VALID_TOTP_CODE, "123456", 1 },
	{ VALID_TOTP_CODE, "12345", 0 },
	{ VALID_TOTP_CODE, "1234567", 0 },
	{ VALID_TOTP_CODE, "12345a", 0 },
	{ VALID_RECOVERY_CODE, "ABCD-EFGH-JKLM", 1 },
	{ VALID_RECOVERY_CODE, "abcd efgh jklm", 1 },
	{ VALID_RECOVERY_CODE, "ABCD-EFGH-JKL1", 0 },
};

START_TEST(test_profile_validators)
{
	const struct vcase	*c = &profile_vcases[_i];

	ck_assert_msg(valid_check(c->v, c->s, strlen(c->s)) == c->ok,
	    "validator %d on \"%s\"", c->v, c->s);
}
END_TEST

#define N(x) ((int)(sizeof(x) / sizeof((x)[0])))

static TCase	*tcase_data(void);	/* part: data, at the end */
static TCase	*tcase_manage(void);	/* part: manage, at the end */
TCase		*tcase_mail_xslt(void);	/* check_mail_xslt.c */

static Suite *
suite(void)
{
	Suite	*s = suite_create("steward");
	TCase	*t = tcase_create("all");

	tcase_set_timeout(t, 30);
	tcase_add_loop_test(t, test_validators, 0, N(vcases));
	tcase_add_test(t, test_validator_limits);
	tcase_add_loop_test(t, test_decode_form, 0, N(dcases));
	tcase_add_test(t, test_decode_limits);
	tcase_add_test(t, test_decode_cookies);
	tcase_add_test(t, test_utf8);
	tcase_add_loop_test(t, test_xml_escaping, 0, N(hostile));
	tcase_add_test(t, test_xml_invalid_text_replaced);
	tcase_add_test(t, test_password_hash_verify);
	tcase_add_loop_test(t, test_password_policy, 0, N(pcases));
	tcase_add_test(t, test_password_length_limits);
	tcase_add_test(t, test_tokens);
	tcase_add_test(t, test_passcode_seal);
	tcase_add_loop_test(t, test_role_table, 0, N(rcases));
	tcase_add_test(t, test_role_grant);
	tcase_add_test(t, test_mail_format);
	tcase_add_test(t, test_arena);
	tcase_add_test(t, test_conf);
	/* users part */
	tcase_add_loop_test(t, test_invite_split, 0, N(splits));
	tcase_add_loop_test(t, test_invite_domains, 0, N(dcases_users));
	tcase_add_loop_test(t, test_date_valid, 0, N(dates));
	tcase_add_test(t, test_member_status);
	tcase_add_loop_test(t, test_validators_users, 0, N(vcases_users));
	tcase_add_test(t, test_invite_message_limit);
	tcase_add_test(t, test_mail_multipart);
	/* account part */
	tcase_add_loop_test(t, test_acct_prorate, 0, N(prorates));
	tcase_add_loop_test(t, test_acct_invoice_total, 0, N(totals));
	tcase_add_loop_test(t, test_acct_money, 0, N(monies));
	tcase_add_loop_test(t, test_acct_usage_level, 0, N(levels));
	tcase_add_loop_test(t, test_acct_card, 0, N(cards));
	tcase_add_test(t, test_acct_card_digits);
	tcase_add_test(t, test_acct_cvc_expiry);
	tcase_add_loop_test(t, test_acct_domains, 0, N(domain_lists));
	tcase_add_test(t, test_acct_domain_allowed);
	tcase_add_test(t, test_acct_countries);
	tcase_add_loop_test(t, test_acct_validators, 0, N(acct_vcases));
	/* part: profile */
	tcase_add_loop_test(t, test_totp_rfc6238, 0, N(rfc6238));
	tcase_add_test(t, test_totp_window);
	tcase_add_loop_test(t, test_base32, 0, N(b32cases));
	tcase_add_test(t, test_totp_seal);
	tcase_add_test(t, test_totp_uri_qr);
	tcase_add_loop_test(t, test_recovery_normalize, 0, N(rccases));
	tcase_add_test(t, test_recovery_codes);
	tcase_add_loop_test(t, test_ua_parse, 0, N(uacases));
	tcase_add_loop_test(t, test_common_passwords, 0, N(commoncases));
	tcase_add_test(t, test_common_list);
	tcase_add_test(t, test_profile_helpers);
	tcase_add_loop_test(t, test_profile_validators, 0, N(profile_vcases));
	suite_add_tcase(s, t);
	suite_add_tcase(s, tcase_data());
	suite_add_tcase(s, tcase_manage());
	suite_add_tcase(s, tcase_mail_xslt());
	return s;
}

int
main(void)
{
	SRunner	*sr;
	int	 failed;

	global_setup();
	sr = srunner_create(suite());
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	unlink(keyfile);
	valid_free();
	common_free();
	conf_free();
	xmlCleanupParser();
	return failed == 0 ? 0 : 1;
}

/* ================================================================
 * part: data — ingestion rules, CSV and multipart parsers, job backoff
 * (issue 6).
 * ================================================================ */

#include <jansson.h>

static const struct vcase data_vcases[] = {
	{ VALID_DATA_LABEL, "Purchase completed", 1 },
	{ VALID_DATA_LABEL, "   ", 0 },
	{ VALID_DATA_LABEL, "tab\there", 0 },
	{ VALID_DATA_LABEL, "evil\xe2\x80\xae" "x", 0 },
	{ VALID_DESCRIPTION, "Line one\nline two\r\n\tindented", 1 },
	{ VALID_DESCRIPTION, "\n\n", 0 },
	{ VALID_DESCRIPTION, "bell\x07", 0 },
	{ VALID_PTYPE, "string", 1 },
	{ VALID_PTYPE, "list", 1 },
	{ VALID_PTYPE, "integer", 0 },
	{ VALID_PTYPE, "String", 0 },
	{ VALID_ID, "1", 1 },
	{ VALID_ID, "1234567890123456789", 1 },
	{ VALID_ID, "0", 0 },
	{ VALID_ID, "-1", 0 },
	{ VALID_ID, "12345678901234567890", 0 },
	{ VALID_ID, "1e3", 0 },
	{ VALID_CSV_KIND, "profiles", 1 },
	{ VALID_CSV_KIND, "events", 1 },
	{ VALID_CSV_KIND, "event", 0 },
};

START_TEST(test_data_validators)
{
	const struct vcase	*c = &data_vcases[_i];

	ck_assert_msg(valid_check(c->v, c->s, strlen(c->s)) == c->ok,
	    "validator %d on \"%s\": expected %d", c->v, c->s, c->ok);
}
END_TEST

static const struct {
	const char	*s;
	int		 name, value, date;
} data_texts[] = {
	{ "Purchase", 1, 1, 0 },
	{ "Zo\xc3\xab \xe5\xbc\xa0", 1, 1, 0 },
	{ "", 0, 1, 0 },
	{ " lead", 0, 1, 0 },
	{ "trail ", 0, 1, 0 },
	{ "a\tb", 0, 1, 0 },
	{ "a\nb", 0, 1, 0 },
	{ "a\x01" "b", 0, 0, 0 },
	{ "a\x7f" "b", 0, 0, 0 },
	{ "bad\xc3", 0, 0, 0 },
	{ "2026-03-01", 1, 1, 1 },
	{ "2026-03-01T10:00:00Z", 1, 1, 1 },
	{ "2026-03-01 10:00", 1, 1, 1 },
	{ "2026-03-01T10:00:00.123+02:00", 1, 1, 1 },
	{ "2026-13-01", 1, 1, 0 },
	{ "2026-03-01T25:00", 1, 1, 0 },
	{ "2026-03-01T10:00:00+2", 1, 1, 0 },
	{ "$D_1700000000", 1, 1, 1 },
	{ "$D_17x", 1, 1, 0 },
	{ "03/01/2026", 1, 1, 0 },
};

START_TEST(test_data_texts)
{
	const char	*s = data_texts[_i].s;
	size_t		 n = strlen(s);

	ck_assert_msg(data_name_ok(s, n) == data_texts[_i].name, "name \"%s\"", s);
	ck_assert_msg(data_value_ok(s, n) == data_texts[_i].value, "value \"%s\"", s);
	ck_assert_msg(data_date_ok(s, n) == data_texts[_i].date, "date \"%s\"", s);
}
END_TEST

START_TEST(test_data_lengths)
{
	char	 buf[2100];

	memset(buf, 'n', 121);
	ck_assert(data_name_ok(buf, 120));
	ck_assert(!data_name_ok(buf, 121));
	memset(buf, 'v', 513);
	ck_assert(data_value_ok(buf, 512));
	ck_assert(!data_value_ok(buf, 513));
	/* 512 characters of two bytes each are fine, 513 are not */
	for (int i = 0; i < 513; i++)
		memcpy(buf + 2 * i, "\xc3\xa9", 2);
	ck_assert(data_value_ok(buf, 1024));
	ck_assert(!data_value_ok(buf, 1026));
	for (int i = 0; i < 121; i++)
		memcpy(buf + 2 * i, "\xc3\xa9", 2);
	ck_assert(data_name_ok(buf, 240));
	ck_assert(!data_name_ok(buf, 242));
}
END_TEST

START_TEST(test_data_types)
{
	enum ptype	 t;

	for (t = PTYPE_STRING; t < PTYPE__MAX; t++)
		ck_assert_int_eq(ptype_parse(ptype_name(t)), t);
	ck_assert_int_eq(ptype_parse("integer"), PTYPE_NONE);
	ck_assert_int_eq(ptype_parse(NULL), PTYPE_NONE);
	ck_assert_str_eq(ptype_name(PTYPE__MAX), "none");
	ck_assert(event_is_system("App Launched"));
	ck_assert(event_is_system("Charged"));
	ck_assert(!event_is_system("app launched"));
	ck_assert(!event_is_system("Purchase"));
}
END_TEST

static const struct {
	const char	*json;		/* a one-element array holding the value */
	enum ptype	 type;		/* PTYPE_NONE: refused */
	const char	*text;
} data_jvals[] = {
	{ "[\"hello\"]", PTYPE_STRING, "hello" },
	{ "[\"2026-01-02\"]", PTYPE_DATE, "2026-01-02" },
	{ "[\"$D_1700000000\"]", PTYPE_DATE, "$D_1700000000" },
	{ "[42]", PTYPE_NUMBER, "42" },
	{ "[-7]", PTYPE_NUMBER, "-7" },
	{ "[12.5]", PTYPE_NUMBER, "12.5" },
	{ "[1e3]", PTYPE_NUMBER, "1000" },
	{ "[true]", PTYPE_BOOLEAN, "true" },
	{ "[false]", PTYPE_BOOLEAN, "false" },
	{ "[[\"a\",1,true]]", PTYPE_LIST, "[\"a\",1,true]" },
	{ "[[]]", PTYPE_LIST, "[]" },
	{ "[null]", PTYPE_NONE, NULL },
	{ "[{\"a\":1}]", PTYPE_NONE, NULL },
	{ "[[[1]]]", PTYPE_NONE, NULL },
	{ "[[{\"a\":1}]]", PTYPE_NONE, NULL },
	{ "[[null]]", PTYPE_NONE, NULL },
	{ "[\"a\\u0001b\"]", PTYPE_NONE, NULL },
	{ "[[1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31,32,33]]", PTYPE_NONE, NULL },
};

START_TEST(test_data_json_value)
{
	struct arena	 a;
	json_error_t	 je;
	json_t		*root = json_loads(data_jvals[_i].json, 0, &je);
	enum ptype	 t = PTYPE_NONE;
	const char	*text = NULL, *why = NULL;
	int		 rc;

	ck_assert_msg(root != NULL, "%s: %s", data_jvals[_i].json, je.text);
	arena_init(&a);
	rc = data_json_value(&a, json_array_get(root, 0), &t, &text, &why);
	if (data_jvals[_i].type == PTYPE_NONE) {
		ck_assert_msg(rc == -1 && why != NULL, "%s accepted", data_jvals[_i].json);
	} else {
		ck_assert_msg(rc == 0, "%s refused: %s", data_jvals[_i].json, why);
		ck_assert_int_eq(t, data_jvals[_i].type);
		ck_assert_str_eq(text, data_jvals[_i].text);
	}
	json_decref(root);
	arena_reset(&a);
}
END_TEST

START_TEST(test_data_json_long_string)
{
	struct arena	 a;
	json_t		*v;
	char		 buf[600];
	enum ptype	 t;
	const char	*text, *why;

	arena_init(&a);
	memset(buf, 's', 513);
	buf[513] = '\0';
	v = json_string(buf);
	ck_assert_int_eq(data_json_value(&a, v, &t, &text, &why), -1);
	ck_assert_ptr_nonnull(strstr(why, "512"));
	json_decref(v);
	buf[512] = '\0';
	v = json_string(buf);
	ck_assert_int_eq(data_json_value(&a, v, &t, &text, &why), 0);
	json_decref(v);
	arena_reset(&a);
}
END_TEST

static const struct {
	enum ptype	 type;
	const char	*in, *text;	/* text NULL: refused */
} data_cells[] = {
	{ PTYPE_STRING, "Ann", "Ann" },
	{ PTYPE_STRING, "", "" },
	{ PTYPE_STRING, "a\x02", NULL },
	{ PTYPE_NUMBER, "42", "42" },
	{ PTYPE_NUMBER, "-3.25", "-3.25" },
	{ PTYPE_NUMBER, "1e2", "100" },
	{ PTYPE_NUMBER, "abc", NULL },
	{ PTYPE_NUMBER, "", NULL },
	{ PTYPE_NUMBER, "12abc", NULL },
	{ PTYPE_NUMBER, "nan", NULL },
	{ PTYPE_NUMBER, "inf", NULL },
	{ PTYPE_NUMBER, "1e999", NULL },
	{ PTYPE_BOOLEAN, "yes", "true" },
	{ PTYPE_BOOLEAN, "FALSE", "false" },
	{ PTYPE_BOOLEAN, "0", "false" },
	{ PTYPE_BOOLEAN, "maybe", NULL },
	{ PTYPE_DATE, "2026-03-01", "2026-03-01" },
	{ PTYPE_DATE, "yesterday", NULL },
	{ PTYPE_LIST, "a;b;;c", "[\"a\",\"b\",\"c\"]" },
	{ PTYPE_LIST, "", "[]" },
	{ PTYPE_NONE, "x", NULL },
};

START_TEST(test_data_cell)
{
	struct arena	 a;
	json_t		*j = NULL;
	const char	*text = NULL, *why = NULL;
	int		 rc;

	arena_init(&a);
	rc = data_cell(&a, data_cells[_i].type, data_cells[_i].in,
	    strlen(data_cells[_i].in), &text, &j, &why);
	if (data_cells[_i].text == NULL)
		ck_assert_msg(rc == -1 && why != NULL && j == NULL,
		    "\"%s\" as %d accepted", data_cells[_i].in, data_cells[_i].type);
	else {
		ck_assert_msg(rc == 0, "\"%s\" refused: %s", data_cells[_i].in, why);
		ck_assert_str_eq(text, data_cells[_i].text);
		ck_assert_ptr_nonnull(j);
	}
	json_decref(j);
	arena_reset(&a);
}
END_TEST

START_TEST(test_data_ts)
{
	char	 out[27];
	time_t	 now = 1764288000;	/* 2025-11-28T00:00:00Z */

	ck_assert_int_eq(data_ts(now, now, out), 0);
	ck_assert_str_eq(out, "2025-11-28 00:00:00.000000");
	ck_assert_int_eq(data_ts(0, now, out), -1);
	ck_assert_int_eq(data_ts(now + 86401, now, out), -1);
	ck_assert_int_eq(data_ts(now + 86400, now, out), 0);
	ck_assert_int_eq(data_ts(-1, now, out), -1);
	ck_assert_int_eq(data_ts(9223372036854775807LL, now, out), -1);
}
END_TEST

/* --------------------------------------------------------- CSV parser */

/* Records as "field|field\n" lines ("!" before a row of invalid UTF-8). */
struct csv_out {
	char	 text[4096];
	size_t	 n;
	int	 stop_after;	/* 0: never */
};

/* Appends what fits of n bytes. */
static void
csv_append(struct csv_out *o, const char *p, size_t n)
{
	if (n > sizeof(o->text) - 1 - o->n)
		n = sizeof(o->text) - 1 - o->n;
	memcpy(o->text + o->n, p, n);
	o->n += n;
	o->text[o->n] = '\0';
}

static int
csv_collect(void *arg, uint64_t row, const char **f, const size_t *lens,
    size_t n, int utf8_ok)
{
	struct csv_out	*o = arg;
	size_t		 i;

	if (!utf8_ok)
		csv_append(o, "!", 1);
	for (i = 0; i < n; i++) {
		if (i)
			csv_append(o, "|", 1);
		csv_append(o, f[i], lens[i]);
	}
	csv_append(o, "\n", 1);
	return o->stop_after && row >= (uint64_t)o->stop_after;
}

static const struct {
	const char	*name, *in, *out;
	enum csv_err	 err;
} csv_cases[] = {
	{ "plain", "a,b,c\n1,2,3\n", "a|b|c\n1|2|3\n", CSV_OK },
	{ "no final line end", "a,b\n1,2", "a|b\n1|2\n", CSV_OK },
	{ "CRLF", "a,b\r\n1,2\r\n", "a|b\n1|2\n", CSV_OK },
	{ "lone CR", "a,b\r1,2\r", "a|b\n1|2\n", CSV_OK },
	{ "quoted comma", "\"a,b\",c\n", "a,b|c\n", CSV_OK },
	{ "doubled quotes", "\"say \"\"hi\"\"\",x\n", "say \"hi\"|x\n", CSV_OK },
	{ "embedded LF", "\"line1\nline2\",x\n", "line1\nline2|x\n", CSV_OK },
	{ "embedded CRLF", "\"l1\r\nl2\",x\r\n", "l1\r\nl2|x\n", CSV_OK },
	{ "empty fields", ",,\n", "||\n", CSV_OK },
	{ "empty quoted", "\"\",x\n", "|x\n", CSV_OK },
	{ "empty lines skipped", "a\n\n\r\nb\n", "a\nb\n", CSV_OK },
	{ "UTF-8 BOM", "\xef\xbb\xbf" "id,name\n1,x\n", "id|name\n1|x\n", CSV_OK },
	{ "not a BOM", "\xef\xbb" "x\n", "!\xef\xbbx\n", CSV_OK },
	{ "quote inside plain field", "a\"b,c\n", "a\"b|c\n", CSV_OK },
	{ "invalid UTF-8 row flagged", "ok\n\xc3\x28,x\nok2\n", "ok\n!\xc3\x28|x\nok2\n", CSV_OK },
	{ "UTF-8 names", "Zo\xc3\xab,\xe5\xbc\xa0\n", "Zo\xc3\xab|\xe5\xbc\xa0\n", CSV_OK },
	{ "text after closing quote", "\"a\"b,c\n", "", CSV_BAD_QUOTE },
	{ "unterminated quote", "\"abc\n", "", CSV_UNTERMINATED },
	{ "21 columns", "1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21\n", "", CSV_TOO_MANY_COLUMNS },
	{ "20 columns", "1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20\n",
	    "1|2|3|4|5|6|7|8|9|10|11|12|13|14|15|16|17|18|19|20\n", CSV_OK },
	{ "closing quote at the end", "a,\"b\"", "a|b\n", CSV_OK },
};

/* Runs case i fed in pieces of size step (0: all at once). */
static enum csv_err
csv_run(const char *in, size_t step, struct csv_out *o)
{
	struct csv	*c = csv_new(csv_collect, o);
	size_t		 n = strlen(in), i, k;
	enum csv_err	 e = CSV_OK;

	ck_assert_ptr_nonnull(c);
	for (i = 0; i < n && e == CSV_OK; i += k) {
		k = step == 0 || step > n - i ? n - i : step;
		e = csv_feed(c, in + i, k);
	}
	if (e == CSV_OK)
		e = csv_end(c);
	csv_free(c);
	return e;
}

START_TEST(test_csv_parse)
{
	struct csv_out	 o;
	size_t		 step;
	enum csv_err	 e;

	for (step = 0; step <= 7; step++) {
		memset(&o, 0, sizeof(o));
		e = csv_run(csv_cases[_i].in, step, &o);
		ck_assert_msg(e == csv_cases[_i].err, "%s (pieces of %zu): error %d, "
		    "expected %d", csv_cases[_i].name, step, e, csv_cases[_i].err);
		if (e == CSV_OK)
			ck_assert_msg(strcmp(o.text, csv_cases[_i].out) == 0,
			    "%s (pieces of %zu): got \"%s\"", csv_cases[_i].name,
			    step, o.text);
	}
}
END_TEST

START_TEST(test_csv_limits)
{
	struct csv_out	 o;
	char		*big = malloc(CSV_MAX_FIELD + 10);

	memset(&o, 0, sizeof(o));
	memset(big, 'x', CSV_MAX_FIELD + 1);
	big[CSV_MAX_FIELD + 1] = '\0';
	ck_assert_int_eq(csv_run(big, 1000, &o), CSV_ROW_TOO_LONG);
	big[CSV_MAX_FIELD] = '\0';
	memset(&o, 0, sizeof(o));
	o.stop_after = 1;
	ck_assert_int_eq(csv_run(big, 0, &o), CSV_OK);
	free(big);
	memset(&o, 0, sizeof(o));
	o.stop_after = 2;	/* the callback stops the rows, not the parse */
	ck_assert_int_eq(csv_run("a\nb\nc\n", 0, &o), CSV_OK);
	ck_assert_str_eq(o.text, "a\nb\n");
	ck_assert_str_eq(csv_strerror(CSV_BAD_QUOTE), "a quoted field is followed by text before the next comma");
}
END_TEST

/* ---------------------------------------------------- multipart parser */

struct mp_out {
	char	 text[8192];
	size_t	 n;
	int	 refuse_part;	/* refuse a part with this name's first letter */
};

static int
mp_t_part(void *arg, const char *name, const char *filename)
{
	struct mp_out	*o = arg;

	if (o->refuse_part && name[0] == o->refuse_part)
		return -1;
	o->n += (size_t)snprintf(o->text + o->n, sizeof(o->text) - o->n, "[%s%s%s]",
	    name, filename ? ":" : "", filename ? filename : "");
	return 0;
}

static int
mp_t_data(void *arg, const char *p, size_t n)
{
	struct mp_out	*o = arg;

	o->n += (size_t)snprintf(o->text + o->n, sizeof(o->text) - o->n, "%.*s", (int)n, p);
	return 0;
}

static int
mp_t_end(void *arg)
{
	struct mp_out	*o = arg;

	o->n += (size_t)snprintf(o->text + o->n, sizeof(o->text) - o->n, "<");
	return 0;
}

#define B "XyZ"
#define PART(name, body) "--" B "\r\nContent-Disposition: form-data; name=\"" name "\"\r\n\r\n" body "\r\n"

static const struct {
	const char	*name, *in, *out;
	int		 rc, done;
} mp_cases[] = {
	{ "two fields", PART("csrf", "tok") PART("kind", "events") "--" B "--\r\n",
	    "[csrf]tok<[kind]events<", 0, 1 },
	{ "a file", "--" B "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a b.csv\"\r\n"
	    "Content-Type: text/csv\r\n\r\nid,x\r\n1,2\r\n\r\n--" B "--", "[file:a b.csv]id,x\r\n1,2\r\n<", 0, 1 },
	{ "preamble and epilogue", "junk\r\n--" B "\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nv\r\n--" B "--\r\nmore junk",
	    "[a]v<", 0, 1 },
	{ "boundary-like data", PART("a", "x\r\n--Xy z\r\n--Xy\r\n-X") "--" B "--", "[a]x\r\n--Xy z\r\n--Xy\r\n-X<", 0, 1 },
	{ "the boundary inside data", PART("a", "x\r\n--XyZz") "--" B "--", "", -1, 0 },
	{ "CR runs in data", PART("a", "\r\r\n\r\n-\r\n--") "--" B "--", "[a]\r\r\n\r\n-\r\n--<", 0, 1 },
	{ "empty value", PART("a", "") "--" B "--", "[a]<", 0, 1 },
	{ "quoted name with escape", "--" B "\r\nContent-Disposition: form-data; name=\"a\\\"b\"\r\n\r\nv\r\n--" B "--",
	    "[a\"b]v<", 0, 1 },
	{ "no closing delimiter", PART("a", "v"), "[a]v", 0, 0 },
	{ "part without a name", "--" B "\r\nContent-Type: text/plain\r\n\r\nv\r\n--" B "--", "", -1, 0 },
	{ "part without headers", "--" B "\r\n\r\nv\r\n--" B "--", "", -1, 0 },
	{ "garbage after delimiter", "--" B "xx\r\n", "", -1, 0 },
	{ "refused by the callback", PART("csrf", "t") PART("file", "data") "--" B "--", "[csrf]t<", -2, 0 },
};

START_TEST(test_multipart)
{
	struct mp_out		 o;
	struct mp_cb		 cb = { mp_t_part, mp_t_data, mp_t_end, &o };
	struct multipart	*m;
	size_t			 step, i, n = strlen(mp_cases[_i].in), k;
	int			 rc;

	for (step = 0; step <= 9; step++) {
		memset(&o, 0, sizeof(o));
		o.refuse_part = mp_cases[_i].rc == -2 ? 'f' : 0;
		m = multipart_new(B, &cb);
		ck_assert_ptr_nonnull(m);
		for (i = 0, rc = 0; i < n && rc == 0; i += k) {
			k = step == 0 || step > n - i ? n - i : step;
			rc = multipart_feed(m, mp_cases[_i].in + i, k);
		}
		ck_assert_msg(rc == mp_cases[_i].rc, "%s (pieces of %zu): rc %d",
		    mp_cases[_i].name, step, rc);
		if (rc == 0) {
			ck_assert_msg(strcmp(o.text, mp_cases[_i].out) == 0,
			    "%s (pieces of %zu): got \"%s\"", mp_cases[_i].name, step, o.text);
			ck_assert_int_eq(multipart_done(m), mp_cases[_i].done);
		}
		multipart_free(m);
	}
}
END_TEST

START_TEST(test_multipart_limits)
{
	struct mp_out		 o;
	struct mp_cb		 cb = { mp_t_part, mp_t_data, mp_t_end, &o };
	struct multipart	*m;
	char			 buf[4096], bnd[80];
	size_t			 i, n = 0;

	memset(&o, 0, sizeof(o));
	m = multipart_new(B, &cb);
	for (i = 0; i < MULTIPART_MAX_PARTS + 1; i++)
		n += (size_t)snprintf(buf + n, sizeof(buf) - n, PART("p", "v"));
	ck_assert_int_eq(multipart_feed(m, buf, n), -1);
	multipart_free(m);
	memset(&o, 0, sizeof(o));
	m = multipart_new(B, &cb);
	n = (size_t)snprintf(buf, sizeof(buf), "--" B "\r\nContent-Disposition: form-data; name=\"a\"\r\nX: ");
	memset(buf + n, 'h', MULTIPART_MAX_HEADER);
	n += MULTIPART_MAX_HEADER;
	ck_assert_int_eq(multipart_feed(m, buf, n), -1);
	multipart_free(m);
	memset(bnd, 'b', sizeof(bnd));
	bnd[MAX_BOUNDARY + 1] = '\0';
	ck_assert_ptr_null(multipart_new(bnd, &cb));
	ck_assert_ptr_null(multipart_new("", &cb));
}
END_TEST

static const struct {
	const char	*ctype, *boundary;
} mp_bounds[] = {
	{ "multipart/form-data; boundary=----WebKitFormBoundaryAbC123", "----WebKitFormBoundaryAbC123" },
	{ "multipart/form-data; boundary=\"quoted =boundary\"", "quoted =boundary" },
	{ "Multipart/Form-Data;boundary=abc; charset=utf-8", "abc" },
	{ "multipart/form-data", NULL },
	{ "multipart/mixed; boundary=abc", NULL },
	{ "application/x-www-form-urlencoded", NULL },
	{ "multipart/form-data; boundary=", NULL },
	{ "multipart/form-data; boundary=a\"b", NULL },
	{ "multipart/form-data; boundary=\"unterminated", NULL },
	{ "multipart/form-data; xboundary=abc", NULL },
	{ NULL, NULL },
};

START_TEST(test_multipart_boundary)
{
	char	 out[MAX_BOUNDARY + 1];
	int	 rc = multipart_boundary(mp_bounds[_i].ctype, out, sizeof(out));

	if (mp_bounds[_i].boundary == NULL)
		ck_assert_msg(rc == -1, "%s accepted as %s", mp_bounds[_i].ctype, out);
	else {
		ck_assert_msg(rc == 0, "%s refused", mp_bounds[_i].ctype);
		ck_assert_str_eq(out, mp_bounds[_i].boundary);
	}
}
END_TEST

/* ------------------------------------------------------- job backoff */

static const struct {
	unsigned	 attempt;
	long		 secs;
} backoffs[] = {
	{ 0, 5 }, { 1, 5 }, { 2, 10 }, { 3, 20 }, { 4, 40 }, { 5, 80 },
	{ 10, 2560 }, { 11, 3600 }, { 40, 3600 }, { 4000000000u, 3600 },
};

START_TEST(test_job_backoff)
{
	ck_assert_int_eq(job_backoff(backoffs[_i].attempt), backoffs[_i].secs);
}
END_TEST

static TCase *
tcase_data(void)
{
	TCase	*t = tcase_create("data");

	tcase_set_timeout(t, 60);
	tcase_add_loop_test(t, test_data_validators, 0, N(data_vcases));
	tcase_add_loop_test(t, test_data_texts, 0, N(data_texts));
	tcase_add_test(t, test_data_lengths);
	tcase_add_test(t, test_data_types);
	tcase_add_loop_test(t, test_data_json_value, 0, N(data_jvals));
	tcase_add_test(t, test_data_json_long_string);
	tcase_add_loop_test(t, test_data_cell, 0, N(data_cells));
	tcase_add_test(t, test_data_ts);
	tcase_add_loop_test(t, test_csv_parse, 0, N(csv_cases));
	tcase_add_test(t, test_csv_limits);
	tcase_add_loop_test(t, test_multipart, 0, N(mp_cases));
	tcase_add_test(t, test_multipart_limits);
	tcase_add_loop_test(t, test_multipart_boundary, 0, N(mp_bounds));
	tcase_add_loop_test(t, test_job_backoff, 0, N(backoffs));
	return t;
}

/* ================================================================
 * part: manage — time zones and schedules across daylight-saving
 * changes, date ranges, the label palette, recipient and event-name
 * lists, CSV cells, Content-Disposition (issue 7).
 * ================================================================ */

#include <math.h>

static const struct vcase manage_vcases[] = {
	{ VALID_LABEL_NAME, "Q1 launch", 1 },
	{ VALID_LABEL_NAME, "Zo\xc3\xab \xe2\x80\x94 \xe5\xbc\xa0", 1 },
	{ VALID_LABEL_NAME, "1234567890123456789012345678901234567890", 1 },
	{ VALID_LABEL_NAME, "12345678901234567890123456789012345678901", 0 },
	{ VALID_LABEL_NAME, "   ", 0 },
	{ VALID_LABEL_NAME, "tab\there", 0 },
	{ VALID_LABEL_NAME, "new\nline", 0 },
	{ VALID_LABEL_NAME, "evil\xe2\x80\xae" "x", 0 },
	{ VALID_LABEL_DESC, "Launch of the spring campaign", 1 },
	{ VALID_LABEL_DESC, "two\nlines", 0 },
	{ VALID_REPORT_NAME, "Weekly events", 1 },
	{ VALID_REPORT_NAME, "bell\x07", 0 },
	{ VALID_HOUR, "0", 1 }, { VALID_HOUR, "9", 1 }, { VALID_HOUR, "23", 1 },
	{ VALID_HOUR, "24", 0 }, { VALID_HOUR, "09", 0 }, { VALID_HOUR, "-1", 0 },
	{ VALID_HOUR, "a", 0 },
	{ VALID_MONTH_DAY, "1", 1 }, { VALID_MONTH_DAY, "31", 1 },
	{ VALID_MONTH_DAY, "0", 0 }, { VALID_MONTH_DAY, "32", 0 },
	{ VALID_MONTH_DAY, "01", 0 },
};

START_TEST(test_manage_validators)
{
	const struct vcase	*c = &manage_vcases[_i];

	ck_assert_msg(valid_check(c->v, c->s, strlen(c->s)) == c->ok,
	    "validator %d on \"%s\": expected %d", c->v, c->s, c->ok);
}
END_TEST

/* Seconds since 1970 of a UTC time. */
static int64_t
utc(int y, int mo, int d, int h, int mi)
{
	return tz_days(y, mo, d) * 86400 + h * 3600 + mi * 60;
}

START_TEST(test_manage_calendar)
{
	int64_t	 z;
	int	 y, m, d;

	ck_assert_int_eq(tz_days(1970, 1, 1), 0);
	ck_assert_int_eq(tz_days(2000, 3, 1), 11017);
	ck_assert_int_eq(tz_weekday(tz_days(2026, 3, 29)), 0);	/* a Sunday */
	ck_assert_int_eq(tz_weekday(tz_days(2026, 11, 30)), 1);	/* a Monday */
	ck_assert_int_eq(month_days(2028, 2), 29);
	ck_assert_int_eq(month_days(2100, 2), 28);
	ck_assert_int_eq(month_days(2000, 2), 29);
	ck_assert_int_eq(month_days(2026, 13), 0);
	for (z = -800; z < 80000; z += 13) {	/* 1967 … 2189 */
		tz_civil(z, &y, &m, &d);
		ck_assert_int_eq(tz_days(y, m, d), z);
	}
}
END_TEST

static const struct {
	const char	*s;
	int		 ok;
	int32_t		 std, dst;
	int		 has_dst;
} rules[] = {
	{ "CET-1CEST,M3.5.0,M10.5.0/3", 1, 3600, 7200, 1 },
	{ "EST5EDT,M3.2.0,M11.1.0", 1, -18000, -14400, 1 },
	{ "AEST-10AEDT,M10.1.0,M4.1.0/3", 1, 36000, 39600, 1 },
	{ "<+0330>-3:30", 1, 12600, 12600, 0 },
	{ "<-03>3", 1, -10800, -10800, 0 },
	{ "UTC0", 1, 0, 0, 0 },
	{ "IST-2IDT,M3.4.4/26,M10.5.0", 1, 7200, 10800, 1 },
	{ "EST5EDT", 1, -18000, -14400, 1 },
	{ "XXX3YYY,J60/2,300/-1", 1, -10800, -7200, 1 },
	{ "", 0, 0, 0, 0 },
	{ "C-1", 0, 0, 0, 0 },
	{ "CET", 0, 0, 0, 0 },
	{ "CET-1CEST,M13.1.0,M10.5.0", 0, 0, 0, 0 },
	{ "CET-1CEST,M3.6.0,M10.5.0", 0, 0, 0, 0 },
	{ "CET-1CEST,M3.5.0", 0, 0, 0, 0 },
	{ "CET-1CEST,M3.5.0,M10.5.0/3x", 0, 0, 0, 0 },
	{ "CET-200", 0, 0, 0, 0 },
	{ "<+03", 0, 0, 0, 0 },
};

START_TEST(test_manage_rules)
{
	struct tzrule	 r;
	int		 rc = tz_rule_parse(rules[_i].s, &r);

	ck_assert_msg((rc == 0) == rules[_i].ok, "rule \"%s\": rc %d", rules[_i].s, rc);
	if (rc != 0)
		return;
	ck_assert_int_eq(r.std, rules[_i].std);
	ck_assert_int_eq(r.dst, rules[_i].dst);
	ck_assert_int_eq(r.has_dst, rules[_i].has_dst);
}
END_TEST

/* Offsets of real zones (TZ_DIR) around their changes, and beyond 2037
 * where the footer's rule answers. */
static const struct {
	const char	*zone;
	int		 y, mo, d, h, mi;	/* UTC */
	int32_t		 off;
} offsets[] = {
	{ "Europe/Berlin", 2026, 3, 29, 0, 59, 3600 },
	{ "Europe/Berlin", 2026, 3, 29, 1, 0, 7200 },
	{ "Europe/Berlin", 2026, 10, 25, 0, 59, 7200 },
	{ "Europe/Berlin", 2026, 10, 25, 1, 0, 3600 },
	{ "Europe/Berlin", 2050, 7, 1, 12, 0, 7200 },
	{ "Europe/Berlin", 2050, 1, 1, 12, 0, 3600 },
	{ "Europe/Berlin", 2050, 3, 27, 0, 59, 3600 },	/* last Sunday */
	{ "Europe/Berlin", 2050, 3, 27, 1, 0, 7200 },
	{ "Europe/Berlin", 1890, 1, 1, 0, 0, 3208 },	/* local mean time */
	{ "America/New_York", 2026, 3, 8, 6, 59, -18000 },
	{ "America/New_York", 2026, 3, 8, 7, 0, -14400 },
	{ "Australia/Sydney", 2026, 4, 4, 15, 59, 39600 },
	{ "Australia/Sydney", 2026, 4, 4, 16, 0, 36000 },
	{ "Asia/Kolkata", 2026, 6, 1, 0, 0, 19800 },
	{ "UTC", 2026, 6, 1, 0, 0, 0 },
};

START_TEST(test_manage_offsets)
{
	struct arena	 a;
	struct tz	*z;

	arena_init(&a);
	ck_assert_int_eq(tz_load(&a, TZ_DIR, offsets[_i].zone, &z), 0);
	ck_assert_msg(tz_offset(z, utc(offsets[_i].y, offsets[_i].mo, offsets[_i].d,
	    offsets[_i].h, offsets[_i].mi)) == offsets[_i].off,
	    "%s at %04d-%02d-%02d %02d:%02d UTC: %d, expected %d",
	    offsets[_i].zone, offsets[_i].y, offsets[_i].mo, offsets[_i].d,
	    offsets[_i].h, offsets[_i].mi, tz_offset(z, utc(offsets[_i].y,
	    offsets[_i].mo, offsets[_i].d, offsets[_i].h, offsets[_i].mi)),
	    offsets[_i].off);
	arena_reset(&a);
}
END_TEST

/* A TZif v2 image with no transitions and footer rule (RFC 8536). */
static size_t
tzif_rule_only(unsigned char *b, const char *footer)
{
	static const unsigned char type[6] = { 0, 0, 0x0e, 0x10, 0, 0 };	/* +1h */
	size_t	 n = 0, i;

	for (i = 0; i < 2; i++) {
		memset(b + n, 0, 44);
		memcpy(b + n, "TZif2", 5);
		b[n + 39] = 1;			/* typecnt */
		b[n + 43] = 4;			/* charcnt */
		n += 44;
		memcpy(b + n, type, 6);
		n += 6;
		memcpy(b + n, "CET", 4);
		n += 4;
	}
	b[n++] = '\n';
	memcpy(b + n, footer, strlen(footer));
	n += strlen(footer);
	b[n++] = '\n';
	return n;
}

START_TEST(test_manage_tzif)
{
	struct arena	 a;
	struct tz	*z;
	unsigned char	 b[512];
	size_t		 n;

	arena_init(&a);
	n = tzif_rule_only(b, "CET-1CEST,M3.5.0,M10.5.0/3");
	ck_assert_int_eq(tz_parse(&a, b, n, &z), 0);
	ck_assert_int_eq(tz_offset(z, utc(2026, 3, 29, 0, 59)), 3600);
	ck_assert_int_eq(tz_offset(z, utc(2026, 3, 29, 1, 0)), 7200);
	ck_assert_int_eq(tz_offset(z, utc(2026, 10, 25, 0, 59)), 7200);
	ck_assert_int_eq(tz_offset(z, utc(2026, 10, 25, 1, 0)), 3600);
	/* malformed images are refused, not read past their end */
	ck_assert_int_eq(tz_parse(&a, b, 43, &z), -1);
	ck_assert_int_eq(tz_parse(&a, b, 60, &z), -1);
	memcpy(b, "TZix", 4);
	ck_assert_int_eq(tz_parse(&a, b, n, &z), -1);
	n = tzif_rule_only(b, "CET-1CEST,M3.5.0,M10.5.0/3");
	b[39] = 0;			/* no local time type */
	ck_assert_int_eq(tz_parse(&a, b, n, &z), -1);
	ck_assert_int_eq(tz_load(&a, TZ_DIR, "../etc/passwd", &z), -1);
	ck_assert_int_eq(tz_load(&a, TZ_DIR, "Mars/Olympus_Mons", &z), -1);
	arena_reset(&a);
}
END_TEST

/* Wall clock → UTC: a skipped time is read past the jump, a repeated one
 * is its first occurrence. */
static const struct {
	const char	*zone;
	int		 y, mo, d, h, mi;		/* local */
	int		 uy, umo, ud, uh, umi;		/* UTC */
} locals[] = {
	{ "Europe/Berlin", 2026, 6, 1, 9, 0, 2026, 6, 1, 7, 0 },
	{ "Europe/Berlin", 2026, 3, 29, 1, 59, 2026, 3, 29, 0, 59 },
	{ "Europe/Berlin", 2026, 3, 29, 2, 30, 2026, 3, 29, 1, 30 },	/* skipped */
	{ "Europe/Berlin", 2026, 3, 29, 3, 0, 2026, 3, 29, 1, 0 },
	{ "Europe/Berlin", 2026, 10, 25, 2, 30, 2026, 10, 25, 0, 30 },	/* twice */
	{ "Europe/Berlin", 2026, 10, 25, 3, 0, 2026, 10, 25, 2, 0 },
	{ "America/New_York", 2026, 3, 8, 2, 30, 2026, 3, 8, 7, 30 },	/* skipped */
	{ "America/New_York", 2026, 11, 1, 1, 30, 2026, 11, 1, 5, 30 },	/* twice */
	{ "Australia/Sydney", 2026, 4, 5, 2, 30, 2026, 4, 4, 15, 30 },	/* twice */
	{ "Australia/Sydney", 2026, 10, 4, 2, 30, 2026, 10, 3, 16, 30 },	/* skipped */
};

START_TEST(test_manage_from_local)
{
	struct arena	 a;
	struct tz	*z;
	int64_t		 got, want;

	arena_init(&a);
	ck_assert_int_eq(tz_load(&a, TZ_DIR, locals[_i].zone, &z), 0);
	got = tz_from_local(z, utc(locals[_i].y, locals[_i].mo, locals[_i].d,
	    locals[_i].h, locals[_i].mi));
	want = utc(locals[_i].uy, locals[_i].umo, locals[_i].ud, locals[_i].uh,
	    locals[_i].umi);
	ck_assert_msg(got == want, "%s %04d-%02d-%02d %02d:%02d local: %lld UTC, "
	    "expected %lld", locals[_i].zone, locals[_i].y, locals[_i].mo,
	    locals[_i].d, locals[_i].h, locals[_i].mi, (long long)got,
	    (long long)want);
	arena_reset(&a);
}
END_TEST

/* The next run of a schedule after "now" (both UTC). */
static const struct {
	const char	*zone;
	struct sched	 s;
	int		 ny, nmo, nd, nh, nmi;	/* now */
	int		 ry, rmo, rd, rh, rmi;	/* next; ry 0: none */
} nexts[] = {
	/* Berlin, spring forward (2026-03-29 02:00 → 03:00) */
	{ "Europe/Berlin", { SCHED_DAILY, 0, 1, 2 }, 2026, 3, 28, 12, 0, 2026, 3, 29, 1, 0 },
	{ "Europe/Berlin", { SCHED_DAILY, 0, 1, 2 }, 2026, 3, 29, 1, 0, 2026, 3, 30, 0, 0 },
	{ "Europe/Berlin", { SCHED_DAILY, 0, 1, 9 }, 2026, 3, 28, 9, 0, 2026, 3, 29, 7, 0 },
	{ "Europe/Berlin", { SCHED_DAILY, 0, 1, 9 }, 2026, 3, 28, 7, 59, 2026, 3, 28, 8, 0 },
	{ "Europe/Berlin", { SCHED_WEEKLY, 0, 1, 3 }, 2026, 3, 28, 12, 0, 2026, 3, 29, 1, 0 },
	/* Berlin, fall back (2026-10-25 03:00 → 02:00): once, not twice */
	{ "Europe/Berlin", { SCHED_DAILY, 0, 1, 2 }, 2026, 10, 24, 12, 0, 2026, 10, 25, 0, 0 },
	{ "Europe/Berlin", { SCHED_DAILY, 0, 1, 2 }, 2026, 10, 25, 0, 0, 2026, 10, 26, 1, 0 },
	{ "Europe/Berlin", { SCHED_DAILY, 0, 1, 9 }, 2026, 10, 25, 7, 0, 2026, 10, 25, 8, 0 },
	{ "Europe/Berlin", { SCHED_DAILY, 0, 1, 9 }, 2026, 10, 24, 7, 0, 2026, 10, 25, 8, 0 },
	/* weekly and monthly */
	{ "Europe/Berlin", { SCHED_WEEKLY, 1, 1, 9 }, 2026, 11, 28, 17, 0, 2026, 11, 30, 8, 0 },
	{ "Europe/Berlin", { SCHED_WEEKLY, 1, 1, 9 }, 2026, 11, 30, 8, 0, 2026, 12, 7, 8, 0 },
	{ "Europe/Berlin", { SCHED_MONTHLY, 0, 31, 8 }, 2026, 4, 1, 0, 0, 2026, 4, 30, 6, 0 },
	{ "Europe/Berlin", { SCHED_MONTHLY, 0, 31, 8 }, 2026, 2, 10, 0, 0, 2026, 2, 28, 7, 0 },
	{ "Europe/Berlin", { SCHED_MONTHLY, 0, 31, 8 }, 2026, 3, 31, 6, 0, 2026, 4, 30, 6, 0 },
	{ "Europe/Berlin", { SCHED_MONTHLY, 0, 29, 8 }, 2028, 2, 1, 0, 0, 2028, 2, 29, 7, 0 },
	{ "Europe/Berlin", { SCHED_MONTHLY, 0, 1, 0 }, 2026, 12, 31, 23, 30, 2027, 1, 31, 23, 0 },
	/* New York (2026-03-08 02:00 → 03:00) and Sydney (southern) */
	{ "America/New_York", { SCHED_DAILY, 0, 1, 2 }, 2026, 3, 7, 12, 0, 2026, 3, 8, 7, 0 },
	{ "America/New_York", { SCHED_DAILY, 0, 1, 2 }, 2026, 3, 8, 7, 0, 2026, 3, 9, 6, 0 },
	{ "Australia/Sydney", { SCHED_DAILY, 0, 1, 9 }, 2026, 4, 4, 12, 0, 2026, 4, 4, 23, 0 },
	{ "Australia/Sydney", { SCHED_DAILY, 0, 1, 9 }, 2026, 10, 3, 12, 0, 2026, 10, 3, 22, 0 },
	/* UTC, exactly on time: the next one */
	{ "UTC", { SCHED_DAILY, 0, 1, 9 }, 2026, 6, 1, 9, 0, 2026, 6, 2, 9, 0 },
	{ "UTC", { SCHED_NONE, 0, 1, 9 }, 2026, 6, 1, 9, 0, 0, 0, 0, 0, 0 },
	{ "UTC", { SCHED_DAILY, 0, 1, 24 }, 2026, 6, 1, 9, 0, 0, 0, 0, 0, 0 },
};

START_TEST(test_manage_sched_next)
{
	struct arena	 a;
	struct tz	*z;
	int64_t		 got, want;

	arena_init(&a);
	ck_assert_int_eq(tz_load(&a, TZ_DIR, nexts[_i].zone, &z), 0);
	got = sched_next(&nexts[_i].s, z, utc(nexts[_i].ny, nexts[_i].nmo,
	    nexts[_i].nd, nexts[_i].nh, nexts[_i].nmi));
	want = nexts[_i].ry == 0 ? -1 : utc(nexts[_i].ry, nexts[_i].rmo,
	    nexts[_i].rd, nexts[_i].rh, nexts[_i].rmi);
	ck_assert_msg(got == want, "case %d (%s): next %lld, expected %lld",
	    _i, nexts[_i].zone, (long long)got, (long long)want);
	arena_reset(&a);
}
END_TEST

/* Date ranges in Berlin at 2026-03-30 10:00 UTC (a day after the spring
 * change) and 2026-10-26 (a day after the autumn one). */
static const struct {
	struct range	 r;
	int		 ny, nmo, nd;
	int		 fy, fmo, fd, fh, ty, tmo, td, th;	/* UTC; fy 0: refused */
} ranges[] = {
	{ { RANGE_LAST_7, 0, 0, 0, 0, 0, 0 }, 2026, 3, 30, 2026, 3, 23, 23, 2026, 3, 30, 22 },
	{ { RANGE_LAST_30, 0, 0, 0, 0, 0, 0 }, 2026, 3, 30, 2026, 2, 28, 23, 2026, 3, 30, 22 },
	{ { RANGE_THIS_MONTH, 0, 0, 0, 0, 0, 0 }, 2026, 3, 30, 2026, 2, 28, 23, 2026, 3, 31, 22 },
	{ { RANGE_LAST_MONTH, 0, 0, 0, 0, 0, 0 }, 2026, 3, 30, 2026, 1, 31, 23, 2026, 2, 28, 23 },
	{ { RANGE_LAST_MONTH, 0, 0, 0, 0, 0, 0 }, 2026, 1, 15, 2025, 11, 30, 23, 2025, 12, 31, 23 },
	{ { RANGE_CUSTOM, 2026, 10, 25, 2026, 10, 25 }, 2026, 10, 26, 2026, 10, 24, 22, 2026, 10, 25, 23 },
	{ { RANGE_CUSTOM, 2026, 3, 29, 2026, 3, 29 }, 2026, 10, 26, 2026, 3, 28, 23, 2026, 3, 29, 22 },
	{ { RANGE_CUSTOM, 2026, 3, 2, 2026, 3, 1 }, 2026, 10, 26, 0, 0, 0, 0, 0, 0, 0, 0 },
	{ { RANGE_ALL, 0, 0, 0, 0, 0, 0 }, 2026, 10, 26, 0, 0, 0, 0, 0, 0, 0, 0 },
};

START_TEST(test_manage_ranges)
{
	struct arena	 a;
	struct tz	*z;
	int64_t		 f = 0, t = 0;
	int		 rc;

	arena_init(&a);
	ck_assert_int_eq(tz_load(&a, TZ_DIR, "Europe/Berlin", &z), 0);
	rc = range_bounds(&ranges[_i].r, z, utc(ranges[_i].ny, ranges[_i].nmo,
	    ranges[_i].nd, 10, 0), &f, &t);
	if (ranges[_i].fy == 0) {
		ck_assert_int_eq(rc, -1);
	} else {
		ck_assert_int_eq(rc, 0);
		ck_assert_msg(f == utc(ranges[_i].fy, ranges[_i].fmo, ranges[_i].fd,
		    ranges[_i].fh, 0), "case %d: from %lld", _i, (long long)f);
		ck_assert_msg(t == utc(ranges[_i].ty, ranges[_i].tmo, ranges[_i].td,
		    ranges[_i].th, 0), "case %d: to %lld", _i, (long long)t);
	}
	arena_reset(&a);
}
END_TEST

START_TEST(test_manage_formats)
{
	struct arena	 a;
	struct tz	*z;
	char		 iso[26], sql[20], date[11];
	int		 y, m, d;

	arena_init(&a);
	ck_assert_int_eq(tz_load(&a, TZ_DIR, "Europe/Berlin", &z), 0);
	tz_iso(z, utc(2026, 3, 29, 1, 0), iso);
	ck_assert_str_eq(iso, "2026-03-29T03:00:00+02:00");
	tz_iso(z, utc(2026, 12, 31, 23, 30), iso);
	ck_assert_str_eq(iso, "2027-01-01T00:30:00+01:00");
	tz_sql(utc(2026, 3, 29, 1, 0) + 7, sql);
	ck_assert_str_eq(sql, "2026-03-29 01:00:07");
	tz_date(z, utc(2026, 10, 24, 22, 0), date);
	ck_assert_str_eq(date, "2026-10-25");
	ck_assert_int_eq(tz_load(&a, TZ_DIR, "America/St_Johns", &z), 0);
	tz_iso(z, utc(2026, 1, 10, 12, 0), iso);
	ck_assert_str_eq(iso, "2026-01-10T08:30:00-03:30");
	ck_assert_int_eq(date_parse("2028-02-29", &y, &m, &d), 0);
	ck_assert_int_eq(y * 10000 + m * 100 + d, 20280229);
	ck_assert_int_eq(date_parse("2026-02-29", &y, &m, &d), -1);
	ck_assert_int_eq(date_parse("2026-13-01", &y, &m, &d), -1);
	ck_assert_int_eq(date_parse("2026-1-01", &y, &m, &d), -1);
	ck_assert_int_eq(date_parse("1969-12-31", &y, &m, &d), -1);
	ck_assert_int_eq(date_parse("2026-03-01x", &y, &m, &d), -1);
	ck_assert_int_eq(date_parse(NULL, &y, &m, &d), -1);
	ck_assert_int_eq(date_parse("", &y, &m, &d), -1);
	arena_reset(&a);
}
END_TEST

/* The colour "#rrggbb" after "--NAME: " in s, or -1. */
static long
css_color(const char *s, const char *name)
{
	const char	*p = strstr(s, name);

	if (p == NULL || (p = strchr(p, '#')) == NULL)
		return -1;
	return strtol(p + 1, NULL, 16);
}

START_TEST(test_manage_palette)
{
	static const char *const paths[] = { "xslt/static/style.css",
	    "../../xslt/static/style.css" };
	const char	*srcdir = getenv("srcdir"), *light, *dark, *rule;
	char		 path[4096], key[64], *css = NULL;
	size_t		 i, j, n = 0;
	FILE		*f = NULL;

	ck_assert_int_ge(label_palette_n, 8);
	for (i = 0; i < label_palette_n; i++) {
		ck_assert_msg(contrast_ratio(label_palette[i].light_bg,
		    label_palette[i].light_fg) >= 4.5, "%s: light contrast %.2f",
		    label_palette[i].key, contrast_ratio(label_palette[i].light_bg,
		    label_palette[i].light_fg));
		ck_assert_msg(contrast_ratio(label_palette[i].dark_bg,
		    label_palette[i].dark_fg) >= 4.5, "%s: dark contrast %.2f",
		    label_palette[i].key, contrast_ratio(label_palette[i].dark_bg,
		    label_palette[i].dark_fg));
		for (j = 0; j < i; j++)
			ck_assert_str_ne(label_palette[i].key, label_palette[j].key);
		ck_assert_int_eq(label_color_parse(label_palette[i].key), (int)i);
	}
	ck_assert_int_eq(label_color_parse("Blue"), -1);
	ck_assert_int_eq(label_color_parse(NULL), -1);
	ck_assert_str_eq(color_key(999), "gray");
	ck_assert(fabs(contrast_ratio(0xffffff, 0x000000) - 21.0) < 0.01);
	/* style.css draws the same colours: .lbl-KEY light, then dark */
	for (i = 0; f == NULL && i < 3; i++) {
		if (i == 0 && srcdir == NULL)
			continue;
		snprintf(path, sizeof(path), "%s%s%s", i == 0 ? srcdir : "",
		    i == 0 ? "/" : "", paths[i == 0 ? 0 : i - 1]);
		f = fopen(path, "r");
	}
	ck_assert_msg(f != NULL, "style.css not found");
	css = malloc(1 << 20);
	ck_assert_ptr_nonnull(css);
	n = fread(css, 1, (1 << 20) - 1, f);
	css[n] = '\0';
	fclose(f);
	for (i = 0; i < label_palette_n; i++) {
		snprintf(key, sizeof(key), ".lbl-%s {", label_palette[i].key);
		light = strstr(css, key);
		ck_assert_msg(light != NULL, "no %s in style.css", key);
		dark = strstr(light + 1, key);
		ck_assert_msg(dark != NULL, "no dark %s in style.css", key);
		ck_assert_msg(strstr(light, "prefers-color-scheme: dark") < dark,
		    "%s: the second rule is not the dark one", key);
		rule = light;
		ck_assert_int_eq(css_color(rule, "--lb:"), label_palette[i].light_bg);
		ck_assert_int_eq(css_color(rule, "--lf:"), label_palette[i].light_fg);
		ck_assert_int_eq(css_color(dark, "--lb:"), label_palette[i].dark_bg);
		ck_assert_int_eq(css_color(dark, "--lf:"), label_palette[i].dark_fg);
	}
	free(css);
}
END_TEST

static const struct {
	const char	*in;
	int		 rc;
	size_t		 n;
	const char	*first, *bad;
} rcpts[] = {
	{ "", 0, 0, NULL, NULL },
	{ " \n ,; ", 0, 0, NULL, NULL },
	{ "Ann@Example.COM", 0, 1, "ann@example.com", NULL },
	{ "a@x.io, B@X.io;c@y.io\n a@x.io", 0, 3, "a@x.io", NULL },
	{ "a@x.io\r\nb@x.io", 0, 2, "a@x.io", NULL },
	{ "a@x.io, not-an-address", -1, 0, NULL, "not-an-address" },
	{ "a@x.io <b@x.io>", -1, 0, NULL, "<b@x.io>" },
	{ "zo\xc3\xab@x.io", -1, 0, NULL, "zo\xc3\xab@x.io" },
	{ "1@x.io 2@x.io 3@x.io 4@x.io 5@x.io 6@x.io 7@x.io 8@x.io 9@x.io 10@x.io", 0, 10, "1@x.io", NULL },
	{ "1@x.io 2@x.io 3@x.io 4@x.io 5@x.io 6@x.io 7@x.io 8@x.io 9@x.io 10@x.io 11@x.io", -2, 0, NULL, NULL },
	{ "1@x.io 1@x.io 1@x.io 1@x.io 1@x.io 1@x.io 1@x.io 1@x.io 1@x.io 1@x.io 1@x.io 2@x.io", 0, 2, "1@x.io", NULL },
};

START_TEST(test_manage_recipients)
{
	struct arena	 a;
	const char	**v, *bad;
	size_t		 n;
	int		 rc;

	arena_init(&a);
	rc = recipients_parse(&a, rcpts[_i].in, &v, &n, &bad);
	ck_assert_msg(rc == rcpts[_i].rc, "\"%s\": rc %d", rcpts[_i].in, rc);
	if (rc == 0) {
		ck_assert_uint_eq(n, rcpts[_i].n);
		if (rcpts[_i].first)
			ck_assert_str_eq(v[0], rcpts[_i].first);
	}
	if (rcpts[_i].bad)
		ck_assert_str_eq(bad, rcpts[_i].bad);
	arena_reset(&a);
}
END_TEST

static const struct {
	const char	*domains, *email;
	int		 ok;
} mdomains[] = {
	{ "", "a@x.io", 0 },
	{ NULL, "a@x.io", 0 },
	{ "x.io", "a@x.io", 1 },
	{ "X.IO", "a@x.io", 1 },
	{ "@x.io", "a@x.io", 1 },
	{ "y.io, x.io", "a@x.io", 1 },
	{ "y.io\nx.io", "a@x.io", 1 },
	{ "y.io;x.io", "a@x.io", 1 },
	{ "x.io", "a@sub.x.io", 0 },
	{ "sub.x.io", "a@x.io", 0 },
	{ "x.io", "a@x.io.evil.com", 0 },
	{ "x.io", "a@evilx.io", 0 },
	{ "x.io", "x.io", 0 },
	{ "x.io", NULL, 0 },
};

START_TEST(test_manage_domains)
{
	ck_assert_msg(domains_allow_recipient(mdomains[_i].domains, mdomains[_i].email) ==
	    mdomains[_i].ok, "%s in [%s]", mdomains[_i].email ? mdomains[_i].email :
	    "NULL", mdomains[_i].domains ? mdomains[_i].domains : "NULL");
}
END_TEST

static const struct {
	const char	*in;
	int		 rc;
	size_t		 n;
	const char	*last;
} enames[] = {
	{ "", 0, 0, NULL },
	{ "\n\r\n\n", 0, 0, NULL },
	{ "Purchase", 0, 1, "Purchase" },
	{ "Purchase\r\nApp Launched\n\nAdded to cart, twice\nPurchase", 0, 3, "Added to cart, twice" },
	{ " Purchase", -1, 0, NULL },
	{ "Purchase\nbad\x01name", -1, 0, NULL },
	{ "a\tb", -1, 0, NULL },
	{ "e1\ne2\ne3\ne4\ne5\ne6\ne7\ne8\ne9\ne10\ne11\ne12\ne13\ne14\ne15\ne16\ne17\ne18\ne19\ne20", 0, 20, "e20" },
	{ "e1\ne2\ne3\ne4\ne5\ne6\ne7\ne8\ne9\ne10\ne11\ne12\ne13\ne14\ne15\ne16\ne17\ne18\ne19\ne20\ne21", -2, 0, NULL },
};

START_TEST(test_manage_event_names)
{
	struct arena	 a;
	const char	**v, *bad;
	size_t		 n;
	int		 rc;
	char		*long_name;

	arena_init(&a);
	rc = event_names_parse(&a, enames[_i].in, &v, &n, &bad);
	ck_assert_msg(rc == enames[_i].rc, "case %d: rc %d", _i, rc);
	if (rc == 0) {
		ck_assert_uint_eq(n, enames[_i].n);
		if (enames[_i].last)
			ck_assert_str_eq(v[n - 1], enames[_i].last);
	}
	long_name = malloc(122);
	ck_assert_ptr_nonnull(long_name);
	memset(long_name, 'x', 121);
	long_name[121] = '\0';
	ck_assert_int_eq(event_names_parse(&a, long_name, &v, &n, &bad), -1);
	long_name[120] = '\0';
	ck_assert_int_eq(event_names_parse(&a, long_name, &v, &n, &bad), 0);
	free(long_name);
	arena_reset(&a);
}
END_TEST

static const struct {
	const char	*in, *out;
} cells[] = {
	{ "plain", "\"plain\"" },
	{ "", "\"\"" },
	{ NULL, "\"\"" },
	{ "say \"hi\"", "\"say \"\"hi\"\"\"" },
	{ "a,b\r\nc", "\"a,b\r\nc\"" },
	{ "=HYPERLINK(\"x\")", "\"'=HYPERLINK(\"\"x\"\")\"" },
	{ "+1", "\"'+1\"" },
	{ "-1", "\"'-1\"" },
	{ "@SUM(A1)", "\"'@SUM(A1)\"" },
	{ "\tx", "\"'\tx\"" },
	{ "a=b", "\"a=b\"" },
	{ "Zo\xc3\xab", "\"Zo\xc3\xab\"" },
};

START_TEST(test_manage_csv_quote)
{
	struct arena	 a;

	arena_init(&a);
	ck_assert_str_eq(csv_quote(&a, cells[_i].in), cells[_i].out);
	arena_reset(&a);
}
END_TEST

static const struct {
	const char	*name, *out;
} disps[] = {
	{ "Weekly events 2026-11-28.csv", "attachment; filename=\"Weekly_events_2026-11-28.csv\"; "
	    "filename*=UTF-8''Weekly%20events%202026-11-28.csv" },
	{ "a\"b\r\nc.csv", "attachment; filename=\"a_b__c.csv\"; filename*=UTF-8''a%22b%0D%0Ac.csv" },
	{ "Zo\xc3\xab.csv", "attachment; filename=\"Zo_.csv\"; filename*=UTF-8''Zo%C3%AB.csv" },
	{ "\xe5\xbc\xa0", "attachment; filename=\"download\"; filename*=UTF-8''%E5%BC%A0" },
	{ "../../etc/passwd", "attachment; filename=\".._.._etc_passwd\"; filename*=UTF-8''..%2F..%2Fetc%2Fpasswd" },
};

START_TEST(test_manage_disposition)
{
	struct arena	 a;
	const char	*d;

	arena_init(&a);
	d = content_disposition(&a, disps[_i].name);
	ck_assert_str_eq(d, disps[_i].out);
	ck_assert_ptr_null(strpbrk(d, "\r\n"));
	arena_reset(&a);
}
END_TEST

START_TEST(test_manage_tables)
{
	int	 k;

	for (k = RKIND_EVENTS; k < RKIND__MAX; k++) {
		ck_assert_int_eq(rkind_parse(rkind_get((enum rkind)k)->key), k);
		ck_assert_str_ne(rkind_get((enum rkind)k)->about, "");
	}
	ck_assert_int_eq(rkind_parse("Events"), RKIND_NONE);
	ck_assert_int_eq(rkind_parse("none"), RKIND_NONE);
	ck_assert_int_eq(rkind_parse(NULL), RKIND_NONE);
	ck_assert_int_eq(rkind_get(RKIND__MAX)->available, 0);
	ck_assert(!rkind_get(RKIND_INVOICES)->available);
	ck_assert(rkind_get(RKIND_EVENTS)->filters & RF_EVENTS);
	ck_assert(rkind_get(RKIND_CSV)->filters & RF_LABEL);
	ck_assert_int_eq(name_index(sched_names, SCHED__MAX, "weekly"), SCHED_WEEKLY);
	ck_assert_int_eq(name_index(sched_names, SCHED__MAX, "hourly"), -1);
	ck_assert_int_eq(name_index(weekday_names, 7, "sunday"), 0);
	ck_assert_int_eq(name_index(weekday_names, 7, "Monday"), -1);
	ck_assert_int_eq(name_index(range_names, RANGE__MAX, "custom"), RANGE_CUSTOM);
	ck_assert_int_eq(name_index(range_names, RANGE__MAX, NULL), -1);
	ck_assert(!role_can(ROLE_MEMBER, rkind_get(RKIND_MEMBERS)->cap));
	ck_assert(role_can(ROLE_MEMBER, rkind_get(RKIND_EVENTS)->cap));
	ck_assert(!role_can(ROLE_AGENT, rkind_get(RKIND_EVENTS)->cap));
	ck_assert(role_can(ROLE_CREATOR, CAP_LABELS_EDIT));
	ck_assert(!role_can(ROLE_MEMBER, CAP_LABELS_EDIT));
	ck_assert(role_can(ROLE_AGENT, CAP_DOWNLOADS));
	ck_assert(!role_can(ROLE_AGENT, CAP_REPORTS));
}
END_TEST

static TCase *
tcase_manage(void)
{
	TCase	*t = tcase_create("manage");

	tcase_set_timeout(t, 30);
	tcase_add_loop_test(t, test_manage_validators, 0, N(manage_vcases));
	tcase_add_test(t, test_manage_calendar);
	tcase_add_loop_test(t, test_manage_rules, 0, N(rules));
	tcase_add_loop_test(t, test_manage_offsets, 0, N(offsets));
	tcase_add_test(t, test_manage_tzif);
	tcase_add_loop_test(t, test_manage_from_local, 0, N(locals));
	tcase_add_loop_test(t, test_manage_sched_next, 0, N(nexts));
	tcase_add_loop_test(t, test_manage_ranges, 0, N(ranges));
	tcase_add_test(t, test_manage_formats);
	tcase_add_test(t, test_manage_palette);
	tcase_add_loop_test(t, test_manage_recipients, 0, N(rcpts));
	tcase_add_loop_test(t, test_manage_domains, 0, N(mdomains));
	tcase_add_loop_test(t, test_manage_event_names, 0, N(enames));
	tcase_add_loop_test(t, test_manage_csv_quote, 0, N(cells));
	tcase_add_loop_test(t, test_manage_disposition, 0, N(disps));
	tcase_add_test(t, test_manage_tables);
	return t;
}

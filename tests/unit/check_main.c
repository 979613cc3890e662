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
#include <libxml/parser.h>
#include <sodium.h>

#include "../../fcgi/extern.h"

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
	{ "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9"
	  "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9", "ann@example.com", 1 },
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

	memset(pw, 'x', MAX_PASSWORD_CHARS);
	ck_assert_ptr_null(password_policy(pw, MAX_PASSWORD_CHARS, NULL));
	memset(pw, 'x', MAX_PASSWORD_CHARS + 1);
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

#define N(x) ((int)(sizeof(x) / sizeof((x)[0])))

static TCase	*tcase_data(void);	/* part: data, at the end */
static TCase	*tcase_manage(void);	/* part: manage, at the end */

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
	suite_add_tcase(s, t);
	suite_add_tcase(s, tcase_data());
	suite_add_tcase(s, tcase_manage());
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
	{ VALID_ROW_ID, "1", 1 },
	{ VALID_ROW_ID, "1234567890123456789", 1 },
	{ VALID_ROW_ID, "0", 0 },
	{ VALID_ROW_ID, "-1", 0 },
	{ VALID_ROW_ID, "12345678901234567890", 0 },
	{ VALID_ROW_ID, "1e3", 0 },
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
	ck_assert_int_eq(tz_month_days(2028, 2), 29);
	ck_assert_int_eq(tz_month_days(2100, 2), 28);
	ck_assert_int_eq(tz_month_days(2000, 2), 29);
	ck_assert_int_eq(tz_month_days(2026, 13), 0);
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
	ck_assert_msg(domain_allowed(mdomains[_i].domains, mdomains[_i].email) ==
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

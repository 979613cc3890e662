/*
 * Decoders for what arrives from the client: urlencoded query strings and
 * bodies, and the Cookie header.  Each enforces its limits while it reads
 * and refuses invalid UTF-8 and control characters, so a handler never
 * sees a value that could not be stored or written into XML.
 */
#include <string.h>

#include "decode.h"
#include "arena.h"
#include "limits.h"

/* Value of a hex digit, or -1. */
static int
hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/*
 * Returns the length of the UTF-8 sequence at s (at most n bytes) and its
 * code point in *cp, or 0 when it is invalid: truncated, overlong, a
 * surrogate or above U+10FFFF.
 */
static size_t
utf8_next(const unsigned char *s, size_t n, unsigned long *cp)
{
	size_t		 len, i;
	unsigned long	 c, min;

	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	} else if ((s[0] & 0xe0) == 0xc0) {
		len = 2, c = s[0] & 0x1f, min = 0x80;
	} else if ((s[0] & 0xf0) == 0xe0) {
		len = 3, c = s[0] & 0x0f, min = 0x800;
	} else if ((s[0] & 0xf8) == 0xf0) {
		len = 4, c = s[0] & 0x07, min = 0x10000;
	} else
		return 0;
	if (len > n)
		return 0;
	for (i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		c = (c << 6) | (s[i] & 0x3f);
	}
	if (c < min || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
		return 0;
	*cp = c;
	return len;
}

/* 1 when the n bytes at s are valid UTF-8, else 0. */
int
utf8_valid(const char *s, size_t n)
{
	const unsigned char	*p = (const unsigned char *)s;
	unsigned long		 cp;
	size_t			 k;

	while (n > 0) {
		if ((k = utf8_next(p, n, &cp)) == 0)
			return 0;
		p += k;
		n -= k;
	}
	return 1;
}

/* Number of code points in valid UTF-8 (invalid bytes count one each). */
size_t
utf8_chars(const char *s, size_t n)
{
	size_t	 i, c = 0;

	for (i = 0; i < n; i++)
		if (((unsigned char)s[i] & 0xc0) != 0x80)
			c++;
	return c;
}

/*
 * 1 when the valid UTF-8 text holds no control character: no C0 but tab,
 * CR and LF (and those only when multiline), no DEL, no C1, no
 * non-characters U+FFFE/U+FFFF.  0 otherwise.
 */
int
text_clean(const char *s, size_t n, int multiline)
{
	const unsigned char	*p = (const unsigned char *)s;
	unsigned long		 cp;
	size_t			 k;

	while (n > 0) {
		if ((k = utf8_next(p, n, &cp)) == 0)
			return 0;
		if (cp < 0x20 && !(multiline &&
		    (cp == '\t' || cp == '\n' || cp == '\r')))
			return 0;
		if ((cp >= 0x7f && cp <= 0x9f) || cp == 0xfffe || cp == 0xffff)
			return 0;
		p += k;
		n -= k;
	}
	return 1;
}

/*
 * Percent-decodes n bytes of src ('+' is a space) into a new arena string
 * of at most max bytes.  Returns the error, the string in *out.
 */
static enum decode_err
unescape(struct arena *a, const char *src, size_t n, size_t max,
    char **out, size_t *outlen)
{
	char	*d;
	size_t	 i, j = 0;
	int	 hi, lo;

	if ((d = arena_alloc(a, n + 1)) == NULL)
		return DECODE_NOMEM;
	for (i = 0; i < n; i++) {
		if (src[i] == '+')
			d[j++] = ' ';
		else if (src[i] == '%') {
			if (i + 2 >= n)
				return DECODE_BAD_ESCAPE;
			if ((hi = hexval(src[i + 1])) < 0 ||
			    (lo = hexval(src[i + 2])) < 0)
				return DECODE_BAD_ESCAPE;
			d[j++] = (char)(hi << 4 | lo);
			i += 2;
		} else
			d[j++] = src[i];
		if (j > max)
			return DECODE_TOO_LONG;
	}
	d[j] = '\0';
	if (!utf8_valid(d, j))
		return DECODE_BAD_UTF8;
	if (!text_clean(d, j, 1))
		return DECODE_CONTROL;
	*out = d;
	*outlen = j;
	return DECODE_OK;
}

/*
 * Decodes an application/x-www-form-urlencoded string of n bytes into
 * *out.  Empty pairs are skipped; a pair without '=' has an empty value.
 * On error *out is left empty and nothing is kept.
 */
enum decode_err
decode_form(struct arena *a, const char *s, size_t n, struct kvlist *out)
{
	const char	*p = s, *end = s + n, *amp, *eq;
	struct kv	*v;
	size_t		 nv = 0, klen;
	enum decode_err	 e;
	char		*key, *val;

	out->v = NULL;
	out->n = 0;
	if ((v = arena_alloc(a, sizeof(*v) * MAX_FIELDS)) == NULL)
		return DECODE_NOMEM;
	while (p < end) {
		if ((amp = memchr(p, '&', (size_t)(end - p))) == NULL)
			amp = end;
		if (amp == p) {
			p++;
			continue;
		}
		if (nv == MAX_FIELDS)
			return DECODE_TOO_MANY;
		if ((eq = memchr(p, '=', (size_t)(amp - p))) == NULL)
			eq = amp;
		if ((e = unescape(a, p, (size_t)(eq - p), MAX_FIELD_NAME,
		    &key, &klen)) != DECODE_OK)
			return e;
		if (!text_clean(key, klen, 0))
			return DECODE_CONTROL;
		if (eq == amp) {
			val = arena_strdup(a, "");
			v[nv].len = 0;
			if (val == NULL)
				return DECODE_NOMEM;
		} else if ((e = unescape(a, eq + 1, (size_t)(amp - eq - 1),
		    MAX_FIELD_LEN, &val, &v[nv].len)) != DECODE_OK)
			return e;
		v[nv].key = key;
		v[nv].val = val;
		nv++;
		p = amp + 1;
	}
	out->v = v;
	out->n = nv;
	return DECODE_OK;
}

/* 1 for an RFC 6265 cookie-octet. */
static int
cookie_octet(int c)
{
	return c == 0x21 || (c >= 0x23 && c <= 0x2b) ||
	    (c >= 0x2d && c <= 0x3a) || (c >= 0x3c && c <= 0x5b) ||
	    (c >= 0x5d && c <= 0x7e);
}

/*
 * Decodes a Cookie header ("a=b; c=d").  Malformed pairs are skipped, as
 * browsers send other sites' junk too; limits are errors.
 */
enum decode_err
decode_cookies(struct arena *a, const char *s, struct kvlist *out)
{
	struct kv	*v;
	size_t		 nv = 0, n, i;
	const char	*p = s, *semi, *eq;
	int		 ok;

	out->v = NULL;
	out->n = 0;
	if (s == NULL)
		return DECODE_OK;
	if (strlen(s) > MAX_COOKIE_LEN)
		return DECODE_TOO_LONG;
	if ((v = arena_alloc(a, sizeof(*v) * MAX_COOKIES)) == NULL)
		return DECODE_NOMEM;
	while (*p != '\0') {
		while (*p == ' ')
			p++;
		if ((semi = strchr(p, ';')) == NULL)
			semi = p + strlen(p);
		eq = memchr(p, '=', (size_t)(semi - p));
		if (eq != NULL && eq > p) {
			n = (size_t)(semi - eq - 1);
			for (ok = 1, i = 0; i < n && ok; i++)
				ok = cookie_octet((unsigned char)eq[1 + i]);
			if (ok) {
				if (nv == MAX_COOKIES)
					return DECODE_TOO_MANY;
				v[nv].key = arena_strndup(a, p, (size_t)(eq - p));
				v[nv].val = arena_strndup(a, eq + 1, n);
				v[nv].len = n;
				if (v[nv].key == NULL || v[nv].val == NULL)
					return DECODE_NOMEM;
				nv++;
			}
		}
		p = *semi ? semi + 1 : semi;
	}
	out->v = v;
	out->n = nv;
	return DECODE_OK;
}

/* The first value of key, or NULL. */
const char *
kv_get(const struct kvlist *l, const char *key)
{
	size_t	 i;

	for (i = 0; i < l->n; i++)
		if (strcmp(l->v[i].key, key) == 0)
			return l->v[i].val;
	return NULL;
}

/* A sentence for the error page. */
const char *
decode_strerror(enum decode_err e)
{
	static const char *const msgs[] = {
		[DECODE_OK] = "no error",
		[DECODE_TOO_LONG] = "A field is longer than allowed.",
		[DECODE_TOO_MANY] = "The request has too many fields.",
		[DECODE_BAD_ESCAPE] = "The request has a malformed %-escape.",
		[DECODE_BAD_UTF8] = "The request is not valid UTF-8 text.",
		[DECODE_CONTROL] = "The request holds control characters.",
		[DECODE_NOMEM] = "The request is too large to process.",
	};

	return msgs[e];
}

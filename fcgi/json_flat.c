/*
 * The compact JSON text of a flat object into an arena (json_flat.h).
 * Every event's data is stored as this text (ingest.c); jansson's own
 * json_dumps() spent about 6,000 instructions on a three-property object
 * (its string buffer, snprintf per number, malloc and free).  The bytes
 * are jansson's: keys in the object's order, "," and ":" without spaces,
 * in strings \\ \" \b \f \n \r \t and \u00XX (upper-case hex) for the
 * other control characters, everything else as it is (UTF-8, and "/").
 * Anything else (reals, lists, objects) is left to json_dumps(), whose
 * number formatting is its own.
 */
#include <string.h>

#include <jansson.h>

#include "json_flat.h"
#include "rc.h"

/* The escape of byte c in a JSON string, or NULL when it stands as it
 * is; *len is the length of either. */
static const char *
esc(unsigned char c, size_t *len)
{
	static const char *const short_esc[0x20] = {
		['\b'] = "\\b", ['\f'] = "\\f", ['\n'] = "\\n",
		['\r'] = "\\r", ['\t'] = "\\t",
	};

	if (c == '\\' || c == '"') {
		*len = 2;
		return c == '\\' ? "\\\\" : "\\\"";
	}
	if (c >= 0x20) {
		*len = 1;
		return NULL;
	}
	*len = short_esc[c] != NULL ? 2 : 6;
	return short_esc[c];
}

/* Bytes of the JSON string of s (n bytes), quotes included. */
static size_t
str_len(const char *s, size_t n)
{
	size_t	 i, k, len = 2;

	for (i = 0; i < n; i++) {
		(void)esc((unsigned char)s[i], &k);
		len += k;
	}
	return len;
}

/* Writes the JSON string of s (n bytes) at p; answers the end. */
static char *
str_put(char *p, const char *s, size_t n)
{
	static const char	 hex[] = "0123456789ABCDEF";
	const char		*e;
	unsigned char		 c;
	size_t			 i, k;

	*p++ = '"';
	for (i = 0; i < n; i++) {
		c = (unsigned char)s[i];
		if ((e = esc(c, &k)) != NULL) {
			memcpy(p, e, k);
			p += k;
		} else if (k == 1)
			*p++ = (char)c;
		else {
			memcpy(p, "\\u00", 4);
			p[4] = hex[c >> 4];
			p[5] = hex[c & 0xf];
			p += 6;
		}
	}
	*p++ = '"';
	return p;
}

/* The decimal digits of v into buf (at least 21 bytes, no NUL); answers
 * their count. */
static size_t
int_text(json_int_t v, char *buf)
{
	char			 tmp[24];
	unsigned long long	 u = v < 0 ? 0ULL - (unsigned long long)v :
	    (unsigned long long)v;
	size_t			 n = 0, len = 0;

	do {
		tmp[n++] = (char)('0' + u % 10);
		u /= 10;
	} while (u != 0);
	if (v < 0)
		buf[len++] = '-';
	while (n > 0)
		buf[len++] = tmp[--n];
	return len;
}

/* The text of a scalar v into buf (21 bytes) for numbers and literals,
 * or NULL with *s, *n its string; *len the bytes it takes.  RC_ERROR
 * for a type this module leaves to jansson. */
static int
scalar(json_t *v, char *buf, const char **s, size_t *n, size_t *len)
{
	*s = NULL;
	switch (json_typeof(v)) {
	case JSON_STRING:
		*s = json_string_value(v);
		*n = json_string_length(v);
		*len = str_len(*s, *n);
		return RC_OK;
	case JSON_INTEGER:
		*len = int_text(json_integer_value(v), buf);
		return RC_OK;
	case JSON_TRUE:
	case JSON_FALSE:
	case JSON_NULL:
		*len = json_is_true(v) ? 4 : json_is_false(v) ? 5 : 4;
		memcpy(buf, json_is_true(v) ? "true" : json_is_false(v) ?
		    "false" : "null", *len);
		return RC_OK;
	default:
		return RC_ERROR;
	}
}

/*
 * The compact JSON text of obj into *out (NUL-terminated, in a) and its
 * length into *outlen.  RC_OK, with *out NULL when obj is not an object
 * of strings, integers, booleans and nulls (json_dumps() writes those);
 * RC_ERROR on exhaustion.
 */
int
json_flat_dump(struct arena *a, json_t *obj, char **out, size_t *outlen)
{
	const char	*key, *s;
	json_t		*v;
	char		 buf[24], *p;
	size_t		 len = 2, n, k;

	*out = NULL;
	*outlen = 0;
	if (!json_is_object(obj))
		return RC_OK;
	json_object_foreach(obj, key, v) {
		if (scalar(v, buf, &s, &n, &k) != RC_OK)
			return RC_OK;
		len += str_len(key, strlen(key)) + 1 + k + 1;
	}
	if (len > 2)
		len--;				/* no comma after the last */
	if ((p = *out = arena_alloc(a, len + 1)) == NULL)
		return RC_ERROR;
	*p++ = '{';
	json_object_foreach(obj, key, v) {
		if (p > *out + 1)
			*p++ = ',';
		p = str_put(p, key, strlen(key));
		*p++ = ':';
		(void)scalar(v, buf, &s, &n, &k);
		if (s != NULL)
			p = str_put(p, s, n);
		else {
			memcpy(p, buf, k);
			p += k;
		}
	}
	*p++ = '}';
	*p = '\0';
	*outlen = len;
	return RC_OK;
}

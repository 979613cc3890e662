/*
 * Pure decoders: query strings, urlencoded bodies, cookies, UTF-8 and control checks.
 */
#ifndef STEWARD_DECODE_H
#define STEWARD_DECODE_H

#include <stddef.h>
#include <stdint.h>

#include "arena.h"

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

#endif

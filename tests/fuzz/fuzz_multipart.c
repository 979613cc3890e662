/*
 * libFuzzer target for the multipart/form-data push parser
 * (fcgi/multipart.c) and the boundary parameter parser.  The
 * body is parsed whole and in pieces sized by the input; both must report
 * the same parts, data and outcome, and the data never exceeds the input.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../../fcgi/db.h"
#include "../../fcgi/limits.h"
#include "../../fcgi/multipart.h"

#define BOUNDARY	"f0zzB0undary"

struct digest {
	uint64_t	 hash;
	size_t		 bytes, parts, ends;
	int		 in_part;
};

static int
on_part(void *arg, const char *name, const char *filename)
{
	struct digest	*d = arg;

	if (d->in_part || strlen(name) >= MULTIPART_MAX_HEADER)
		abort();
	d->in_part = 1;
	d->parts++;
	d->hash = d->hash * 17 + strlen(name) + (filename ? 1000 + strlen(filename) : 0);
	return 0;
}

static int
on_data(void *arg, const char *p, size_t n)
{
	struct digest	*d = arg;
	size_t		 i;

	if (!d->in_part || n == 0)
		abort();
	d->bytes += n;
	for (i = 0; i < n; i++)
		d->hash = d->hash * 131 + (unsigned char)p[i];
	return 0;
}

static int
on_end(void *arg)
{
	struct digest	*d = arg;

	if (!d->in_part)
		abort();
	d->in_part = 0;
	d->ends++;
	return 0;
}

static int
parse(const uint8_t *data, size_t size, size_t step, struct digest *d, int *done)
{
	struct mp_cb		 cb = { on_part, on_data, on_end, d };
	struct multipart	*m = multipart_new(BOUNDARY, &cb);
	size_t			 i, k;
	int			 rc = 0;

	if (m == NULL)
		abort();
	for (i = 0; i < size && rc == 0; i += k) {
		k = step == 0 || step > size - i ? size - i : step;
		rc = multipart_feed(m, (const char *)data + i, k);
	}
	*done = multipart_done(m);
	multipart_free(m);
	return rc;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct digest	 a, b;
	char		 ctype[256], out[MAX_BOUNDARY + 1];
	size_t		 step = size > 0 ? 1 + data[0] % 11 : 1;
	int		 ra, rb, da, db;

	memset(&a, 0, sizeof(a));
	memset(&b, 0, sizeof(b));
	ra = parse(data, size, 0, &a, &da);
	rb = parse(data, size, step, &b, &db);
	if (ra != rb || a.hash != b.hash || a.bytes != b.bytes ||
	    a.parts != b.parts || a.ends != b.ends || da != db)
		abort();
	if (a.bytes > size || a.parts > MULTIPART_MAX_PARTS)
		abort();
	/* the Content-Type parameter parser on the same bytes */
	if (size < sizeof(ctype)) {
		memcpy(ctype, data, size);
		ctype[size] = '\0';
		if (multipart_boundary(ctype, out, sizeof(out)) == 0 &&
		    (strlen(out) == 0 || strlen(out) > MAX_BOUNDARY))
			abort();
	}
	return 0;
}

/*
 * libFuzzer target for the RFC 4180 push parser (fcgi/csv.c).
 * The input is parsed twice — whole, and in pieces whose sizes come from
 * the input itself — and both parses must give the same records and the
 * same error: a parser fed by a network stream must not depend on where
 * the reads split.  Sanitizers catch the memory errors.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../../fcgi/csv.h"
#include "../../fcgi/limits.h"

struct digest {
	uint64_t	 rows, hash;
	size_t		 bytes;
};

static int
on_row(void *arg, uint64_t row, const char **f, const size_t *lens, size_t n,
    int utf8_ok)
{
	struct digest	*d = arg;
	size_t		 i, k;

	if (n == 0 || n > CSV_MAX_COLUMNS || row != d->rows + 1)
		abort();
	d->rows = row;
	d->hash = d->hash * 31 + n * 7 + (uint64_t)utf8_ok;
	for (i = 0; i < n; i++) {
		if (lens[i] > CSV_MAX_FIELD || f[i][lens[i]] != '\0')
			abort();
		d->bytes += lens[i];
		for (k = 0; k < lens[i]; k++)
			d->hash = d->hash * 131 + (unsigned char)f[i][k];
	}
	return 0;
}

static enum csv_err
parse(const uint8_t *data, size_t size, size_t step, struct digest *d)
{
	struct csv	*c = csv_new(on_row, d);
	enum csv_err	 e = CSV_OK;
	size_t		 i, k;

	if (c == NULL)
		abort();
	for (i = 0; i < size && e == CSV_OK; i += k) {
		k = step == 0 || step > size - i ? size - i : step;
		e = csv_feed(c, (const char *)data + i, k);
	}
	if (e == CSV_OK)
		e = csv_end(c);
	csv_free(c);
	return e;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct digest	 a, b;
	enum csv_err	 ea, eb;
	size_t		 step = size > 0 ? 1 + data[0] % 13 : 1;

	memset(&a, 0, sizeof(a));
	memset(&b, 0, sizeof(b));
	ea = parse(data, size, 0, &a);
	eb = parse(data, size, step, &b);
	if (ea != eb || a.rows != b.rows || a.hash != b.hash || a.bytes != b.bytes)
		abort();
	if (a.bytes > size)
		abort();
	return 0;
}

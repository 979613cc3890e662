/*
 * CBOR for WebAuthn (libcbor).  libcbor's loader allocates what a
 * definite-length array or map declares before reading its items, so a
 * few bytes could ask for gigabytes; wa_cbor_load() first walks the input
 * with libcbor's streaming decoder and refuses sizes the remaining input
 * cannot hold, deep nesting, indefinite lengths and tags, then loads it.
 */
#include <string.h>

#include "limits.h"
#include "wa_cbor.h"

struct scan {
	uint64_t	 left[WA_MAX_CBOR_DEPTH + 1];	/* items still due per level */
	int		 sp;				/* levels open */
	int		 bad;
	size_t		 remaining;			/* input bytes after this head */
};

/* One item read: the level it fills loses one; full levels close. */
static void
scan_item(struct scan *s)
{
	if (s->sp == 0) {
		s->bad = 1;
		return;
	}
	s->left[s->sp - 1]--;
	while (s->sp > 0 && s->left[s->sp - 1] == 0)
		s->sp--;
}

/* A container of n items: counted in its level, opens one of its own. */
static void
scan_open(struct scan *s, uint64_t n)
{
	if (s->sp == 0 || n > s->remaining || s->sp >= WA_MAX_CBOR_DEPTH) {
		s->bad = 1;
		return;
	}
	s->left[s->sp - 1]--;
	if (n > 0)
		s->left[s->sp++] = n;
	else
		while (s->sp > 0 && s->left[s->sp - 1] == 0)
			s->sp--;
}

static void	 on_u8(void *c, uint8_t v) { (void)v; scan_item(c); }
static void	 on_u16(void *c, uint16_t v) { (void)v; scan_item(c); }
static void	 on_u32(void *c, uint32_t v) { (void)v; scan_item(c); }
static void	 on_u64(void *c, uint64_t v) { (void)v; scan_item(c); }
static void	 on_str(void *c, cbor_data d, size_t n) { (void)d; (void)n; scan_item(c); }
static void	 on_simple(void *c) { scan_item(c); }
static void	 on_f(void *c, float v) { (void)v; scan_item(c); }
static void	 on_d(void *c, double v) { (void)v; scan_item(c); }
static void	 on_b(void *c, bool v) { (void)v; scan_item(c); }
static void	 on_array(void *c, size_t n) { scan_open(c, n); }
static void	 on_bad(void *c) { ((struct scan *)c)->bad = 1; }
static void	 on_tag(void *c, uint64_t v) { (void)v; ((struct scan *)c)->bad = 1; }

static void
on_map(void *c, size_t n)
{
	struct scan	*s = c;

	if (n > s->remaining / 2)
		s->bad = 1;
	else
		scan_open(s, (uint64_t)n * 2);
}

static const struct cbor_callbacks scan_cb = {
	.uint8 = on_u8, .uint16 = on_u16, .uint32 = on_u32, .uint64 = on_u64,
	.negint8 = on_u8, .negint16 = on_u16, .negint32 = on_u32,
	.negint64 = on_u64,
	.byte_string = on_str, .string = on_str,
	.byte_string_start = on_bad, .string_start = on_bad,
	.array_start = on_array, .indef_array_start = on_bad,
	.map_start = on_map, .indef_map_start = on_bad,
	.tag = on_tag, .float2 = on_f, .float4 = on_f, .float8 = on_d,
	.undefined = on_simple, .null = on_simple, .boolean = on_b,
	.indef_break = on_bad,
};

/*
 * Loads the one CBOR item at the start of p (n bytes) and sets *read to
 * its length (bytes may follow it).  Answers the item (cbor_decref() it),
 * or NULL for anything malformed, truncated or outside the bounds above.
 */
cbor_item_t *
wa_cbor_load(const unsigned char *p, size_t n, size_t *read)
{
	struct scan			 s;
	struct cbor_decoder_result	 r;
	struct cbor_load_result		 lr;
	cbor_item_t			*item;
	size_t				 off = 0;

	memset(&s, 0, sizeof(s));
	s.left[0] = 1;
	s.sp = 1;
	while (s.sp > 0) {
		if (off >= n)
			return NULL;
		s.remaining = n - off;
		r = cbor_stream_decode(p + off, n - off, &scan_cb, &s);
		if (r.status != CBOR_DECODER_FINISHED || s.bad || r.read == 0)
			return NULL;
		off += r.read;
	}
	if ((item = cbor_load(p, off, &lr)) == NULL)
		return NULL;
	if (lr.error.code != CBOR_ERR_NONE || lr.read != off) {
		cbor_decref(&item);
		return NULL;
	}
	*read = off;
	return item;
}

/* 1 when item (NULL: absent) is a definite text string equal to s. */
int
wa_cbor_text_is(const cbor_item_t *item, const char *s)
{
	size_t	 n = strlen(s);

	return item != NULL && cbor_isa_string(item) &&
	    cbor_string_is_definite(item) &&
	    cbor_string_length(item) == n &&
	    memcmp(cbor_string_handle(item), s, n) == 0;
}

/*
 * The integer of item (major type 0 or 1) in *out: 0, or -1 when it is
 * absent (NULL), no integer or does not fit an int64_t.
 */
int
wa_cbor_int(const cbor_item_t *item, int64_t *out)
{
	uint64_t	 v;

	if (item == NULL || (!cbor_isa_uint(item) && !cbor_isa_negint(item)))
		return -1;
	v = cbor_get_int(item);
	if (v > INT64_MAX)
		return -1;
	*out = cbor_isa_uint(item) ? (int64_t)v : -1 - (int64_t)v;
	return 0;
}

/* The bytes of a definite byte string (length in *len), or NULL (absent too). */
const unsigned char *
wa_cbor_bytes(const cbor_item_t *item, size_t *len)
{
	if (item == NULL || !cbor_isa_bytestring(item) ||
	    !cbor_bytestring_is_definite(item))
		return NULL;
	*len = cbor_bytestring_length(item);
	return cbor_bytestring_handle(item);
}

/* The value of map under the text key (borrowed), or NULL. */
cbor_item_t *
wa_cbor_get_text(const cbor_item_t *map, const char *key)
{
	struct cbor_pair	*p;
	size_t			 i, n;

	if (map == NULL || !cbor_isa_map(map))
		return NULL;
	p = cbor_map_handle(map);
	n = cbor_map_size(map);
	for (i = 0; i < n; i++)
		if (wa_cbor_text_is(p[i].key, key))
			return p[i].value;
	return NULL;
}

/* The value of map under the integer key (borrowed), or NULL. */
cbor_item_t *
wa_cbor_get_int(const cbor_item_t *map, int64_t key)
{
	struct cbor_pair	*p;
	size_t			 i, n;
	int64_t			 k;

	if (map == NULL || !cbor_isa_map(map))
		return NULL;
	p = cbor_map_handle(map);
	n = cbor_map_size(map);
	for (i = 0; i < n; i++)
		if (wa_cbor_int(p[i].key, &k) == 0 && k == key)
			return p[i].value;
	return NULL;
}

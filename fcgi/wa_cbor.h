/*
 * CBOR as WebAuthn sends it, read with libcbor: one definite-length item
 * loaded only after a bounded scan (sizes within the input, nesting at
 * most WA_MAX_CBOR_DEPTH, no indefinite lengths, no tags), and the few
 * look-ups the ceremonies need.
 */
#ifndef STEWARD_WA_CBOR_H
#define STEWARD_WA_CBOR_H

#include <stddef.h>
#include <stdint.h>

#include <cbor.h>

cbor_item_t	*wa_cbor_load(const unsigned char *, size_t, size_t *read);
cbor_item_t	*wa_cbor_get_text(const cbor_item_t *map, const char *key);
cbor_item_t	*wa_cbor_get_int(const cbor_item_t *map, int64_t key);
int		 wa_cbor_int(const cbor_item_t *, int64_t *out);
const unsigned char *wa_cbor_bytes(const cbor_item_t *, size_t *len);
int		 wa_cbor_text_is(const cbor_item_t *, const char *);

#endif

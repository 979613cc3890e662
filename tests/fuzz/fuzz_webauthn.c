/*
 * libFuzzer target for the WebAuthn parsers (fcgi/webauthn.c, cose.c,
 * wa_cbor.c): the first byte picks the attestation object, the
 * authenticator data, a COSE key, the client data or a whole sign-in;
 * the rest is the input.  A credential that passes must have its id and
 * key within their limits and its key must load again as stored.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "../../fcgi/cose.h"
#include "../../fcgi/limits.h"
#include "../../fcgi/wa_cbor.h"
#include "../../fcgi/webauthn.h"

static const unsigned char challenge[WA_CHALLENGE_BYTES];

/* The client data of a sign-in that passes: the rest is the input's. */
static const char get_json[] = "{\"type\":\"webauthn.get\",\"challenge\":"
    "\"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\","
    "\"origin\":\"http://localhost:8080\"}";

static const struct wa_expect expect = {
	"webauthn.create", challenge, "http://localhost:8080", "localhost", 0,
};

/* A credential that passed: within bounds, its key loads again. */
static void
cred_check(const struct wa_cred *c)
{
	EVP_PKEY	*pk;
	int		 alg;

	if (c->id_len == 0 || c->id_len > WA_MAX_CRED_ID ||
	    c->key_len == 0 || c->key_len > WA_MAX_COSE_KEY)
		abort();
	if ((pk = cose_key(c->key, c->key_len, &alg)) == NULL || alg != c->alg)
		abort();
	EVP_PKEY_free(pk);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct wa_cred		 c;
	struct wa_authdata	 a;
	struct wa_expect	 e = expect;
	EVP_PKEY		*pk;
	cbor_item_t		*item;
	size_t			 read, half;
	uint32_t		 counter;
	int			 alg;

	if (size < 1)
		return 0;
	switch (data[0] % 5) {
	case 0:
		if (wa_attestation(data + 1, size - 1, &e, &c) == WA_OK)
			cred_check(&c);
		break;
	case 1:
		if (wa_authdata(data + 1, size - 1, &a) == WA_OK &&
		    (a.cred_id_len > WA_MAX_CRED_ID ||
		    (a.cred_id != NULL && a.key + a.key_len > data + size)))
			abort();
		break;
	case 2:
		if ((pk = cose_key(data + 1, size - 1, &alg)) != NULL)
			EVP_PKEY_free(pk);
		if ((item = wa_cbor_load(data + 1, size - 1, &read)) != NULL) {
			if (read > size - 1)
				abort();
			cbor_decref(&item);
		}
		break;
	case 3:
		(void)wa_client_data(&e, data + 1, size - 1);
		break;
	default:	/* authenticator data, then a COSE key, then a signature */
		half = (size - 1) / 2;
		e.type = "webauthn.get";
		(void)wa_assert(&e, (const unsigned char *)get_json,
		    sizeof(get_json) - 1, data + 1,
		    half, data + 1 + half, (size - 1 - half) / 2,
		    data + 1 + half + (size - 1 - half) / 2,
		    size - 1 - half - (size - 1 - half) / 2, 0, &counter);
		break;
	}
	return 0;
}

/*
 * WebAuthn ceremonies without a request (W3C WebAuthn Level 2/3): the
 * client data, the authenticator data, the attestation object of a new
 * passkey and the signature of a sign-in.  Pure: what to expect comes in,
 * a verdict with its reason goes out; nothing is stored here.
 */
#ifndef STEWARD_WEBAUTHN_H
#define STEWARD_WEBAUTHN_H

#include <stddef.h>
#include <stdint.h>

#include "limits.h"

/* Verdicts, each with a reason (wa_reason). */
enum wa_rc {
	WA_OK,
	WA_TOO_LONG,		/* an input over its limit */
	WA_CLIENT_DATA,		/* clientDataJSON not a JSON object */
	WA_TYPE,		/* wrong ceremony type */
	WA_CHALLENGE,		/* not the challenge issued */
	WA_ORIGIN,		/* another origin, or a cross-origin frame */
	WA_ATTESTATION,		/* attestation object malformed */
	WA_FMT,			/* attestation format unknown or a "none" with a statement */
	WA_AUTHDATA,		/* authenticator data malformed */
	WA_RP_ID,		/* made for another relying party */
	WA_NO_UP,		/* user not present */
	WA_NO_UV,		/* user not verified */
	WA_NO_CREDENTIAL,	/* registration without attested credential data */
	WA_KEY,			/* public key malformed or of an algorithm not accepted */
	WA_SIGNATURE,		/* signature does not verify */
	WA_COUNTER,		/* sign counter did not go up: a cloned authenticator? */
	WA_UNKNOWN,		/* no such passkey (for this person): passkey.c */
	WA__MAX
};

/* Authenticator data flags (WebAuthn §6.1). */
#define WA_FLAG_UP	0x01	/* user present */
#define WA_FLAG_UV	0x04	/* user verified */
#define WA_FLAG_BE	0x08	/* backup eligible (a synced passkey) */
#define WA_FLAG_BS	0x10	/* backed up */
#define WA_FLAG_AT	0x40	/* attested credential data included */
#define WA_FLAG_ED	0x80	/* extensions included */

#define WA_AAGUID_BYTES	16
#define WA_RP_HASH_BYTES 32

/* What the server expects of a ceremony. */
struct wa_expect {
	const char		*type;		/* "webauthn.create" or "webauthn.get" */
	const unsigned char	*challenge;	/* WA_CHALLENGE_BYTES issued */
	const char		*origin;	/* "https://steward.example.com" */
	const char		*rp_id;		/* "steward.example.com" */
	int			 uv;		/* 1: user verification required */
};

/* Authenticator data, parsed; pointers are into the caller's bytes. */
struct wa_authdata {
	unsigned char		 rp_hash[WA_RP_HASH_BYTES];
	unsigned		 flags;
	uint32_t		 counter;
	unsigned char		 aaguid[WA_AAGUID_BYTES];
	const unsigned char	*cred_id;	/* NULL without WA_FLAG_AT */
	size_t			 cred_id_len;
	const unsigned char	*key;		/* COSE_Key */
	size_t			 key_len;
};

/* A new passkey, as registered. */
struct wa_cred {
	unsigned char		 id[WA_MAX_CRED_ID];
	size_t			 id_len;
	unsigned char		 key[WA_MAX_COSE_KEY];	/* COSE_Key, as sent */
	size_t			 key_len;
	int			 alg;			/* enum cose_alg */
	unsigned char		 aaguid[WA_AAGUID_BYTES];
	uint32_t		 counter;
	unsigned		 flags;
};

const char	*wa_reason(enum wa_rc);
enum wa_rc	 wa_client_data(const struct wa_expect *,
		    const unsigned char *json, size_t);
enum wa_rc	 wa_authdata(const unsigned char *, size_t,
		    struct wa_authdata *);
enum wa_rc	 wa_attestation(const unsigned char *, size_t,
		    const struct wa_expect *, struct wa_cred *);
enum wa_rc	 wa_register(const struct wa_expect *,
		    const unsigned char *json, size_t jsonlen,
		    const unsigned char *att, size_t attlen, struct wa_cred *);
enum wa_rc	 wa_assert(const struct wa_expect *,
		    const unsigned char *json, size_t jsonlen,
		    const unsigned char *authdata, size_t authlen,
		    const unsigned char *sig, size_t siglen,
		    const unsigned char *key, size_t keylen,
		    uint32_t stored_counter, uint32_t *counter);

#endif

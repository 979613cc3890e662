/*
 * Passkeys of a request: challenges (issued, bound to a session or the
 * pre-session cookie, taken once), the relying party of this request,
 * the options a browser needs, a sign-in's assertion checked against the
 * stored passkey, the list of a person's passkeys.  The checks
 * themselves are webauthn.c's.
 */
#ifndef STEWARD_PASSKEY_H
#define STEWARD_PASSKEY_H

#include <stddef.h>
#include <stdint.h>

#include <libxml/tree.h>

#include "audit.h"
#include "limits.h"
#include "request.h"
#include "tz.h"
#include "webauthn.h"

/* What a challenge is for (webauthn_challenge.purpose). */
enum wa_purpose { WA_ADD = 1, WA_SIGNIN = 2, WA_STEP = 3 };

/* The passkey a sign-in's assertion matched. */
struct passkey_hit {
	uint64_t	 id, user;
	const char	*name, *email, *user_name;
	int		 totp;			/* the user has TOTP on */
};

int	 passkey_binding(struct req *, enum wa_purpose,
	    unsigned char out[HASH_BYTES]);
int	 passkey_options(struct req *, enum wa_purpose, uint64_t user,
	    const char *email, const char *name);
int	 passkey_take(struct req *, enum wa_purpose,
	    unsigned char challenge[WA_CHALLENGE_BYTES], int *found);
void	 passkey_expect(struct req *, struct wa_expect *, const char *type,
	    const unsigned char *challenge, int uv);
const char *passkey_rp_id(struct req *);
int	 passkey_b64(struct arena *, const char *in, size_t max,
	    unsigned char **out, size_t *outlen);
int	 passkey_assert(struct req *, enum wa_purpose, uint64_t only_user,
	    struct passkey_hit *, enum wa_rc *, req_txn_fn then, void *arg);
int	 passkey_list(struct req *, xmlNodePtr parent, uint64_t user,
	    const struct tz *);
const char *passkey_kind(const unsigned char *aaguid, size_t len);

#endif

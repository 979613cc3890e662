/*
 * steward-admin's API token command (issue 16): token-create, for a
 * first script of a fresh install and for the shell session of the
 * README.  The same rules as the Profile page's form (api_token.c):
 * scopes the member's role allows, "never" for Admins only; audited.
 */
#include <stdio.h>
#include <string.h>

#include <sodium.h>

#include "admin.h"
#include "api_token.h"
#include "audit.h"
#include "db.h"
#include "rc.h"
#include "roles.h"

/* Columns of STMT_API_TOKEN_MEMBER. */
enum { TM_USER, TM_ROLE, TM_ACCOUNT };

/* The scope set of a comma-separated list; 0 when a name is unknown. */
static unsigned
scopes_arg(const char *list)
{
	char		 buf[256], *p, *save = NULL;
	unsigned	 set = 0;
	enum api_scope	 s;

	if (list == NULL || strlen(list) >= sizeof(buf))
		return 0;
	snprintf(buf, sizeof(buf), "%s", list);
	for (p = strtok_r(buf, ",", &save); p != NULL; p = strtok_r(NULL, ",", &save)) {
		if ((s = api_scope_parse(p)) == SCOPE_NONE)
			return 0;
		set |= SCOPE_BIT(s);
	}
	return set;
}

/* A token being created, for create_tx(). */
struct token_new {
	struct ctx	*c;
	uint64_t	 account, user;
	const char	*name;
	unsigned	 set;
	int		 days;
	char		*tok;		/* out: API_TOKEN_LEN + 1 bytes */
};

/* db_txn_fn: stores a new token (a new secret each try), audited. */
static int
create_tx(struct db *db, void *arg)
{
	struct token_new	*t = arg;
	int			 rc;

	if ((rc = api_token_create(db, &t->c->a, t->account, t->user, t->name,
	    t->set, t->days, t->tok)) != RC_OK)
		return rc;
	return audit(db, t->account, t->user, "token.create",
	    arena_printf(&t->c->a, "%s (%.*s…) %s", t->name,
	    4 + API_TOKEN_PUB_LEN, t->tok, api_scopes_text(&t->c->a, t->set)),
	    "cli");
}

/*
 * token-create EMAIL --account ID --name NAME --scopes S[,S…]
 * [--expires 30|90|365|never]: prints the new token (shown this once).
 * Exit 1 for a bad argument, a person not member of the account, a scope
 * or an expiry the role does not allow; 2 when the database fails.
 */
int
cmd_token_create(struct ctx *c, int argc, char *argv[])
{
	const char	*email = arg(argc, argv, 0);
	const char	*acct = opt(argc, argv, "--account", NULL);
	const char	*name = opt(argc, argv, "--name", NULL);
	const char	*exp = opt(argc, argv, "--expires", "90");
	unsigned	 set = scopes_arg(opt(argc, argv, "--scopes", NULL));
	char		 tok[API_TOKEN_LEN + 1];
	struct token_new t;
	struct dbres	 res;
	enum role	 role;
	enum api_scope	 s;
	int		 days = api_token_days(exp);

	if (!check(VALID_EMAIL, "EMAIL", email) ||
	    !check(VALID_ACCOUNT_ID, "--account", acct) ||
	    !check(VALID_TOKEN_NAME, "--name", name))
		return EX_USAGE_;
	if (set == 0 || days < 0) {
		fprintf(stderr, "steward-admin: --scopes is a comma-separated list "
		    "of read, users:write, data:write, billing:read, scim; "
		    "--expires is 30, 90, 365 or never\n");
		return EX_USAGE_;
	}
	if (db_exec(&c->db, &c->a, STMT_API_TOKEN_MEMBER, &res, NULL, NULL, "ss",
	    email, acct) != RC_OK)
		return EX_RUNTIME;
	if (res.nrows != 1) {
		fprintf(stderr, "steward-admin: %s is not a member of %s\n", email, acct);
		return EX_USAGE_;
	}
	role = (enum role)db_u64(&res, 0, TM_ROLE);
	if ((s = api_scope_beyond(role, set)) != SCOPE_NONE ||
	    !api_token_days_allowed(role, days)) {
		fprintf(stderr, "steward-admin: the role %s does not allow %s\n",
		    role_name(role), s != SCOPE_NONE ? api_scope_name(s) :
		    "a token that never expires");
		return EX_USAGE_;
	}
	t.c = c;
	t.account = db_u64(&res, 0, TM_ACCOUNT);
	t.user = db_u64(&res, 0, TM_USER);
	t.name = name;
	t.set = set;
	t.days = days;
	t.tok = tok;
	if (db_txn(&c->db, create_tx, &t) != RC_OK) {
		sodium_memzero(tok, sizeof(tok));
		return EX_RUNTIME;
	}
	printf("%s\n", tok);
	sodium_memzero(tok, sizeof(tok));
	return 0;
}

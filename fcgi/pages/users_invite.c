/*
 * POST /settings/users/invite: the bulk invite of the Users page (field
 * emails) and the one-address invite box of the overview (field email).
 *
 * Invitations are written and audited in one transaction; the mails go
 * out after the commit, so a broken relay never leaves a half-done batch
 * and the link can still be copied from the Users page.  The links and
 * the mail are invite.c's.
 */
#include <string.h>

#include <sodium.h>

#include "../arena.h"
#include "../audit.h"
#include "../db.h"
#include "../error.h"
#include "../input.h"
#include "../invite.h"
#include "../limits.h"
#include "../rc.h"
#include "../request.h"
#include "../roles.h"
#include "../text.h"
#include "../valid.h"
#include "../xml.h"
#include "pages.h"

/* Columns of STMT_MEMBERS_AMONG. */
enum { MA_EMAIL };

/* What becomes of one address of an invite. */
enum outcome { OUT_READY, OUT_MEMBER, OUT_REFUSED, OUT__MAX };

/* The outcome of a target as written in <result>. */
static const char *const outcomes[OUT__MAX] = {
	[OUT_READY] = "ready", [OUT_MEMBER] = "member",
	[OUT_REFUSED] = "refused",
};

struct target {
	const char	*email;
	enum outcome	 what;
	const char	*reason;		/* OUT_REFUSED */
	char		 token[TOKEN_B64_LEN + 1];
	int		 mail_failed;
};

/* One invite request, validated. */
struct invite {
	int		 bulk;		/* the Users page form (field emails) */
	const char	*text;		/* as typed */
	const char	*rname;		/* the role, NULL when refused */
	enum role	 role;
	const char	*message;	/* as typed, "" for none */
	struct target	 t[MAX_INVITE_ADDRESSES];
	size_t		 n, given;
};

/* ------------------------------------------------------- validation */

/* Refuses target t for reason. */
static void
refuse_target(struct target *t, const char *reason)
{
	t->what = OUT_REFUSED;
	t->reason = reason;
}

/*
 * Checks every address: its form, then the organization's allowed
 * domains; *bad is the number refused.  Returns an rc.
 */
static int
check_targets(struct req *r, struct invite *iv, int *bad)
{
	const char	*domains;
	size_t		 i;

	*bad = 0;
	if (invite_domains(r, &domains) != RC_OK)
		return RC_DOWN;
	for (i = 0; i < iv->n; i++) {
		struct target *t = &iv->t[i];

		if (!valid_check(VALID_EMAIL, t->email, strlen(t->email)))
			refuse_target(t, valid_message(VALID_EMAIL));
		else if (!domains_allow_invite(domains, t->email))
			refuse_target(t, arena_printf(r->a, "Your organization "
			    "allows invitations only to addresses at %s.",
			    domains));
		*bad += t->what == OUT_REFUSED;
	}
	return RC_OK;
}

/*
 * Marks the addresses that belong to members already (one query for the
 * whole list); *left is the number left to invite.  Returns an rc.
 */
static int
mark_members(struct req *r, struct invite *iv, int *left)
{
	struct dbres	 res;
	char		*set;
	size_t		 i, j, len = 1;
	int		 rc;

	*left = 0;
	for (i = 0; i < iv->n; i++)
		len += strlen(iv->t[i].email) + 1;
	if ((set = arena_alloc(r->a, len)) == NULL)
		return RC_ERROR;
	for (i = 0, j = 0; i < iv->n; i++) {
		if (i > 0)
			set[j++] = ',';
		memcpy(set + j, iv->t[i].email, strlen(iv->t[i].email));
		j += strlen(iv->t[i].email);
	}
	set[j] = '\0';
	if ((rc = db_exec(r->db, r->a, STMT_MEMBERS_AMONG, &res, NULL, NULL,
	    "us", r->s->account_id, set)) != RC_OK)
		return rc;
	for (i = 0; i < iv->n; i++) {
		for (j = 0; j < res.nrows; j++)
			if (strcmp(db_cell(&res, j, MA_EMAIL),
			    iv->t[i].email) == 0)
				iv->t[i].what = OUT_MEMBER;
		*left += iv->t[i].what == OUT_READY;
	}
	return RC_OK;
}

/*
 * Reads the route's fields into iv: which form was posted, the role, the
 * message, the addresses split but not yet checked (*too_many: the list
 * has more than MAX_INVITE_ADDRESSES).  Returns an rc.
 */
static int
read_form(struct req *r, struct invite *iv, int *too_many)
{
	struct addr_list	 l;
	const char		*one;
	size_t			 i;

	memset(iv, 0, sizeof(*iv));
	*too_many = 0;
	iv->bulk = in_sent(r, "emails");
	iv->text = in_typed(r, iv->bulk ? "emails" : "email");
	iv->rname = in_str(r, "role");
	iv->role = role_parse(iv->rname);
	iv->message = iv->bulk ? in_typed(r, "message") : "";
	if (!iv->bulk) {
		if ((one = email_normalise(r->a, iv->text)) == NULL)
			return RC_ERROR;
		if (*one != '\0')
			iv->t[iv->n++].email = one;
		iv->given = iv->n;
		return RC_OK;
	}
	if (invite_split(r->a, iv->text, &l) == -1) {
		if (r->a->failed)
			return RC_ERROR;
		*too_many = 1;
	}
	for (i = 0; i < l.n; i++)
		iv->t[iv->n++].email = l.v[i];
	iv->given = l.given;
	return RC_OK;
}

/* ---------------------------------------------------------- answers */

/*
 * The 422 of the overview's form: the overview with one error and what
 * was typed (a known role only).  Returns RC_OK, or RC_ERROR with
 * r->status set.
 */
static int
refuse_single(struct req *r, const struct invite *iv, const char *field,
    const char *msg)
{
	r->status = 422;
	if (xml_page(r, "settings") == NULL)
		return RC_ERROR;
	xml_error(r, field, msg);
	return settings_render(r, iv->text, iv->rname, NULL);
}

/*
 * The 422 of the Users page's form: the page with the form as typed, the
 * errors, and one <result> per address.  Returns RC_OK, or RC_ERROR with
 * r->status set.
 */
static int
refuse_bulk(struct req *r, const struct invite *iv)
{
	xmlNodePtr	 inv, n;
	size_t		 i;

	r->status = 422;
	inv = users_invite_form(r, iv->text, iv->rname, iv->message);
	for (i = 0; inv != NULL && i < iv->n; i++) {
		n = xml_el(inv, "result", iv->t[i].reason);
		xml_attr(n, "email", iv->t[i].email);
		xml_attr(n, "outcome", outcomes[iv->t[i].what]);
	}
	return users_render(r);
}

/*
 * The 422 when every address belongs to a member already.  Returns
 * RC_OK, or RC_ERROR with r->status set.
 */
static int
refuse_members(struct req *r, const struct invite *iv)
{
	if (!iv->bulk)
		return refuse_single(r, iv, "email", arena_printf(r->a,
		    "%s is already a member of this account.", iv->t[0].email));
	xml_error(r, "emails", iv->n == 1 ? "This address belongs to a "
	    "member of this account already." : "These addresses belong "
	    "to members of this account already.");
	return refuse_bulk(r, iv);
}

/* Adds the bulk form's field errors; returns their number. */
static int
form_errors(struct req *r, const struct invite *iv, int too_many, int bad)
{
	int	 n = 0;

	if (too_many)
		xml_error(r, "emails", arena_printf(r->a, "Invite at most %d "
		    "addresses at once (this list has %zu).",
		    MAX_INVITE_ADDRESSES, iv->given)), n++;
	else if (iv->n == 0)
		xml_error(r, "emails", "Enter at least one email address."), n++;
	else if (bad > 0)
		xml_error(r, "emails", iv->n == 1 ? iv->t[0].reason :
		    arena_printf(r->a, "%d of %zu addresses cannot be invited: "
		    "correct or remove them.", bad, iv->n)), n++;
	if (in_error(r, "role") != NULL)
		xml_error(r, "role", in_error(r, "role")), n++;
	if (in_error(r, "message") != NULL)
		xml_error(r, "message", in_error(r, "message")), n++;
	return n;
}

/*
 * Answers the request when the form must be refused (an address, the
 * role or the message: 422, nothing sent) or the database fails (503):
 * sets *answered and returns what the handler returns.  Else RC_OK.
 */
static int
check_form(struct req *r, struct invite *iv, int too_many, int *answered)
{
	int	 bad, left;

	*answered = 1;
	if (check_targets(r, iv, &bad) != RC_OK)
		return req_down(r);
	if (!iv->bulk && (iv->n == 0 || bad > 0))
		return refuse_single(r, iv, "email", iv->n == 0 ?
		    "Enter an email address." : iv->t[0].reason);
	if (!iv->bulk && iv->role == ROLE_NONE)
		return refuse_single(r, iv, "role", in_error(r, "role"));
	if (iv->bulk && form_errors(r, iv, too_many, bad) > 0) {
		if (iv->n > 0 && mark_members(r, iv, &left) != RC_OK)
			return req_down(r);
		return refuse_bulk(r, iv);
	}
	*answered = 0;
	return RC_OK;
}

/*
 * req_txn_fn: writes the invitations of every ready target of the
 * struct invite with their audit rows; each try draws new links (the
 * mails, sent after the commit, carry the last).  Returns an rc.
 */
static int
store_tx(struct req *r, void *arg)
{
	struct invite	*iv = arg;
	size_t		 i;
	int		 rc;

	for (i = 0; i < iv->n; i++) {
		struct target *t = &iv->t[i];

		if (t->what != OUT_READY)
			continue;
		if ((rc = invite_store(r, t->email, iv->role, iv->message,
		    t->token)) != RC_OK)
			return rc;
	}
	return RC_OK;
}

/* " label: a, b, c." of the targets with outcome o (failed: whose mail
 * failed only), at most three named; "" for none. */
static const char *
names_of(struct req *r, const struct invite *iv, enum outcome o, int failed,
    const char *label)
{
	const char	*s = NULL;
	size_t		 i, shown = 0, all = 0;

	for (i = 0; i < iv->n; i++) {
		if (iv->t[i].what != o || (failed && !iv->t[i].mail_failed))
			continue;
		all++;
		if (shown < 3) {
			s = s ? arena_printf(r->a, "%s, %s", s, iv->t[i].email) :
			    iv->t[i].email;
			shown++;
		}
	}
	if (all == 0)
		return "";
	if (all > shown)
		s = arena_printf(r->a, "%s and %zu more", s, all - shown);
	return arena_printf(r->a, " %s: %s.", label, s);
}

/* The first target with outcome o, or "". */
static const char *
first_of(const struct invite *iv, enum outcome o)
{
	size_t	 i;

	for (i = 0; i < iv->n; i++)
		if (iv->t[i].what == o)
			return iv->t[i].email;
	return "";
}

/* The flash after the invitations went out: who, and what went wrong. */
static void
invite_flash(struct req *r, const struct invite *iv, int sent, int failed)
{
	const char	*head;

	head = sent == 1 ? arena_printf(r->a, "Invitation sent to %s as %s.",
	    first_of(iv, OUT_READY), role_label(iv->role)) :
	    arena_printf(r->a, "Invitations sent to %d people as %s.", sent,
	    role_label(iv->role));
	req_flash(r, failed ? "error" : "ok", arena_printf(r->a, "%s%s%s",
	    head, names_of(r, iv, OUT_MEMBER, 0, "Already members"),
	    failed ? names_of(r, iv, OUT_READY, 1, "The mail could not be "
	    "sent to (copy their link from the Users page)") : ""));
}

/* The page to return to from the overview's form: back (a settings
 * page) or /settings. */
static const char *
back_to(struct req *r)
{
	const char	*b = in_str(r, "back");

	if (b != NULL && strncmp(b, "/settings", 9) == 0 &&
	    (b[9] == '\0' || b[9] == '/'))
		return b;
	return "/settings";
}

/*
 * POST /settings/users/invite (Admin, Creator).  Fields: emails (the
 * Users page: up to MAX_INVITE_ADDRESSES addresses separated by commas,
 * semicolons, newlines or blanks) and message (optional), or email (the
 * overview's box, one address; back: where to return); role.
 *
 * 303 back with a flash naming who was invited and who was a member
 * already; 422 with the form refilled and one result per address when an
 * address, the role or the message is refused (nothing is sent then), or
 * when every address belongs to a member; 403 for a role above one's
 * own; 503 without a database.  Mail failures after the commit leave the
 * invitations in place and say so in the flash.
 */
int
page_invite_post(struct req *r)
{
	struct invite	*iv;
	size_t		 i;
	int		 too_many, answered, left, rc, sent = 0, failed = 0;

	if ((iv = arena_alloc(r->a, sizeof(*iv))) == NULL ||
	    read_form(r, iv, &too_many) != RC_OK)
		return RC_ERROR;
	if (iv->bulk && xml_page(r, "users") == NULL)
		return RC_ERROR;
	rc = check_form(r, iv, too_many, &answered);
	if (answered)
		return rc;
	if (!role_may_grant(r->s->role, iv->role)) {
		page_error(r, 403, "You cannot grant a role above your own.");
		return RC_OK;
	}
	if (mark_members(r, iv, &left) != RC_OK)
		return req_down(r);
	if (left == 0)
		return refuse_members(r, iv);
	if (req_txn(r, store_tx, iv) != RC_OK)
		return req_down(r);
	for (i = 0; i < iv->n; i++) {
		if (iv->t[i].what != OUT_READY)
			continue;
		sent++;
		if (invite_mail(r, iv->t[i].email, iv->role, iv->message,
		    iv->t[i].token) == -1)
			iv->t[i].mail_failed = 1, failed++;
		sodium_memzero(iv->t[i].token, sizeof(iv->t[i].token));
	}
	r->doc = NULL;
	invite_flash(r, iv, sent, failed);
	req_redirect(r, iv->bulk ? "/settings/users" : back_to(r));
	return RC_OK;
}

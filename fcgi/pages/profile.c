/*
 * /settings/profile: name, email, phone, role, account and member-since;
 * the state of 2-step verification; the user's sessions (browser, OS,
 * address, started, last seen, this one marked) with "end" and "end all
 * others" (profile_sessions.c).  Every query names the signed-in user;
 * times are in the account's zone.  The other forms of the page
 * (profile_email.c, profile_2fa.c) draw it again with profile_refuse().
 */
#include <string.h>

#include "../arena.h"
#include "../audit.h"
#include "../conf.h"
#include "../db.h"
#include "../input.h"
#include "../limits.h"
#include "../pager.h"
#include "../passkey.h"
#include "../rc.h"
#include "../request.h"
#include "../text.h"
#include "../tz.h"
#include "../ua.h"
#include "../xml.h"
#include "pages.h"

/* Columns of STMT_SESSIONS_OF_USER. */
enum { SU_ID, SU_IP, SU_UA, SU_STARTED, SU_LAST_SEEN, SU_ACCOUNT,
	SU_ACCOUNT_NAME };

/* Columns of STMT_EMAIL_CHANGE_PENDING. */
enum { EP_TO, EP_EXPIRES };

/* <session> of row i of res (STMT_SESSIONS_OF_USER) into list; times
 * in zone z. */
static void
session_xml(struct req *r, xmlNodePtr list, const struct tz *z,
    const struct dbres *res, size_t i)
{
	xmlNodePtr	 n = xml_el(list, "session", NULL);
	char		 browser[64], os[32];

	xml_attr(n, "id", db_cell(res, i, SU_ID));
	xml_attr_yes(n, "current", db_u64(res, i, SU_ID) == r->s->id);
	xml_attr(n, "ip", db_cell(res, i, SU_IP));
	ua_parse(db_cell(res, i, SU_UA), browser, sizeof(browser), os,
	    sizeof(os));
	xml_attr(n, "browser", browser);
	xml_attr(n, "os", os);
	xml_attr_time(n, "started", z, db_cell(res, i, SU_STARTED));
	xml_attr_time(n, "last-seen", z, db_cell(res, i, SU_LAST_SEEN));
	xml_attr(n, "account", db_cell(res, i, SU_ACCOUNT));
	xml_attr(n, "account-name", db_cell(res, i, SU_ACCOUNT_NAME));
}

/*
 * <sessions>: one page (?page=) of the user's live sessions, the current
 * first, with its <pager>; times in zone z (the session's account's, for
 * the sessions in other accounts too).  Returns an rc.
 */
static int
add_sessions(struct req *r, const struct tz *z)
{
	struct dbres	 res;
	xmlNodePtr	 list;
	long		 page;
	size_t		 i;
	int		 rc;

	/* The page is drawn again after its forms' POSTs, which carry no
	 * ?page=: the first page of sessions then. */
	page = page_arg(in_declared(r, "page") ? in_str(r, "page") : NULL);
	if ((rc = db_exec(r->db, r->a, STMT_SESSIONS_OF_USER, &res, NULL, NULL,
	    "uiuii", r->s->user_id,
	    (long long)conf.session_idle, r->s->id,
	    (long long)SESSIONS_PER_PAGE + 1,
	    (long long)(page - 1) * SESSIONS_PER_PAGE)) != RC_OK)
		return rc;
	list = xml_el(r->root, "sessions", NULL);
	for (i = 0; i < res.nrows && i < SESSIONS_PER_PAGE; i++)
		session_xml(r, list, z, &res, i);
	pager_el(r, list, "/settings/profile", page, SESSIONS_PER_PAGE,
	    res.nrows > SESSIONS_PER_PAGE, -1, NULL);
	return RC_OK;
}

/* <email-change>: an address change waiting for its link, if any, its
 * expiry in zone z; an rc. */
static int
add_email_change(struct req *r, xmlNodePtr profile, const struct tz *z)
{
	struct dbres	 res;
	xmlNodePtr	 n;
	int		 rc;

	if ((rc = db_exec(r->db, r->a, STMT_EMAIL_CHANGE_PENDING, &res, NULL,
	    NULL, "u", r->s->user_id)) != RC_OK)
		return rc;
	if (res.nrows == 1) {
		n = xml_el(profile, "email-change", NULL);
		xml_attr(n, "to", db_cell(&res, 0, EP_TO));
		xml_attr_time(n, "expires", z, db_cell(&res, 0, EP_EXPIRES));
	}
	return RC_OK;
}

/* <twofa>: the state of 2-step verification (res: STMT_USER_PROFILE;
 * times in zone z). */
static void
add_twofa(struct req *r, const struct tz *z, const struct dbres *res)
{
	xmlNodePtr	 t = xml_el(r->root, "twofa", NULL);

	xml_attr_yes(t, "enabled", db_u64(res, 0, UP_TOTP) != 0);
	xml_attr_yes(t, "required", db_u64(res, 0, UP_REQUIRE_2FA) != 0);
	xml_attr_time(t, "since", z, db_cell(res, 0, UP_TOTP_SINCE));
	xml_attr_i(t, "recovery-left",
	    (long long)db_u64(res, 0, UP_RECOVERY_LEFT));
}

/*
 * Draws the profile page into r (status set by the caller, errors added
 * before).  f (NULL: none) names the form that was refused and what
 * refills it.  Returns RC_OK, or RC_ERROR with r->status 503 when the
 * database fails.
 */
int
profile_render(struct req *r, const struct profile_refill *f)
{
	static const struct profile_refill none;
	struct dbres	 res;
	struct tz	*z;
	xmlNodePtr	 p;

	if (f == NULL)
		f = &none;
	if (r->doc == NULL && xml_page(r, "profile") == NULL)
		return RC_ERROR;
	if ((z = tz_or_utc(r->a, r->s->timezone)) == NULL)
		return RC_ERROR;
	if (db_exec(r->db, r->a, STMT_USER_PROFILE, &res, NULL, NULL, "uu",
	    r->s->account_id, r->s->user_id) != RC_OK || res.nrows != 1)
		return req_down(r);
	p = xml_el(r->root, "profile", NULL);
	xml_attr(p, "name", f->name ? f->name : db_cell(&res, 0, UP_NAME));
	xml_attr(p, "email", db_cell(&res, 0, UP_EMAIL));
	xml_attr(p, "phone", f->phone ? f->phone : db_cell(&res, 0, UP_PHONE));
	xml_attr_time(p, "member-since", z, db_cell(&res, 0, UP_MEMBER_SINCE));
	xml_attr(p, "new-email", f->new_email ? f->new_email : "");
	xml_attr(p, "form", f->form);
	if (add_email_change(r, p, z) != RC_OK)
		return req_down(r);
	add_twofa(r, z, &res);
	if (passkey_list(r, r->root, r->s->user_id, z) != RC_OK ||
	    add_sessions(r, z) != RC_OK)
		return req_down(r);
	if (profile_tokens_xml(r, f->form) != RC_OK)
		return req_down(r);
	return RC_OK;
}

/*
 * Re-draws the profile page with status and one error (field NULL: about
 * the whole form) on the form f names.  Returns RC_OK, or RC_ERROR with
 * r->status set.
 */
int
profile_refuse(struct req *r, int status, const struct profile_refill *f,
    const char *field, const char *msg)
{
	r->status = status;
	if (xml_page(r, "profile") == NULL)
		return RC_ERROR;
	xml_error(r, field, msg);
	return profile_render(r, f);
}

/* GET /settings/profile (page: of the sessions list). */
int
page_profile(struct req *r)
{
	return profile_render(r, NULL);
}

/*
 * A phone number as typed, without spaces, dashes, dots and brackets
 * ("" for NULL); NULL on exhaustion.
 */
static char *
phone_digits(struct arena *a, const char *s)
{
	char	*out, *p;

	if ((out = arena_strdup(a, s != NULL ? s : "")) == NULL)
		return NULL;
	for (p = out; s != NULL && *s != '\0'; s++)
		if (strchr(" -.()", *s) == NULL)
			*p++ = *s;
	*p = '\0';
	return out;
}

/*
 * POST /settings/profile (name, phone): 303 back with a flash; 422 with
 * the form refilled for an empty or over-long name or a phone number
 * that is not E.164; 503 without a database.  Audited.
 */
int
page_profile_post(struct req *r)
{
	struct profile_refill	 f = { "details", in_typed(r, "name"),
	    in_typed(r, "phone"), NULL };
	const char		*name = in_str(r, "name"), *why, *field;
	char			*phone;

	if ((why = in_error(r, field = "name")) != NULL ||
	    (why = in_error(r, field = "phone")) != NULL)
		return profile_refuse(r, 422, &f, field, why);
	if ((phone = phone_digits(r->a, in_str(r, "phone"))) == NULL)
		return RC_ERROR;
	if (req_txn_exec(r, "profile.update", arena_printf(r->a,
	    "name %s, phone %s", name, *phone ? phone : "-"),
	    STMT_USER_SET_DETAILS, "ssu", name, phone, r->s->user_id) != RC_OK)
		return req_down(r);
	req_flash(r, "ok", "Your profile was saved.");
	req_redirect(r, "/settings/profile");
	return RC_OK;
}

/*
 * /settings/profile: name, email, phone, role, account and member-since;
 * the state of 2-step verification; the user's sessions (browser, OS,
 * address, started, last seen, this one marked) with "end" and "end all
 * others".  Every query names the signed-in user; times are in the
 * account's zone.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "../arena.h"
#include "../audit.h"
#include "../conf.h"
#include "../db.h"
#include "../decode.h"
#include "../error.h"
#include "../input.h"
#include "../limits.h"
#include "../rc.h"
#include "../request.h"
#include "../session.h"
#include "../text.h"
#include "../totp.h"
#include "../twofa.h"
#include "../valid.h"
#include "../xml.h"

/* <sessions>: one page of the user's live sessions, the current first. */
static int
add_sessions(struct req *r)
{
	struct dbres	 res;
	xmlNodePtr	 list, n;
	char		 browser[64], os[32];
	long		 page = page_arg(kv_get(&r->query, "page"));
	size_t		 i;

	if (db_exec(r->db, r->a, STMT_SESSIONS_OF_USER, &res, NULL, NULL,
	    "ssuiuii", r->s->timezone, r->s->timezone, r->s->user_id,
	    (long long)conf.session_idle, r->s->id, (long long)SESSIONS_PER_PAGE + 1,
	    (long long)(page - 1) * SESSIONS_PER_PAGE) != RC_OK)
		return -1;
	list = xml_el(r->root, "sessions", NULL);
	xml_attr_i(list, "page", page);
	xml_attr_yes(list, "more", res.nrows > SESSIONS_PER_PAGE);
	for (i = 0; i < res.nrows && i < SESSIONS_PER_PAGE; i++) {
		n = xml_el(list, "session", NULL);
		xml_attr(n, "id", db_cell(&res, i, 0));
		xml_attr_yes(n, "current", db_u64(&res, i, 0) == r->s->id);
		xml_attr(n, "ip", db_cell(&res, i, 1));
		ua_parse(db_cell(&res, i, 2), browser, sizeof(browser), os,
		    sizeof(os));
		xml_attr(n, "browser", browser);
		xml_attr(n, "os", os);
		xml_attr(n, "started", db_cell(&res, i, 3));
		xml_attr(n, "last-seen", db_cell(&res, i, 4));
		xml_attr(n, "account", db_cell(&res, i, 5));
		xml_attr(n, "account-name", db_cell(&res, i, 6));
	}
	return 0;
}

/* <email-change>: an address change waiting for its link, if any. */
static int
add_email_change(struct req *r, xmlNodePtr profile)
{
	struct dbres	 res;
	xmlNodePtr	 n;

	if (db_exec(r->db, r->a, STMT_EMAIL_CHANGE_PENDING, &res, NULL, NULL,
	    "su", r->s->timezone, r->s->user_id) != RC_OK)
		return -1;
	if (res.nrows == 1) {
		n = xml_el(profile, "email-change", NULL);
		xml_attr(n, "to", db_cell(&res, 0, 0));
		xml_attr(n, "expires", db_cell(&res, 0, 1));
	}
	return 0;
}

/*
 * Draws the profile page into r (status set by the caller, errors added
 * before).  form names the form that failed (NULL: none); name, phone
 * and new_email, when not NULL, refill it.  Returns 0, or -1 with
 * r->status 503 when the database fails.
 */
int
profile_render(struct req *r, const char *form, const char *name,
    const char *phone, const char *new_email)
{
	struct dbres	 res;
	xmlNodePtr	 p, t;

	if (r->doc == NULL && xml_page(r, "profile") == NULL)
		return -1;
	if (db_exec(r->db, r->a, STMT_PROFILE_GET, &res, NULL, NULL, "ssuu",
	    r->s->timezone, r->s->timezone, r->s->account_id,
	    r->s->user_id) != RC_OK || res.nrows != 1)
		goto down;
	p = xml_el(r->root, "profile", NULL);
	xml_attr(p, "name", name ? name : db_cell(&res, 0, 0));
	xml_attr(p, "email", db_cell(&res, 0, 1));
	xml_attr(p, "phone", phone ? phone : db_cell(&res, 0, 2));
	xml_attr(p, "member-since", db_cell(&res, 0, 5));
	xml_attr(p, "new-email", new_email ? new_email : "");
	xml_attr(p, "form", form);
	if (add_email_change(r, p) == -1)
		goto down;
	t = xml_el(r->root, "twofa", NULL);
	xml_attr_yes(t, "enabled", db_u64(&res, 0, 3) != 0);
	xml_attr_yes(t, "required", db_u64(&res, 0, 7) != 0);
	xml_attr(t, "since", db_cell(&res, 0, 4));
	xml_attr_i(t, "recovery-left", (long long)db_u64(&res, 0, 6));
	if (add_sessions(r) == -1)
		goto down;
	return 0;
down:
	r->status = 503;
	return -1;
}

/* GET /settings/profile. */
int
page_profile(struct req *r)
{
	return profile_render(r, NULL, NULL, NULL, NULL);
}

/* A copy of s without leading and trailing white space. */
static char *
trimmed(struct arena *a, const char *s)
{
	size_t	 n;

	if (s == NULL)
		return arena_strdup(a, "");
	while (*s == ' ' || *s == '\t')
		s++;
	n = strlen(s);
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	return arena_strndup(a, s, n);
}

/* A phone number as typed, without spaces, dashes, dots and brackets. */
static char *
phone_digits(struct arena *a, const char *s)
{
	char	*out, *p;

	if ((out = arena_strdup(a, s)) == NULL)
		return NULL;
	for (p = out; *s != '\0'; s++)
		if (strchr(" -.()", *s) == NULL)
			*p++ = *s;
	*p = '\0';
	return out;
}

/* Re-draws the profile page with one error on form "details" (422). */
static int
details_refuse(struct req *r, const char *field, const char *msg,
    const char *name, const char *phone)
{
	r->status = 422;
	if (xml_page(r, "profile") == NULL)
		return -1;
	xml_error(r, field, msg);
	return profile_render(r, "details", name, phone, NULL);
}

/*
 * POST /settings/profile (name, phone): 303 back with a flash; 422 with
 * the form refilled for an empty or over-long name or a phone number
 * that is not E.164; 503 without a database.  Audited.
 */
int
page_profile_post(struct req *r)
{
	char	*name = trimmed(r->a, kv_get(&r->form, "name"));
	char	*typed = trimmed(r->a, kv_get(&r->form, "phone"));
	char	*phone = phone_digits(r->a, typed ? typed : "");

	if (name == NULL || typed == NULL || phone == NULL)
		return -1;
	if (*name == '\0')
		return details_refuse(r, "name", "Enter your name.", name, typed);
	if (!valid_check(VALID_PERSON_NAME, name, strlen(name)))
		return details_refuse(r, "name", valid_message(VALID_PERSON_NAME),
		    name, typed);
	if (*phone != '\0' && !valid_check(VALID_PHONE, phone, strlen(phone)))
		return details_refuse(r, "phone", valid_message(VALID_PHONE),
		    name, typed);
	if (db_begin(r->db) != RC_OK)
		goto down;
	if (db_exec(r->db, r->a, STMT_PROFILE_SET, NULL, NULL, NULL, "ssu",
	    name, phone, r->s->user_id) != RC_OK ||
	    audit_req(r, "profile.update",
	    arena_printf(r->a, "name %s, phone %s", name, *phone ? phone : "-")) != RC_OK || db_commit(r->db) != RC_OK) {
		db_rollback(r->db);
		goto down;
	}
	req_flash(r, "ok", "Your profile was saved.");
	req_redirect(r, "/settings/profile");
	return 0;
down:
	r->status = 503;
	return -1;
}

/* The decimal id in s, or 0 when s is not one. */
static uint64_t
parse_id(const char *s)
{
	char			*end;
	unsigned long long	 v;

	if (s == NULL || *s < '1' || *s > '9' || strlen(s) > 19)
		return 0;
	v = strtoull(s, &end, 10);
	return *end == '\0' ? (uint64_t)v : 0;
}

/*
 * POST /settings/profile/sessions/end (session): ends one of the user's
 * own sessions (303 back, audited); the current one signs out (303 to
 * /login).  404 when the id is not a session of this user.
 */
int
page_session_end_post(struct req *r)
{
	uint64_t	 id = parse_id(kv_get(&r->form, "session")), n = 0;
	int		 self = id == r->s->id;

	if (id == 0) {
		page_error(r, 404, "There is no such session of yours.");
		return 0;
	}
	if (db_begin(r->db) != RC_OK)
		goto down;
	if (db_exec(r->db, r->a, STMT_SESSION_END_MINE, NULL, &n, NULL, "uu",
	    id, r->s->user_id) != RC_OK)
		goto fail;
	if (n == 0) {
		db_rollback(r->db);
		page_error(r, 404, "There is no such session of yours.");
		return 0;
	}
	if (audit_req(r, self ? "logout" :
	    "session.end", arena_printf(r->a, "session %llu",
	    (unsigned long long)id)) != RC_OK || db_commit(r->db) != RC_OK)
		goto fail;
	if (self) {
		(void)session_end(r);	/* the row is gone; drops the cookie */
		r->s = NULL;
		r->csrf[0] = '\0';
		req_flash(r, "ok", "You have signed out.");
		req_redirect(r, "/login");
		return 0;
	}
	req_flash(r, "ok", "The session was ended; that browser is signed out.");
	req_redirect(r, "/settings/profile");
	return 0;
fail:
	db_rollback(r->db);
down:
	r->status = 503;
	return -1;
}

/*
 * POST /settings/profile/sessions/end-others: ends every session of the
 * user but this one (303 back, audited with the count).
 */
int
page_sessions_end_others_post(struct req *r)
{
	uint64_t	 n = 0;

	if (db_begin(r->db) != RC_OK)
		goto down;
	if (db_exec(r->db, r->a, STMT_SESSION_END_OTHERS, NULL, &n, NULL, "uu",
	    r->s->user_id, r->s->id) != RC_OK ||
	    audit_req(r, "session.end-others",
	    arena_printf(r->a, "%llu sessions", (unsigned long long)n)) != RC_OK || db_commit(r->db) != RC_OK) {
		db_rollback(r->db);
		goto down;
	}
	req_flash(r, "ok", n == 0 ? "There were no other sessions." :
	    n == 1 ? "Signed out 1 other session." :
	    arena_printf(r->a, "Signed out %llu other sessions.",
	    (unsigned long long)n));
	req_redirect(r, "/settings/profile");
	return 0;
down:
	r->status = 503;
	return -1;
}

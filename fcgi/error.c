/*
 * Error pages: every refusal is an XML document drawn by the same layout,
 * with a title and a sentence that says what to do.
 */
#include "error.h"
#include "request.h"
#include "xml.h"

static const struct {
	int		 status;
	const char	*title, *detail;
} errors[] = {
	{ 400, "Bad request", "The request could not be understood." },
	{ 401, "Sign in required", "Sign in to continue." },
	{ 403, "Not allowed", "You do not have permission to do this." },
	{ 404, "Page not found", "There is nothing at this address, or it "
	    "belongs to an account you are not signed in to." },
	{ 405, "Method not allowed", "This address does not accept that kind "
	    "of request." },
	{ 413, "Too large", "The request is larger than allowed." },
	{ 414, "Address too long", "The address is longer than allowed." },
	{ 415, "Unsupported form", "Send the form as "
	    "application/x-www-form-urlencoded." },
	{ 422, "Check the form", "Some fields need attention." },
	{ 429, "Too many attempts", "Wait a moment, then try again." },
	{ 500, "Something went wrong", "The error was logged. Try again in "
	    "a moment." },
	{ 503, "Temporarily unavailable", "Steward cannot reach its database "
	    "right now. Try again in a moment." },
};

/*
 * Replaces whatever the request built with the error page of status;
 * detail, when not NULL, replaces the standard sentence.
 */
void
page_error(struct req *r, int status, const char *detail)
{
	xmlNodePtr	 n;
	size_t		 i;
	const char	*title = "Error";

	for (i = 0; i < sizeof(errors) / sizeof(errors[0]); i++)
		if (errors[i].status == status) {
			title = errors[i].title;
			if (detail == NULL)
				detail = errors[i].detail;
		}
	r->status = status;
	r->location = NULL;
	r->doc = NULL;		/* an earlier document is freed by the arena */
	if (xml_page(r, "error") == NULL)
		return;
	n = xml_el(r->root, "error-page", detail ? detail : "");
	xml_attr_i(n, "status", status);
	xml_attr(n, "title", title);
}

/*
 * The names of the status columns (status.h), and their look-ups.
 */
#include <string.h>

#include "status.h"
#include "text.h"

const char *const member_status_names[MEMBER__MAX] = {
	NULL, "active", "locked", "invited", "expired",
};

const char *const upload_status_names[UPLOAD__MAX] = {
	"", "uploaded", "mapping", "queued", "processing", "completed",
	"completed-with-errors", "failed",
};

const char *const upload_kind_names[UKIND__MAX] = { "", "profiles", "events" };

const char *const map_target_names[TARGET__MAX] = {
	"ignore", "identity", "property", "event", "ts",
};

const char *const download_status_names[DL__MAX] = {
	"", "queued", "running", "ready", "failed", "expired",
};

/* names[code], or names[0] when code is out of range. */
const char *
status_name(const char *const *names, size_t n, uint64_t code)
{
	return names[code < n ? code : 0];
}

/* The index of s in names[1 … n-1]; 0 for NULL or an unknown name. */
int
status_parse(const char *const *names, size_t n, const char *s)
{
	int	 i = name_index(names, n, s);

	return i > 0 ? i : 0;
}

/* "active", "locked", … for a member status code; NULL for another. */
const char *
member_status_name(int code)
{
	return code > 0 ? STATUS_NAME(member_status_names, (uint64_t)code) : NULL;
}

/* The code of a member status name; 0 when s is NULL or unknown. */
int
member_status_parse(const char *s)
{
	return STATUS_PARSE(member_status_names, s);
}

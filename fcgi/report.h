/*
 * Reports: their kinds (what a report exports) and the lists of its form
 * (recipients, event names).
 */
#ifndef STEWARD_REPORT_H
#define STEWARD_REPORT_H

#include <stddef.h>
#include <stdint.h>

#include "arena.h"
#include "roles.h"

enum rkind {
	RKIND_NONE, RKIND_EVENTS, RKIND_PROPS, RKIND_MEMBERS, RKIND_INVOICES,
	RKIND_CSV, RKIND__MAX
};

#define RF_RANGE	0x01	/* a report kind uses the date range */
#define RF_EVENTS	0x02	/* … the event names */
#define RF_LABEL	0x04	/* … the label */

struct rkind_info {
	const char	*key, *label;
	enum cap	 cap;		/* who may see its data */
	int		 available;	/* its tables are in this build */
	unsigned	 filters;	/* RF_* */
	const char	*about;		/* what its rows are, or why it is missing */
};

const struct rkind_info *rkind_get(enum rkind);
enum rkind	 rkind_parse(const char *);
int		 recipients_parse(struct arena *, const char *, const char ***,
		    size_t *, const char **bad);
int		 event_names_parse(struct arena *, const char *, const char ***,
		    size_t *, const char **bad);

#endif

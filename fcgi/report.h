/*
 * Reports: their kinds (what a report exports), the lists of its form
 * (recipients, event names), and what is stored of one (its row, its
 * date range, who may receive it).
 */
#ifndef STEWARD_REPORT_H
#define STEWARD_REPORT_H

#include <stddef.h>
#include <stdint.h>

#include <libxml/tree.h>

#include "arena.h"
#include "db.h"
#include "request.h"
#include "roles.h"
#include "sched.h"

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

/*
 * What recipients_parse() and event_names_parse() answer besides 0 (the
 * unit tests read these numbers).
 */
enum list_parse {
	LIST_BAD = -1,		/* an entry is not one: *bad */
	LIST_FULL = -2,		/* more entries than allowed */
	LIST_NOMEM = -3		/* out of memory */
};

/* Columns of STMT_REPORT_ONE. */
enum {
	RO_ID, RO_NAME, RO_KIND, RO_RANGE, RO_FROM, RO_TO, RO_EVENTS,
	RO_LABEL, RO_SCHEDULE, RO_WEEKDAY, RO_MDAY, RO_HOUR, RO_PAUSED,
	RO_NEXT_RUN, RO_LAST_RUN, RO_FORMAT
};

/* Columns of STMT_REPORT_RECIPIENTS. */
enum { RR_EMAIL };

/* Columns of STMT_MEMBER_ROLE_BY_EMAIL. */
enum { MR_USER, MR_ROLE };

const struct rkind_info *rkind_get(enum rkind);
enum rkind	 rkind_parse(const char *);
xmlNodePtr	 rkind_el(xmlNodePtr list, const struct rkind_info *);
int		 recipients_parse(struct arena *, const char *, const char ***,
		    size_t *, const char **bad);
int		 event_names_parse(struct arena *, const char *, const char ***,
		    size_t *, const char **bad);
int		 recipient_domains(struct db *, struct arena *, uint64_t account,
		    const char **domains);
void		 report_range(struct range *, uint64_t kind, const char *from,
		    const char *to);
const char	*report_next_run(struct arena *, const struct sched *,
		    const char *zone);
int		 report_row(struct req *, uint64_t id, struct dbres *);

#endif

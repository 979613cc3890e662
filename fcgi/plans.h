/*
 * The plans of the statements a page runs on every view: MariaDB's
 * EXPLAIN of each, judged against the rule of issue 14 — every list
 * reads an index in its order and stops at its page; no temporary
 * table, no sort, no whole-table read, unless the statement's entry
 * names the bounded set it sorts.  Used by steward-admin plans.
 */
#ifndef STEWARD_PLANS_H
#define STEWARD_PLANS_H

#include <stdio.h>
#include <stdint.h>

#include "arena.h"
#include "db.h"

/* Columns of an EXPLAIN row (traditional format). */
enum { PX_ID, PX_SELECT, PX_TABLE, PX_TYPE, PX_KEYS, PX_KEY, PX_KEYLEN,
    PX_REF, PX_ROWS, PX_EXTRA, PX__N };

#define PLAN_WHY_MAX	160	/* room for what a plan did wrong */

int	 plan_judge(const struct dbres *, int sorts, char *why, size_t);
int	 plans_check(struct db *, struct arena *, uint64_t account,
	    uint64_t user, int verbose, FILE *);

#endif

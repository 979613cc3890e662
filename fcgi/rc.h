/*
 * The return codes of every internal function that can fail.  A function
 * answers RC_OK or one of the negative codes below and says in its
 * contract comment which; predicates ("1 when …") answer 1 or 0 instead.
 * Route handlers answer RC_OK, or RC_ERROR with r->status set to the
 * status of the error page to draw.
 */
#ifndef STEWARD_RC_H
#define STEWARD_RC_H

enum rc {
	RC_OK = 0,
	RC_ERROR = -1,		/* a bug, a constraint, exhaustion: logged */
	RC_DUP = -2,		/* a duplicate key */
	RC_DOWN = -3		/* the database is gone and could not be reached */
};

#endif

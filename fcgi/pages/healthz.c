/*
 * /healthz: 200 when the worker and the database answer, 503 otherwise.
 */
#include "../db.h"
#include "../rc.h"
#include "../request.h"
#include "../xml.h"

/* GET /healthz: pings the database through the thread's connection; 200 or 503. */
int
page_health(struct req *r)
{
	struct dbres	 res;
	xmlNodePtr	 n;
	int		 up;

	up = db_exec(r->db, r->a, STMT_PING, &res, NULL, NULL, "") == RC_OK;
	r->status = up ? 200 : 503;
	if (xml_page(r, "health") == NULL)
		return -1;
	n = xml_el(r->root, "health", NULL);
	xml_attr(n, "database", up ? "up" : "down");
	return 0;
}

/*
 * POST /settings/csv-uploads/map (Admin, Creator): the column mapping of
 * an upload — saved, or saved and its import queued.  The form has a
 * colN (target), nameN and typeN (a property's) for each of the file's
 * columns: as many fields as the upload has columns, so they are read
 * here from the form rather than declared in the route table.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "../arena.h"
#include "../audit.h"
#include "../csv_map.h"
#include "../csv_upload.h"
#include "../db.h"
#include "../decode.h"
#include "../input.h"
#include "../jobs.h"
#include "../limits.h"
#include "../rc.h"
#include "../request.h"
#include "../status.h"
#include "../text.h"
#include "../xml.h"
#include "pages.h"

/* The actions of the form's buttons. */
enum map_action { ACTION_SAVE, ACTION_START };

static const char *const actions[] = {
	[ACTION_SAVE] = "save",
	[ACTION_START] = "start",
};

/* The mapping of the n columns as typed into the form, into tm. */
static void
map_typed(struct req *r, size_t n, struct typed_map *tm)
{
	char	 key[16];
	size_t	 i;

	memset(tm, 0, sizeof(*tm));
	for (i = 0; i < n && i < CSV_MAX_COLUMNS; i++) {
		snprintf(key, sizeof(key), "col%zu", i);
		tm->target[i] = kv_get(&r->form, key);
		snprintf(key, sizeof(key), "name%zu", i);
		tm->name[i] = kv_get(&r->form, key);
		snprintf(key, sizeof(key), "type%zu", i);
		tm->type[i] = kv_get(&r->form, key);
	}
}

/* A refused mapping: 422, the upload's page with the form as typed and
 * one error (field NULL: of the whole form).  RC_OK, or RC_ERROR with
 * r->status set. */
static int
map_refuse(struct req *r, uint64_t id, const struct typed_map *tm,
    const char *field, const char *msg)
{
	r->status = 422;
	if (xml_page(r, "csv-uploads") == NULL)
		return RC_ERROR;
	xml_error(r, field, msg);
	return csv_uploads_render(r, NULL, id, tm);
}

/* The arguments of map_save(). */
struct map_save {
	uint64_t	 id;
	const char	*name, *json;
	int		 start;
};

/* req_txn_fn: map_save()'s transaction. */
static int
map_save_tx(struct req *r, void *arg)
{
	struct map_save	*m = arg;
	uint64_t	 n = 0, job;
	int		 rc;

	rc = db_exec(r->db, r->a, m->start ? STMT_CSV_QUEUE : STMT_CSV_SAVE_MAP,
	    NULL, &n, NULL, "suu", m->json, m->id, r->s->account_id);
	if (rc == RC_OK && n != 1)
		rc = RC_ERROR;
	if (rc == RC_OK && m->start)
		rc = job_enqueue(r->db, r->a, r->s->account_id, "csv.import",
		    m->id, &job);
	if (rc != RC_OK)
		return rc;
	return audit_req(r, m->start ? "csv.import" : "csv.map", m->name);
}

/*
 * Saves the mapping (JSON) of upload id, named name, and with start
 * queues its import; audited, in one transaction.  An rc (RC_ERROR also
 * when the upload left the states that take a mapping meanwhile).
 */
static int
map_save(struct req *r, uint64_t id, const char *name, const char *json,
    int start)
{
	struct map_save	 m = { id, name, json, start };

	return req_txn(r, map_save_tx, &m);
}

/*
 * POST /settings/csv-uploads/map: upload, action, colN, nameN, typeN.
 * With action=start saves the mapping and queues the import job (status
 * queued), with action=save only saves it (status mapping); audited, in
 * one transaction; 303 to the upload with a flash.  422 with the form as
 * typed for a bad mapping, an unknown action or an upload already
 * queued; 404 for an upload not of this account; 503 without a database.
 */
int
page_csv_uploads_map_post(struct req *r)
{
	struct typed_map tm;
	struct dbres	 res;
	const char	*field, *msg, *name, *json;
	uint64_t	 id;
	size_t		 ncol;
	int		 action;

	if (in_u64(r, "upload", &id) != RC_OK) {
		r->status = 404;
		return RC_ERROR;
	}
	if (csv_upload_get(r, id, &res) != RC_OK)
		return RC_ERROR;
	name = db_cell(&res, 0, CO_NAME);
	ncol = (size_t)db_u64(&res, 0, CO_COLUMNS);
	if (ncol > CSV_MAX_COLUMNS)
		ncol = CSV_MAX_COLUMNS;
	map_typed(r, ncol, &tm);
	if (db_u64(&res, 0, CO_STATUS) > UPLOAD_MAPPING)
		return map_refuse(r, id, &tm, NULL, "This upload is already "
		    "queued or imported; its mapping cannot change.");
	if ((action = name_index(actions, sizeof(actions) / sizeof(actions[0]),
	    in_str(r, "action"))) < 0)
		return map_refuse(r, id, &tm, NULL, "Choose Save mapping or "
		    "Start import.");
	if ((json = map_build(r->a, &tm, ncol, db_u64(&res, 0, CO_KIND) ==
	    UKIND_EVENTS, &field, &msg)) == NULL)
		return msg ? map_refuse(r, id, &tm, field, msg) : RC_ERROR;
	if (map_save(r, id, name, json, action == ACTION_START) != RC_OK)
		return req_down(r);
	if (action == ACTION_START)
		jobs_wake();	/* committed: the import starts at once */
	req_flash(r, "ok", arena_printf(r->a, action == ACTION_START ?
	    "The import of %s is queued." : "Saved the mapping of %s.", name));
	req_redirect(r, arena_printf(r->a, "/settings/csv-uploads?upload=%llu",
	    (unsigned long long)id));
	return RC_OK;
}

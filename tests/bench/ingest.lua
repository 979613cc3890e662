-- wrk script for `./steward bench`: the ingestion API (data part).
-- Every request POSTs the same batch (BENCH_BODY_FILE, 100 events) with the
-- bench account's credentials; records/s = requests/s x records per batch.
local f = assert(io.open(os.getenv("BENCH_BODY_FILE"), "rb"))
wrk.method = "POST"
wrk.body = f:read("*a")
f:close()
wrk.headers["Content-Type"] = "application/json"
wrk.headers["X-Account-Id"] = os.getenv("BENCH_ACCOUNT") or ""
wrk.headers["X-Account-Passcode"] = os.getenv("BENCH_PASSCODE") or ""

# shellcheck shell=bash
# tests/cluster/check.sh — "./steward cluster check": the cluster under load
# and faults (DESIGN §13). Sourced by tests/cluster/cluster.sh.
#
# Load (tests/cluster/load.mjs): readers doing signed-in GET /settings and
# writers inviting a new address each, every acknowledged (303) address
# recorded; test.noop jobs for the two runners; then, one after the other:
#   1. node 2 not ready for 5 s (wsrep_reject_queries = ALL: error 1047)
#   2. kill -9 of node 2's mariadbd, restarted 3 s later (it rejoins by IST)
#   3. kill -9 of worker 2, restarted 2 s later
#   4. a deploy: both workers replaced one at a time (cluster_deploy)
#   5. the period close as a job (billing.close) raced by both runners
# Then, on every node: every acknowledged write is there exactly once, the
# nodes hold the same rows, every job ran exactly once; the failed requests
# and the outage of each fault are printed. Last line "N passed, N failed".

CK_P=0
CK_F=0

ck() { # NAME RESULT(0 = ok)
  if [ "$2" = 0 ]; then say "ok - $1"; CK_P=$((CK_P + 1)); else say "not ok - $1"; CK_F=$((CK_F + 1)); fi
}

now_ms() { date +%s%3N; }

# ck_wait SECONDS DESCRIPTION TEST…: poll TEST every 0.25 s; 0 when it held.
ck_wait() {
  local secs=$1 what=$2 i
  shift 2
  for ((i = 0; i < secs * 4; i++)); do
    if "$@" 2>/dev/null; then return 0; fi
    sleep 0.25
  done
  say "   (timed out after ${secs}s waiting for $what)"
  return 1
}

# all_synced: the three nodes Synced in a cluster of 3.
all_synced() { cl_synced 1 3 && cl_synced 2 3 && cl_synced 3 3; }

# ck_q N SQL: one value from node N's steward database.
ck_q() { cl_sql "$1" -N -B steward -e "$2"; }

# node_sums N: node N's invitations, audit rows and jobs as counts and
# checksums, on one line.
node_sums() {
  ck_q "$1" "SELECT COUNT(*), COALESCE(SUM(CRC32(CONCAT_WS(' ', id, email, role, created_at))), 0) FROM invitation;
             SELECT COUNT(*), COALESCE(SUM(CRC32(CONCAT_WS(' ', id, action, target))), 0) FROM audit_log;
             SELECT COUNT(*), COALESCE(SUM(CRC32(CONCAT_WS(' ', id, state, runs, runner))), 0) FROM job" | tr '\n\t' '  '
}

# ck_autoinc: every node's ids its own: the step CL_AUTOINC_STEP, the
# node's number as offset, and Galera not recomputing them (cluster.sh).
ck_autoinc() {
  local n v
  for n in "${CL_NODES[@]}"; do
    v=$(ck_q "$n" "SELECT CONCAT_WS(' ', @@auto_increment_increment, @@auto_increment_offset, @@wsrep_auto_increment_control)")
    [ "$v" = "$CL_AUTOINC_STEP $n OFF" ] || { say "   node $n: step, offset, wsrep control: $v"; return 1; }
  done
}

# ck_migrate_warns: migrate on node 3 is silent, and warns while that
# node has wsrep_auto_increment_control ON (restored after). Turning it ON
# sets the node's global step and offset at once, and every session that
# runs a statement meanwhile copies them and keeps them after OFF: runner
# 1, node 3's only client before the load, is stopped for that while.
ck_migrate_warns() {
  local quiet loud
  quiet=$(cl_admin 3 migrate 2>&1 >/dev/null)
  stop "runner 1" "$CL_RUN/jobs1.pid" >/dev/null
  cl_sql 3 -e "SET GLOBAL wsrep_auto_increment_control = ON"
  loud=$(cl_admin 3 migrate 2>&1 >/dev/null)
  cl_sql 3 -e "SET GLOBAL wsrep_auto_increment_control = OFF; SET GLOBAL auto_increment_increment = $CL_AUTOINC_STEP, auto_increment_offset = 3"
  cl_jobs_start 1
  [ -z "$quiet" ] && [[ $loud == *"wsrep_auto_increment_control = ON"* ]] && ck_autoinc
}

# ck_http_ok PATH: a signed-in GET through nginx answers 200.
ck_http_ok() {
  [ "$(curl -s -o /dev/null -m 5 -w '%{http_code}' -H "Cookie: $CK_COOKIE" "$CL_URL$1")" = 200 ]
}

# ck_fault NAME START END: a fault's window for the outage report.
ck_fault() { printf '%s\t%s\t%s\n' "$1" "$2" "$3" >>"$CK_DIR/faults.tsv"; }

# ---------------------------------------------------------------- faults

fault_node_kill() {
  local pid start end
  say "-- fault 2: kill -9 of node 2's mariadbd, restarted 3 s later"
  pid=$(cl_node_pid 2) || { ck "node 2 runs before the fault" 1; return; }
  start=$(now_ms)
  kill -KILL "$pid"
  while kill -0 "$pid" 2>/dev/null; do sleep 0.05; done
  rm -f "$CL/node2/mysqld.pid" "$CL/node2/mysqld.pid.driver"
  ck_wait 15 "nodes 1 and 3 to form a cluster of 2" eval 'cl_synced 1 2 && cl_synced 3 2'
  ck "nodes 1 and 3 go on as a cluster of 2 (Synced)" $?
  ck_http_ok /settings; ck "a signed-in page answers 200 while node 2 is down" $?
  sleep 3
  local lines
  lines=$(wc -l <"$CL_LOG/node2.log")
  ( cl_node_start 2 ) >>"$CK_DIR/node2-restart.log" 2>&1
  ck_wait 60 "node 2 Synced in a cluster of 3" all_synced
  ck "node 2 rejoined: all three nodes Synced, cluster size 3" $?
  end=$(now_ms)
  tail -n +"$((lines + 1))" "$CL_LOG/node2.log" >"$CK_DIR/node2-tail.log"
  grep -q 'Receiving IST' "$CK_DIR/node2-tail.log" &&
    ! grep -q 'mariabackup SST completed on joiner' "$CK_DIR/node2-tail.log"
  ck "node 2 caught up by IST (the missing writes only), not a full SST" $?
  ck_fault "node 2 killed (kill -9) and back by IST" "$start" "$end"
  say "   node 2 back and Synced $(((end - start) / 1000)).$(((end - start) % 1000 / 100)) s after the kill"
}

# A node that is up but not ready (a joiner, a donor, a node cut from
# the primary component answers error 1047): node 2 refuses its clients'
# statements for 5 s (wsrep_reject_queries = ALL). Worker 2 and runner 2
# must move to their fallback nodes; no GET may fail.
fault_node_reject() {
  local start end
  say "-- fault 1: node 2 not ready (refuses queries, error 1047) for 5 s"
  start=$(now_ms)
  cl_sql 2 -e "SET GLOBAL wsrep_reject_queries = ALL"
  ck "node 2 refuses its clients' queries" $?
  sleep 5
  cl_sql 2 -e "SET GLOBAL wsrep_reject_queries = NONE"
  ck "node 2 takes queries again" $?
  end=$(now_ms)
  ck_fault "node 2 not ready (error 1047) for 5 s" "$start" "$end"
}

fault_worker_kill() {
  local pid start end
  say "-- fault 3: kill -9 of worker 2, restarted 2 s later"
  pid=$(pid_of "$CL_RUN/worker2.pid") || { ck "worker 2 runs before the fault" 1; return; }
  start=$(now_ms)
  kill -KILL "$pid"
  while kill -0 "$pid" 2>/dev/null; do sleep 0.05; done
  ck_http_ok /settings; ck "a signed-in page answers 200 while worker 2 is dead" $?
  sleep 2
  ( cl_worker_start 2 ) >>"$CK_DIR/worker2-restart.log" 2>&1
  pid_of "$CL_RUN/worker2.pid" >/dev/null; ck "worker 2 restarted" $?
  end=$(now_ms)
  ck_fault "worker 2 killed (kill -9), restarted 2 s later" "$start" "$end"
}

fault_deploy() {
  local start end
  say "-- fault 4: a deploy (both workers replaced one at a time)"
  start=$(now_ms)
  ( cluster_deploy ) >>"$CK_DIR/deploy.log" 2>&1
  ck "the deploy replaced both workers (var/cluster/check/deploy.log)" $?
  end=$(now_ms)
  ck_fault "deploy (workers replaced one at a time)" "$start" "$end"
}

# The period close as a job: an organization whose period ended, today's
# billing.close requeued (as midnight would), both runners on two nodes.
fault_billing_close() {
  local out org key
  say "-- the period close (billing.close) raced by both runners"
  out=$(cl_admin 1 org-create "Close $CK_TAG" --account-name "Close app" --region eu1 --timezone UTC) || true
  org=$(printf '%s\n' "$out" | sed -n 's/.*org=\([0-9]*\).*/\1/p')
  [ -n "$org" ]; ck "an organization of its own (org $org)" $?
  [ -n "$org" ] || return
  key="CONCAT('billing.close ', UTC_DATE())"
  ck_q 1 "UPDATE organization SET plan_code = 'essentials', period_start = UTC_DATE() - INTERVAL 1 MONTH - INTERVAL 1 DAY WHERE id = $org;
          UPDATE job SET state = 1, attempts = 0, run_after = UTC_TIMESTAMP(6) WHERE once_key = $key"
  ck_wait 30 "today's billing.close to be done" eval "[ \"\$(ck_q 3 \"SELECT state FROM job WHERE once_key = $key\")\" = 3 ]"
  ck "today's billing.close ran (state done on node 3)" $?
  CK_CLOSE_ORG=$org
}

# ---------------------------------------------------------------- checks

# lost_report: for each acknowledged address without its invitation, its
# audit row and the invitations written within 0.2 s of it (an upsert that
# met another row's id updates that row: its created_at is the lost one's),
# with id % CL_AUTOINC_STEP, the node whose offset drew the id.
lost_report() {
  say "   acknowledged but not stored (audit row; invitations written near it):"
  ck_q 1 "SELECT CONCAT('   lost ', k.email, ': audit id ', a.id, ' (node ', a.id % $CL_AUTOINC_STEP, ') at ', a.created_at,
                 COALESCE((SELECT GROUP_CONCAT(CONCAT('; invitation id ', i.id, ' (node ', i.id % $CL_AUTOINC_STEP, ') ', i.email, ' created ', i.created_at) SEPARATOR '')
                             FROM invitation i WHERE i.created_at BETWEEN a.created_at - INTERVAL 0.2 SECOND AND a.created_at + INTERVAL 0.2 SECOND), ''))
          FROM cluster_check_acked k
          LEFT JOIN invitation v ON v.email = k.email AND v.account_id = $CK_ACCOUNT
          JOIN audit_log a ON a.action = 'invite.send' AND a.target = CONCAT(k.email, ' as member')
          WHERE v.id IS NULL LIMIT 5" | while IFS= read -r line; do say "$line"; done
}

# log_marks: the size of every worker's and runner's log now, so that
# races_report reads only what this run wrote.
log_marks() {
  local f
  : >"$CK_DIR/log-marks"
  for f in "$CL_LOG"/worker*.log "$CL_LOG"/jobs*.log; do
    [ -f "$f" ] && printf '%s\t%s\n' "$f" "$(stat -c %s "$f")" >>"$CK_DIR/log-marks"
  done
}

# races_report: how often this run's writers met the races the code
# answers by trying again (logged by db.c and jobs.c).
races_report() {
  local f off gone=0 take=0 lost=0 t
  t=$(mktemp)
  while IFS=$'\t' read -r f off; do tail -c +"$((off + 1))" "$f"; done <"$CK_DIR/log-marks" >"$t"
  gone=$(grep -c "transaction: node gone, tried again on another" "$t")
  take=$(grep -c "claimed by another runner meanwhile" "$t")
  lost=$(grep -c "no longer this runner's" "$t")
  rm -f "$t"
  say "   races met and tried again: $gone transactions cut by their node (tried again whole elsewhere), $take claims taken elsewhere first, $lost runs no longer their runner's (rolled back)"
}

verify() {
  local n acked total stored dup audit sums ref jobs
  acked=$CK_DIR/acked.txt
  total=$(wc -l <"$acked")
  say "-- verification on every node ($total acknowledged invitations)"
  ck_wait 30 "all nodes Synced" all_synced; ck "all three nodes Synced in a cluster of 3" $?
  # The acknowledged addresses into a table on node 1 (replicated).
  { printf 'CREATE TABLE IF NOT EXISTS cluster_check_acked (email VARCHAR(254) PRIMARY KEY) ENGINE=InnoDB;\n'
    printf 'DELETE FROM cluster_check_acked;\nSTART TRANSACTION;\n'
    sed "s/.*/INSERT INTO cluster_check_acked VALUES ('&');/" "$acked"
    printf 'COMMIT;\n'; } | cl_sql 1 steward
  ck_wait 10 "the acknowledged list on every node" eval \
    "[ \"\$(ck_q 3 'SELECT COUNT(*) FROM cluster_check_acked')\" = $total ] && [ \"\$(ck_q 2 'SELECT COUNT(*) FROM cluster_check_acked')\" = $total ]"
  for n in "${CL_NODES[@]}"; do
    stored=$(ck_q "$n" "SELECT COUNT(*) FROM cluster_check_acked k JOIN invitation i ON i.email = k.email AND i.account_id = $CK_ACCOUNT")
    # The invitation row is unique per address; its audit row is not: a
    # replayed POST would show as two "invite.send" rows of one address.
    dup=$(ck_q "$n" "SELECT COUNT(*) FROM (SELECT target FROM audit_log WHERE action = 'invite.send' AND target LIKE 'cl-$CK_TAG-%' GROUP BY target HAVING COUNT(*) > 1) d")
    audit=$(ck_q "$n" "SELECT COUNT(*) FROM cluster_check_acked k LEFT JOIN (SELECT DISTINCT target FROM audit_log WHERE action = 'invite.send' AND target LIKE 'cl-$CK_TAG-%') a ON a.target = CONCAT(k.email, ' as member') WHERE a.target IS NULL")
    [ "$stored" = "$total" ] && [ "$dup" = 0 ] && [ "$audit" = 0 ]
    ck "node $n: $stored of $total acknowledged invitations stored, $dup sent twice, $audit without their audit row" $?
  done
  [ "$stored" = "$total" ] || lost_report
  races_report
  # Every id was drawn by a session with its node's step and offset: a
  # session that drew with other ones (auto_increment_* taken from a global
  # while Galera recomputed it) can draw another node's id, and an upsert
  # that meets it updates that row instead of adding its own.
  local odd
  odd=$(ck_q 1 "SELECT CONCAT_WS(' ', (SELECT COUNT(*) FROM invitation WHERE id % $CL_AUTOINC_STEP NOT BETWEEN 1 AND 3),
                                      (SELECT COUNT(*) FROM audit_log WHERE id % $CL_AUTOINC_STEP NOT BETWEEN 1 AND 3),
                                      (SELECT COUNT(*) FROM job WHERE id % $CL_AUTOINC_STEP NOT BETWEEN 1 AND 3))")
  [ "$odd" = "0 0 0" ]
  ck "every invitation, audit and job id is one a node draws (id % $CL_AUTOINC_STEP in 1..3; off: $odd)" $?
  # Every node holds the same rows (invitations, audit, jobs). The job
  # runners still work meanwhile, so the three nodes are read again until
  # one round, read within milliseconds, agrees (a real divergence never
  # does).
  local round all
  ref=""
  for ((round = 0; round < 20; round++)); do
    all=""
    for n in "${CL_NODES[@]}"; do all+="$(node_sums "$n")|"; done
    [ "$(printf '%s' "$all" | tr '|' '\n' | sort -u | wc -l)" = 1 ] && break
    sleep 0.5
  done
  for n in "${CL_NODES[@]}"; do
    sums=$(printf '%s' "$all" | cut -d'|' -f"$n")
    [ -n "$ref" ] || ref=$sums
    [ "$sums" = "$ref" ]; ck "node $n holds the same invitations, audit rows and jobs as node 1 ($sums)" $?
  done
  # Every test job ran exactly once (waited for: a job of a runner whose
  # node died is run again when its lease, JOB_LEASE s, ends).
  ck_wait 90 "every test job done" eval \
    "[ \"\$(ck_q 1 \"SELECT COUNT(*) FROM job WHERE kind = 'test.noop' AND id > $CK_JOB0 AND state <> 3\")\" = 0 ]"
  for n in "${CL_NODES[@]}"; do
    jobs=$(ck_q "$n" "SELECT COUNT(*), COALESCE(SUM(state = 3), 0), COALESCE(SUM(runs = 1), 0), COUNT(DISTINCT runner) FROM job WHERE kind = 'test.noop' AND id > $CK_JOB0")
    read -r a b c d <<<"$jobs"
    [ "$a" = "$CK_JOBS" ] && [ "$b" = "$a" ] && [ "$c" = "$a" ]
    ck "node $n: $b of $a test jobs done, $c ran exactly once (of $CK_JOBS queued), by $d runners" $?
  done
  if [ -n "${CK_CLOSE_ORG:-}" ]; then
    for n in "${CL_NODES[@]}"; do
      a=$(ck_q "$n" "SELECT COUNT(*) FROM invoice WHERE org_id = $CK_CLOSE_ORG AND kind = 'period'")
      b=$(ck_q "$n" "SELECT COUNT(*) FROM job WHERE kind = 'billing.close' AND state = 1")
      [ "$a" = 1 ] && [ "$b" = 1 ]
      ck "node $n: the period close issued $a period invoice (1), $b next close queued (1)" $?
    done
  fi
  ck_q 1 "DROP TABLE cluster_check_acked"
}

# outage_report: failed requests and outage per fault; the deploy must
# have no failed request (issue 15's bar).
outage_report() {
  local name gets posts span reqs
  say "-- failed requests and outage per fault (from the fault until 3 s after recovery)"
  printf '   %-44s %11s %12s %10s %9s\n' fault "failed GETs" "failed POSTs" outage requests
  while IFS=$'\t' read -r name gets posts span reqs; do
    printf '   %-44s %11s %12s %8s s %9s\n' "$name" "$gets" "$posts" \
      "$(awk -v s="$span" 'BEGIN { printf "%.1f", s / 1000 }')" "$reqs"
    case $name in
      deploy*) [ "$gets" = 0 ] && [ "$posts" = 0 ]; ck "the deploy failed no request" $? ;;
      *"not ready"*) [ "$gets" = 0 ] && [ "$posts" = 0 ]; ck "no request failed while node 2 was not ready (its clients moved to other nodes)" $? ;;
    esac
  done < <(node "$ROOT/tests/cluster/load.mjs" outage "$CK_DIR")
  local all ok
  all=$(wc -l <"$CK_DIR/requests.tsv")
  ok=$(awk -F'\t' '$3 >= 200 && $3 < 400' "$CK_DIR/requests.tsv" | wc -l)
  say "   requests in all: $all, answered 2xx/3xx: $ok"
}

# check_stopped: the EXIT trap of a run that ended early (a "die"): stop
# the load, still end with the summary line.
check_stopped() {
  if [ -n "$CK_LOAD_PID" ]; then touch "$CK_DIR/stop"; kill "$CK_LOAD_PID" 2>/dev/null; fi
  say "cluster check: stopped early"
  say "$CK_P passed, $((CK_F + 1)) failed"
  exit 1
}

cluster_check() {
  local was_up=0 t0 jar load_pid
  set +e   # a failed check is counted, not the end of the run
  t0=$(date +%s)
  CK_DIR=$CL/check
  CK_TAG=$(date +%s)$$
  if pid_of "$CL_RUN/nginx.pid" >/dev/null && all_synced; then was_up=1; fi
  CK_LOAD_PID=""
  trap 'check_stopped' EXIT
  cluster_up >/dev/null
  rm -rf "$CK_DIR"
  mkdir -p "$CK_DIR"
  : >"$CK_DIR/faults.tsv"
  log_marks
  all_synced; ck "the cluster is up: three nodes Synced in a cluster of 3" $?
  ck_autoinc; ck "every node draws its own ids: auto_increment step $CL_AUTOINC_STEP, offset the node's number, fixed" $?
  ck_migrate_warns; ck "steward-admin migrate warns of a node whose auto-increment Galera recomputes, and only of it" $?
  # Sign in through nginx (the session is a row: any worker knows it).
  jar=$CK_DIR/cookies.txt
  CK_ACCOUNT=$(ck_q 1 "SELECT a.id FROM account a WHERE a.public_id = '$(sed -n 's/^account=//p' "$CL/demo-login")'")
  URL=$CL_URL login_cookie admin@example.com "$(sed -n 's/^password=//p' "$CL/demo-login")" "$jar"
  ck "the admin signs in through nginx" $?
  CK_COOKIE=$(cookie_header "$jar")
  CK_CSRF=$(curl -s -H "Cookie: $CK_COOKIE" "$CL_URL/api/settings" | xmllint --xpath 'string(//csrf)' - 2>/dev/null || true)
  [ -n "$CK_CSRF" ]; ck "a CSRF token from /api/settings" $?
  ck_q 1 "UPDATE job SET state = 3 WHERE kind = 'test.noop' AND state <> 3"
  CK_JOB0=$(ck_q 1 "SELECT COALESCE(MAX(id), 0) FROM job")
  CK_JOBS=0

  STEWARD_URL=$CL_URL LOAD_COOKIE=$CK_COOKIE LOAD_CSRF=$CK_CSRF LOAD_TAG=$CK_TAG \
    node "$ROOT/tests/cluster/load.mjs" run "$CK_DIR" >"$CK_DIR/load.log" 2>&1 9>&- &
  load_pid=$!
  CK_LOAD_PID=$load_pid
  sleep 3
  # Jobs for both runners, queued through two different nodes.
  STEWARD_DB_SOCKET=$(cl_sock 1) "$ROOT/fcgi/steward-jobs" -c "$CL/steward-jobs1.conf" enqueue test.noop 150 >/dev/null &&
    STEWARD_DB_SOCKET=$(cl_sock 3) "$ROOT/fcgi/steward-jobs" -c "$CL/steward-jobs1.conf" enqueue test.noop 150 >/dev/null
  ck "300 test jobs queued through nodes 1 and 3" $?
  CK_JOBS=300
  sleep 1

  fault_node_reject
  sleep 3
  fault_node_kill
  sleep 3
  fault_worker_kill
  sleep 3
  fault_deploy
  sleep 3
  fault_billing_close
  sleep 2

  touch "$CK_DIR/stop"
  wait "$load_pid"; ck "the load ran to its end (var/cluster/check/load.log)" $?
  verify
  outage_report
  trap - EXIT
  if [ $was_up -eq 0 ]; then cluster_down >/dev/null; fi
  say "cluster check took $(($(date +%s) - t0)) s"
  say "$CK_P passed, $CK_F failed"
  [ "$CK_F" -eq 0 ]
}

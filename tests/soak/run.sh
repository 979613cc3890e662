#!/usr/bin/env bash
# The soak suite of ./steward check (issue 15, DESIGN §13): faults under
# load on the running stack, which it leaves up and healthy.
#
# Load: wrk -t2 -c32 on a signed-in GET /settings (tests/soak/timeline.lua
# keeps the timeline of answers: 2xx good, anything else and every socket
# error failed), and a writer sending one invitation at a time, each
# acknowledged one (303 to the Users page) checked in the database at the
# end. Faults, one wrk run each, the outage taken from wrk's timeline:
#   kill -9 of a worker        at most 1 s of failed requests
#   a deploy (./steward up     no failed request
#     with a touched binary)
#   MariaDB stopped 2 s        the service back at most 5 s after the database
# and no acknowledged write lost or doubled; then a second master on a
# socket of its own, driven as systemd drives it (tests/soak/master2.py). Ends with "N passed, N failed".
# Run by ./steward check after every other suite; alone:
#   STEWARD_URL=http://127.0.0.1:PORT tests/soak/run.sh
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd -P)
export STEWARD_PORT=${STEWARD_URL##*:}
# shellcheck source=steward
. "$ROOT/steward"   # the driver's functions: pid_of, stop, mariadb_start, sql, admin, worker_pids…
set +e

TMP=$VAR/tmp/soak
P=0
F=0
WRK=""
WRITER=""
mkdir -p "$TMP"
rm -f "$TMP"/*

check() { # NAME RESULT (0: passed)
  if [ "$2" = 0 ]; then say "ok - $1"; P=$((P + 1)); else say "not ok - $1"; F=$((F + 1)); fi
}
now_ms() { date +%s%3N; }

# load_start NAME: wrk in the background until load_stop; its timeline
# goes to $TMP/NAME.tl.
load_start() {
  SOAK_OUT=$TMP/$1.tl wrk -t2 -c32 -d300s --timeout 5s -H "Cookie: $COOKIE" \
    -s "$ROOT/tests/soak/timeline.lua" "$URL/settings" >"$TMP/$1.wrk" 2>&1 &
  WRK=$!
  sleep 2
}

# load_stop: SIGINT to wrk (it writes its timeline and summary) and wait.
load_stop() {
  kill -INT "$WRK" 2>/dev/null
  wait "$WRK"
  WRK=""
}

# tl NAME FIELD: a figure of a timeline: first_failed last_failed last_good
# good failed (the summary line) or errors (the sum of the socket errors).
tl() {
  awk -v f="$2" '
    $1 == "summary" { v["first_failed"] = $2; v["last_failed"] = $3; v["last_good"] = $4; v["good"] = $5; v["failed"] = $6 }
    $1 == "errors" { v["errors"] = $2 + $3 + $4 + $5 }
    END { print (f in v) ? v[f] : "" }' "$TMP/$1.tl" 2>/dev/null
}

# outage NAME: milliseconds from the first failed answer to the last (0
# when none failed).
outage() {
  local n
  n=$(tl "$1" failed)
  if [ "${n:-0}" -eq 0 ]; then echo 0; else echo $(($(tl "$1" last_failed) - $(tl "$1" first_failed))); fi
}

# counts NAME: "G good, F failed, E socket errors" of a run.
counts() { echo "$(tl "$1" good) good, $(tl "$1" failed) failed, $(tl "$1" errors) socket errors"; }

# writer OUT: one invitation at a time until $TMP/stop exists; a line
# "CODE LOCATION EMAIL" per answer (000 when no answer came).
writer() {
  local i=0 email out
  while [ ! -e "$TMP/stop" ]; do
    i=$((i + 1))
    email="soak-$RUN_ID-$i@example.com"
    out=$(curl -s -o /dev/null -m 10 -w '%{http_code} %{redirect_url}' -b "$TMP/writer.jar" \
      -H "Origin: $URL" --data-urlencode "emails=$email" --data-urlencode role=member \
      --data-urlencode "csrf=$WCSRF" "$URL/settings/users/invite")
    echo "${out:-000 -} $email" >>"$1"
  done
}

# finish: whatever happens, stop the load and leave the database running.
finish() {
  touch "$TMP/stop"
  if [ -n "$WRK" ]; then kill -INT "$WRK" 2>/dev/null; wait "$WRK"; fi
  if [ -n "$WRITER" ]; then wait "$WRITER"; fi
  pid_of "$RUN/mysqld.pid" >/dev/null || mariadb_start >/dev/null
}
trap finish EXIT

step "soak: faults under load (wrk -t2 -c32 signed-in GET /settings + an inviting writer)"
stack_alive; check "the stack is up (nginx, master, MariaDB)" $?
if [ -n "${STEWARD_CHECK_LOG_FROM:-}" ]; then
  died=$(tail -c +"$((STEWARD_CHECK_LOG_FROM + 1))" "$LOG/steward.log" | grep -cE 'master: worker [0-9]+ .*; starting another')
  check "no worker died during the earlier suites ($died in var/log/steward.log)" "$died"
fi

# An organization of its own, its admin signed in twice (load, writer).
RUN_ID=$$-$(date +%s)
PW=$(openssl rand -base64 18 | tr '+/' '-_')
ACCOUNT=$(admin org-create "Soak test $RUN_ID" --account-name "Soak app" --region eu1 --timezone UTC |
  sed -n 's/.*account=\([^[:space:]]*\).*/\1/p')
printf '%s\n' "$PW" | admin user-add "soak-admin-$RUN_ID@example.com" admin --account "$ACCOUNT" \
  --name "Soak Admin" >/dev/null
login_cookie "soak-admin-$RUN_ID@example.com" "$PW" "$TMP/load.jar" &&
  login_cookie "soak-admin-$RUN_ID@example.com" "$PW" "$TMP/writer.jar"
check "an organization of its own, its admin signed in" $?
COOKIE=$(cookie_header "$TMP/load.jar")
WCSRF=$(curl -s -b "$TMP/writer.jar" "$URL/api/settings" | xmllint --xpath 'string(//csrf)' - 2>/dev/null)

writer "$TMP/writes" &
WRITER=$!
WORKERS=$(conf_get workers)

# ------------------------------------------------------------ kill -9
load_start kill
before=$(worker_pids | sort)
victim=$(printf '%s\n' "$before" | head -n1)
t0=$(now_ms)
kill -KILL "$victim"
new=""
for ((i = 0; i < 600; i++)); do
  new=$(comm -13 <(printf '%s\n' "$before") <(worker_pids | sort) | head -n1)
  if [ -n "$new" ] && grep -q "worker $new: [0-9]* threads on" "$LOG/steward.log"; then break; fi
  new=""
  sleep 0.05
done
t1=$(now_ms)
sleep 3
load_stop
check "kill -9 of worker $victim: the master started worker ${new:-(none)}, accepting $((t1 - t0)) ms later" \
  "$([ -n "$new" ] && [ "$(worker_pids | wc -l)" -eq "$WORKERS" ]; echo $?)"
out=$(outage kill)
check "kill -9 of a worker under load: ${out} ms of failed requests (bar 1000 ms; $(counts kill))" \
  "$([ -n "$(tl kill good)" ] && [ "$out" -le 1000 ] && [ "$(tl kill errors)" -eq 0 ]; echo $?)"

# ------------------------------------------------------------ deploy
load_start deploy
master=$(pid_of "$RUN/steward.pid")
before=$(worker_pids | sort)
touch "$WORKER"
t0=$(now_ms)
"$ROOT/steward" up >"$TMP/up.log" 2>&1
rc=$?
t1=$(now_ms)
sleep 2
load_stop
check "./steward up with a touched binary hands over (exit $rc, $((t1 - t0)) ms, master pid kept)" \
  "$([ "$rc" -eq 0 ] && [ "$(pid_of "$RUN/steward.pid")" = "$master" ]; echo $?)"
after=$(worker_pids | sort)
check "every worker replaced by a new one ($(paste -sd' ' <<<"$before") -> $(paste -sd' ' <<<"$after"))" \
  "$([ "$(printf '%s\n' "$after" | wc -l)" -eq "$WORKERS" ] &&
    [ -z "$(comm -12 <(printf '%s\n' "$before") <(printf '%s\n' "$after"))" ]; echo $?)"
check "a deploy under load: $(tl deploy failed) non-2xx, $(outage deploy) ms of failed requests (bar 0; $(counts deploy))" \
  "$([ -n "$(tl deploy good)" ] && [ "$(tl deploy failed)" -eq 0 ] && [ "$(tl deploy errors)" -eq 0 ]; echo $?)"

# ------------------------------------------------------------ MariaDB
load_start db
stop MariaDB "$RUN/mysqld.pid" 60 >/dev/null
t0=$(now_ms)
sleep 2
mariadb_start >/dev/null
t1=$(now_ms)
sleep 7
load_stop
lf=$(tl db last_failed)
back=$((lf > t1 ? lf - t1 : 0))
check "MariaDB down $((t1 - t0)) ms: failed requests for $(outage db) ms, service back ${back} ms after the database (bar 5000 ms; $(counts db))" \
  "$([ -n "$lf" ] && [ "$back" -le 5000 ] && [ "$(tl db last_good)" -gt "$lf" ]; echo $?)"

# ------------------------------------------------------------ writes
touch "$TMP/stop"
wait "$WRITER"
WRITER=""
acked=$(awk '$1 == 303 && $2 ~ /\/settings\/users$/ { print $3 }' "$TMP/writes" | sort)
sent=$(wc -l <"$TMP/writes")
nacked=$(printf '%s' "$acked" | grep -c .)
sql "$(conf_get db_name)" -N -B -e "
  SELECT i.email, COUNT(*) FROM invitation i JOIN account a ON a.id = i.account_id
   WHERE a.public_id = '$ACCOUNT' GROUP BY i.email;" >"$TMP/stored" 2>&1
sql "$(conf_get db_name)" -N -B -e "
  SELECT SUBSTRING_INDEX(l.target, ' ', 1), COUNT(*) FROM audit_log l JOIN account a ON a.id = l.account_id
   WHERE a.public_id = '$ACCOUNT' AND l.action = 'invite.send' GROUP BY 1;" >"$TMP/audited" 2>&1
lost=$(comm -23 <(printf '%s\n' "$acked" | sed '/^$/d') <(cut -f1 "$TMP/stored" | sort) | wc -l)
doubled=$(awk -F'\t' '$2 > 1' "$TMP/stored" "$TMP/audited" | wc -l)
unaudited=$(comm -23 <(printf '%s\n' "$acked" | sed '/^$/d') <(cut -f1 "$TMP/audited" | sort) | wc -l)
check "the writer: $nacked of $sent invitations acknowledged; $lost lost, $unaudited without their audit row, $doubled doubled in the database" \
  "$([ "$nacked" -gt 0 ] && [ "$lost" -eq 0 ] && [ "$unaudited" -eq 0 ] && [ "$doubled" -eq 0 ]; echo $?)"

# ------------------------------------------------------------ a second master
# On a socket of its own beside the running one (the cluster runs two),
# driven as systemd drives it (dist/steward.service): tests/soak/master2.py.
while read -r line; do
  case $line in
    "ok - "*) check "${line#ok - }" 0 ;;
    "not ok - "*) check "${line#not ok - }" 1 ;;
  esac
done < <(python3 "$ROOT/tests/soak/master2.py" "$WORKER" "$CONF" "$TMP" 2>&1)

# ------------------------------------------------------------ after
code=$(curl -s -o /dev/null -w '%{http_code}' "$URL/api/healthz")
check "the stack is left up and healthy (healthz $code, $(worker_pids | wc -l) workers)" \
  "$([ "$code" = 200 ] && stack_alive && [ "$(worker_pids | wc -l)" -eq "$WORKERS" ]; echo $?)"
say "$P passed, $F failed"
[ "$F" -eq 0 ]

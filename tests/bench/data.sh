# Sourced by ./steward's cmd_bench (data part): helpers for the ingestion
# API and CSV import figures. Uses the driver's URL, VAR, admin, sql, say.

# bench_events_seed ACCOUNT PASSCODE: 500 event names for /settings/events.
bench_events_seed() {
  local i sep="" body="["
  for ((i = 0; i < 500; i++)); do
    body+="$sep{\"identity\":\"seed-$i\",\"evtName\":\"Bench event $i\",\"evtData\":{\"n\":$i}}"
    sep=,
  done
  body+="]"
  curl -s -o /dev/null -w '%{http_code}' -H "X-Account-Id: $1" -H "X-Account-Passcode: $2" \
    -H 'Content-Type: application/json' --data-binary "$body" "$URL/api/1/upload"
}

# bench_ingest_body FILE: a batch of 100 events of 10 names and 50 identities.
bench_ingest_body() {
  local i sep="" body="{\"d\":["
  for ((i = 0; i < 100; i++)); do
    body+="$sep{\"identity\":\"user-$((i % 50))\",\"evtName\":\"Bench event $((i % 10))\",\"evtData\":{\"amount\":$i,\"sku\":\"SKU-$i\",\"ok\":true}}"
    sep=,
  done
  printf '%s]}' "$body" >"$1"
}

# bench_csv_file FILE N: N profile rows (identity, name, age, vip, since).
bench_csv_file() {
  awk -v n="$2" 'BEGIN {
    print "email,name,age,vip,since"
    for (i = 0; i < n; i++)
      printf "bench%d@example.com,Person %d,%d,%s,2024-%02d-%02d\n", i, i, 18 + i % 60, (i % 2 ? "yes" : "no"), 1 + i % 12, 1 + i % 28
  }' >"$1"
}

# bench_csv_import JAR FILE ROWS: upload, map and wait for the import; prints rows/s.
bench_csv_import() {
  local jar=$1 file=$2 rows=$3 csrf loc id t0 t1 st i
  csrf=$(curl -s -b "$jar" "$URL/api/settings/csv-uploads" | xmllint --xpath 'string(//csrf)' - 2>/dev/null)
  loc=$(curl -s -o /dev/null -w '%{redirect_url}' -b "$jar" -H "Origin: $URL" -F "csrf=$csrf" -F kind=profiles \
    -F "file=@$file;type=text/csv" "$URL/api/settings/csv-uploads")
  id=${loc##*upload=}
  [ -n "$id" ] && [ "$id" != "$loc" ] || { echo "upload failed"; return 1; }
  t0=$(date +%s.%N)
  curl -s -o /dev/null -b "$jar" -H "Origin: $URL" --data-urlencode "csrf=$csrf" --data "upload=$id&action=start" \
    --data "col0=identity&col1=property&name1=Name&type1=string&col2=property&name2=Age&type2=number" \
    --data "col3=property&name3=VIP&type3=boolean&col4=property&name4=Since&type4=date" \
    "$URL/api/settings/csv-uploads/map"
  for ((i = 0; i < 6000; i++)); do
    st=$(curl -s -b "$jar" "$URL/api/settings/csv-uploads?upload=$id" | xmllint --xpath 'string(//csv-upload/@status)' - 2>/dev/null)
    case $st in completed | completed-with-errors | failed) break ;; esac
    sleep 0.2
  done
  t1=$(date +%s.%N)
  awk -v r="$rows" -v a="$t0" -v b="$t1" -v s="$st" 'BEGIN { printf "%.0f rows/s (%d rows in %.1f s, %s)\n", r / (b - a), r, b - a, s }'
}

# bench_load_data FILE ROWS: MariaDB's own LOAD DATA of the same file into a
# scratch table of the same columns; prints rows/s.
bench_load_data() {
  local t0 t1
  sql "$(conf_get db_name)" -e "DROP TABLE IF EXISTS bench_load;
    CREATE TABLE bench_load (email VARCHAR(254), name VARCHAR(120), age INT, vip VARCHAR(5), since DATE) ENGINE=InnoDB"
  t0=$(date +%s.%N)
  sql --local-infile=1 "$(conf_get db_name)" -e "LOAD DATA LOCAL INFILE '$1' INTO TABLE bench_load
    FIELDS TERMINATED BY ',' OPTIONALLY ENCLOSED BY '\"' LINES TERMINATED BY '\n' IGNORE 1 LINES"
  t1=$(date +%s.%N)
  sql "$(conf_get db_name)" -e "DROP TABLE bench_load"
  awk -v r="$2" -v a="$t0" -v b="$t1" 'BEGIN { printf "%.0f rows/s (%d rows in %.2f s)\n", r / (b - a), r, b - a }'
}

# bench_load_data_indexed FILE ROWS: the bulk ceiling of this schema —
# LOAD DATA of the same rows into copies (CREATE TABLE … LIKE: the same
# columns and indexes, no foreign keys) of the tables the import writes:
# profile (identity and its SHA-256), profile_value (4 rows a line: the
# CSV's rows reshaped by awk beforehand, not timed) and active_identity;
# prints rows/s of the CSV.
bench_load_data_indexed() {
  local db t0 t1 vals=$VAR/bench/load-values.tsv
  db=$(conf_get db_name)
  awk -F, 'NR > 1 { id = NR - 1
    printf "%d\t1\t%s\n%d\t2\t%s\n%d\t3\t%s\n%d\t4\t%s\n", id, $2, id, $3, id, ($4 == "yes" ? "true" : "false"), id, $5 }' \
    "$1" >"$vals"
  sql "$db" -e "DROP TABLE IF EXISTS bench_profile, bench_profile_value, bench_active_identity;
    CREATE TABLE bench_profile LIKE profile; CREATE TABLE bench_profile_value LIKE profile_value;
    CREATE TABLE bench_active_identity LIKE active_identity"
  t0=$(date +%s.%N)
  sql --local-infile=1 "$db" -e "LOAD DATA LOCAL INFILE '$1' INTO TABLE bench_profile
      FIELDS TERMINATED BY ',' OPTIONALLY ENCLOSED BY '\"' LINES TERMINATED BY '\n' IGNORE 1 LINES
      (@email, @name, @age, @vip, @since)
      SET account_id = 1, identity_hash = UNHEX(SHA2(@email, 256)), identity = @email;
    LOAD DATA LOCAL INFILE '$vals' INTO TABLE bench_profile_value (profile_id, prop_id, value);
    LOAD DATA LOCAL INFILE '$1' INTO TABLE bench_active_identity
      FIELDS TERMINATED BY ',' OPTIONALLY ENCLOSED BY '\"' LINES TERMINATED BY '\n' IGNORE 1 LINES
      (@email, @name, @age, @vip, @since)
      SET account_id = 1, month = DATE_FORMAT(UTC_DATE(), '%Y-%m-01'), identity_hash = UNHEX(SHA2(@email, 256))"
  t1=$(date +%s.%N)
  sql "$db" -e "DROP TABLE bench_profile, bench_profile_value, bench_active_identity"
  rm -f "$vals"
  awk -v r="$2" -v a="$t0" -v b="$t1" 'BEGIN { printf "%.0f rows/s (%d rows in %.2f s)\n", r / (b - a), r, b - a }'
}

# bench_ingest_body_n FILE N: a batch of N events of 10 names and N/2
# identities (bench_ingest_body's records; N = 1000 is the largest batch).
bench_ingest_body_n() {
  awk -v n="$2" 'BEGIN {
    printf "{\"d\":["
    for (i = 0; i < n; i++)
      printf "%s{\"identity\":\"user-%d\",\"evtName\":\"Bench event %d\",\"evtData\":{\"amount\":%d,\"sku\":\"SKU-%d\",\"ok\":true}}", (i ? "," : ""), i % (n / 2), i % 10, i, i
    printf "]}"
  }' >"$1"
}

# bench_ingest_burst ACCOUNT PASSCODE FILE COUNT [PARALLEL]: POSTs FILE to
# the ingestion API COUNT times, PARALLEL (default 8) at once; prints one
# HTTP status a line.
bench_ingest_burst() {
  local i urls=()
  for ((i = 0; i < $4; i++)); do urls+=("$URL/api/1/upload"); done
  curl -s --no-progress-meter -Z --parallel-max "${5:-8}" -H "X-Account-Id: $1" -H "X-Account-Passcode: $2" \
    -H 'Content-Type: application/json' --data-binary "@$3" -w '%{stderr}%{http_code}\n' \
    "${urls[@]}" 2>&1 >/dev/null
}

-- wrk script for `./steward bench`: the login POST.
-- The driver fetches one pre-session cookie + CSRF token with curl and passes
-- them in the environment; every request signs in the bench user (303).
local function urlencode(s)
  return (s:gsub("[^%w%-%._~]", function(c) return string.format("%%%02X", string.byte(c)) end))
end

wrk.method = "POST"
wrk.body = "email=" .. urlencode(os.getenv("BENCH_EMAIL") or "")
  .. "&password=" .. urlencode(os.getenv("BENCH_PASSWORD") or "")
  .. "&csrf=" .. urlencode(os.getenv("BENCH_CSRF") or "")
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.headers["Cookie"] = os.getenv("BENCH_COOKIE") or ""
wrk.headers["Origin"] = os.getenv("BENCH_ORIGIN") or ""

<?php
// `./steward bench`: the PHP-FPM + PDO peer of /settings/users — the honest
// comparison: the same statements on Steward's own database (copies of
// STMT_SESSION_GET in fcgi/tables/core.sql.def, STMT_USERS_COUNTS and
// STMT_USERS_LIST in fcgi/tables/users.sql.def, with the same parameters
// as fcgi/session.c and fcgi/pages/users.c: first page, sort by name), and
// the HTML the worker's page draws (xslt/site.xsl + users.xsl on main,
// commit c16b4aa: the frame, the invite card, the filters, 50 rows each
// with its role form and row menu, the pager), every value escaped.  When
// the worker's page or statements change, change this copy with them: the
// bench prints both page sizes side by side.
// Database: STEWARD_BENCH_DB on STEWARD_BENCH_SOCKET; cookie stw_session.
declare(strict_types=1);

function h(?string $s): string { return htmlspecialchars($s ?? '', ENT_QUOTES | ENT_HTML5, 'UTF-8'); }
function icon(string $n): string { return '<svg class="i" aria-hidden="true"><use href="/static/icons.svg#' . $n . '"></use></svg>'; }
// A local_time() value (2026-03-29T03:00:00+02:00) as the page's <time>.
function stamp(?string $t): string {
  if ($t === null || $t === '') return '<span class="muted">Never</span>';
  return '<time datetime="' . h($t) . '" class="stamp"><span class="stamp-date">' . h(substr($t, 0, 10))
    . '</span> <span class="stamp-time">' . h(substr($t, 11, 5)) . ' ' . h(substr($t, 19)) . '</span></time>';
}

const ROLES = [4 => 'admin', 3 => 'creator', 2 => 'member', 1 => 'agent'];
const PER_PAGE = 50;          // USERS_PER_PAGE
const SESSION_IDLE = 1800;    // session_idle

$token = $_COOKIE['stw_session'] ?? '';
if (strlen($token) !== 43) { header('Location: /login', true, 303); exit; }

$db = new PDO('mysql:unix_socket=' . getenv('STEWARD_BENCH_SOCKET') . ';dbname=' . getenv('STEWARD_BENCH_DB') . ';charset=utf8mb4',
              getenv('STEWARD_BENCH_DBUSER') ?: 'root', '',
              [PDO::ATTR_PERSISTENT => true, PDO::ATTR_ERRMODE => PDO::ERRMODE_EXCEPTION,
               PDO::ATTR_EMULATE_PREPARES => false]);

// STMT_SESSION_GET
$st = $db->prepare('SELECT s.id, s.user_id, s.account_id, m.role, u.name, u.email,'
  . ' a.public_id, a.name, a.region, a.timezone,'
  . ' TIMESTAMPDIFF(SECOND, s.last_seen_at, UTC_TIMESTAMP(6)),'
  . ' u.memberships, s.stage, s.attempts,'
  . ' o.require_2fa AND NOT u.totp_enabled'
  . ' FROM session s JOIN user u ON u.id = s.user_id'
  . ' JOIN membership m ON m.account_id = s.account_id'
  . '  AND m.user_id = s.user_id'
  . ' JOIN account a ON a.id = s.account_id'
  . ' JOIN organization o ON o.id = a.org_id'
  . ' WHERE s.token_hash = ? AND s.expires_at > UTC_TIMESTAMP(6)'
  . ' AND s.last_seen_at > UTC_TIMESTAMP(6) - INTERVAL ? SECOND');
$st->execute([hash('sha256', $token, true), SESSION_IDLE]);
$s = $st->fetch(PDO::FETCH_NUM);
if (!$s || (int)$s[12] !== 0) { header('Location: /login', true, 303); exit; }
[$sid, $uid, $acc, $myrole, $myname, $myemail, $pub, $aname, , $tz] = $s;

// STMT_USERS_COUNTS
$st = $db->prepare('SELECT a.members,'
  . ' (SELECT COUNT(*) FROM (SELECT 1 FROM invitation'
  . '   WHERE account_id = ? AND accepted_at IS NULL AND revoked_at IS NULL'
  . '   AND expires_at > UTC_TIMESTAMP(6) LIMIT 1000) t),'
  . ' (SELECT COUNT(*) FROM (SELECT 1 FROM membership'
  . '   WHERE account_id = ? AND role = 4 LIMIT 2) t)'
  . ' FROM account a WHERE a.id = ?');
$st->execute([$acc, $acc, $acc]);
[$members, $pending, $admins] = $st->fetch(PDO::FETCH_NUM);

// STMT_USERS_LIST: q '', any status, any role, sort 1 (name), one more
// row than the page to know whether there is a next one.
$st = $db->prepare('SELECT x.kind, x.id, x.name, x.email, x.role, x.status, x.totp,'
  . ' local_time(x.last_login, ?), local_time(x.since, ?),'
  . ' x.inviter, local_time(x.expires, ?)'
  . ' FROM ('
  . '  SELECT 1 AS kind, u.id, u.name, u.email, m.role,'
  . '   IF(u.locked_until > UTC_TIMESTAMP(6), 2, 1) AS status,'
  . '   u.totp_enabled AS totp, u.last_login_at AS last_login,'
  . '   m.created_at AS since, NULL AS inviter, NULL AS expires,'
  . '   COALESCE(NULLIF(u.name, \'\'), u.email) AS sortname'
  . '  FROM membership m JOIN user u ON u.id = m.user_id'
  . '  WHERE m.account_id = ?'
  . '  UNION ALL'
  . '  SELECT 2, i.id, \'\', i.email, i.role,'
  . '   IF(i.expires_at > UTC_TIMESTAMP(6), 3, 4), 0, NULL,'
  . '   i.created_at, iu.name, i.expires_at, i.email'
  . '  FROM invitation i LEFT JOIN user iu ON iu.id = i.invited_by'
  . '  WHERE i.account_id = ? AND i.accepted_at IS NULL'
  . '   AND i.revoked_at IS NULL'
  . ' ) x JOIN (SELECT ? AS q, CAST(? AS UNSIGNED) AS st,'
  . '  CAST(? AS UNSIGNED) AS role, CAST(? AS UNSIGNED) AS k) p'
  . ' WHERE (CHAR_LENGTH(p.q) = 0 OR LOCATE(CONVERT(p.q USING utf8mb4)'
  . '   COLLATE utf8mb4_unicode_ci, x.name) > 0'
  . '   OR LOCATE(CONVERT(p.q USING utf8mb4) COLLATE utf8mb4_unicode_ci,'
  . '   x.email) > 0)'
  . '  AND (p.st = 0 OR x.status = p.st)'
  . '  AND (p.role = 0 OR x.role = p.role)'
  . ' ORDER BY'
  . '  CASE WHEN p.k = 1 THEN x.sortname END,'
  . '  CASE WHEN p.k = 6 THEN x.sortname END DESC,'
  . '  CASE WHEN p.k = 2 THEN x.email END,'
  . '  CASE WHEN p.k = 7 THEN x.email END DESC,'
  . '  CASE WHEN p.k = 3 THEN x.role END DESC,'
  . '  CASE WHEN p.k = 8 THEN x.role END,'
  . '  CASE WHEN p.k = 4 THEN x.last_login END DESC,'
  . '  CASE WHEN p.k = 9 THEN x.last_login END,'
  . '  CASE WHEN p.k = 5 THEN x.since END,'
  . '  CASE WHEN p.k = 10 THEN x.since END DESC,'
  . '  x.email, x.kind, x.id'
  . ' LIMIT ? OFFSET ?');
$st->execute([$tz, $tz, $tz, $acc, $acc, '', 0, 0, 1, PER_PAGE + 1, 0]);
$rows = $st->fetchAll(PDO::FETCH_NUM);
$more = count($rows) > PER_PAGE;
$rows = array_slice($rows, 0, PER_PAGE);

$csrf = rtrim(strtr(base64_encode(hash_hmac('sha256', (string)$sid, 'bench-key', true)), '+/', '-_'), '=');
$c = h($csrf);
$an = h($aname);
$initials = implode('', array_map(fn($w) => substr($w, 0, 1), array_slice(explode(' ', $myname), 0, 2)));
$admin = (int)$myrole === 4;
$rolesel = function (int $sel, string $attrs) {
  $o = '';
  foreach (ROLES as $k => $r) $o .= '<option value="' . $r . '"' . ($k === $sel ? ' selected' : '') . '>' . ucfirst($r) . '</option>';
  return '<div class="select select-sm"><select name="role"' . $attrs . '>' . $o . '</select>' . icon('chevron-down') . '</div>';
};
$nav = [['Account', [['billing', 'Billing'], ['users', 'Users'], ['profile', 'Profile'], ['timezone', 'Account Timezone'], ['organization', 'Organization'], ['password', 'Password']]],
        ['Manage', [['events', 'Events'], ['user-properties', 'User Properties'], ['downloads', 'My Downloads'], ['reports', 'My Reports'], ['labels', 'Labels'], ['csv-uploads', 'CSV Uploads'], ['audit-log', 'Audit Log']]]];
$badge = ['1' => ['badge-ok', 'Active'], '2' => ['badge-danger', 'Locked'], '3' => ['badge-warn', 'Invited'], '4' => ['', 'Expired']];

header('Content-Type: text/html; charset=UTF-8');
ob_start();
echo '<!DOCTYPE html>', "\n", '<html lang="en"><head><meta http-equiv="Content-Type" content="text/html; charset=UTF-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="color-scheme" content="light dark"><title>Users · Steward</title><link rel="stylesheet" href="/static/style.css"><link rel="icon" href="/static/favicon.svg" type="image/svg+xml"><script src="/static/app.js" defer></script></head>',
  '<body class="app"><a class="skip" href="#main">Skip to content</a><header class="top"><div class="top-in"><a class="brand" href="/settings"><svg class="logo" viewBox="0 0 32 32" aria-hidden="true"><rect width="32" height="32" rx="8"></rect><path d="M9 22v-5M14 22V10M19 22v-8M24 22v-3"></path></svg><span>Steward</span></a>',
  '<div class="acct"><span class="sr">Account: </span><span class="acct-name"><bdi>', $an, '</bdi></span><span class="acct-id">', h($pub), '</span></div>',
  '<details class="menu profile"><summary class="avatar" title="Profile and sign out"><span class="sr">Profile menu: </span><bdi>', h($initials), '</bdi></summary><div class="menu-panel menu-right"><div class="menu-who"><span class="avatar avatar-lg" aria-hidden="true"><bdi>', h($initials), '</bdi></span><div class="menu-who-text"><strong><bdi>', h($myname), '</bdi></strong><span class="muted break">', h($myemail), '</span><span class="badge">', ucfirst(ROLES[(int)$myrole]), '</span></div></div>',
  '<a class="menu-item" href="/settings">', icon('settings'), '<span>Settings</span></a><a class="menu-item" href="/settings/profile">', icon('profile'), '<span>Profile</span></a><form method="post" action="/logout"><input type="hidden" name="csrf" value="', $c, '"><button class="menu-item" type="submit">', icon('logout'), '<span>Sign out</span></button></form></div></details></div></header>',
  '<div class="frame"><nav class="sidenav no-print" aria-label="Settings"><details class="sidenav-menu"><summary class="sidenav-toggle">', icon('menu'), '<span>Settings</span><span class="sidenav-here">Users</span>', icon('chevron-down'), '</summary><div class="sidenav-body"><a class="sidenav-link" href="/settings">', icon('settings'), '<span>Overview</span></a>';
foreach ($nav as [$sec, $items]) {
  $id = 'nav-sec-' . strtolower($sec);
  echo '<p class="sidenav-h" id="', $id, '">', $sec, '</p><ul class="sidenav-list" aria-labelledby="', $id, '">';
  foreach ($items as [$k, $t])
    echo '<li><a class="sidenav-link" href="/settings/', $k, '"', $k === 'users' ? ' aria-current="page"' : '', '>', icon($k), '<span>', $t, '</span></a></li>';
  echo '</ul>';
}
echo '</div></details></nav><main id="main" class="main"><nav class="crumb" aria-label="Breadcrumb"><ol><li><a href="/settings">Account Settings</a></li></ol></nav><div class="page-head"><div class="page-head-text"><h1>Users</h1></div></div>',
  '<div class="page-head page-head-row"><div><p class="crumb"><a href="/settings">Account Settings</a></p><h1>Users</h1><p class="lede">People who can sign in to <bdi>', $an, '</bdi>: <strong>', number_format((int)$members), '</strong> members',
  (int)$pending > 0 ? ', <strong>' . number_format((int)$pending) . '</strong> open invitations' : '', '.</p></div><a class="btn" href="/settings/users.csv?sort=name&amp;order=asc">', icon('download'), '<span>Export CSV</span></a></div>',
  '<section class="card invite-card" aria-labelledby="invite-h"><div class="card-head"><span class="card-icon">', icon('mail'), '</span><div><h2 id="invite-h">Invite users</h2><p class="card-sub">Up to 50 addresses at once, separated by commas or new lines. Each gets an email with a link that works for 7 days.</p></div></div>',
  '<form class="invite-grid" method="post" action="/settings/users/invite"><input type="hidden" name="csrf" value="', $c, '"><div class="field invite-emails"><label for="invite-emails">Email addresses</label><textarea id="invite-emails" name="emails" rows="3" required="required" spellcheck="false" autocomplete="off" maxlength="8000" placeholder="ann@example.com, bob@example.com"></textarea></div>',
  '<div class="field invite-role"><label for="invite-role">Role</label><div class="select"><select id="invite-role" name="role">';
foreach (ROLES as $k => $r) echo '<option value="', $r, '"', $k === 2 ? ' selected' : '', '>', ucfirst($r), '</option>';
echo '</select>', icon('chevron-down'), '</div></div><div class="invite-send"><button class="btn btn-primary" type="submit">Send invitations</button></div><details class="invite-message"><summary>Add a personal message <span class="muted">(optional)</span></summary><div class="field"><label for="invite-message" class="sr">Personal message</label><textarea id="invite-message" name="message" rows="3" maxlength="1000" placeholder="Welcome aboard! This is where we keep our analytics."></textarea></div></details></form></section>',
  '<form class="filters" method="get" action="/settings/users" role="search" aria-label="Find users"><input type="hidden" name="sort" value="name"><input type="hidden" name="order" value="asc"><div class="field filter-q"><label for="f-q">Search</label><input id="f-q" name="q" type="search" maxlength="100" placeholder="Name or email" value=""></div>',
  '<div class="field"><label for="f-role">Role</label><div class="select"><select id="f-role" name="role"><option value="">Any role</option>';
foreach (ROLES as $r) echo '<option value="', $r, '">', ucfirst($r), '</option>';
echo '</select>', icon('chevron-down'), '</div></div><div class="field"><label for="f-status">Status</label><div class="select"><select id="f-status" name="status"><option value="">Any status</option><option value="active">Active</option><option value="locked">Locked</option><option value="invited">Invited</option><option value="expired">Expired</option></select>', icon('chevron-down'), '</div></div>',
  '<div class="filter-actions"><button class="btn" type="submit">', icon('search'), '<span>Apply</span></button></div></form>',
  '<div class="table-card"><table class="table users-table"><caption class="sr">Members and invitations of ', $an, '</caption><thead><tr><th scope="col" aria-sort="ascending"><a class="sort" href="/settings/users?sort=name&amp;order=desc"><span>Name</span>', icon('arrow-up'), '</a></th><th scope="col"><a class="sort" href="/settings/users?sort=role&amp;order=asc"><span>Role</span></a></th><th scope="col">Status</th><th scope="col"><a class="sort" href="/settings/users?sort=last-login&amp;order=asc"><span>Last sign-in</span></a></th><th scope="col"><a class="sort" href="/settings/users?sort=since&amp;order=asc"><span>Member since</span></a></th><th scope="col" class="col-actions"><span class="sr">Actions</span></th></tr></thead><tbody>';
foreach ($rows as [$kind, $id, $name, $email, $role, $status, $totp, $last, $since, $inviter, $expires]) {
  $b = $badge[$status];
  if ((int)$kind === 1) {
    $self = (int)$id === (int)$uid;
    $nm = h($name);
    echo '<tr id="member-', $id, '"><td class="cell-who"><span class="who-name"><bdi>', $nm, '</bdi>', $self ? '<span class="badge badge-accent">You</span>' : '', '</span><span class="who-email">', h($email), '</span></td><td data-label="Role">';
    if ($admin)
      echo '<form class="inline-form" method="post" action="/settings/users/role"><input type="hidden" name="csrf" value="', $c, '"><input type="hidden" name="user" value="', $id, '">', $rolesel((int)$role, ' aria-label="Role of ' . $nm . '"'), '<button class="btn btn-sm" type="submit">Save<span class="sr"> role of ', $nm, '</span></button></form>';
    else
      echo ucfirst(ROLES[(int)$role]);
    echo '</td><td data-label="Status"><span class="badge ', $b[0], '">', $b[1], '</span><span class="two-step">2-step ', $totp ? 'on' : 'off', '</span></td><td data-label="Last sign-in">', stamp($last), '</td><td data-label="Member since">', stamp($since), '</td><td class="cell-actions">';
    if ($admin && !$self)
      echo '<details class="menu row-menu"><summary class="icon-btn" title="More actions"><span class="sr">More actions for ', $nm, '</span>', icon('more'), '</summary><div class="menu-panel menu-right"><button form="f-remove" name="user" value="', $id, '" class="menu-item menu-danger" type="submit">', icon('logout'), '<span class="menu-item-text"><span>Remove from <bdi>', $an, '</bdi><span class="sr">: ', $nm, '</span></span><span class="menu-item-note">Their sessions here end at once.</span></span></button></div></details>';
    echo '</td></tr>';
  } else {
    $em = h($email);
    echo '<tr id="invitation-', $id, '"><td class="cell-who"><span class="who-email">', $em, '</span><span class="muted">Invited by ', h($inviter), '</span></td><td data-label="Role">', ucfirst(ROLES[(int)$role]), '</td><td data-label="Status"><span class="badge ', $b[0], '">', $b[1], '</span></td><td data-label="Last sign-in"><span class="muted">Never</span></td><td data-label="Member since">', stamp($since), '</td><td class="cell-actions"><details class="menu row-menu"><summary class="icon-btn" title="More actions"><span class="sr">More actions for ', $em, '</span>', icon('more'), '</summary><div class="menu-panel menu-right"><button form="f-revoke" name="invitation" value="', $id, '" class="menu-item menu-danger" type="submit">', icon('logout'), '<span>Revoke</span></button></div></details></td></tr>';
  }
}
$n = count($rows);
echo '</tbody></table></div><nav class="pager" aria-label="Pages of the list"><span></span><span class="pager-info">Page 1 · rows ', $n ? 1 : 0, '–', $n, '</span>',
  $more ? '<a class="btn" rel="next" href="/settings/users?sort=name&amp;order=asc&amp;page=2"><span>Next</span>' . icon('arrow-right') . '</a>' : '<span></span>', '</nav>',
  '<form id="f-remove" method="post" action="/settings/users/remove" hidden="hidden"><input type="hidden" name="csrf" value="', $c, '"></form><form id="f-2fa" method="post" action="/settings/users/2fa-reset" hidden="hidden"><input type="hidden" name="csrf" value="', $c, '"></form><form id="f-revoke" method="post" action="/settings/users/invitations/revoke" hidden="hidden"><input type="hidden" name="csrf" value="', $c, '"></form></main></div></body></html>', "\n";
ob_end_flush();

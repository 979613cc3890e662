<?php
// `./steward bench`: the PHP-FPM + PDO peer of /settings/users — the honest
// comparison: the statements the worker runs on Steward's own database
// (the session's in frame.php; STMT_USERS_COUNTS, STMT_USERS_BY_NAME and
// STMT_INVITES_BY_EMAIL in fcgi/tables/users.sql.def, with the parameters
// fcgi/pages/users.c gives them for the first page sorted by name), the two
// lists merged as users.c merges them, times converted here as the worker
// converts them in C, and the HTML the worker's page draws (xslt/site.xsl
// + users.xsl: the frame of frame.php with the settings navigation,
// the invite card, the filters, the lean list of 50 rows, the pager, the
// f-open form), every value escaped.  When the worker's page or statements
// change, change this copy with them: the bench prints both page sizes side
// by side (they should be within a few per cent).
declare(strict_types=1);
require __DIR__ . '/frame.php';

const PER_PAGE = 50;          // USERS_PER_PAGE
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const NBSP = "\u{a0}";

[$db, $s] = bench_session();
[$sid, $uid, $acc, $myrole, , , , $aname, , $tz] = $s;

// STMT_USERS_COUNTS
$st = $db->prepare('SELECT a.members,'
  . ' (SELECT COUNT(*) FROM (SELECT 1 FROM invitation'
  . '   FORCE INDEX (invitation_open)'
  . '   WHERE account_id = ? AND accepted_at IS NULL AND revoked_at IS NULL'
  . '   AND expires_at > UTC_TIMESTAMP(6) LIMIT 1000) t),'
  . ' (SELECT COUNT(*) FROM (SELECT 1 FROM membership'
  . '   WHERE account_id = ? AND role = 4 LIMIT 2) t),'
  . ' EXISTS (SELECT 1 FROM invitation FORCE INDEX (invitation_pending)'
  . '   WHERE account_id = ? AND accepted_at IS NULL AND revoked_at IS NULL)'
  . ' FROM account a WHERE a.id = ?');
$st->execute([$acc, $acc, $acc, $acc]);
[$members, $pending, $admins, $anyinv] = $st->fetch(PDO::FETCH_NUM);

// The filter part both list statements share (q '', any status, any role).
const FILTER = ' FROM (SELECT ? AS q, CAST(? AS UNSIGNED) AS st,  CAST(? AS UNSIGNED) AS role) p';
// STMT_USERS_BY_NAME: q, status, role, account, one more row than the page.
$st = $db->prepare('SELECT u.id, u.name, m.email, m.role,'
  . ' IF(u.locked_until > UTC_TIMESTAMP(6), 2, 1), u.totp_enabled OR'
  . ' EXISTS (SELECT 1 FROM passkey pk WHERE pk.user_id = u.id),'
  . ' FLOOR(UNIX_TIMESTAMP(m.last_login_at)),'
  . ' FLOOR(UNIX_TIMESTAMP(m.created_at)),'
  . ' HEX(WEIGHT_STRING(m.sort_name)), HEX(WEIGHT_STRING(m.email)),'
  . ' m.last_login_at, m.created_at'
  . FILTER
  . ' STRAIGHT_JOIN membership m FORCE INDEX (membership_name)'
  . ' JOIN user u ON u.id = m.user_id'
  . ' WHERE m.account_id = ?'
  . ' AND (CHAR_LENGTH(p.q) = 0 OR LOCATE(CONVERT(p.q USING utf8mb4)'
  . '  COLLATE utf8mb4_unicode_ci, u.name) > 0'
  . '  OR LOCATE(CONVERT(p.q USING utf8mb4) COLLATE utf8mb4_unicode_ci,'
  . '  m.email) > 0)'
  . ' AND (p.st = 0 OR p.st = IF(u.locked_until > UTC_TIMESTAMP(6), 2, 1))'
  . ' AND (p.role = 0 OR m.role = p.role)'
  . ' ORDER BY m.sort_name, m.email LIMIT ?');
$st->execute(['', 0, 0, $acc, PER_PAGE + 1]);
$mrows = $st->fetchAll(PDO::FETCH_NUM);
// STMT_INVITES_BY_EMAIL: the same parameters, when any invitation is pending.
$irows = [];
if ($anyinv) {
  $st = $db->prepare('SELECT i.id, i.email, i.role,'
    . ' IF(i.expires_at > UTC_TIMESTAMP(6), 3, 4), iu.name,'
    . ' FLOOR(UNIX_TIMESTAMP(i.created_at)),'
    . ' FLOOR(UNIX_TIMESTAMP(i.expires_at)),'
    . ' HEX(WEIGHT_STRING(i.email)), i.created_at'
    . FILTER
    . ' STRAIGHT_JOIN invitation i FORCE INDEX (invitation_list_email)'
    . ' LEFT JOIN user iu ON iu.id = i.invited_by'
    . ' WHERE i.account_id = ? AND i.accepted_at IS NULL'
    . ' AND i.revoked_at IS NULL'
    . ' AND (CHAR_LENGTH(p.q) = 0'
    . '  OR LOCATE(CONVERT(p.q USING utf8mb4) COLLATE utf8mb4_unicode_ci,'
    . '  i.email) > 0)'
    . ' AND (p.st = 0 OR p.st = IF(i.expires_at > UTC_TIMESTAMP(6), 3, 4))'
    . ' AND (p.role = 0 OR i.role = p.role)'
    . ' ORDER BY i.email, i.id LIMIT ?');
  $st->execute(['', 0, 0, $acc, PER_PAGE + 1]);
  $irows = $st->fetchAll(PDO::FETCH_NUM);
}

// The merge of users.c (sort by name): name key, email key, members
// first, id.
$rows = [];
$mi = $ii = 0;
while (count($rows) < PER_PAGE && ($mi < count($mrows) || $ii < count($irows))) {
  $takem = $ii >= count($irows);
  if (!$takem && $mi < count($mrows)) {
    $m = $mrows[$mi]; $i = $irows[$ii];
    $c = strcmp($m[8], $i[7]) ?: strcmp($m[9], $i[7]) ?: -1;
    $takem = $c < 0;
  }
  $rows[] = $takem ? [1, $mrows[$mi++]] : [2, $irows[$ii++]];
}
$more = $mi < count($mrows) || $ii < count($irows);

// Seconds since 1970 as the worker's local-time (tz_iso_cell): ISO 8601
// with the offset in the account's zone.
$zone = new DateTimeZone($tz);
$iso = function ($secs) use ($zone): ?string {
  if ($secs === null) return null;
  return (new DateTime('@' . $secs))->setTimezone($zone)->format('Y-m-d\TH:i:sP');
};
$short = fn(string $t): string => '<time datetime="' . $t . '" class="stamp">' . substr($t, 0, 10) . ' <span>' . substr($t, 11, 5) . ' ' . substr($t, 19) . '</span></time>';
$date = fn(string $t): string => '<time datetime="' . substr($t, 0, 10) . '">' . (int)substr($t, 8, 2) . NBSP . MONTHS[(int)substr($t, 5, 2) - 1] . NBSP . substr($t, 0, 4) . '</time>';

$csrf = rtrim(strtr(base64_encode(hash_hmac('sha256', (string)$sid, 'bench-key', true)), '+/', '-_'), '=');
$an = h($aname);
$manage = (int)$myrole === 4;
$sel = fn(string $id, string $name, array $opts, ?string $cur = null) =>
  '<div class="select"><select id="' . $id . '" name="' . $name . '">' . implode('', array_map(fn($o) => '<option value="' . $o[0] . '"' . ($o[0] === $cur ? ' selected' : '') . '>' . $o[1] . '</option>', $opts)) . '</select>' . icon('chevron-down') . '</div>';
$roleopts = array_map(fn($r) => [$r, ucfirst($r)], array_values(ROLES));

header('Content-Type: text/html; charset=UTF-8');
ob_start();
echo bench_frame($db, $s, 'Users', 'users', $csrf),
  '<nav class="crumb" aria-label="Breadcrumb"><ol><li><a href="/settings">Account Settings</a></li></ol></nav>',
  '<div class="page-head"><div class="page-head-text"><h1>Users</h1><p class="lede">People who can sign in to <bdi>', $an, '</bdi>: <strong>', number_format((int)$members), '</strong>', (int)$members === 1 ? ' member' : ' members',
  (int)$pending > 0 ? ' and <a href="/settings/users?status=invited">' . number_format((int)$pending) . ((int)$pending === 1 ? ' open invitation' : ' open invitations') . '</a>' : '', '.</p></div>',
  '<div class="actions"><a class="btn" href="/settings/users.csv?sort=name&amp;order=asc">', icon('download'), '<span>Export CSV</span></a></div></div>',
  '<section class="card invite-card" aria-labelledby="invite-h"><div class="card-head"><span class="card-icon">', icon('mail'), '</span><div><h2 id="invite-h">Invite users</h2><p class="card-sub">Up to 50 addresses at once, separated by commas or new lines. Each gets an email with a link that works for 7 days.</p></div></div>',
  '<form class="invite-grid" method="post" action="/settings/users/invite"><input type="hidden" name="csrf" value="', h($csrf), '"><div class="field invite-emails"><label for="invite-emails">Email addresses</label><textarea id="invite-emails" name="emails" rows="3" required="required" spellcheck="false" autocomplete="off" maxlength="8000" placeholder="ann@example.com, bob@example.com"></textarea></div>',
  '<div class="field invite-role"><label for="invite-role">Role</label>', $sel('invite-role', 'role', $roleopts, 'member'), '</div><div class="invite-send"><button class="btn btn-primary" type="submit">Send invitations</button></div><details class="invite-message"><summary>Add a personal message <span class="muted">(optional)</span></summary><div class="field"><label for="invite-message" class="sr">Personal message</label><textarea id="invite-message" name="message" rows="3" maxlength="1000" placeholder="Welcome aboard! This is where we keep our analytics."></textarea></div></details></form></section>',
  '<form class="filters" method="get" action="/settings/users" role="search" aria-label="Find users"><input type="hidden" name="sort" value="name"><input type="hidden" name="order" value="asc"><div class="field filter-q"><label for="f-q">Search</label><input id="f-q" name="q" type="search" maxlength="100" placeholder="Name or email" value=""></div>',
  '<div class="field"><label for="f-role">Role</label>', $sel('f-role', 'role', array_merge([['', 'Any role']], $roleopts)), '</div>',
  '<div class="field"><label for="f-status">Status</label>', $sel('f-status', 'status', [['', 'Any status'], ['active', 'Active'], ['locked', 'Locked'], ['invited', 'Invited'], ['expired', 'Expired']]), '</div>',
  '<div class="filter-actions"><button class="btn" type="submit">', icon('search'), '<span>Apply</span></button></div></form>',
  '<div class="table-card"><table class="table users-table"><caption class="sr">Members and invitations of ', $an, '</caption><thead><tr><th scope="col" aria-sort="ascending"><a class="sort" href="/settings/users?sort=name&amp;order=desc"><span>Name</span>', icon('arrow-up'), '</a></th><th scope="col"><a class="sort" href="/settings/users?sort=role&amp;order=asc"><span>Role</span></a></th><th scope="col">Status</th><th scope="col"><a class="sort" href="/settings/users?sort=last-login&amp;order=asc"><span>Last sign-in</span></a></th><th scope="col"><a class="sort" href="/settings/users?sort=since&amp;order=asc"><span>Member since</span></a></th></tr></thead><tbody>';
foreach ($rows as [$kind, $r]) {
  if ($kind === 1) {
    [$id, $name, $email, $role, $status, $totp, $last, $since] = $r;
    $label = h($name !== '' ? $name : $email);
    echo '<tr id="member-', $id, '"><td>',
      $manage ? '<button form="f-open" name="member" value="' . $id . '" class="who-btn"><bdi>' . $label . '</bdi></button>' : '<bdi class="who-name">' . $label . '</bdi>',
      (int)$id === (int)$uid ? ' <span class="badge badge-accent">You</span>' : '', '<span class="who-email">', h($email), '</span></td><td data-label="Role">', ucfirst(ROLES[(int)$role]), '</td><td data-label="Status">',
      (int)$status === 2 ? '<span class="badge badge-danger">Locked</span>' : '<span class="badge badge-ok">Active</span>', '<span class="two-step">2-step ', $totp ? 'on' : 'off', '</span></td><td data-label="Last sign-in">',
      $last !== null ? $short($iso($last)) : '<span class="muted">Never</span>', '</td><td data-label="Member since">', $date($iso($since)), '</td></tr>';
  } else {
    [$id, $email, $role, $status, $inviter, $sent, $expires] = $r;
    $em = h($email);
    echo '<tr id="invitation-', $id, '" class="row-invitation"><td><button form="f-open" name="invitation" value="', $id, '" class="who-btn"><bdi>', $em, '</bdi></button><span class="who-email">Invited', (string)$inviter !== '' ? ' by <bdi>' . h($inviter) . '</bdi>' : '', '</span></td><td data-label="Role">', ucfirst(ROLES[(int)$role]), '</td><td data-label="Status">',
      (int)$status === 4 ? '<span class="badge badge-warn">Expired</span><span class="two-step">since ' . $date($iso($expires)) . '</span>' : '<span class="badge badge-accent">Invited</span><span class="two-step">expires ' . $short($iso($expires)) . '</span>',
      '</td><td data-label="Last sign-in"><span class="muted">Not yet</span></td><td data-label="Invited">', $date($iso($sent)), '</td></tr>';
  }
}
echo '</tbody></table></div>';
if ($more)
  echo '<nav class="pager" aria-label="Pages of the list"><span></span><span class="pager-info">Page 1</span><a class="btn btn-sm" rel="next" href="/settings/users?page=2"><span>Next</span>', icon('arrow-right'), '</a></nav>';
echo '<form id="f-open" method="get" action="/settings/users" hidden="hidden"></form></main></div></body></html>', "\n";
ob_end_flush();

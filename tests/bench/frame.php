<?php
// `./steward bench`: what the PHP-FPM peers (the other .php files here)
// share — Steward's database, its session (copies of STMT_SESSION_GET,
// STMT_SESSION_TOUCH and STMT_ACCOUNTS_OF_USER in fcgi/tables/core.sql.def,
// with fcgi/session.c's parameters) and the frame xslt/site.xsl draws
// around a signed-in page (header, account switcher, profile menu, the
// settings navigation), byte for byte.  Cookie stw_session; database
// STEWARD_BENCH_DB on STEWARD_BENCH_SOCKET.
declare(strict_types=1);

const ROLES = [4 => 'admin', 3 => 'creator', 2 => 'member', 1 => 'agent'];
const SESSION_IDLE = 1800;    // session_idle
const TOUCH_EVERY = 60;       // SESSION_TOUCH_EVERY
// The settings navigation (site.xsl settings-pages-rtf), for an Admin.
const NAV = [['account', 'Account', [['billing', 'Billing'], ['users', 'Users'], ['profile', 'Profile'], ['timezone', 'Account Timezone'], ['organization', 'Organization'], ['password', 'Password']]],
             ['manage', 'Manage', [['events', 'Events'], ['user-properties', 'User Properties'], ['downloads', 'My Downloads'], ['reports', 'My Reports'], ['labels', 'Labels'], ['csv-uploads', 'CSV Uploads'], ['audit-log', 'Audit Log']]]];

function h(?string $s): string { return htmlspecialchars($s ?? '', ENT_QUOTES | ENT_HTML5, 'UTF-8'); }
function icon(string $n): string { return '<svg class="i" aria-hidden="true"><use href="/static/icons.svg#' . $n . '"></use></svg>'; }

// The database and the signed-in session: [PDO, session row] (STMT_SESSION_GET
// columns: id, user, account, role, name, email, public id, account name,
// region, zone, idle seconds, memberships, stage, attempts, enroll), or a
// redirect to /login and exit.
function bench_session(): array {
  $token = $_COOKIE['stw_session'] ?? '';
  if (strlen($token) !== 43) { header('Location: /login', true, 303); exit; }
  $db = new PDO('mysql:unix_socket=' . getenv('STEWARD_BENCH_SOCKET') . ';dbname=' . getenv('STEWARD_BENCH_DB') . ';charset=utf8mb4',
                getenv('STEWARD_BENCH_DBUSER') ?: 'root', '',
                [PDO::ATTR_PERSISTENT => true, PDO::ATTR_ERRMODE => PDO::ERRMODE_EXCEPTION,
                 PDO::ATTR_EMULATE_PREPARES => false]);
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
  if ((int)$s[10] >= TOUCH_EVERY)
    $db->prepare('UPDATE session SET last_seen_at = UTC_TIMESTAMP(6) WHERE id = ?')->execute([$s[0]]);
  return [$db, $s];
}

// The page up to its <main>'s first child: $title the page's title,
// $section its navigation key ('settings' for the overview), $csrf the
// token of its forms.
function bench_frame(PDO $db, array $s, string $title, string $section, string $csrf): string {
  [, $uid, , $myrole, $myname, $myemail, $pub, $aname] = $s;
  $c = h($csrf);
  $an = h($aname);
  $initials = h(implode('', array_map(fn($w) => substr($w, 0, 1), array_slice(explode(' ', $myname), 0, 2))));
  $o = '<!DOCTYPE html>' . "\n" . '<html lang="en"><head><meta http-equiv="Content-Type" content="text/html; charset=UTF-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="color-scheme" content="light dark"><title>' . $title . ' · Steward</title><link rel="stylesheet" href="/static/style.css"><link rel="icon" href="/static/favicon.svg" type="image/svg+xml"><script src="/static/app.js" defer></script></head>'
    . '<body class="app"><a class="skip" href="#main">Skip to content</a><header class="top"><div class="top-in"><a class="brand" href="/settings"><svg class="logo" viewBox="0 0 32 32" aria-hidden="true"><rect width="32" height="32" rx="8"></rect><path d="M9 22v-5M14 22V10M19 22v-8M24 22v-3"></path></svg><span>Steward</span></a>';
  if ((int)$s[11] > 1) {   // STMT_ACCOUNTS_OF_USER: the account switcher
    $st = $db->prepare('SELECT a.public_id, a.name, m.role FROM membership m'
      . ' JOIN account a ON a.id = m.account_id WHERE m.user_id = ?'
      . ' ORDER BY a.name, a.id LIMIT 100');
    $st->execute([$uid]);
    $o .= '<details class="menu switcher"><summary class="acct" title="Switch account"><span class="sr">Current account: </span><span class="acct-name"><bdi>' . $an . '</bdi></span><span class="acct-id">' . h($pub) . '</span>' . icon('chevron-down') . '</summary><div class="menu-panel"><p class="menu-label">Switch account</p><ul class="menu-list">';
    foreach ($st->fetchAll(PDO::FETCH_NUM) as [$id, $name, $role]) {
      $cur = $id === $pub;
      $o .= '<li><form method="post" action="/settings/account"><input type="hidden" name="csrf" value="' . $c . '"><input type="hidden" name="account" value="' . h($id) . '"><button class="menu-item acct-item" type="submit"' . ($cur ? ' aria-current="true"' : '') . '><span class="acct-item-text"><span class="acct-name"><bdi>' . h($name) . '</bdi></span><span class="acct-id">' . h($id) . ' · ' . ucfirst(ROLES[(int)$role]) . '</span></span>' . ($cur ? icon('check') : '') . '</button></form></li>';
    }
    $o .= '</ul></div></details>';
  } else
    $o .= '<div class="acct"><span class="sr">Account: </span><span class="acct-name"><bdi>' . $an . '</bdi></span><span class="acct-id">' . h($pub) . '</span></div>';
  $o .= '<details class="menu profile"><summary class="avatar" title="Profile and sign out"><span class="sr">Profile menu: </span><bdi>' . $initials . '</bdi></summary><div class="menu-panel menu-right"><div class="menu-who"><span class="avatar avatar-lg" aria-hidden="true"><bdi>' . $initials . '</bdi></span><div class="menu-who-text"><strong><bdi>' . h($myname) . '</bdi></strong><span class="muted break">' . h($myemail) . '</span><span class="badge">' . ucfirst(ROLES[(int)$myrole]) . '</span></div></div>'
    . '<a class="menu-item" href="/settings">' . icon('settings') . '<span>Settings</span></a><a class="menu-item" href="/settings/profile">' . icon('profile') . '<span>Profile</span></a><form method="post" action="/logout"><input type="hidden" name="csrf" value="' . $c . '"><button class="menu-item" type="submit">' . icon('logout') . '<span>Sign out</span></button></form></div></details></div></header>'
    . '<div class="frame"><nav class="sidenav no-print" aria-label="Settings"><details class="sidenav-menu"><summary class="sidenav-toggle">' . icon('menu') . '<span>Settings</span><span class="sidenav-here">' . $title . '</span>' . icon('chevron-down') . '</summary><div class="sidenav-body"><a class="sidenav-link" href="/settings"' . ($section === 'settings' ? ' aria-current="page"' : '') . '>' . icon('settings') . '<span>Overview</span></a>';
  foreach (NAV as [$g, $sec, $items]) {
    $o .= '<p class="sidenav-h" id="nav-sec-' . $g . '">' . $sec . '</p><ul class="sidenav-list" aria-labelledby="nav-sec-' . $g . '">';
    foreach ($items as [$k, $t])
      $o .= '<li><a class="sidenav-link" href="/settings/' . $k . '"' . ($k === $section ? ' aria-current="page"' : '') . '>' . icon($k) . '<span>' . $t . '</span></a></li>';
    $o .= '</ul>';
  }
  return $o . '</div></details></nav><main id="main" class="main">';
}

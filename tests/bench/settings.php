<?php
// `./steward bench`: the PHP-FPM + PDO baseline for /settings (DESIGN §9).
// The same work as the worker's overview: one session lookup joined with
// user, membership and account; one query for the account switcher; an
// HTML page of about the same size and structure, every value escaped.
// Database: steward_phpbench (tests/bench/php-schema.sql); cookie sid.
declare(strict_types=1);

function h(string $s): string { return htmlspecialchars($s, ENT_QUOTES | ENT_HTML5, 'UTF-8'); }

$roles = [1 => 'Agent', 2 => 'Member', 3 => 'Creator', 4 => 'Admin'];
$token = $_COOKIE['sid'] ?? '';
if ($token === '' || strlen($token) > 128) { header('Location: /login', true, 303); exit; }

$db = new PDO('mysql:unix_socket=' . getenv('STEWARD_BENCH_SOCKET') . ';dbname=steward_phpbench;charset=utf8mb4',
              getenv('STEWARD_BENCH_DBUSER') ?: 'root', '',
              [PDO::ATTR_PERSISTENT => true, PDO::ATTR_ERRMODE => PDO::ERRMODE_EXCEPTION,
               PDO::ATTR_EMULATE_PREPARES => false]);

$st = $db->prepare('SELECT s.id AS sid, u.id AS uid, u.name, u.email, m.role,
                           a.id AS aid, a.public_id, a.name AS aname, a.region, a.timezone
                      FROM session s
                      JOIN user u ON u.id = s.user_id
                      JOIN membership m ON m.account_id = s.account_id AND m.user_id = s.user_id
                      JOIN account a ON a.id = s.account_id
                     WHERE s.token_hash = ? AND s.expires_at > UTC_TIMESTAMP(6)');
$st->execute([hash('sha256', $token, true)]);
$me = $st->fetch(PDO::FETCH_ASSOC);
if (!$me) { header('Location: /login', true, 303); exit; }

$st = $db->prepare('SELECT a.public_id, a.name, m.role FROM membership m
                      JOIN account a ON a.id = m.account_id
                     WHERE m.user_id = ? ORDER BY a.name');
$st->execute([$me['uid']]);
$accounts = $st->fetchAll(PDO::FETCH_ASSOC);

$csrf = rtrim(strtr(base64_encode(hash_hmac('sha256', (string)$me['sid'], 'bench-key', true)), '+/', '-_'), '=');
$initials = implode('', array_map(fn($w) => substr($w, 0, 1), array_slice(explode(' ', $me['name']), 0, 2)));
$role = $roles[(int)$me['role']];
$icon = '<svg class="i" viewBox="0 0 24 24" aria-hidden="true"><path d="M4 6h10M18 6h2M4 12h3M11 12h9M4 18h11M19 18h1"></path><circle cx="16" cy="6" r="2"></circle></svg>';
$sections = [
  'Account' => [
    ['billing', 'Billing', 'Your plan, usage, payment card, billing contact and invoices.'],
    ['users', 'Users', 'Invite people, change their roles and remove access.'],
    ['profile', 'Profile', 'Your name, email, two-step verification and sessions.'],
    ['timezone', 'Account Timezone', 'The time zone reports and exports of this account use.'],
    ['organization', 'Organization', 'Legal name, address and the policies for everyone.'],
    ['password', 'Password', 'Change the password you sign in with.'],
  ],
  'Manage' => [
    ['events', 'Events', 'Describe, discard and restore the events this account receives.'],
    ['user-properties', 'User Properties', 'Types and descriptions of the properties of your users.'],
    ['downloads', 'My Downloads', 'Exports you asked for, ready to download until they expire.'],
    ['reports', 'My Reports', 'Reports you saved or scheduled.'],
    ['labels', 'Labels', 'Group events and properties under labels.'],
    ['csv-uploads', 'CSV Uploads', 'Upload events and user profiles from CSV files.'],
  ],
];
header('Content-Type: text/html; charset=utf-8');
?>
<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="color-scheme" content="light dark"><title>Account Settings · Steward</title><link rel="stylesheet" href="/static/style.css"><link rel="icon" href="/static/favicon.svg" type="image/svg+xml"><script src="/static/app.js" defer></script></head>
<body class="app"><a class="skip" href="#main">Skip to content</a><header class="top"><div class="top-in"><a class="brand" href="/settings"><svg class="logo" viewBox="0 0 32 32" aria-hidden="true"><rect width="32" height="32" rx="8"></rect><path d="M9 22v-5M14 22V10M19 22v-8M24 22v-3"></path></svg><span>Steward</span></a>
<details class="menu switcher"><summary class="acct" title="Switch account"><span class="sr">Current account: </span><span class="acct-name"><bdi><?= h($me['aname']) ?></bdi></span><span class="acct-id"><?= h($me['public_id']) ?></span></summary><div class="menu-panel"><p class="menu-label">Switch account</p><ul class="menu-list">
<?php foreach ($accounts as $a): ?><li><a class="menu-item acct-item" href="/settings?account=<?= rawurlencode($a['public_id']) ?>"<?= $a['public_id'] === $me['public_id'] ? ' aria-current="true"' : '' ?>><span class="acct-item-text"><span class="acct-name"><bdi><?= h($a['name']) ?></bdi></span><span class="acct-id"><?= h($a['public_id']) ?> · <?= h($roles[(int)$a['role']]) ?></span></span></a></li>
<?php endforeach; ?></ul></div></details>
<details class="menu profile"><summary class="avatar" title="Profile and sign out"><span class="sr">Profile menu: </span><bdi><?= h($initials) ?></bdi></summary><div class="menu-panel menu-right"><div class="menu-who"><span class="avatar avatar-lg" aria-hidden="true"><bdi><?= h($initials) ?></bdi></span><div class="menu-who-text"><strong><bdi><?= h($me['name']) ?></bdi></strong><span class="muted break"><?= h($me['email']) ?></span><span class="badge"><?= h($role) ?></span></div></div>
<a class="menu-item" href="/settings"><?= $icon ?><span>Settings</span></a><form method="post" action="/logout"><input type="hidden" name="csrf" value="<?= h($csrf) ?>"><button class="menu-item" type="submit"><?= $icon ?><span>Sign out</span></button></form></div></details></div></header>
<main id="main" class="wrap"><div class="page-head"><h1>Account Settings</h1><p class="lede">Find and edit the details of <bdi><?= h($me['aname']) ?></bdi>, manage who can use it, and look after its data.</p></div>
<div class="boxes"><section class="card" aria-labelledby="cred-h"><div class="card-head"><span class="card-icon"><?= $icon ?></span><div><h2 id="cred-h">Account credentials</h2><p class="card-sub">Identify this account to the ingestion API and SDKs.</p></div></div>
<dl class="creds"><div class="cred"><dt>Account ID</dt><dd><code><?= h($me['public_id']) ?></code></dd></div><div class="cred"><dt>Account name</dt><dd><bdi><?= h($me['aname']) ?></bdi></dd></div><div class="cred"><dt>Region</dt><dd><code><?= h($me['region']) ?></code></dd></div>
<div class="cred"><dt>Passcode</dt><dd><code class="masked">••••-••••-••••</code><form method="post" action="/settings/credentials/reveal"><input type="hidden" name="csrf" value="<?= h($csrf) ?>"><button class="icon-btn" type="submit" title="Reveal the passcode"><?= $icon ?><span class="sr">Reveal</span></button></form></dd></div></dl></section>
<section class="card" aria-labelledby="invite-h"><div class="card-head"><span class="card-icon"><?= $icon ?></span><div><h2 id="invite-h">Invite a user</h2><p class="card-sub">They get an email with a link to join <bdi><?= h($me['aname']) ?></bdi>.</p></div></div>
<form class="invite" method="post" action="/settings/users/invite"><input type="hidden" name="csrf" value="<?= h($csrf) ?>"><div class="field"><label for="invite-email">Email</label><input id="invite-email" name="email" type="email" required maxlength="254" autocomplete="off" placeholder="name@example.com"></div>
<div class="field"><label for="invite-role">Role</label><select id="invite-role" name="role"><?php foreach ($roles as $k => $r): ?><option value="<?= strtolower($r) ?>"<?= $k === 2 ? ' selected' : '' ?>><?= h($r) ?></option><?php endforeach; ?></select></div><button class="btn btn-primary" type="submit">Invite</button></form></section></div>
<?php foreach ($sections as $title => $items): ?><section class="group" aria-labelledby="g-<?= strtolower($title) ?>"><h2 id="g-<?= strtolower($title) ?>"><?= h($title) ?></h2><ul class="tiles">
<?php foreach ($items as [$key, $name, $desc]): ?><li><a class="tile" href="/settings/<?= $key ?>"><span class="tile-icon"><?= $icon ?></span><span class="tile-text"><strong><?= h($name) ?></strong><span class="muted"><?= h($desc) ?></span></span><svg class="i chev" viewBox="0 0 24 24" aria-hidden="true"><path d="M9.5 6.5l5.5 5.5-5.5 5.5"></path></svg></a></li>
<?php endforeach; ?></ul></section>
<?php endforeach; ?></main><footer class="foot"><p class="muted">Steward · <?= h($me['timezone']) ?></p></footer></body></html>

<?php
// `./steward bench`: the PHP-FPM + PDO peer of /settings (DESIGN §9) — the
// same work as the worker's overview on Steward's own database: the session
// (frame.php: STMT_SESSION_GET, its touch, the switcher's statement when
// the user has more than one account) and the HTML the worker's page draws
// (xslt/site.xsl + settings.xsl: the frame with the settings navigation,
// the credentials and invite cards, the Account and Manage entries), byte
// for byte but the CSRF token, every value escaped.  When the worker's page
// changes, change this copy with it: the bench prints both page sizes side
// by side.
declare(strict_types=1);
require __DIR__ . '/frame.php';

// The overview's entries (site.xsl settings-pages-rtf), for an Admin: HTML
// text (the apostrophe as it is, as libxslt writes it).
const ENTRIES = [
  'billing' => 'Track app usage, upgrade your plan, edit credit card details and billing contact, and view and export invoices.',
  'users' => 'View users, edit their roles, and invite more users.',
  'profile' => 'View profile details and enable 2-step verification.',
  'timezone' => 'Change the timezone for your account.',
  'organization' => "Edit your organization's name, address and website, allowed invite domains, and 2-step verification policy.",
  'password' => 'Change the password you sign in with; your other sessions are signed out.',
  'events' => 'See every event your app sends and how often; describe, discard or restore events.',
  'user-properties' => 'See the properties stored on user profiles; set their types and descriptions.',
  'downloads' => 'Download the exports you requested before they expire.',
  'reports' => 'Open, edit and schedule the reports you have saved.',
  'labels' => 'Create and edit labels to group reports and CSV uploads and find them faster.',
  'csv-uploads' => 'Import events and user profiles from a CSV file, map its columns, and follow its progress.',
  'audit-log' => 'See who changed what in this account, when, and from where.',
];

[$db, $s] = bench_session();
[$sid, , , $myrole, , , $pub, $aname, $region] = $s;
$admin = (int)$myrole === 4;
$csrf = rtrim(strtr(base64_encode(hash_hmac('sha256', (string)$sid, 'bench-key', true)), '+/', '-_'), '=');
$c = h($csrf);
$an = h($aname);
$card = fn(string $id, string $icon, string $title, string $sub) => '<section class="card" aria-labelledby="' . $id . '"><div class="card-head"><span class="card-icon">' . icon($icon) . '</span><div><h2 id="' . $id . '">' . $title . '</h2><p class="card-sub">' . $sub . '</p></div></div>';

header('Content-Type: text/html; charset=UTF-8');
ob_start();
echo bench_frame($db, $s, 'Account Settings', 'settings', $csrf),
  '<div class="page-head"><div class="page-head-text"><h1>Account Settings</h1><p class="lede">Find and edit the details of <bdi>', $an, '</bdi> and manage its data.</p></div></div>',
  '<div class="section boxes">', $card('cred-h', 'key', 'Account credentials', 'Identify this account to the ingestion API and SDKs.'),
  '<dl class="kv"><div><dt>Account name</dt><dd><bdi>', $an, '</bdi></dd></div><div><dt>Account ID</dt><dd><code class="mono">', h($pub), '</code></dd></div><div><dt>Region</dt><dd><code class="mono">', h($region), '</code></dd></div>',
  '<div><dt>Passcode</dt><dd><div class="secret"><code class="secret-value is-masked" id="passcode"><span aria-hidden="true">••••••••••••••••</span><span class="sr">hidden</span></code>',
  $admin ? '<form class="reveal" method="post" action="/settings/credentials/reveal"><input type="hidden" name="csrf" value="' . $c . '"><button class="icon-btn" type="submit" title="Reveal passcode" aria-pressed="false" aria-controls="passcode"><span class="sr">Reveal passcode</span>' . icon('eye') . icon('eye-off') . '</button></form>' : '',
  '</div>', $admin ? '<p class="note" id="passcode-note" hidden="hidden">Keep it secret. This reveal was recorded in the audit log.</p><p class="cred-action"><a href="/settings/credentials/rotate">Rotate passcode</a></p>' : '<p class="hint">Only an Admin can reveal the passcode.</p>',
  '</dd></div></dl></section>';
if ((int)$myrole >= 3) {
  echo $card('invite-h', 'mail', 'Invite a user', 'They get an email with a link to join this account.'),
    '<form class="stack" method="post" action="/settings/users/invite"><input type="hidden" name="csrf" value="', $c, '"><div class="field"><label for="invite-email">Email address</label><input id="invite-email" name="email" type="email" value="" maxlength="254" autocomplete="off" spellcheck="false" required="required" placeholder="name@example.com"></div>',
    '<div class="field"><label for="invite-role">Role</label><div class="select"><select id="invite-role" name="role">';
  foreach (ROLES as $k => $r)
    if ($k <= (int)$myrole)
      echo '<option value="', $r, '"', $r === 'member' ? ' selected' : '', '>', ucfirst($r), '</option>';
  echo '</select>', icon('chevron-down'), '</div></div><div class="actions"><button class="btn btn-primary" type="submit">Invite</button></div></form></section>';
}
echo '</div>';
foreach (NAV as [$g, $sec, $items]) {
  echo '<section class="section" aria-labelledby="sec-', $g, '"><h2 id="sec-', $g, '" class="section-title">', $sec, '</h2><ul class="entries">';
  foreach ($items as [$k, $t])
    echo '<li><a class="entry" href="/settings/', $k, '"><span class="entry-icon">', icon($k), '</span><span class="entry-text"><span class="entry-title">', $t, '</span><span class="entry-desc">', ENTRIES[$k], '</span></span></a></li>';
  echo '</ul></section>';
}
echo '</main></div></body></html>', "\n";
ob_end_flush();

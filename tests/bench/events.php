<?php
// `./steward bench`: the PHP-FPM + PDO peer of /settings/events — the honest
// comparison: the statements the worker runs on Steward's own database
// (the session's in frame.php; STMT_SCHEMA_EVENTS_BY_NAME and
// STMT_SCHEMA_EVENT_TOTAL in fcgi/tables/data.sql.def, with the parameters
// fcgi/schema.c's schema_list() gives them for the first page sorted by
// name without a search: no STMT_SCHEMA_EVENT_MATCHES then, the counter's
// total is the pager's), times converted here as the worker converts them
// in C (the account's zone), and the HTML the worker's page draws
// (xslt/site.xsl + events.xsl + schema_list.xsl: the frame of frame.php
// with the settings navigation, the lede, the search form, the lean list of
// 50 rows, the pager), every value escaped.  The bench's page is an
// Admin's; the Creator's and Member's differences (no links, no Restore)
// are drawn too.  When the worker's page or statements change, change this
// copy with them: the bench prints both page sizes side by side (they
// should be within a few per cent; the HTML is the same but the CSRF token).
declare(strict_types=1);
require __DIR__ . '/frame.php';

const PER_PAGE = 50;          // SCHEMA_PER_PAGE
const LIMIT = 512;            // MAX_EVENT_NAMES
const PROPS_SHOWN = 8;        // schema_list.xsl: prop[position() <= 8]
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const NBSP = "\u{a0}";

[$db, $s] = bench_session();
[$sid, , $acc, $myrole, , , , $aname, , $tz] = $s;

// STMT_SCHEMA_EVENTS_BY_NAME: account, the LIKE pattern three times ('':
// no search), one more row than the page, offset 0.
$st = $db->prepare('SELECT e.id, e.name, e.display_name, e.description, e.is_system,'
  . ' e.discarded_at IS NOT NULL, FLOOR(UNIX_TIMESTAMP(e.first_seen)),'
  . ' FLOOR(UNIX_TIMESTAMP(e.last_seen)), COALESCE(m0.n, 0),'
  . ' COALESCE(m1.n, 0), e.total, e.dropped, e.props,'
  . ' (SELECT GROUP_CONCAT(p.name ORDER BY p.name SEPARATOR \'\t\' LIMIT 20)'
  . '  FROM event_prop p WHERE p.event_id = e.id)'
  . ' FROM event_def e FORCE INDEX (event_def_list_name)'
  . ' LEFT JOIN event_month m0 ON m0.event_id = e.id'
  . '  AND m0.month = DATE_FORMAT(UTC_DATE(), \'%Y-%m-01\')'
  . ' LEFT JOIN event_month m1 ON m1.event_id = e.id'
  . '  AND m1.month = DATE_FORMAT(UTC_DATE() - INTERVAL 1 MONTH, \'%Y-%m-01\')'
  . ' WHERE e.account_id = ? AND (? = \'\' OR e.sort_name LIKE ?'
  . '  OR e.display_name LIKE ?)'
  . ' ORDER BY e.sort_name, e.id LIMIT ? OFFSET ?');
$st->execute([$acc, '', '', '', PER_PAGE + 1, 0]);
$rows = $st->fetchAll(PDO::FETCH_NUM);
// STMT_SCHEMA_EVENT_TOTAL: the names known, the pager's total.
$st = $db->prepare('SELECT event_names FROM data_counter WHERE account_id = ?');
$st->execute([$acc]);
$total = (int)($st->fetchColumn() ?: 0);

$more = count($rows) > PER_PAGE;
$rows = array_slice($rows, 0, PER_PAGE);
$describe = (int)$myrole >= 3;          // CAP_SCHEMA_DESCRIBE: Admin, Creator
$discard = (int)$myrole === 4;          // CAP_SCHEMA_DISCARD: Admin
$open = $describe || $discard;          // schema_list.xsl $schema.open
$acts = $discard && in_array(1, array_map(fn($r) => (int)$r[5], $rows), true);

// Seconds since 1970 as the worker's local-time (xml_attr_time), drawn by
// components.xsl's date template: "6 Dec 2026" in <time>.
$zone = new DateTimeZone($tz);
$date = function ($secs) use ($zone): string {
  $t = (new DateTime('@' . $secs))->setTimezone($zone);
  return '<time datetime="' . $t->format('Y-m-d') . '">' . $t->format('j') . NBSP . MONTHS[(int)$t->format('n') - 1] . NBSP . $t->format('Y') . '</time>';
};
$num = fn($n): string => number_format((float)$n);

$csrf = rtrim(strtr(base64_encode(hash_hmac('sha256', (string)$sid, 'bench-key', true)), '+/', '-_'), '=');
$pages = (int)ceil($total / PER_PAGE);

header('Content-Type: text/html; charset=UTF-8');
ob_start();
echo bench_frame($db, $s, 'Events', 'events', $csrf),
  '<nav class="crumb" aria-label="Breadcrumb"><ol><li><a href="/settings">Account Settings</a></li></ol></nav>',
  '<div class="page-head"><div class="page-head-text"><h1>Events</h1><p class="lede">Every event <bdi>', h($aname), '</bdi> has sent, how often, and the properties seen with it. Discarded events are dropped when they arrive.',
  $discard ? ' Select a name to describe or discard it.' : ($describe ? ' Select a name to describe it.' : ''), '</p></div></div>';
if ($acts)
  echo '<form id="restore" method="post" action="/settings/events/restore"><input type="hidden" name="csrf" value="', h($csrf), '"></form>';
echo '<section class="card card-flush" aria-labelledby="list-h"><div class="toolbar"><div><h2 id="list-h" class="toolbar-title">', $num($total), $total === 1 ? ' event' : ' events', '</h2><p class="small muted">Up to ', LIMIT, ' event names per account</p></div>',
  '<form class="search" method="get" action="/settings/events" role="search"><label class="sr" for="q">Search</label><input id="q" name="q" type="search" value="" maxlength="120" placeholder="Search by name"><label class="sr" for="sort">Sort by</label><div class="select"><select id="sort" name="sort"><option value="name" selected>Name</option><option value="last-seen">Last seen</option><option value="count">Count this month</option></select>', icon('chevron-down'), '</div><button class="btn" type="submit">Search</button></form></div>';
if (!$rows)
  echo '<div class="empty">', icon('events'), '<p class="empty-title">No events yet</p><p>Events appear here as soon as your app sends them to the ingestion API (POST /api/1/upload with the account ID and passcode), or when a CSV upload of events is imported.</p>',
    $describe ? '<div class="actions"><a class="btn" href="/settings/csv-uploads">Upload a CSV file</a></div>' : '', '</div>';   // CAP_CSV: Admin, Creator
else {
  echo '<table class="table schema"><thead><tr><th scope="col">Event</th><th scope="col" class="num">This month</th><th scope="col" class="num">Last month</th><th scope="col">Last seen</th>',
    $acts ? '<th scope="col" class="col-actions"><span class="sr">Actions</span></th>' : '', '</tr></thead><tbody>';
  foreach ($rows as [$id, $name, $display, $desc, $system, $off, , $last, $month, $prev, , $dropped, $props, $names]) {
    $label = '<bdi>' . h($display !== '' ? $display : $name) . '</bdi>';
    echo $off ? '<tr class="is-muted">' : '<tr>', '<td class="cell-main">',
      $open ? '<a href="?edit=' . $id . '#edit">' . $label . '</a>' : '<strong>' . $label . '</strong>',
      $system ? '<span class="badge">System</span>' : '', $off ? '<span class="badge badge-warn">Discarded</span>' : '',
      $display !== '' ? '<code>' . h($name) . '</code>' : '', $desc !== '' ? '<p class="desc">' . h($desc) . '</p>' : '';
    if ((string)$names !== '') {
      $shown = array_slice(explode("\t", $names), 0, PROPS_SHOWN);
      echo '<p class="props">Properties: ', h(implode(', ', $shown)),
        (int)$props > count($shown) ? ' and ' . ((int)$props - count($shown)) . ' more' : '', '</p>';
    }
    if ((int)$dropped > 0)
      echo '<p class="props">', $num($dropped), ' dropped while discarded</p>';
    echo '</td><td class="num" data-label="This month">', $num($month), '</td><td class="num" data-label="Last month">', $num($prev), '</td><td data-label="Last seen">', $date($last), '</td>';
    if ($acts)
      echo '<td class="cell-actions">', $off ? '<button class="btn btn-sm" form="restore" name="id" value="' . $id . '">Restore<span class="sr"> ' . h($name) . '</span></button>' : '', '</td>';
    echo '</tr>';
  }
  echo '</tbody></table>';
}
if ($more)
  echo '<nav class="pager" aria-label="Pages of events"><span></span><span class="pager-info">Page 1 of ', $pages, '</span><a class="btn btn-sm" rel="next" href="/settings/events?page=2"><span>Next</span>', icon('arrow-right'), '</a></nav>';
echo '</section></main></div></body></html>', "\n";
ob_end_flush();

/*
 * Steward, manage part — progressive enhancement only; every page works
 * without it.
 *
 * My Downloads: while an export is queued or running, the /api twin of
 * the page is polled every 2 seconds; rows written are updated in place
 * and the page reloads when an export changes status.
 *
 * The report form: fields the chosen kind, range or schedule does not use
 * are hidden and disabled (so they are not sent).
 */
(function () {
  "use strict";

  function pollDownloads(box) {
    var url = box.getAttribute("data-poll");
    var fmt = window.Intl && Intl.NumberFormat ? new Intl.NumberFormat("en") : null;
    function num(n) { return fmt ? fmt.format(Number(n)) : String(n); }
    function poll() {
      fetch(url, { headers: { "Accept": "application/xml" }, credentials: "same-origin", cache: "no-store" })
        .then(function (res) {
          if (!res.ok) throw new Error("status " + res.status);
          return res.text();
        })
        .then(function (text) {
          var doc = new DOMParser().parseFromString(text, "application/xml");
          var list = doc.getElementsByTagName("download");
          var busy = false, changed = false;
          for (var i = 0; i < list.length; i++) {
            var d = list[i], st = d.getAttribute("status");
            var row = box.querySelector('tr[data-id="' + d.getAttribute("id") + '"]');
            if (st === "queued" || st === "running") busy = true;
            if (!row) { changed = true; continue; }
            if (row.getAttribute("data-status") !== st) { changed = true; continue; }
            var rows = row.querySelector("[data-rows]");
            if (rows) rows.textContent = num(d.getAttribute("rows"));
            var bar = row.querySelector("progress");
            if (bar && Number(d.getAttribute("rows-total")) > 0) {
              bar.max = Number(d.getAttribute("rows-total"));
              bar.value = Number(d.getAttribute("rows"));
            }
          }
          if (changed || !busy) window.location.reload();
          else setTimeout(poll, 2000);
        })
        .catch(function () { setTimeout(poll, 5000); });
    }
    setTimeout(poll, 1500);
  }

  function reportForm(form) {
    function checked(name) {
      var el = form.querySelector('input[name="' + name + '"]:checked');
      return el;
    }
    function update() {
      var kind = checked("kind");
      var range = form.querySelector('select[name="range"]');
      var sched = checked("schedule");
      var s = sched ? sched.value : "none";
      var need = {
        range: !kind || kind.getAttribute("data-range") === "yes",
        events: !kind || kind.getAttribute("data-events") === "yes",
        label: !kind || kind.getAttribute("data-label-filter") === "yes",
        custom: range && range.value === "custom",
        scheduled: s !== "none",
        weekly: s === "weekly",
        monthly: s === "monthly"
      };
      var els = form.querySelectorAll("[data-needs]");
      for (var i = 0; i < els.length; i++) {
        var on = need[els[i].getAttribute("data-needs")];
        els[i].hidden = !on;
        var ctl = els[i].querySelectorAll("input, select, textarea");
        for (var j = 0; j < ctl.length; j++) ctl[j].disabled = !on;
      }
    }
    form.addEventListener("change", update);
    update();
  }

  var box = document.querySelector("#downloads[data-poll]");
  if (box && window.fetch && window.DOMParser) pollDownloads(box);
  var form = document.querySelector("[data-report-form]");
  if (form) reportForm(form);
})();

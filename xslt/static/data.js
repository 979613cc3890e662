/*
 * Steward, data part — progressive enhancement of a CSV import's progress
 * (/settings/csv-uploads?upload=ID).  Without JavaScript the page has a
 * Refresh link; here the /api twin of the page is polled every 2 seconds
 * while the import is queued or processing, the bar and counts are
 * updated in place, and the page reloads once the import has finished.
 */
(function () {
  "use strict";

  var box = document.querySelector("[data-poll][data-busy]");
  if (!box || !window.fetch || !window.DOMParser) return;
  var url = box.getAttribute("data-poll");
  var bar = document.getElementById("progress-bar");
  var fmt = window.Intl && Intl.NumberFormat ? new Intl.NumberFormat("en") : null;

  function num(n) { return fmt ? fmt.format(Number(n)) : String(n); }

  function set(sel, text) {
    var el = box.querySelector(sel);
    if (el) el.textContent = text;
  }

  function poll() {
    fetch(url, { headers: { "Accept": "application/xml" }, credentials: "same-origin", cache: "no-store" })
      .then(function (res) {
        if (!res.ok) throw new Error("status " + res.status);
        return res.text();
      })
      .then(function (text) {
        var doc = new DOMParser().parseFromString(text, "application/xml");
        var up = doc.getElementsByTagName("csv-upload")[0];
        if (!up) throw new Error("no csv-upload");
        var st = up.getAttribute("status");
        if (bar) {
          bar.max = Number(up.getAttribute("rows-total")) || 1;
          bar.value = Number(up.getAttribute("rows-done"));
          bar.textContent = up.getAttribute("rows-done");
        }
        set("[data-done]", num(up.getAttribute("rows-done")));
        set("[data-imported]", num(up.getAttribute("rows-imported")));
        set("[data-refused]", num(up.getAttribute("rows-refused")));
        if (st === "queued" || st === "processing") {
          set("[data-status] .badge", st === "queued" ? "Queued" : "Processing");
          setTimeout(poll, 2000);
        } else {
          window.location.reload();
        }
      })
      .catch(function () { setTimeout(poll, 5000); });
  }

  setTimeout(poll, 1000);
})();

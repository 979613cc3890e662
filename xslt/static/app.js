/*
 * Steward — progressive enhancement only; every feature works without it.
 *
 * 1. The passcode eye: the form POSTs to /settings/credentials/reveal and the
 *    page re-renders with the passcode.  Here the same body is POSTed to the
 *    /api twin of the form's action, the XML answer is parsed, and the
 *    passcode is shown in place; a second click masks it again (the value is
 *    dropped, the next reveal asks again and is audited again).  On any
 *    failure the form is submitted the ordinary way.
 * 2. Open <details class="menu"> close on Escape and on a click outside.
 * 5. The error summary (focused by autofocus without script): a click on
 *    one of its links focuses the field the message belongs to, not only
 *    scrolls to it.
 * 6. Browsers without ::details-content: the settings navigation's
 *    <details> is opened on wide screens (CSS shows it there anyway).
 */
(function () {
  "use strict";

  function passcodeFrom(text) {
    var doc = new DOMParser().parseFromString(text, "application/xml");
    if (doc.getElementsByTagName("parsererror").length) return null;
    var cred = doc.getElementsByTagName("credentials")[0];
    if (!cred || cred.getAttribute("revealed") !== "yes") return null;
    var pass = cred.getElementsByTagName("passcode")[0];
    return pass && pass.textContent ? pass.textContent : null;
  }

  function setupReveal(form) {
    var button = form.querySelector("button");
    var value = document.getElementById("passcode");
    var note = document.getElementById("passcode-note");
    if (!button || !value || !window.fetch || !window.DOMParser || !window.URLSearchParams) return;
    var label = button.querySelector(".sr");
    var masked = Array.prototype.slice.call(value.childNodes);
    var busy = false;

    function setLabel(text, pressed) {
      button.title = text;
      if (label) label.textContent = text;
      button.setAttribute("aria-pressed", pressed ? "true" : "false");
    }

    function show(pass) {
      value.textContent = pass;
      value.classList.remove("is-masked");
      setLabel("Hide passcode", true);
      if (note) note.hidden = false;
    }

    function hide() {
      value.textContent = "";
      masked.forEach(function (n) { value.appendChild(n); });
      value.classList.add("is-masked");
      setLabel("Reveal passcode", false);
      if (note) note.hidden = true;
    }

    form.addEventListener("submit", function (ev) {
      ev.preventDefault();
      if (busy) return;
      if (button.getAttribute("aria-pressed") === "true") { hide(); return; }
      busy = true;
      button.setAttribute("aria-busy", "true");
      fetch("/api" + form.getAttribute("action"), {
        method: "POST",
        body: new URLSearchParams(new FormData(form)),
        headers: { "Accept": "application/xml" },
        credentials: "same-origin",
        cache: "no-store"
      }).then(function (res) {
        if (!res.ok) throw new Error("reveal: status " + res.status);
        return res.text();
      }).then(function (text) {
        var pass = passcodeFrom(text);
        if (!pass) throw new Error("reveal: no passcode in answer");
        show(pass);
      }).catch(function () {
        form.submit();               /* the plain POST still works */
      }).then(function () {
        busy = false;
        button.removeAttribute("aria-busy");
      });
    });
  }

  function setupMenus() {
    function openMenus() {
      return Array.prototype.slice.call(document.querySelectorAll("details.menu[open]"));
    }
    document.addEventListener("click", function (ev) {
      openMenus().forEach(function (d) {
        if (!d.contains(ev.target)) d.open = false;
      });
    });
    document.addEventListener("keydown", function (ev) {
      if (ev.key !== "Escape") return;
      openMenus().forEach(function (d) {
        d.open = false;
        var s = d.querySelector("summary");
        if (s) s.focus();
      });
    });
  }

  function setupErrorSummary() {
    var box = document.querySelector(".error-summary");
    if (!box) return;
    if (document.activeElement === document.body) box.focus();
    box.addEventListener("click", function (ev) {
      var a = ev.target.closest ? ev.target.closest("a[href^='#f-']") : null;
      if (!a) return;
      var id = a.getAttribute("href").slice(1);
      var field = document.querySelector("[aria-describedby~='" + id + "']");
      if (!field) return;
      ev.preventDefault();
      field.focus();
      var msg = document.getElementById(id);
      if (msg && msg.scrollIntoView) msg.scrollIntoView({ block: "center" });
    });
  }

  function setupSidenav() {
    var nav = document.querySelector("details.sidenav-menu");
    if (nav && window.matchMedia && window.matchMedia("(min-width: 960px)").matches) nav.open = true;
  }

  var forms = document.querySelectorAll("form.reveal");
  for (var i = 0; i < forms.length; i++) setupReveal(forms[i]);
  setupMenus();
  setupErrorSummary();
  setupSidenav();
})();

/*
 * Users page (users part) — progressive enhancement only:
 * 3. A shown invitation link gets a Copy button (the link is selectable
 *    without it).
 * 4. "Copy link" in a row: its form POSTs to the /api twin, the link from
 *    the XML answer goes to the clipboard and a status line says so; on
 *    any failure the form is submitted the ordinary way (the page then
 *    shows the link).
 */
(function () {
  "use strict";

  function say(text) {
    var s = document.getElementById("copy-status");
    if (!s) {
      s = document.createElement("p");
      s.id = "copy-status";
      s.className = "flash flash-ok";
      s.setAttribute("role", "status");
      var main = document.getElementById("main");
      if (!main) return;
      main.insertBefore(s, main.firstChild);
    }
    s.textContent = text;
  }

  function copyText(text) {
    if (navigator.clipboard && navigator.clipboard.writeText) return navigator.clipboard.writeText(text);
    return Promise.reject(new Error("no clipboard"));
  }

  Array.prototype.slice.call(document.querySelectorAll("button[data-copy]")).forEach(function (b) {
    var input = document.getElementById(b.getAttribute("data-copy"));
    var note = document.getElementById("invite-link-note");
    if (!input) return;
    b.hidden = false;
    b.addEventListener("click", function () {
      input.select();
      copyText(input.value).then(function () {
        if (note) note.textContent = "Copied to the clipboard.";
      }, function () {
        if (note) note.textContent = "Press Ctrl+C (or \u2318C) to copy the selected link.";
      });
    });
  });

  Array.prototype.slice.call(document.querySelectorAll("button[data-copy-link]")).forEach(function (button) {
    var form = button.form;
    if (!form || !window.fetch || !window.DOMParser || !window.URLSearchParams) return;
    button.addEventListener("click", function (ev) {
      ev.preventDefault();
      var body = new URLSearchParams(new FormData(form));
      body.set(button.name, button.value);
      fetch("/api" + form.getAttribute("action"), {
        method: "POST",
        body: body,
        headers: { "Accept": "application/xml" },
        credentials: "same-origin",
        cache: "no-store"
      }).then(function (res) {
        if (!res.ok) throw new Error("link: status " + res.status);
        return res.text();
      }).then(function (text) {
        var doc = new DOMParser().parseFromString(text, "application/xml");
        var link = doc.getElementsByTagName("link")[0];
        var href = link && link.getAttribute("href");
        if (!href) throw new Error("link: none in the answer");
        return copyText(href).then(function () {
          say("Invitation link for " + link.getAttribute("email") + " copied to the clipboard.");
        });
      }).catch(function () {
        form.requestSubmit ? form.requestSubmit(button) : form.submit();
      });
    });
  });
})();

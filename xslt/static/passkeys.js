/*
 * Steward — passkeys (WebAuthn) in the browser.  The forms work on their
 * own (passkeys.xsl): each posts to its action; this script only asks the
 * server for options (the form's data-options address, an /api route,
 * posted with the form's csrf), runs navigator.credentials.create() or .get(), puts
 * the answer in the form's hidden fields (base64url) and submits it.  The
 * server checks everything (fcgi/webauthn.c).
 *
 *   form[data-passkey=add]     the Profile page's "Add a passkey"
 *   form[data-passkey=signin]  /login: "Sign in with a passkey", and the
 *                              browser's autofill on the email field
 *                              (conditional mediation) when it offers it
 *   form[data-passkey=step]    /login/verify: a passkey as the second step
 */
(function () {
  "use strict";

  var ALGS = [-7, -8, -257];	/* ES256, EdDSA, RS256: what cose.c accepts */

  function toB64u(buf) {
    var bytes = new Uint8Array(buf), s = "", i;
    for (i = 0; i < bytes.length; i++) s += String.fromCharCode(bytes[i]);
    return btoa(s).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
  }

  function fromB64u(text) {
    var s = atob(text.replace(/-/g, "+").replace(/_/g, "/")), out = new Uint8Array(s.length), i;
    for (i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
    return out.buffer;
  }

  function say(form, text) {
    var status = form.querySelector(".pk-status");
    if (status) status.textContent = text;
  }

  function field(form, name, value) {
    var input = form.querySelector("input[name='" + name + "']");
    if (input) input.value = value;
  }

  /* The options document: POST the form's csrf to its data-options. */
  function options(form) {
    var body = new URLSearchParams();
    body.set("csrf", form.querySelector("input[name='csrf']").value);
    return fetch(form.getAttribute("data-options"), {
      method: "POST", body: body, credentials: "same-origin",
      headers: { "Content-Type": "application/x-www-form-urlencoded" }
    }).then(function (res) {
      return res.text().then(function (text) {
        var doc = new DOMParser().parseFromString(text, "application/xml");
        var opt = doc.getElementsByTagName("passkey-options")[0];
        if (!res.ok || !opt) {
          var err = doc.getElementsByTagName("error")[0];
          throw new Error(err ? err.textContent : "The server did not answer (" + res.status + "). Try again.");
        }
        return opt;
      });
    });
  }

  function credentialsOf(opt) {
    return Array.prototype.map.call(opt.getElementsByTagName("credential"), function (c) {
      return { type: "public-key", id: fromB64u(c.getAttribute("id")) };
    });
  }

  function createOptions(opt) {
    return {
      challenge: fromB64u(opt.getAttribute("challenge")),
      rp: { id: opt.getAttribute("rp-id"), name: opt.getAttribute("rp-name") },
      user: {
        id: fromB64u(opt.getAttribute("user-id")),
        name: opt.getAttribute("user-name"),
        displayName: opt.getAttribute("user-display")
      },
      pubKeyCredParams: ALGS.map(function (alg) { return { type: "public-key", alg: alg }; }),
      timeout: Number(opt.getAttribute("timeout")),
      excludeCredentials: credentialsOf(opt),
      authenticatorSelection: { residentKey: "required", requireResidentKey: true, userVerification: "preferred" },
      attestation: "none"
    };
  }

  function getOptions(opt) {
    return {
      challenge: fromB64u(opt.getAttribute("challenge")),
      rpId: opt.getAttribute("rp-id"),
      timeout: Number(opt.getAttribute("timeout")),
      allowCredentials: credentialsOf(opt),
      userVerification: opt.getAttribute("uv")
    };
  }

  function why(err) {
    if (err && err.name === "NotAllowedError") return "No passkey was used: the request was cancelled or timed out.";
    if (err && err.name === "InvalidStateError") return "This authenticator holds a passkey for your login already.";
    if (err && err.name === "SecurityError") return "Passkeys do not work at this address. Use the site's name, not its IP address.";
    return err && err.message ? err.message : "The passkey did not work. Try again.";
  }

  function submitAssertion(form, cred) {
    field(form, "credential", toB64u(cred.rawId));
    field(form, "client_data", toB64u(cred.response.clientDataJSON));
    field(form, "authenticator_data", toB64u(cred.response.authenticatorData));
    field(form, "signature", toB64u(cred.response.signature));
    form.submit();
  }

  function setupAdd(form) {
    var busy = false;
    form.addEventListener("submit", function (ev) {
      var name = form.querySelector("input[name='name']");
      if (busy || (name && !name.value.trim())) return;	/* the server says what is missing */
      ev.preventDefault();
      busy = true;
      say(form, "Follow your browser's prompt to make the passkey…");
      options(form).then(function (opt) {
        return navigator.credentials.create({ publicKey: createOptions(opt) });
      }).then(function (cred) {
        field(form, "client_data", toB64u(cred.response.clientDataJSON));
        field(form, "attestation", toB64u(cred.response.attestationObject));
        form.submit();
      }).catch(function (err) {
        busy = false;
        say(form, why(err));
      });
    });
  }

  /* A pending conditional request (autofill), aborted before a click's. */
  var autofill = null;

  function setupGet(form) {
    var busy = false;
    form.addEventListener("submit", function (ev) {
      ev.preventDefault();
      if (busy) return;
      busy = true;
      if (autofill) autofill.abort();
      say(form, "Follow your browser's prompt to use your passkey…");
      options(form).then(function (opt) {
        return navigator.credentials.get({ publicKey: getOptions(opt) });
      }).then(function (cred) {
        submitAssertion(form, cred);
      }).catch(function (err) {
        busy = false;
        say(form, why(err));
      });
    });
    if (form.getAttribute("data-passkey") !== "signin" || form.getAttribute("data-autofill") === "no" ||
        !window.AbortController ||
        !PublicKeyCredential.isConditionalMediationAvailable) return;
    PublicKeyCredential.isConditionalMediationAvailable().then(function (ok) {
      if (!ok) return;
      autofill = new AbortController();
      var signal = autofill.signal;
      options(form).then(function (opt) {
        return navigator.credentials.get({ mediation: "conditional", signal: signal, publicKey: getOptions(opt) });
      }).then(function (cred) {
        if (cred) submitAssertion(form, cred);
      }).catch(function () { /* aborted, or no autofill: the button stays */ });
    });
  }

  function setup() {
    var forms = document.querySelectorAll("form[data-passkey]");
    var able = window.PublicKeyCredential && navigator.credentials && window.fetch &&
      window.DOMParser && window.URLSearchParams;
    Array.prototype.forEach.call(forms, function (form) {
      if (form.getAttribute("data-ready")) return;	/* the script is on the page once per form */
      form.setAttribute("data-ready", "yes");
      Array.prototype.forEach.call(form.querySelectorAll(".pk-nojs"), function (p) { p.hidden = true; });
      if (!able) {
        var button = form.querySelector("button[type='submit']");
        if (button) button.disabled = true;
        say(form, "This browser cannot use passkeys. Sign in with your password, or use a browser that supports passkeys.");
        return;
      }
      if (form.getAttribute("data-passkey") === "add") setupAdd(form);
      else setupGet(form);
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setup);
  else setup();
})();

<?xml version="1.0" encoding="UTF-8"?>
<!--
  passkeys.xsl - passkeys (fcgi/pages/profile_passkeys.c, login_passkey.c,
  login_verify.c): the Profile page's Passkeys card (match="passkeys"),
  the "Sign in with a passkey" form of /login and the passkey form of
  /login/verify (named templates), and page="passkey-options", the
  options a browser's navigator.credentials call needs (read by
  /static/passkeys.js from the /api twin; drawn here only as a note).
  Passkeys need JavaScript: each form says so (.pk-nojs, which the script
  hides; <noscript> is not drawn when a browser only blocks scripts), and
  the password path stays.  passkeys.js fills the hidden fields and submits
  the form; the server answers as for any form (303 + flash, or 422).
-->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">

  <!-- ====================================================== the card -->

  <xsl:template match="passkeys">
    <section class="card pf-wide" id="passkeys" aria-labelledby="pk-h">
      <div class="card-head">
        <span class="card-icon"><xsl:call-template name="icon"><xsl:with-param name="name" select="'key'"/></xsl:call-template></span>
        <div>
          <h2 id="pk-h" class="pf-title">
            <xsl:text>Passkeys </xsl:text>
            <span class="badge"><xsl:value-of select="count(passkey)"/></span>
          </h2>
          <p class="card-sub">Sign in with your fingerprint, face, screen lock or a security key instead of your password. A passkey also serves as the second step after your password, and meets your organization's 2-step rule.</p>
        </div>
      </div>
      <xsl:choose>
        <xsl:when test="passkey">
          <ul class="pk-list">
            <xsl:apply-templates select="passkey"/>
          </ul>
        </xsl:when>
        <xsl:otherwise>
          <p class="pf-text">You have no passkeys yet.</p>
        </xsl:otherwise>
      </xsl:choose>
      <xsl:call-template name="passkey-add">
        <xsl:with-param name="full" select="count(passkey) &gt;= @max"/>
      </xsl:call-template>
    </section>
  </xsl:template>

  <xsl:template match="passkey">
    <xsl:variable name="open" select="/steward/passkey-form[@passkey = current()/@id]"/>
    <li class="pk-item">
      <div class="pk-main">
        <p class="pk-what">
          <strong><bdi><xsl:value-of select="@name"/></bdi></strong>
          <span class="badge"><xsl:value-of select="@kind"/></span>
          <xsl:if test="@synced = 'yes'"><span class="badge badge-accent">Synced</span></xsl:if>
        </p>
        <p class="pf-session-meta">
          <span><span class="muted">Added </span><xsl:for-each select="@created"><xsl:call-template name="time-short-of"/></xsl:for-each></span>
          <span>
            <span class="muted">Last used </span>
            <xsl:choose>
              <xsl:when test="@last-used"><xsl:for-each select="@last-used"><xsl:call-template name="time-short-of"/></xsl:for-each></xsl:when>
              <xsl:otherwise>never</xsl:otherwise>
            </xsl:choose>
          </span>
        </p>
      </div>
      <details class="pk-manage">
        <xsl:if test="$open"><xsl:attribute name="open">open</xsl:attribute></xsl:if>
        <summary class="btn btn-sm">
          <xsl:text>Rename or remove</xsl:text>
          <span class="sr"><xsl:text> the passkey </xsl:text><xsl:value-of select="@name"/></span>
        </summary>
        <div class="pk-forms">
          <form class="stack pf-subform" method="post" action="/settings/profile/passkeys/rename">
            <input type="hidden" name="csrf" value="{$csrf}"/>
            <input type="hidden" name="passkey" value="{@id}"/>
            <xsl:call-template name="pk-field">
              <xsl:with-param name="form" select="'passkey-rename'"/>
              <xsl:with-param name="open" select="$open"/>
              <xsl:with-param name="id" select="concat('pk-name-', @id)"/>
              <xsl:with-param name="name" select="'name'"/>
              <xsl:with-param name="label" select="'New name'"/>
              <xsl:with-param name="value" select="@name"/>
              <xsl:with-param name="max" select="64"/>
            </xsl:call-template>
            <div class="actions"><button class="btn" type="submit">Rename</button></div>
          </form>
          <form class="stack pf-subform" method="post" action="/settings/profile/passkeys/remove">
            <input type="hidden" name="csrf" value="{$csrf}"/>
            <input type="hidden" name="passkey" value="{@id}"/>
            <xsl:call-template name="pk-field">
              <xsl:with-param name="form" select="'passkey-remove'"/>
              <xsl:with-param name="open" select="$open"/>
              <xsl:with-param name="id" select="concat('pk-pw-', @id)"/>
              <xsl:with-param name="name" select="'password'"/>
              <xsl:with-param name="label" select="'Current password'"/>
              <xsl:with-param name="type" select="'password'"/>
              <xsl:with-param name="autocomplete" select="'current-password'"/>
              <xsl:with-param name="max" select="256"/>
            </xsl:call-template>
            <div class="actions"><button class="btn btn-danger-quiet" type="submit">Remove passkey</button></div>
          </form>
        </div>
      </details>
    </li>
  </xsl:template>

  <!--
    A field of a passkey row's form: its error shows only on the row the
    refused form was about ($open) and the form it names.  Values typed
    come back in /steward/passkey-form/@name.
  -->
  <xsl:template name="pk-field">
    <xsl:param name="form"/>
    <xsl:param name="open"/>
    <xsl:param name="id"/>
    <xsl:param name="name"/>
    <xsl:param name="label"/>
    <xsl:param name="value" select="''"/>
    <xsl:param name="type" select="'text'"/>
    <xsl:param name="autocomplete" select="'off'"/>
    <xsl:param name="max"/>
    <xsl:variable name="err" select="$open and $open/@form = $form and key('error', $name)"/>
    <div class="field">
      <label for="{$id}"><xsl:value-of select="$label"/></label>
      <input id="{$id}" name="{$name}" type="{$type}" required="required"
             autocomplete="{$autocomplete}" maxlength="{$max}">
        <xsl:if test="$type != 'password'">
          <xsl:attribute name="value">
            <xsl:choose>
              <xsl:when test="$open and $open/@form = $form"><xsl:value-of select="$open/@name"/></xsl:when>
              <xsl:otherwise><xsl:value-of select="$value"/></xsl:otherwise>
            </xsl:choose>
          </xsl:attribute>
        </xsl:if>
        <xsl:if test="$err">
          <xsl:attribute name="aria-invalid">true</xsl:attribute>
          <xsl:attribute name="aria-describedby">f-<xsl:value-of select="$name"/></xsl:attribute>
        </xsl:if>
      </input>
      <xsl:if test="$err">
        <p class="field-error" id="f-{$name}"><xsl:value-of select="key('error', $name)"/></p>
      </xsl:if>
    </div>
  </xsl:template>

  <!-- The add form: a name, then the browser makes the passkey. -->
  <xsl:template name="passkey-add">
    <xsl:param name="full"/>
    <xsl:variable name="refill" select="/steward/passkey-form[@form = 'passkey-add']"/>
    <form class="stack pf-subform pk-add" method="post" action="/settings/profile/passkeys/add"
          data-passkey="add" data-options="/api/settings/profile/passkeys/options">
      <h3>Add a passkey</h3>
      <input type="hidden" name="csrf" value="{$csrf}"/>
      <input type="hidden" name="client_data" value=""/>
      <input type="hidden" name="attestation" value=""/>
      <xsl:call-template name="input-field">
        <xsl:with-param name="form" select="'passkey-add'"/>
        <xsl:with-param name="id" select="'pk-new-name'"/>
        <xsl:with-param name="name" select="'name'"/>
        <xsl:with-param name="label" select="'Device'"/>
        <xsl:with-param name="value" select="$refill/@name"/>
        <xsl:with-param name="max" select="64"/>
        <xsl:with-param name="required" select="true()"/>
        <xsl:with-param name="hint" select="'A name for this passkey you will recognise, such as “Work laptop” or “Phone”.'"/>
      </xsl:call-template>
      <p class="note pk-nojs">Passkeys need JavaScript, which is off in this browser. Turn it on to add a passkey; signing in with your password keeps working.</p>
      <p class="hint pk-status" role="status" aria-live="polite"></p>
      <div class="actions">
        <button class="btn btn-primary" type="submit">
          <xsl:if test="$full"><xsl:attribute name="disabled">disabled</xsl:attribute></xsl:if>
          <xsl:text>Add a passkey</xsl:text>
        </button>
      </div>
      <xsl:if test="$full">
        <p class="hint">You have as many passkeys as a login may have. Remove one to add another.</p>
      </xsl:if>
    </form>
    <script src="/static/passkeys.js" defer="defer"></script>
  </xsl:template>

  <!-- ============================================ sign-in and 2nd step -->

  <!--
    The passkey form of /login ($action /login/passkey) and of
    /login/verify (/login/verify/passkey): hidden fields for the answer of
    navigator.credentials.get(), which passkeys.js fills and submits.
  -->
  <xsl:template name="passkey-signin">
    <xsl:param name="action"/>
    <xsl:param name="next"/>
    <xsl:param name="label"/>
    <xsl:param name="kind"/>
    <form class="stack pk-signin" method="post" action="{$action}"
          data-passkey="{$kind}" data-options="/api{$action}/options">
      <!-- after a refusal the browser's autofill is not offered again at once -->
      <xsl:if test="/steward/errors"><xsl:attribute name="data-autofill">no</xsl:attribute></xsl:if>
      <input type="hidden" name="csrf" value="{$csrf}"/>
      <input type="hidden" name="next" value="{$next}"/>
      <input type="hidden" name="credential" value=""/>
      <input type="hidden" name="client_data" value=""/>
      <input type="hidden" name="authenticator_data" value=""/>
      <input type="hidden" name="signature" value=""/>
      <button class="btn btn-block" type="submit">
        <xsl:call-template name="icon"><xsl:with-param name="name" select="'key'"/></xsl:call-template>
        <span><xsl:value-of select="$label"/></span>
      </button>
      <p class="hint pk-nojs">Passkeys need JavaScript, which is off in this browser.</p>
      <p class="hint pk-status" role="status" aria-live="polite"></p>
    </form>
    <script src="/static/passkeys.js" defer="defer"></script>
  </xsl:template>

  <!-- ================================================== the options -->

  <xsl:template match="steward[@page='passkey-options']" mode="page.title">Passkey</xsl:template>

  <xsl:template match="steward[@page='passkey-options']" mode="page.body">
    <section class="card solo-card">
      <h1>Passkey</h1>
      <p class="card-sub">Your browser asks for this page when it makes or uses a passkey. Go back and try again.</p>
    </section>
  </xsl:template>

</xsl:stylesheet>

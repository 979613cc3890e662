<?xml version="1.0" encoding="UTF-8"?>
<!--
  password.xsl - the password and sign-in pages of the profile part
  (issue 4): page="password" (change, in the app frame), page="forgot" and
  page="reset" (reset by mail), page="verify" (the second step of signing
  in).  The last three are centred cards when signed out; they show the
  flash themselves then (the app frame shows it when signed in).
  Imported by site.xsl: globals $csrf $signed-in, key 'error', templates
  icon / field-aria / field-error / form-errors / flash, and pf-input /
  pf-crumb / pw-hint / pw-solo-flash from components.xsl.
-->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">

  <!-- ========================================================== change -->

  <xsl:template match="steward[@page='password']" mode="page.title">Password</xsl:template>

  <xsl:template match="steward[@page='password']" mode="page.body">
    <div class="page-head">
      <xsl:call-template name="pf-crumb"/>
      <h1>Password</h1>
      <p class="lede">Change the password you sign in with. Your other sessions are signed out, and we mail you a notice.</p>
    </div>
    <section class="card pw-card" aria-labelledby="pw-h">
      <div class="card-head">
        <span class="card-icon"><xsl:call-template name="icon"><xsl:with-param name="name" select="'password'"/></xsl:call-template></span>
        <div>
          <h2 id="pw-h">Change password</h2>
          <p class="card-sub">Forgot the current one? <a href="/password/forgot">Reset it by mail</a>.</p>
        </div>
      </div>
      <xsl:call-template name="form-errors"/>
      <form class="stack" method="post" action="/settings/password">
        <input type="hidden" name="csrf" value="{$csrf}"/>
        <input type="text" name="username" value="{$me/@email}" autocomplete="username" hidden="hidden" tabindex="-1" aria-hidden="true"/>
        <xsl:call-template name="pf-input">
          <xsl:with-param name="id" select="'pw-current'"/>
          <xsl:with-param name="name" select="'password'"/>
          <xsl:with-param name="label" select="'Current password'"/>
          <xsl:with-param name="type" select="'password'"/>
          <xsl:with-param name="autocomplete" select="'current-password'"/>
          <xsl:with-param name="maxlength" select="'256'"/>
        </xsl:call-template>
        <xsl:call-template name="pf-input">
          <xsl:with-param name="id" select="'pw-new'"/>
          <xsl:with-param name="name" select="'new_password'"/>
          <xsl:with-param name="label" select="'New password'"/>
          <xsl:with-param name="type" select="'password'"/>
          <xsl:with-param name="autocomplete" select="'new-password'"/>
          <xsl:with-param name="maxlength" select="'256'"/>
          <xsl:with-param name="hint"><xsl:call-template name="pw-hint"/></xsl:with-param>
        </xsl:call-template>
        <xsl:call-template name="pf-input">
          <xsl:with-param name="id" select="'pw-confirm'"/>
          <xsl:with-param name="name" select="'confirm'"/>
          <xsl:with-param name="label" select="'New password again'"/>
          <xsl:with-param name="type" select="'password'"/>
          <xsl:with-param name="autocomplete" select="'new-password'"/>
          <xsl:with-param name="maxlength" select="'256'"/>
        </xsl:call-template>
        <div class="actions">
          <button class="btn btn-primary" type="submit">Change password</button>
        </div>
      </form>
    </section>
  </xsl:template>

  <!-- ========================================================== forgot -->

  <xsl:template match="steward[@page='forgot']" mode="page.title">Forgot password</xsl:template>

  <xsl:template match="steward[@page='forgot']" mode="page.body">
    <section class="card solo-card" aria-labelledby="fg-h">
      <h1 id="fg-h">Forgot your password?</h1>
      <p class="card-sub">Enter the email you sign in with. We mail you a link to set a new password.</p>
      <xsl:call-template name="pw-solo-flash"/>
      <xsl:call-template name="form-errors"/>
      <form class="stack" method="post" action="/password/forgot">
        <input type="hidden" name="csrf" value="{$csrf}"/>
        <xsl:call-template name="pf-input">
          <xsl:with-param name="id" select="'fg-email'"/>
          <xsl:with-param name="name" select="'email'"/>
          <xsl:with-param name="label" select="'Email address'"/>
          <xsl:with-param name="type" select="'email'"/>
          <xsl:with-param name="value" select="forgot/@email"/>
          <xsl:with-param name="autocomplete" select="'username'"/>
        </xsl:call-template>
        <button class="btn btn-primary btn-block" type="submit">Send the link</button>
      </form>
    </section>
    <p class="solo-foot"><a href="/login">Back to sign in</a></p>
  </xsl:template>

  <!-- =========================================================== reset -->

  <xsl:template match="steward[@page='reset']" mode="page.title">Set a new password</xsl:template>

  <xsl:template match="steward[@page='reset']" mode="page.body">
    <xsl:variable name="r" select="reset"/>
    <section class="card solo-card" aria-labelledby="rs-h">
      <xsl:choose>
        <xsl:when test="$r/@valid = 'yes'">
          <h1 id="rs-h">Set a new password</h1>
          <p class="card-sub">For <strong class="break"><xsl:value-of select="$r/@email"/></strong>. Every session of this login will be signed out.</p>
          <xsl:call-template name="pw-solo-flash"/>
          <xsl:call-template name="form-errors"/>
          <form class="stack" method="post" action="/password/reset">
            <input type="hidden" name="csrf" value="{$csrf}"/>
            <input type="hidden" name="token" value="{$r/@token}"/>
            <input type="text" name="username" value="{$r/@email}" autocomplete="username" hidden="hidden" tabindex="-1" aria-hidden="true"/>
            <xsl:call-template name="pf-input">
              <xsl:with-param name="id" select="'rs-new'"/>
              <xsl:with-param name="name" select="'new_password'"/>
              <xsl:with-param name="label" select="'New password'"/>
              <xsl:with-param name="type" select="'password'"/>
              <xsl:with-param name="autocomplete" select="'new-password'"/>
              <xsl:with-param name="maxlength" select="'256'"/>
              <xsl:with-param name="hint"><xsl:call-template name="pw-hint"/></xsl:with-param>
            </xsl:call-template>
            <xsl:call-template name="pf-input">
              <xsl:with-param name="id" select="'rs-confirm'"/>
              <xsl:with-param name="name" select="'confirm'"/>
              <xsl:with-param name="label" select="'New password again'"/>
              <xsl:with-param name="type" select="'password'"/>
              <xsl:with-param name="autocomplete" select="'new-password'"/>
              <xsl:with-param name="maxlength" select="'256'"/>
            </xsl:call-template>
            <button class="btn btn-primary btn-block" type="submit">Set password</button>
          </form>
        </xsl:when>
        <xsl:otherwise>
          <h1 id="rs-h">This link does not work</h1>
          <p class="error-text">Password links work once, within 1 hour. This one was used already or expired. Ask for a new one.</p>
          <p class="actions">
            <a class="btn btn-primary" href="/password/forgot">Ask for a new link</a>
          </p>
        </xsl:otherwise>
      </xsl:choose>
    </section>
    <p class="solo-foot"><a href="/login">Back to sign in</a></p>
  </xsl:template>

  <!-- ========================================================== verify -->

  <xsl:template match="steward[@page='verify']" mode="page.title">2-step verification</xsl:template>

  <xsl:template match="steward[@page='verify']" mode="page.body">
    <section class="card solo-card" aria-labelledby="vf-h">
      <h1 id="vf-h">2-step verification</h1>
      <p class="card-sub">Enter the 6-digit code from your authenticator app for <strong class="break"><xsl:value-of select="verify/@email"/></strong>.</p>
      <xsl:call-template name="pw-solo-flash"/>
      <xsl:call-template name="form-errors"/>
      <form class="stack" method="post" action="/login/verify">
        <input type="hidden" name="csrf" value="{$csrf}"/>
        <input type="hidden" name="next" value="{verify/@next}"/>
        <div class="field">
          <label for="vf-code">Code</label>
          <input id="vf-code" name="code" type="text" autocomplete="one-time-code" maxlength="14"
                 required="required" spellcheck="false" class="pf-code-input" autofocus="autofocus"
                 aria-describedby="vf-code-hint">
            <xsl:call-template name="field-aria">
              <xsl:with-param name="field" select="'code'"/>
              <xsl:with-param name="id" select="'vf-code'"/>
            </xsl:call-template>
          </input>
          <p class="hint" id="vf-code-hint">Phone not at hand? Enter one of your recovery codes instead.</p>
          <xsl:call-template name="field-error">
            <xsl:with-param name="field" select="'code'"/>
            <xsl:with-param name="id" select="'vf-code'"/>
          </xsl:call-template>
        </div>
        <button class="btn btn-primary btn-block" type="submit">Verify</button>
      </form>
    </section>
    <p class="solo-foot"><a href="/login">Sign in as someone else</a></p>
  </xsl:template>

</xsl:stylesheet>

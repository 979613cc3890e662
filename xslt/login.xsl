<?xml version="1.0" encoding="UTF-8"?>
<!--
  login.xsl - page="login": the sign-in card (signed-out layout).  The
  frame draws the error summary above the card (form-wide errors, links
  to the field errors under the fields) and focuses it; the email field
  has the autofocus otherwise.  Below the password form: "Sign in with a
  passkey" (passkeys.xsl); the email field also offers the browser's
  passkey autofill (autocomplete "username webauthn", passkeys.js).
-->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">

  <xsl:template name="login.title">Sign in</xsl:template>

  <xsl:template name="login.body">
    <section class="card solo-card" aria-labelledby="login-h">
      <h1 id="login-h">Sign in</h1>
      <p class="card-sub">Welcome back. Sign in to manage your account settings.</p>
      <xsl:call-template name="flash"/>
      <form class="stack" method="post" action="/login">
        <input type="hidden" name="csrf" value="{$csrf}"/>
        <input type="hidden" name="next" value="{login/@next}"/>
        <div class="field">
          <label for="login-email">Email address</label>
          <input id="login-email" name="email" type="email" required="required"
                 autocomplete="username webauthn" spellcheck="false" maxlength="254"
                 value="{login/@email}">
            <xsl:if test="not(/steward/errors/error)"><xsl:attribute name="autofocus">autofocus</xsl:attribute></xsl:if>
            <xsl:call-template name="field-aria">
              <xsl:with-param name="field" select="'email'"/>
              <xsl:with-param name="id" select="'login-email'"/>
            </xsl:call-template>
          </input>
          <xsl:call-template name="field-error">
            <xsl:with-param name="field" select="'email'"/>
            <xsl:with-param name="id" select="'login-email'"/>
          </xsl:call-template>
        </div>
        <div class="field">
          <div class="label-row">
            <label for="login-password">Password</label>
            <a class="small" href="/password/forgot">Forgot password?</a>
          </div>
          <input id="login-password" name="password" type="password" required="required"
                 autocomplete="current-password" maxlength="256">
            <xsl:call-template name="field-aria">
              <xsl:with-param name="field" select="'password'"/>
              <xsl:with-param name="id" select="'login-password'"/>
            </xsl:call-template>
          </input>
          <xsl:call-template name="field-error">
            <xsl:with-param name="field" select="'password'"/>
            <xsl:with-param name="id" select="'login-password'"/>
          </xsl:call-template>
        </div>
        <button class="btn btn-primary btn-block" type="submit">Sign in</button>
      </form>
      <p class="pk-or"><span>or sign in with a passkey</span></p>
      <xsl:call-template name="passkey-signin">
        <xsl:with-param name="action" select="'/login/passkey'"/>
        <xsl:with-param name="next" select="login/@next"/>
        <xsl:with-param name="label" select="'Use a passkey'"/>
        <xsl:with-param name="kind" select="'signin'"/>
      </xsl:call-template>
    </section>
    <p class="solo-foot">Access is by invitation. Ask an Admin of your organization for an invite.</p>
  </xsl:template>

</xsl:stylesheet>

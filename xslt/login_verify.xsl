<?xml version="1.0" encoding="UTF-8"?>
<!--
  login_verify.xsl - page="verify" (fcgi/pages/login_verify.c),
  /login/verify: the second step of signing in, a code from the
  authenticator app or a recovery code.  A centred card (signed out),
  which shows the flash itself (pw-solo-flash).  One autofocus: the
  error summary's after a refusal, the code field's otherwise.  A person
  with passkeys (verify/@passkey) may use one instead (passkeys.xsl); one
  without TOTP (verify/@totp = 'no': the organization's rule met by a
  passkey) sees only that.
-->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">

  <xsl:template match="steward[@page='verify']" mode="page.title">2-step verification</xsl:template>

  <xsl:template match="steward[@page='verify']" mode="page.body">
    <section class="card solo-card" aria-labelledby="vf-h">
      <h1 id="vf-h">2-step verification</h1>
      <p class="card-sub">
        <xsl:choose>
          <xsl:when test="verify/@totp = 'no'">Confirm it is you with one of your passkeys </xsl:when>
          <xsl:otherwise>Enter the 6-digit code from your authenticator app </xsl:otherwise>
        </xsl:choose>
        <xsl:text>for </xsl:text>
        <strong class="break"><xsl:value-of select="verify/@email"/></strong>.
      </p>
      <xsl:call-template name="pw-solo-flash"/>
      <xsl:if test="verify/@totp != 'no'">
        <form class="stack" method="post" action="/login/verify">
          <input type="hidden" name="csrf" value="{$csrf}"/>
          <input type="hidden" name="next" value="{verify/@next}"/>
          <div class="field">
            <label for="vf-code">Code</label>
            <input id="vf-code" name="code" type="text" autocomplete="one-time-code" maxlength="14"
                   required="required" spellcheck="false" class="pf-code-input"
                   aria-describedby="vf-code-hint">
              <xsl:if test="not(/steward/errors/error)"><xsl:attribute name="autofocus">autofocus</xsl:attribute></xsl:if>
              <xsl:if test="key('error', 'code')">
                <xsl:attribute name="aria-invalid">true</xsl:attribute>
                <xsl:attribute name="aria-describedby">f-code vf-code-hint</xsl:attribute>
              </xsl:if>
            </input>
            <p class="hint" id="vf-code-hint">Phone not at hand? Enter one of your recovery codes instead.</p>
            <xsl:call-template name="field-error">
              <xsl:with-param name="field" select="'code'"/>
              <xsl:with-param name="id" select="'vf-code'"/>
            </xsl:call-template>
          </div>
          <button class="btn btn-primary btn-block" type="submit">Verify</button>
        </form>
      </xsl:if>
      <xsl:if test="verify/@passkey = 'yes'">
        <xsl:if test="verify/@totp != 'no'"><p class="pk-or"><span>or</span></p></xsl:if>
        <xsl:call-template name="passkey-signin">
          <xsl:with-param name="action" select="'/login/verify/passkey'"/>
          <xsl:with-param name="next" select="verify/@next"/>
          <xsl:with-param name="label" select="'Use a passkey'"/>
          <xsl:with-param name="kind" select="'step'"/>
        </xsl:call-template>
      </xsl:if>
    </section>
    <p class="solo-foot"><a href="/login">Sign in as someone else</a></p>
  </xsl:template>

</xsl:stylesheet>

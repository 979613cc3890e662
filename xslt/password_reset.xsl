<?xml version="1.0" encoding="UTF-8"?>
<!--
  password_reset.xsl - page="reset" (fcgi/pages/password.c),
  /password/reset?token=: set a new password from the mailed link, or say
  the link does not work.  A centred card when signed out, which shows the
  flash itself (pw-solo-flash); pf-input and pw-hint come from
  components.xsl.
-->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">

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

</xsl:stylesheet>

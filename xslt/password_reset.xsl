<?xml version="1.0" encoding="UTF-8"?>
<!--
  password_reset.xsl - page="reset" (fcgi/pages/password.c),
  /password/reset?token=: set a new password from the mailed link, or say
  the link does not work.  Signed out, a centred card with its own h1,
  which shows the flash itself (pw-solo-flash); signed in, a card in the
  frame, which draws the h1 (page.title follows the state).
-->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">

  <xsl:template match="steward[@page='reset']" mode="page.title">
    <xsl:choose>
      <xsl:when test="reset/@valid = 'yes'">Set a new password</xsl:when>
      <xsl:otherwise>This link does not work</xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="steward[@page='reset']" mode="page.body">
    <xsl:variable name="r" select="reset"/>
    <section>
      <xsl:choose>
        <xsl:when test="$signed-in"><xsl:attribute name="class">card</xsl:attribute></xsl:when>
        <xsl:otherwise><xsl:attribute name="class">card solo-card</xsl:attribute><xsl:attribute name="aria-labelledby">rs-h</xsl:attribute></xsl:otherwise>
      </xsl:choose>
      <xsl:if test="not($signed-in)">
        <h1 id="rs-h"><xsl:apply-templates select="/steward" mode="page.title"/></h1>
      </xsl:if>
      <xsl:choose>
        <xsl:when test="$r/@valid = 'yes'">
          <p class="card-sub">For <strong class="break"><xsl:value-of select="$r/@email"/></strong>. Every session of this login will be signed out.</p>
          <xsl:call-template name="pw-solo-flash"/>
          <form class="stack" method="post" action="/password/reset">
            <input type="hidden" name="csrf" value="{$csrf}"/>
            <input type="hidden" name="token" value="{$r/@token}"/>
            <input type="text" name="username" value="{$r/@email}" autocomplete="username" hidden="hidden" tabindex="-1" aria-hidden="true"/>
            <xsl:call-template name="input-field">
              <xsl:with-param name="id" select="'rs-new'"/>
              <xsl:with-param name="name" select="'new_password'"/>
              <xsl:with-param name="label" select="'New password'"/>
              <xsl:with-param name="type" select="'password'"/>
              <xsl:with-param name="autocomplete" select="'new-password'"/>
              <xsl:with-param name="max" select="256"/>
              <xsl:with-param name="required" select="true()"/>
              <xsl:with-param name="hint"><xsl:call-template name="pw-hint"/></xsl:with-param>
            </xsl:call-template>
            <xsl:call-template name="input-field">
              <xsl:with-param name="id" select="'rs-confirm'"/>
              <xsl:with-param name="name" select="'confirm'"/>
              <xsl:with-param name="label" select="'New password again'"/>
              <xsl:with-param name="type" select="'password'"/>
              <xsl:with-param name="autocomplete" select="'new-password'"/>
              <xsl:with-param name="max" select="256"/>
              <xsl:with-param name="required" select="true()"/>
            </xsl:call-template>
            <xsl:call-template name="solo-submit"><xsl:with-param name="text" select="'Set password'"/></xsl:call-template>
          </form>
        </xsl:when>
        <xsl:otherwise>
          <p class="error-text">Password links work once, within 1 hour. This one was used already or expired. Ask for a new one.</p>
          <p class="actions">
            <a class="btn btn-primary" href="/password/forgot">Ask for a new link</a>
          </p>
        </xsl:otherwise>
      </xsl:choose>
    </section>
    <xsl:if test="not($signed-in)"><p class="solo-foot"><a href="/login">Back to sign in</a></p></xsl:if>
  </xsl:template>

</xsl:stylesheet>

<?xml version="1.0" encoding="UTF-8"?>
<!--
  password_forgot.xsl - page="forgot" (fcgi/pages/password.c),
  /password/forgot: ask for a reset link by mail.  Signed out, a centred
  card with its own h1, which shows the flash itself (pw-solo-flash);
  signed in (linked from /settings/password), a card in the frame, which
  draws the h1 and lede.
-->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">

  <xsl:template match="steward[@page='forgot']" mode="page.title">Forgot your password?</xsl:template>

  <xsl:template match="steward[@page='forgot']" mode="page.lede">
    <p class="lede">Enter the email you sign in with. We mail you a link to set a new password.</p>
  </xsl:template>

  <xsl:template match="steward[@page='forgot']" mode="page.body">
    <section>
      <xsl:choose>
        <xsl:when test="$signed-in"><xsl:attribute name="class">card</xsl:attribute><xsl:attribute name="aria-label">Reset by mail</xsl:attribute></xsl:when>
        <xsl:otherwise><xsl:attribute name="class">card solo-card</xsl:attribute><xsl:attribute name="aria-labelledby">fg-h</xsl:attribute></xsl:otherwise>
      </xsl:choose>
      <xsl:if test="not($signed-in)">
        <h1 id="fg-h">Forgot your password?</h1>
        <p class="card-sub">Enter the email you sign in with. We mail you a link to set a new password.</p>
        <xsl:call-template name="pw-solo-flash"/>
      </xsl:if>
      <form class="stack" method="post" action="/password/forgot">
        <input type="hidden" name="csrf" value="{$csrf}"/>
        <xsl:call-template name="input-field">
          <xsl:with-param name="id" select="'fg-email'"/>
          <xsl:with-param name="name" select="'email'"/>
          <xsl:with-param name="label" select="'Email address'"/>
          <xsl:with-param name="type" select="'email'"/>
          <xsl:with-param name="value" select="forgot/@email"/>
          <xsl:with-param name="autocomplete" select="'username'"/>
          <xsl:with-param name="max" select="254"/>
          <xsl:with-param name="required" select="true()"/>
        </xsl:call-template>
        <xsl:call-template name="solo-submit"><xsl:with-param name="text" select="'Send the link'"/></xsl:call-template>
      </form>
    </section>
    <xsl:if test="not($signed-in)"><p class="solo-foot"><a href="/login">Back to sign in</a></p></xsl:if>
  </xsl:template>

</xsl:stylesheet>

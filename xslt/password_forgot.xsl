<?xml version="1.0" encoding="UTF-8"?>
<!--
  password_forgot.xsl - page="forgot" (fcgi/pages/password.c),
  /password/forgot: ask for a reset link by mail.  A centred card when
  signed out, which shows the flash itself (pw-solo-flash); pf-input comes
  from components.xsl.
-->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">

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

</xsl:stylesheet>

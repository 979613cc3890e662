<?xml version="1.0" encoding="UTF-8"?>
<!--
  password.xsl - page="password" (fcgi/pages/password.c),
  /settings/password: change the password, in the app frame.
  In the frame of site.xsl (breadcrumb, h1, lede, error summary, flash);
  input-field and pw-hint from components.xsl.
-->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">

  <xsl:template match="steward[@page='password']" mode="page.title">Password</xsl:template>

  <xsl:template match="steward[@page='password']" mode="page.lede">
    <p class="lede">Change the password you sign in with. Your other sessions are signed out, and we mail you a notice.</p>
  </xsl:template>

  <xsl:template match="steward[@page='password']" mode="page.body">
    <section class="card" aria-labelledby="pw-h">
      <div class="card-head">
        <span class="card-icon"><xsl:call-template name="icon"><xsl:with-param name="name" select="'password'"/></xsl:call-template></span>
        <div>
          <h2 id="pw-h">Change password</h2>
          <p class="card-sub">Forgot the current one? <a href="/password/forgot">Reset it by mail</a>.</p>
        </div>
      </div>
      <form class="stack" method="post" action="/settings/password">
        <input type="hidden" name="csrf" value="{$csrf}"/>
        <input type="text" name="username" value="{$me/@email}" autocomplete="username" hidden="hidden" tabindex="-1" aria-hidden="true"/>
        <xsl:call-template name="input-field">
          <xsl:with-param name="id" select="'pw-current'"/>
          <xsl:with-param name="name" select="'password'"/>
          <xsl:with-param name="label" select="'Current password'"/>
          <xsl:with-param name="type" select="'password'"/>
          <xsl:with-param name="autocomplete" select="'current-password'"/>
          <xsl:with-param name="max" select="256"/>
          <xsl:with-param name="required" select="true()"/>
        </xsl:call-template>
        <xsl:call-template name="input-field">
          <xsl:with-param name="id" select="'pw-new'"/>
          <xsl:with-param name="name" select="'new_password'"/>
          <xsl:with-param name="label" select="'New password'"/>
          <xsl:with-param name="type" select="'password'"/>
          <xsl:with-param name="autocomplete" select="'new-password'"/>
          <xsl:with-param name="max" select="256"/>
          <xsl:with-param name="required" select="true()"/>
          <xsl:with-param name="hint"><xsl:call-template name="pw-hint"/></xsl:with-param>
        </xsl:call-template>
        <xsl:call-template name="input-field">
          <xsl:with-param name="id" select="'pw-confirm'"/>
          <xsl:with-param name="name" select="'confirm'"/>
          <xsl:with-param name="label" select="'New password again'"/>
          <xsl:with-param name="type" select="'password'"/>
          <xsl:with-param name="autocomplete" select="'new-password'"/>
          <xsl:with-param name="max" select="256"/>
          <xsl:with-param name="required" select="true()"/>
        </xsl:call-template>
        <div class="actions">
          <button class="btn btn-primary" type="submit">Change password</button>
        </div>
      </form>
    </section>
  </xsl:template>

</xsl:stylesheet>

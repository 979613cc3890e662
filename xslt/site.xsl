<?xml version="1.0" encoding="UTF-8"?>
<!--
  site.xsl - the one stylesheet nginx compiles.  Draws the frame (head,
  header with account switcher and profile menu, flash) and dispatches on
  /steward/@page to the page stylesheets imported below.

  One stylesheet per page file, named like it: the pages of
  fcgi/pages/NAME.c are drawn by xslt/NAME.xsl, and an export of the page
  file by xslt/NAME.csv.xsl (imported by csv.xsl, not here).  Names come
  from the URL as the page files' do (drop the leading /settings/, "/" and
  "-" become "_"): /password/forgot is password_forgot.xsl, also while one
  C file still draws several of these URLs.  The core's own documents,
  error and redirect, are error.xsl.  A named template that more than one
  page calls is defined once, in components.xsl (schema_list.xsl: the list
  events and user-properties share).

  A page stylesheet draws its page with
    <xsl:template match="steward[@page='PAGE']" mode="page.title">
    <xsl:template match="steward[@page='PAGE']" mode="page.body">
  with the <steward> element as context node; settings, login, error,
  health and redirect are called by name below (PAGE.title, PAGE.body).

  Rules kept here for every page stylesheet:
  * no inline script, no style attributes (CSP: script-src/style-src 'self');
  * data never builds markup: values go through text nodes / attribute value
    templates, URLs with data through str:encode-uri();
  * user-supplied names are wrapped in <bdi> (right-to-left safe);
  * lookups by xsl:key or from the global variables, never "//".
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:str="http://exslt.org/strings"
    exclude-result-prefixes="str">

  <!-- First (lowest precedence): what a page without its own templates
       shows; then the shared components; then one import per page
       stylesheet.  Apart from defaults.xsl, which every page overrides,
       no two stylesheets have templates for one node in one mode, so
       their order decides nothing; keep it so (a later import would win
       a conflict). -->
  <xsl:import href="defaults.xsl"/>
  <xsl:import href="components.xsl"/>
  <xsl:import href="login.xsl"/>
  <xsl:import href="settings.xsl"/>
  <xsl:import href="error.xsl"/>
  <xsl:import href="healthz.xsl"/>
  <xsl:import href="users.xsl"/>
  <xsl:import href="audit_log.xsl"/>
  <xsl:import href="invitations_accept.xsl"/>
  <xsl:import href="organization.xsl"/>
  <xsl:import href="timezone.xsl"/>
  <xsl:import href="credentials.xsl"/>
  <xsl:import href="billing.xsl"/>
  <xsl:import href="billing_plan.xsl"/>
  <xsl:import href="billing_invoices.xsl"/>
  <xsl:import href="profile.xsl"/>
  <xsl:import href="profile_2fa.xsl"/>
  <xsl:import href="email_confirm.xsl"/>
  <xsl:import href="password.xsl"/>
  <xsl:import href="password_forgot.xsl"/>
  <xsl:import href="password_reset.xsl"/>
  <xsl:import href="login_verify.xsl"/>
  <xsl:import href="schema_list.xsl"/>
  <xsl:import href="events.xsl"/>
  <xsl:import href="user_properties.xsl"/>
  <xsl:import href="csv_uploads.xsl"/>
  <xsl:import href="labels.xsl"/>
  <xsl:import href="reports.xsl"/>
  <xsl:import href="reports_edit.xsl"/>
  <xsl:import href="downloads.xsl"/>

  <xsl:output method="html" encoding="UTF-8" indent="no"
      doctype-system="about:legacy-compat"/>
  <xsl:strip-space elements="*"/>

  <!-- the envelope, looked up once -->
  <xsl:variable name="me" select="/steward/me"/>
  <xsl:variable name="account" select="/steward/account"/>
  <xsl:variable name="accounts" select="/steward/accounts/account"/>
  <xsl:variable name="csrf" select="string(/steward/csrf)"/>
  <xsl:variable name="can" select="/steward/can"/>
  <xsl:variable name="signed-in" select="boolean($me)"/>

  <!-- errors by field; form-wide errors (no @field) under '' -->
  <xsl:key name="error" match="/steward/errors/error" use="string(@field)"/>

  <xsl:template match="/">
    <xsl:apply-templates select="steward"/>
  </xsl:template>

  <xsl:template match="steward">
    <html lang="en">
      <head>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <meta name="color-scheme" content="light dark"/>
        <title>
          <xsl:call-template name="page.title"/>
          <xsl:text> · Steward</xsl:text>
        </title>
        <link rel="stylesheet" href="/static/style.css"/>
        <link rel="icon" href="/static/favicon.svg" type="image/svg+xml"/>
        <script src="/static/app.js" defer="defer"></script>
      </head>
      <xsl:choose>
        <xsl:when test="$signed-in">
          <body class="app">
            <a class="skip" href="#main">Skip to content</a>
            <xsl:call-template name="header"/>
            <main id="main" class="wrap">
              <xsl:call-template name="flash"/>
              <xsl:call-template name="page.body"/>
            </main>
          </body>
        </xsl:when>
        <xsl:otherwise>
          <body class="solo">
            <main id="main" class="solo-main">
              <a class="brand brand-solo" href="/settings">
                <xsl:call-template name="logo"/>
                <span>Steward</span>
              </a>
              <xsl:call-template name="page.body"/>
            </main>
          </body>
        </xsl:otherwise>
      </xsl:choose>
    </html>
  </xsl:template>

  <!-- ========================================================= dispatch -->

  <xsl:template name="page.title">
    <xsl:choose>
      <xsl:when test="@page = 'settings'"><xsl:call-template name="settings.title"/></xsl:when>
      <xsl:when test="@page = 'login'"><xsl:call-template name="login.title"/></xsl:when>
      <xsl:when test="@page = 'error'"><xsl:call-template name="error.title"/></xsl:when>
      <xsl:when test="@page = 'health'"><xsl:call-template name="health.title"/></xsl:when>
      <xsl:when test="@page = 'redirect'"><xsl:call-template name="redirect.title"/></xsl:when>
      <xsl:otherwise><xsl:apply-templates select="." mode="page.title"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="page.body">
    <xsl:choose>
      <xsl:when test="@page = 'settings'"><xsl:call-template name="settings.body"/></xsl:when>
      <xsl:when test="@page = 'login'"><xsl:call-template name="login.body"/></xsl:when>
      <xsl:when test="@page = 'error'"><xsl:call-template name="error.body"/></xsl:when>
      <xsl:when test="@page = 'health'"><xsl:call-template name="health.body"/></xsl:when>
      <xsl:when test="@page = 'redirect'"><xsl:call-template name="redirect.body"/></xsl:when>
      <xsl:otherwise><xsl:apply-templates select="." mode="page.body"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- ============================================================ frame -->

  <xsl:template name="header">
    <header class="top">
      <div class="top-in">
        <a class="brand" href="/settings">
          <xsl:call-template name="logo"/>
          <span>Steward</span>
        </a>
        <xsl:call-template name="switcher"/>
        <details class="menu profile">
          <summary class="avatar" title="Profile and sign out">
            <span class="sr">Profile menu: </span>
            <bdi><xsl:value-of select="$me/@initials"/></bdi>
          </summary>
          <div class="menu-panel menu-right">
            <div class="menu-who">
              <span class="avatar avatar-lg" aria-hidden="true"><bdi><xsl:value-of select="$me/@initials"/></bdi></span>
              <div class="menu-who-text">
                <strong><bdi><xsl:value-of select="$me/@name"/></bdi></strong>
                <span class="muted break"><xsl:value-of select="$me/@email"/></span>
                <span class="badge"><xsl:call-template name="role-label"><xsl:with-param name="role" select="$me/@role"/></xsl:call-template></span>
              </div>
            </div>
            <a class="menu-item" href="/settings">
              <xsl:call-template name="icon"><xsl:with-param name="name" select="'settings'"/></xsl:call-template>
              <span>Settings</span>
            </a>
            <a class="menu-item" href="/settings/profile">
              <xsl:call-template name="icon"><xsl:with-param name="name" select="'profile'"/></xsl:call-template>
              <span>Profile</span>
            </a>
            <form method="post" action="/logout">
              <input type="hidden" name="csrf" value="{$csrf}"/>
              <button class="menu-item" type="submit">
                <xsl:call-template name="icon"><xsl:with-param name="name" select="'logout'"/></xsl:call-template>
                <span>Sign out</span>
              </button>
            </form>
          </div>
        </details>
      </div>
    </header>
  </xsl:template>

  <xsl:template name="switcher">
    <xsl:choose>
      <xsl:when test="count($accounts) &gt; 1">
        <details class="menu switcher">
          <summary class="acct" title="Switch account">
            <span class="sr">Current account: </span>
            <span class="acct-name"><bdi><xsl:value-of select="$account/@name"/></bdi></span>
            <span class="acct-id"><xsl:value-of select="$account/@id"/></span>
            <xsl:call-template name="icon"><xsl:with-param name="name" select="'chevron-down'"/></xsl:call-template>
          </summary>
          <div class="menu-panel">
            <p class="menu-label">Switch account</p>
            <ul class="menu-list">
              <xsl:for-each select="$accounts">
                <li>
                  <form method="post" action="/settings/account">
                  <input type="hidden" name="csrf" value="{$csrf}"/>
                  <input type="hidden" name="account" value="{@id}"/>
                  <button class="menu-item acct-item" type="submit">
                    <xsl:if test="@current = 'yes'"><xsl:attribute name="aria-current">true</xsl:attribute></xsl:if>
                    <span class="acct-item-text">
                      <span class="acct-name"><bdi><xsl:value-of select="@name"/></bdi></span>
                      <span class="acct-id">
                        <xsl:value-of select="@id"/>
                        <xsl:text> · </xsl:text>
                        <xsl:call-template name="role-label"><xsl:with-param name="role" select="@role"/></xsl:call-template>
                      </span>
                    </span>
                    <xsl:if test="@current = 'yes'">
                      <xsl:call-template name="icon"><xsl:with-param name="name" select="'check'"/></xsl:call-template>
                    </xsl:if>
                  </button>
                  </form>
                </li>
              </xsl:for-each>
            </ul>
          </div>
        </details>
      </xsl:when>
      <xsl:otherwise>
        <div class="acct">
          <span class="sr">Account: </span>
          <span class="acct-name"><bdi><xsl:value-of select="$account/@name"/></bdi></span>
          <span class="acct-id"><xsl:value-of select="$account/@id"/></span>
        </div>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="flash">
    <xsl:for-each select="/steward/flash">
      <div role="status">
        <xsl:choose>
          <xsl:when test="@kind = 'error'">
            <xsl:attribute name="class">flash flash-error</xsl:attribute>
            <xsl:call-template name="icon"><xsl:with-param name="name" select="'alert'"/></xsl:call-template>
          </xsl:when>
          <xsl:otherwise>
            <xsl:attribute name="class">flash flash-ok</xsl:attribute>
            <xsl:call-template name="icon"><xsl:with-param name="name" select="'check-circle'"/></xsl:call-template>
          </xsl:otherwise>
        </xsl:choose>
        <span><xsl:value-of select="."/></span>
      </div>
    </xsl:for-each>
  </xsl:template>

  <!-- form-wide errors (no @field) as one alert box; $errors overrides -->
  <xsl:template name="form-errors">
    <xsl:param name="errors" select="key('error', '')"/>
    <xsl:if test="$errors">
      <div class="alert" role="alert">
        <xsl:call-template name="icon"><xsl:with-param name="name" select="'alert'"/></xsl:call-template>
        <ul>
          <xsl:for-each select="$errors"><li><xsl:value-of select="."/></li></xsl:for-each>
        </ul>
      </div>
    </xsl:if>
  </xsl:template>

  <!-- aria attributes of an input whose field may have an error -->
  <xsl:template name="field-aria">
    <xsl:param name="field"/>
    <xsl:param name="id"/>
    <xsl:if test="key('error', $field)">
      <xsl:attribute name="aria-invalid">true</xsl:attribute>
      <xsl:attribute name="aria-describedby"><xsl:value-of select="$id"/>-error</xsl:attribute>
    </xsl:if>
  </xsl:template>

  <!-- the message under a field -->
  <xsl:template name="field-error">
    <xsl:param name="field"/>
    <xsl:param name="id"/>
    <xsl:variable name="e" select="key('error', $field)"/>
    <xsl:if test="$e">
      <p class="field-error" id="{$id}-error">
        <xsl:call-template name="icon"><xsl:with-param name="name" select="'alert'"/></xsl:call-template>
        <span>
          <xsl:for-each select="$e">
            <xsl:if test="position() &gt; 1"><xsl:text> </xsl:text></xsl:if>
            <xsl:value-of select="."/>
          </xsl:for-each>
        </span>
      </p>
    </xsl:if>
  </xsl:template>

  <xsl:template name="role-label">
    <xsl:param name="role"/>
    <xsl:choose>
      <xsl:when test="$role = 'admin'">Admin</xsl:when>
      <xsl:when test="$role = 'creator'">Creator</xsl:when>
      <xsl:when test="$role = 'member'">Member</xsl:when>
      <xsl:when test="$role = 'agent'">Agent</xsl:when>
      <xsl:otherwise><xsl:value-of select="$role"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- ============================================================ icons -->
  <!-- 24x24 stroke icons; size, stroke and colour come from .i in style.css -->

  <xsl:template name="logo">
    <svg class="logo" viewBox="0 0 32 32" aria-hidden="true">
      <rect width="32" height="32" rx="8"/>
      <path d="M9 22v-5M14 22V10M19 22v-8M24 22v-3"/>
    </svg>
  </xsl:template>

  <!-- An icon of the sprite xslt/static/icons.svg (stroke and colour come
       from the .i class through currentColor). -->
  <xsl:template name="icon">
    <xsl:param name="name"/>
    <svg class="i" aria-hidden="true"><use href="/static/icons.svg#{$name}"/></svg>
  </xsl:template>

</xsl:stylesheet>

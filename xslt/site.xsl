<?xml version="1.0" encoding="UTF-8"?>
<!--
  site.xsl - the one stylesheet nginx compiles.  Draws the frame (head,
  header with account switcher and profile menu, flash) and dispatches on
  /steward/@page to the page stylesheets imported below.  Each page
  stylesheet defines two named templates, PAGE.title and PAGE.body, called
  with the <steward> element as context node.

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

  <xsl:import href="login.xsl"/>
  <xsl:import href="settings.xsl"/>
  <xsl:import href="error.xsl"/>

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
      <xsl:otherwise>Steward</xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="page.body">
    <xsl:choose>
      <xsl:when test="@page = 'settings'"><xsl:call-template name="settings.body"/></xsl:when>
      <xsl:when test="@page = 'login'"><xsl:call-template name="login.body"/></xsl:when>
      <xsl:when test="@page = 'error'"><xsl:call-template name="error.body"/></xsl:when>
      <xsl:when test="@page = 'health'"><xsl:call-template name="health.body"/></xsl:when>
      <xsl:when test="@page = 'redirect'"><xsl:call-template name="redirect.body"/></xsl:when>
      <xsl:otherwise>
        <!-- a page this build of the stylesheets does not know -->
        <section class="card solo-card">
          <h1>Steward</h1>
          <p>This page cannot be shown.</p>
          <p><a class="btn" href="/settings">Go to Account Settings</a></p>
        </section>
      </xsl:otherwise>
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

  <xsl:template name="icon">
    <xsl:param name="name"/>
    <svg class="i" viewBox="0 0 24 24" aria-hidden="true">
      <xsl:choose>
        <xsl:when test="$name = 'eye'"><path d="M1.5 12S5.5 4.5 12 4.5 22.5 12 22.5 12 18.5 19.5 12 19.5 1.5 12 1.5 12z"/><circle cx="12" cy="12" r="3"/></xsl:when>
        <xsl:when test="$name = 'eye-off'"><path d="M10 4.7A10 10 0 0 1 12 4.5c6.5 0 10.5 7.5 10.5 7.5a18 18 0 0 1-2.4 3.3M6.6 6.6C3.4 8.6 1.5 12 1.5 12s4 7.5 10.5 7.5a10 10 0 0 0 5.4-1.6M9.9 9.9a3 3 0 0 0 4.2 4.2M2 2l20 20"/></xsl:when>
        <xsl:when test="$name = 'billing'"><rect x="2" y="5" width="20" height="14" rx="2"/><path d="M2 10h20M6 15h4"/></xsl:when>
        <xsl:when test="$name = 'users'"><circle cx="9" cy="8" r="3.5"/><path d="M2 20c0-3.3 3.1-5.5 7-5.5s7 2.2 7 5.5M16 4.6a3.5 3.5 0 0 1 0 6.8M18.5 14.8c2 .8 3.5 2.6 3.5 5.2"/></xsl:when>
        <xsl:when test="$name = 'profile'"><circle cx="12" cy="8" r="4"/><path d="M4 21c0-4 3.6-6.5 8-6.5s8 2.5 8 6.5"/></xsl:when>
        <xsl:when test="$name = 'timezone'"><circle cx="12" cy="12" r="9.5"/><path d="M12 6.5V12l3.5 2"/></xsl:when>
        <xsl:when test="$name = 'organization'"><path d="M4 21V4.5A1.5 1.5 0 0 1 5.5 3h9A1.5 1.5 0 0 1 16 4.5V21M16 9h2.5A1.5 1.5 0 0 1 20 10.5V21M2 21h20M8 7h4M8 11h4M8 15h4"/></xsl:when>
        <xsl:when test="$name = 'password'"><rect x="4" y="10.5" width="16" height="10.5" rx="2"/><path d="M8 10.5V7a4 4 0 0 1 8 0v3.5M12 14.5v2.5"/></xsl:when>
        <xsl:when test="$name = 'events'"><path d="M22 12h-4l-3 8-6-16-3 8H2"/></xsl:when>
        <xsl:when test="$name = 'user-properties'"><rect x="2.5" y="4.5" width="19" height="15" rx="2"/><circle cx="8.5" cy="10.5" r="2"/><path d="M5.5 16c.5-1.6 1.6-2.5 3-2.5s2.5.9 3 2.5M14.5 9.5h4M14.5 13h4"/></xsl:when>
        <xsl:when test="$name = 'downloads'"><path d="M12 3.5v11M7.5 10l4.5 4.5 4.5-4.5M4 16.5v2A2.5 2.5 0 0 0 6.5 21h11a2.5 2.5 0 0 0 2.5-2.5v-2"/></xsl:when>
        <xsl:when test="$name = 'reports'"><path d="M3.5 3.5v17h17M8 16.5v-4M12.5 16.5v-8M17 16.5v-6"/></xsl:when>
        <xsl:when test="$name = 'labels'"><path d="M3 4.5v6.1a1.5 1.5 0 0 0 .4 1.1l8.9 8.9a1.5 1.5 0 0 0 2.1 0l6.1-6.1a1.5 1.5 0 0 0 0-2.1L11.6 3.4a1.5 1.5 0 0 0-1-.4H4.5A1.5 1.5 0 0 0 3 4.5z"/><circle cx="7.5" cy="7.5" r="1"/></xsl:when>
        <xsl:when test="$name = 'csv-uploads'"><path d="M14 2.5H6.5A1.5 1.5 0 0 0 5 4v16a1.5 1.5 0 0 0 1.5 1.5h11A1.5 1.5 0 0 0 19 20V7.5zM14 2.5v5h5M12 18v-6.5M9.5 14l2.5-2.5 2.5 2.5"/></xsl:when>
        <xsl:when test="$name = 'audit-log'"><path d="M12 21.5s-8-3.5-8-10V5.5l8-3 8 3v6c0 6.5-8 10-8 10z"/><path d="M8.5 12l2.5 2.5 4.5-5"/></xsl:when>
        <xsl:when test="$name = 'key'"><circle cx="8" cy="15" r="4.5"/><path d="M11.2 11.8L20 3M16 7l3 3M18.5 4.5l2 2"/></xsl:when>
        <xsl:when test="$name = 'mail'"><rect x="2.5" y="4.5" width="19" height="15" rx="2"/><path d="M3 6.5l9 6.5 9-6.5"/></xsl:when>
        <xsl:when test="$name = 'settings'"><path d="M4 6h10M18 6h2M4 12h3M11 12h9M4 18h11M19 18h1"/><circle cx="16" cy="6" r="2"/><circle cx="9" cy="12" r="2"/><circle cx="17" cy="18" r="2"/></xsl:when>
        <xsl:when test="$name = 'logout'"><path d="M9.5 21H5.5A1.5 1.5 0 0 1 4 19.5v-15A1.5 1.5 0 0 1 5.5 3h4M16 16.5l4.5-4.5L16 7.5M20.5 12H9.5"/></xsl:when>
        <xsl:when test="$name = 'chevron-down'"><path d="M6.5 9.5l5.5 5.5 5.5-5.5"/></xsl:when>
        <xsl:when test="$name = 'check'"><path d="M5 12.5l4.5 4.5L19 7.5"/></xsl:when>
        <xsl:when test="$name = 'check-circle'"><circle cx="12" cy="12" r="9.5"/><path d="M8 12.5l2.7 2.7L16.2 9.5"/></xsl:when>
        <xsl:when test="$name = 'alert'"><circle cx="12" cy="12" r="9.5"/><path d="M12 7.5v5.5M12 16.5v.01"/></xsl:when>
        <xsl:when test="$name = 'arrow-left'"><path d="M19 12H5M11 6l-6 6 6 6"/></xsl:when>
      </xsl:choose>
    </svg>
  </xsl:template>

</xsl:stylesheet>

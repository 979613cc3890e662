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
  <xsl:import href="profile_tokens.xsl"/>
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
          <xsl:if test="errors/error">Error: </xsl:if>
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
            <div class="frame">
              <xsl:call-template name="sidenav"/>
              <main id="main" class="main">
                <xsl:choose>
                  <xsl:when test="@page = 'error' or @page = 'redirect'">
                    <xsl:call-template name="flash"/>
                    <xsl:call-template name="page.body"/>
                  </xsl:when>
                  <xsl:otherwise>
                    <xsl:call-template name="page-head"/>
                    <xsl:call-template name="error-summary"/>
                    <xsl:call-template name="flash"/>
                    <xsl:call-template name="page.body"/>
                  </xsl:otherwise>
                </xsl:choose>
              </main>
            </div>
          </body>
        </xsl:when>
        <xsl:otherwise>
          <body class="solo">
            <main id="main" class="solo-main">
              <a class="brand brand-solo" href="/settings">
                <xsl:call-template name="logo"/>
                <span>Steward</span>
              </a>
              <xsl:call-template name="error-summary"/>
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

  <!-- ================================================ page head, nav -->

  <!-- The section of the settings navigation a page belongs to (marked
       aria-current there), and the pages between the overview and it in
       the breadcrumb. -->
  <xsl:variable name="section">
    <xsl:variable name="p" select="/steward/@page"/>
    <xsl:choose>
      <xsl:when test="$p = 'billing-plan' or $p = 'invoice'">billing</xsl:when>
      <xsl:when test="$p = 'twofa' or $p = 'recovery-codes'">profile</xsl:when>
      <xsl:when test="$p = 'report'">reports</xsl:when>
      <xsl:otherwise><xsl:value-of select="$p"/></xsl:otherwise>
    </xsl:choose>
  </xsl:variable>

  <!-- Breadcrumb, <h1>, lede and page actions: one place, one look, for
       every signed-in page.  A page gives its title (mode page.title)
       and, when it has them, mode page.lede and mode page.actions. -->
  <xsl:template name="page-head">
    <xsl:if test="@page != 'settings'">
      <nav class="crumb" aria-label="Breadcrumb">
        <ol>
          <li><a href="/settings">Account Settings</a></li>
          <xsl:choose>
            <xsl:when test="$section = 'billing' and @page != 'billing'"><li><a href="/settings/billing">Billing</a></li></xsl:when>
            <xsl:when test="$section = 'profile' and @page != 'profile'"><li><a href="/settings/profile">Profile</a></li></xsl:when>
            <xsl:when test="$section = 'reports' and @page != 'reports'"><li><a href="/settings/reports">My Reports</a></li></xsl:when>
          </xsl:choose>
        </ol>
      </nav>
    </xsl:if>
    <div class="page-head">
      <div class="page-head-text">
        <h1><xsl:call-template name="page.title"/></h1>
        <xsl:apply-templates select="." mode="page.lede"/>
      </div>
      <xsl:apply-templates select="." mode="page.actions"/>
    </div>
  </xsl:template>

  <!-- The settings navigation: the overview, then the Account and Manage
       groups with what the role may see.  A sidebar on wide screens; on
       phones the same <details> folds it into one line (no script). -->
  <xsl:template name="sidenav">
    <nav class="sidenav no-print" aria-label="Settings">
      <details class="sidenav-menu">
        <summary class="sidenav-toggle">
          <xsl:call-template name="icon"><xsl:with-param name="name" select="'menu'"/></xsl:call-template>
          <span>Settings</span>
          <span class="sidenav-here"><xsl:call-template name="page.title"/></span>
          <xsl:call-template name="icon"><xsl:with-param name="name" select="'chevron-down'"/></xsl:call-template>
        </summary>
        <div class="sidenav-body">
          <a class="sidenav-link" href="/settings">
            <xsl:if test="$section = 'settings'"><xsl:attribute name="aria-current">page</xsl:attribute></xsl:if>
            <xsl:call-template name="icon"><xsl:with-param name="name" select="'settings'"/></xsl:call-template>
            <span>Overview</span>
          </a>
          <xsl:call-template name="settings-group">
            <xsl:with-param name="group" select="'account'"/>
            <xsl:with-param name="as" select="'nav'"/>
          </xsl:call-template>
          <xsl:call-template name="settings-group">
            <xsl:with-param name="group" select="'manage'"/>
            <xsl:with-param name="as" select="'nav'"/>
          </xsl:call-template>
        </div>
      </details>
    </nav>
  </xsl:template>

  <!-- One group of settings pages, as the navigation's list ($as 'nav')
       or as the overview's entries ($as 'entry'); nothing when the role
       sees none of them.  The one list of the settings pages. -->
  <xsl:template name="settings-group">
    <xsl:param name="group"/>
    <xsl:param name="as"/>
    <xsl:choose>
      <xsl:when test="$group = 'account' and ($can/@billing = 'yes' or $can/@users = 'yes' or $can/@profile = 'yes' or $can/@timezone = 'yes' or $can/@organization = 'yes' or $can/@password = 'yes')">
        <xsl:call-template name="settings-list">
          <xsl:with-param name="as" select="$as"/>
          <xsl:with-param name="id" select="'sec-account'"/>
          <xsl:with-param name="title" select="'Account'"/>
          <xsl:with-param name="items">
            <xsl:call-template name="settings-page"><xsl:with-param name="as" select="$as"/><xsl:with-param name="key" select="'billing'"/><xsl:with-param name="on" select="$can/@billing = 'yes'"/><xsl:with-param name="title" select="'Billing'"/><xsl:with-param name="text" select="'Track app usage, upgrade your plan, edit credit card details and billing contact, and view and export invoices.'"/></xsl:call-template>
            <xsl:call-template name="settings-page"><xsl:with-param name="as" select="$as"/><xsl:with-param name="key" select="'users'"/><xsl:with-param name="on" select="$can/@users = 'yes'"/><xsl:with-param name="title" select="'Users'"/><xsl:with-param name="text" select="'View users, edit their roles, and invite more users.'"/></xsl:call-template>
            <xsl:call-template name="settings-page"><xsl:with-param name="as" select="$as"/><xsl:with-param name="key" select="'profile'"/><xsl:with-param name="on" select="$can/@profile = 'yes'"/><xsl:with-param name="title" select="'Profile'"/><xsl:with-param name="text" select="'View profile details and enable 2-step verification.'"/></xsl:call-template>
            <xsl:call-template name="settings-page"><xsl:with-param name="as" select="$as"/><xsl:with-param name="key" select="'timezone'"/><xsl:with-param name="on" select="$can/@timezone = 'yes'"/><xsl:with-param name="title" select="'Account Timezone'"/><xsl:with-param name="text" select="'Change the timezone for your account.'"/></xsl:call-template>
            <xsl:call-template name="settings-page"><xsl:with-param name="as" select="$as"/><xsl:with-param name="key" select="'organization'"/><xsl:with-param name="on" select="$can/@organization = 'yes'"/><xsl:with-param name="title" select="'Organization'"/><xsl:with-param name="text">Edit your organization's name, address and website, allowed invite domains, and 2-step verification policy.</xsl:with-param></xsl:call-template>
            <xsl:call-template name="settings-page"><xsl:with-param name="as" select="$as"/><xsl:with-param name="key" select="'password'"/><xsl:with-param name="on" select="$can/@password = 'yes'"/><xsl:with-param name="title" select="'Password'"/><xsl:with-param name="text" select="'Change the password you sign in with; your other sessions are signed out.'"/></xsl:call-template>
          </xsl:with-param>
        </xsl:call-template>
      </xsl:when>
      <xsl:when test="$group = 'manage' and ($can/@events = 'yes' or $can/@user-properties = 'yes' or $can/@downloads = 'yes' or $can/@reports = 'yes' or $can/@labels = 'yes' or $can/@csv-uploads = 'yes' or $can/@audit-log = 'yes')">
        <xsl:call-template name="settings-list">
          <xsl:with-param name="as" select="$as"/>
          <xsl:with-param name="id" select="'sec-manage'"/>
          <xsl:with-param name="title" select="'Manage'"/>
          <xsl:with-param name="items">
            <xsl:call-template name="settings-page"><xsl:with-param name="as" select="$as"/><xsl:with-param name="key" select="'events'"/><xsl:with-param name="on" select="$can/@events = 'yes'"/><xsl:with-param name="title" select="'Events'"/><xsl:with-param name="text" select="'See every event your app sends and how often; describe, discard or restore events.'"/></xsl:call-template>
            <xsl:call-template name="settings-page"><xsl:with-param name="as" select="$as"/><xsl:with-param name="key" select="'user-properties'"/><xsl:with-param name="on" select="$can/@user-properties = 'yes'"/><xsl:with-param name="title" select="'User Properties'"/><xsl:with-param name="text" select="'See the properties stored on user profiles; set their types and descriptions.'"/></xsl:call-template>
            <xsl:call-template name="settings-page"><xsl:with-param name="as" select="$as"/><xsl:with-param name="key" select="'downloads'"/><xsl:with-param name="on" select="$can/@downloads = 'yes'"/><xsl:with-param name="title" select="'My Downloads'"/><xsl:with-param name="text" select="'Download the exports you requested before they expire.'"/></xsl:call-template>
            <xsl:call-template name="settings-page"><xsl:with-param name="as" select="$as"/><xsl:with-param name="key" select="'reports'"/><xsl:with-param name="on" select="$can/@reports = 'yes'"/><xsl:with-param name="title" select="'My Reports'"/><xsl:with-param name="text" select="'Open, edit and schedule the reports you have saved.'"/></xsl:call-template>
            <xsl:call-template name="settings-page"><xsl:with-param name="as" select="$as"/><xsl:with-param name="key" select="'labels'"/><xsl:with-param name="on" select="$can/@labels = 'yes'"/><xsl:with-param name="title" select="'Labels'"/><xsl:with-param name="text" select="'Create and edit labels to group reports and CSV uploads and find them faster.'"/></xsl:call-template>
            <xsl:call-template name="settings-page"><xsl:with-param name="as" select="$as"/><xsl:with-param name="key" select="'csv-uploads'"/><xsl:with-param name="on" select="$can/@csv-uploads = 'yes'"/><xsl:with-param name="title" select="'CSV Uploads'"/><xsl:with-param name="text" select="'Import events and user profiles from a CSV file, map its columns, and follow its progress.'"/></xsl:call-template>
            <xsl:call-template name="settings-page"><xsl:with-param name="as" select="$as"/><xsl:with-param name="key" select="'audit-log'"/><xsl:with-param name="on" select="$can/@audit-log = 'yes'"/><xsl:with-param name="title" select="'Audit Log'"/><xsl:with-param name="text" select="'See who changed what in this account, when, and from where.'"/></xsl:call-template>
          </xsl:with-param>
        </xsl:call-template>
      </xsl:when>
    </xsl:choose>
  </xsl:template>

  <!-- a group's heading and list, in the navigation or on the overview -->
  <xsl:template name="settings-list">
    <xsl:param name="as"/>
    <xsl:param name="id"/>
    <xsl:param name="title"/>
    <xsl:param name="items"/>
    <xsl:choose>
      <xsl:when test="$as = 'nav'">
        <p class="sidenav-h" id="nav-{$id}"><xsl:value-of select="$title"/></p>
        <ul class="sidenav-list" aria-labelledby="nav-{$id}"><xsl:copy-of select="$items"/></ul>
      </xsl:when>
      <xsl:otherwise>
        <section class="section" aria-labelledby="{$id}">
          <h2 id="{$id}" class="section-title"><xsl:value-of select="$title"/></h2>
          <ul class="entries"><xsl:copy-of select="$items"/></ul>
        </section>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- one settings page, when $on: a navigation link or an overview entry -->
  <xsl:template name="settings-page">
    <xsl:param name="as"/>
    <xsl:param name="key"/>
    <xsl:param name="on"/>
    <xsl:param name="title"/>
    <xsl:param name="text"/>
    <xsl:if test="$on">
      <li>
        <xsl:choose>
          <xsl:when test="$as = 'nav'">
            <a class="sidenav-link" href="/settings/{$key}">
              <xsl:if test="$section = $key"><xsl:attribute name="aria-current">page</xsl:attribute></xsl:if>
              <xsl:call-template name="icon"><xsl:with-param name="name" select="$key"/></xsl:call-template>
              <span><xsl:value-of select="$title"/></span>
            </a>
          </xsl:when>
          <xsl:otherwise>
            <a class="entry" href="/settings/{$key}">
              <span class="entry-icon"><xsl:call-template name="icon"><xsl:with-param name="name" select="$key"/></xsl:call-template></span>
              <span class="entry-text">
                <span class="entry-title"><xsl:value-of select="$title"/></span>
                <span class="entry-desc"><xsl:value-of select="$text"/></span>
              </span>
            </a>
          </xsl:otherwise>
        </xsl:choose>
      </li>
    </xsl:if>
  </xsl:template>

  <!-- ==================================================== error summary -->

  <!-- Every error of a refused form, at the top of the page (the GOV.UK
       error summary): role="alert", focused on load (autofocus, no
       script needed), each field's error a link to its field (the .field
       wrapper carries id="f-NAME" when it has an error); form-wide errors
       (no @field) as text.  The <title> starts with "Error: ". -->
  <xsl:template name="error-summary">
    <xsl:variable name="errs" select="/steward/errors/error"/>
    <xsl:if test="$errs">
      <div class="error-summary" role="alert" tabindex="-1" autofocus="autofocus" aria-labelledby="error-summary-h">
        <h2 id="error-summary-h">
          <xsl:call-template name="icon"><xsl:with-param name="name" select="'alert'"/></xsl:call-template>
          <span>There is a problem</span>
        </h2>
        <ul>
          <xsl:for-each select="$errs">
            <li>
              <xsl:choose>
                <xsl:when test="string(@field) != ''"><a href="#f-{@field}"><xsl:value-of select="."/></a></xsl:when>
                <xsl:otherwise><xsl:value-of select="."/></xsl:otherwise>
              </xsl:choose>
            </li>
          </xsl:for-each>
        </ul>
      </div>
    </xsl:if>
  </xsl:template>

  <!-- aria attributes of an input whose field may have an error: its
       message is f-FIELD, the error summary's link target ($id unused,
       kept for the callers) -->
  <xsl:template name="field-aria">
    <xsl:param name="field"/>
    <xsl:param name="id"/>
    <xsl:if test="key('error', $field)">
      <xsl:attribute name="aria-invalid">true</xsl:attribute>
      <xsl:attribute name="aria-describedby">f-<xsl:value-of select="$field"/></xsl:attribute>
    </xsl:if>
  </xsl:template>

  <!-- the message under a field, id f-FIELD (the error summary links
       to it) -->
  <xsl:template name="field-error">
    <xsl:param name="field"/>
    <xsl:param name="id"/>
    <xsl:variable name="e" select="key('error', $field)"/>
    <xsl:if test="$e">
      <p class="field-error" id="f-{$field}">
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

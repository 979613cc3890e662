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
    xmlns:exsl="http://exslt.org/common"
    exclude-result-prefixes="str exsl">

  <!-- First (lowest precedence): what a page without its own templates
       shows; then the shared components; then one import per page
       stylesheet.  Apart from defaults.xsl, which every page overrides,
       no two stylesheets have templates for one node in one mode, so
       their order decides nothing; keep it so (a later import would win
       a conflict).  The order costs time, though: libxslt looks for a
       template from the last import back and stops at the first match,
       testing each page's steward[@page='…'] on the way, so the pages
       drawn most (the lists and the overview) are imported last; a new
       page goes before them. -->
  <xsl:import href="defaults.xsl"/>
  <xsl:import href="components.xsl"/>
  <xsl:import href="login.xsl"/>
  <xsl:import href="error.xsl"/>
  <xsl:import href="healthz.xsl"/>
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
  <xsl:import href="user_properties.xsl"/>
  <xsl:import href="csv_uploads.xsl"/>
  <xsl:import href="labels.xsl"/>
  <xsl:import href="reports.xsl"/>
  <xsl:import href="reports_edit.xsl"/>
  <xsl:import href="downloads.xsl"/>
  <xsl:import href="passkeys.xsl"/>
  <xsl:import href="schema_list.xsl"/>
  <xsl:import href="events.xsl"/>
  <xsl:import href="settings.xsl"/>
  <xsl:import href="users.xsl"/>

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
          <xsl:value-of select="$head-title"/>
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
                <span class="badge"><xsl:for-each select="$me/@role"><xsl:call-template name="role-label-of"/></xsl:for-each></span>
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
                        <xsl:for-each select="@role"><xsl:call-template name="role-label-of"/></xsl:for-each>
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
  <xsl:variable name="section-rtf">
    <xsl:variable name="p" select="/steward/@page"/>
    <xsl:choose>
      <xsl:when test="$p = 'billing-plan' or $p = 'invoice'">billing</xsl:when>
      <xsl:when test="$p = 'twofa' or $p = 'recovery-codes'">profile</xsl:when>
      <xsl:when test="$p = 'report'">reports</xsl:when>
      <xsl:otherwise><xsl:value-of select="$p"/></xsl:otherwise>
    </xsl:choose>
  </xsl:variable>
  <xsl:variable name="section" select="string($section-rtf)"/>

  <!-- The page's title (mode page.title, plain text), worked out once:
       the <title>, the folded navigation's line and the <h1> show it. -->
  <xsl:variable name="head-title-rtf">
    <xsl:for-each select="/steward"><xsl:call-template name="page.title"/></xsl:for-each>
  </xsl:variable>
  <xsl:variable name="head-title" select="string($head-title-rtf)"/>

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
        <h1><xsl:value-of select="$head-title"/></h1>
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
          <span class="sidenav-here"><xsl:value-of select="$head-title"/></span>
          <xsl:call-template name="icon"><xsl:with-param name="name" select="'chevron-down'"/></xsl:call-template>
        </summary>
        <div class="sidenav-body">
          <a class="sidenav-link" href="/settings">
            <xsl:if test="$section = 'settings'"><xsl:attribute name="aria-current">page</xsl:attribute></xsl:if>
            <xsl:call-template name="icon"><xsl:with-param name="name" select="'settings'"/></xsl:call-template>
            <span>Overview</span>
          </a>
          <xsl:for-each select="$settings-groups">
            <xsl:call-template name="settings-nav-group"/>
          </xsl:for-each>
        </div>
      </details>
    </nav>
  </xsl:template>

  <!-- The settings pages this role may see (<can>), worked out once a
       transform: the one list the navigation and the overview's entries
       are drawn from, in two groups (a page's key is its URL, its icon
       and its section).  Literal rows, read with exsl:node-set: no
       template parameters to evaluate per link; $settings-groups holds
       the groups with a page the role may see. -->
  <xsl:variable name="settings-pages-rtf">
    <group key="account" title="Account">
      <xsl:if test="$can/@billing = 'yes'"><page key="billing" title="Billing" text="Track app usage, upgrade your plan, edit credit card details and billing contact, and view and export invoices."/></xsl:if>
      <xsl:if test="$can/@users = 'yes'"><page key="users" title="Users" text="View users, edit their roles, and invite more users."/></xsl:if>
      <xsl:if test="$can/@profile = 'yes'"><page key="profile" title="Profile" text="View profile details and enable 2-step verification."/></xsl:if>
      <xsl:if test="$can/@timezone = 'yes'"><page key="timezone" title="Account Timezone" text="Change the timezone for your account."/></xsl:if>
      <xsl:if test="$can/@organization = 'yes'"><page key="organization" title="Organization" text="Edit your organization's name, address and website, allowed invite domains, and 2-step verification policy."/></xsl:if>
      <xsl:if test="$can/@password = 'yes'"><page key="password" title="Password" text="Change the password you sign in with; your other sessions are signed out."/></xsl:if>
    </group>
    <group key="manage" title="Manage">
      <xsl:if test="$can/@events = 'yes'"><page key="events" title="Events" text="See every event your app sends and how often; describe, discard or restore events."/></xsl:if>
      <xsl:if test="$can/@user-properties = 'yes'"><page key="user-properties" title="User Properties" text="See the properties stored on user profiles; set their types and descriptions."/></xsl:if>
      <xsl:if test="$can/@downloads = 'yes'"><page key="downloads" title="My Downloads" text="Download the exports you requested before they expire."/></xsl:if>
      <xsl:if test="$can/@reports = 'yes'"><page key="reports" title="My Reports" text="Open, edit and schedule the reports you have saved."/></xsl:if>
      <xsl:if test="$can/@labels = 'yes'"><page key="labels" title="Labels" text="Create and edit labels to group reports and CSV uploads and find them faster."/></xsl:if>
      <xsl:if test="$can/@csv-uploads = 'yes'"><page key="csv-uploads" title="CSV Uploads" text="Import events and user profiles from a CSV file, map its columns, and follow its progress."/></xsl:if>
      <xsl:if test="$can/@audit-log = 'yes'"><page key="audit-log" title="Audit Log" text="See who changed what in this account, when, and from where."/></xsl:if>
    </group>
  </xsl:variable>
  <xsl:variable name="settings-groups" select="exsl:node-set($settings-pages-rtf)/group[page]"/>

  <!-- A group of $settings-groups (the context node) as the
       navigation's list.  The icons are the icon template's markup,
       written out (one per link). -->
  <xsl:template name="settings-nav-group">
    <p class="sidenav-h" id="nav-sec-{@key}"><xsl:value-of select="@title"/></p>
    <ul class="sidenav-list" aria-labelledby="nav-sec-{@key}">
      <xsl:for-each select="page">
        <li>
          <a class="sidenav-link" href="/settings/{@key}">
            <xsl:if test="@key = $section"><xsl:attribute name="aria-current">page</xsl:attribute></xsl:if>
            <svg class="i" aria-hidden="true"><use href="/static/icons.svg#{@key}"/></svg>
            <span><xsl:value-of select="@title"/></span>
          </a>
        </li>
      </xsl:for-each>
    </ul>
  </xsl:template>

  <!-- A group of $settings-groups (the context node) as the overview's
       entries. -->
  <xsl:template name="settings-entry-group">
    <section class="section" aria-labelledby="sec-{@key}">
      <h2 id="sec-{@key}" class="section-title"><xsl:value-of select="@title"/></h2>
      <ul class="entries">
        <xsl:for-each select="page">
          <li>
            <a class="entry" href="/settings/{@key}">
              <span class="entry-icon"><svg class="i" aria-hidden="true"><use href="/static/icons.svg#{@key}"/></svg></span>
              <span class="entry-text">
                <span class="entry-title"><xsl:value-of select="@title"/></span>
                <span class="entry-desc"><xsl:value-of select="@text"/></span>
              </span>
            </a>
          </li>
        </xsl:for-each>
      </ul>
    </section>
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

  <!-- A role attribute, the context node, as its label ("Admin"); the
       users list draws it on every row: no parameter to build, "." read
       in place -->
  <xsl:template name="role-label-of">
    <xsl:choose>
      <xsl:when test=". = 'admin'">Admin</xsl:when>
      <xsl:when test=". = 'creator'">Creator</xsl:when>
      <xsl:when test=". = 'member'">Member</xsl:when>
      <xsl:when test=". = 'agent'">Agent</xsl:when>
      <xsl:otherwise><xsl:value-of select="."/></xsl:otherwise>
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

<?xml version="1.0" encoding="UTF-8"?>
<!--
  settings.xsl - page="settings", the Account Settings overview:
  credentials box (eye reveal), invite box, Account and Manage sections.
  Imported by site.xsl (globals $me $account $can $csrf, key 'error',
  templates icon / field-aria / field-error / form-errors come from there).
  Everything a role may do is read from <can>, never decided here.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:str="http://exslt.org/strings"
    exclude-result-prefixes="str">

  <xsl:key name="page" match="/steward/pages/page" use="@key"/>

  <xsl:template name="settings.title">Account Settings</xsl:template>

  <xsl:template name="settings.body">
    <xsl:variable name="invite" select="invite[$can/@invite = 'yes']"/>
    <div class="page-head">
      <h1>Account Settings</h1>
      <p class="lede">Find and edit the details of <bdi><xsl:value-of select="$account/@name"/></bdi> and manage its data.</p>
    </div>

    <!-- errors that no field below can show -->
    <xsl:choose>
      <xsl:when test="$invite">
        <xsl:call-template name="form-errors">
          <xsl:with-param name="errors" select="errors/error[not(@field = 'email' or @field = 'role')]"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:otherwise>
        <xsl:call-template name="form-errors">
          <xsl:with-param name="errors" select="errors/error"/>
        </xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>

    <div class="boxes">
      <xsl:apply-templates select="credentials"/>
      <xsl:apply-templates select="$invite"/>
    </div>

    <xsl:if test="$can/@billing = 'yes' or $can/@users = 'yes' or $can/@profile = 'yes' or $can/@timezone = 'yes' or $can/@organization = 'yes' or $can/@password = 'yes'">
      <section class="section" aria-labelledby="sec-account">
        <h2 id="sec-account" class="section-title">Account</h2>
        <ul class="entries">
          <xsl:call-template name="entry">
            <xsl:with-param name="key" select="'billing'"/>
            <xsl:with-param name="title">Billing</xsl:with-param>
            <xsl:with-param name="text">Track app usage, upgrade your plan, edit credit card details and billing contact, and view and export invoices.</xsl:with-param>
          </xsl:call-template>
          <xsl:call-template name="entry">
            <xsl:with-param name="key" select="'users'"/>
            <xsl:with-param name="title">Users</xsl:with-param>
            <xsl:with-param name="text">View users, edit their roles, and invite more users.</xsl:with-param>
          </xsl:call-template>
          <xsl:call-template name="entry">
            <xsl:with-param name="key" select="'profile'"/>
            <xsl:with-param name="title">Profile</xsl:with-param>
            <xsl:with-param name="text">View profile details and enable 2-step verification.</xsl:with-param>
          </xsl:call-template>
          <xsl:call-template name="entry">
            <xsl:with-param name="key" select="'timezone'"/>
            <xsl:with-param name="title">Account Timezone</xsl:with-param>
            <xsl:with-param name="text">Change the timezone for your account.</xsl:with-param>
          </xsl:call-template>
          <xsl:call-template name="entry">
            <xsl:with-param name="key" select="'organization'"/>
            <xsl:with-param name="title">Organization</xsl:with-param>
            <xsl:with-param name="text">Edit your organization's name, address and website, allowed invite domains, and 2-step verification policy.</xsl:with-param>
          </xsl:call-template>
          <xsl:call-template name="entry">
            <xsl:with-param name="key" select="'password'"/>
            <xsl:with-param name="title">Password</xsl:with-param>
            <xsl:with-param name="text">Change the password you sign in with; your other sessions are signed out.</xsl:with-param>
          </xsl:call-template>
        </ul>
      </section>
    </xsl:if>

    <xsl:if test="$can/@events = 'yes' or $can/@user-properties = 'yes' or $can/@downloads = 'yes' or $can/@reports = 'yes' or $can/@labels = 'yes' or $can/@csv-uploads = 'yes' or $can/@audit-log = 'yes'">
      <section class="section" aria-labelledby="sec-manage">
        <h2 id="sec-manage" class="section-title">Manage</h2>
        <ul class="entries">
          <xsl:call-template name="entry">
            <xsl:with-param name="key" select="'events'"/>
            <xsl:with-param name="title">Events</xsl:with-param>
            <xsl:with-param name="text">See every event your app sends and how often; describe, discard or restore events.</xsl:with-param>
          </xsl:call-template>
          <xsl:call-template name="entry">
            <xsl:with-param name="key" select="'user-properties'"/>
            <xsl:with-param name="title">User Properties</xsl:with-param>
            <xsl:with-param name="text">See the properties stored on user profiles; set their types and descriptions.</xsl:with-param>
          </xsl:call-template>
          <xsl:call-template name="entry">
            <xsl:with-param name="key" select="'downloads'"/>
            <xsl:with-param name="title">My Downloads</xsl:with-param>
            <xsl:with-param name="text">Download the exports you requested before they expire.</xsl:with-param>
          </xsl:call-template>
          <xsl:call-template name="entry">
            <xsl:with-param name="key" select="'reports'"/>
            <xsl:with-param name="title">My Reports</xsl:with-param>
            <xsl:with-param name="text">Open, edit and schedule the reports you have saved.</xsl:with-param>
          </xsl:call-template>
          <xsl:call-template name="entry">
            <xsl:with-param name="key" select="'labels'"/>
            <xsl:with-param name="title">Labels</xsl:with-param>
            <xsl:with-param name="text">Create and edit labels to group reports and CSV uploads and find them faster.</xsl:with-param>
          </xsl:call-template>
          <xsl:call-template name="entry">
            <xsl:with-param name="key" select="'csv-uploads'"/>
            <xsl:with-param name="title">CSV Uploads</xsl:with-param>
            <xsl:with-param name="text">Import events and user profiles from a CSV file, map its columns, and follow its progress.</xsl:with-param>
          </xsl:call-template>
          <xsl:call-template name="entry">
            <xsl:with-param name="key" select="'audit-log'"/>
            <xsl:with-param name="title">Audit Log</xsl:with-param>
            <xsl:with-param name="text">See who changed what in this account, when, and from where.</xsl:with-param>
          </xsl:call-template>
        </ul>
      </section>
    </xsl:if>
  </xsl:template>

  <!-- ================================================ credentials box -->

  <xsl:template match="credentials">
    <section class="card" aria-labelledby="cred-h">
      <div class="card-head">
        <span class="card-icon"><xsl:call-template name="icon"><xsl:with-param name="name" select="'key'"/></xsl:call-template></span>
        <div>
          <h2 id="cred-h">Account credentials</h2>
          <p class="card-sub">Identify this account to the ingestion API and SDKs.</p>
        </div>
      </div>
      <dl class="kv">
        <div>
          <dt>Account name</dt>
          <dd><bdi><xsl:value-of select="$account/@name"/></bdi></dd>
        </div>
        <div>
          <dt>Account ID</dt>
          <dd><code class="mono"><xsl:value-of select="$account/@id"/></code></dd>
        </div>
        <div>
          <dt>Region</dt>
          <dd><code class="mono"><xsl:value-of select="$account/@region"/></code></dd>
        </div>
        <div>
          <dt>Passcode</dt>
          <dd>
            <xsl:choose>
              <xsl:when test="@revealed = 'yes'">
                <div class="secret is-revealed">
                  <code class="secret-value" id="passcode"><xsl:value-of select="passcode"/></code>
                  <a class="icon-btn" href="/settings" title="Hide passcode">
                    <span class="sr">Hide passcode</span>
                    <xsl:call-template name="icon"><xsl:with-param name="name" select="'eye-off'"/></xsl:call-template>
                  </a>
                </div>
                <p class="note" id="passcode-note">Keep it secret. This reveal was recorded in the audit log.</p>
                <xsl:call-template name="settings.rotate-link"/>
              </xsl:when>
              <xsl:otherwise>
                <div class="secret">
                  <code class="secret-value is-masked" id="passcode"><span aria-hidden="true">••••••••••••••••</span><span class="sr">hidden</span></code>
                  <xsl:if test="$can/@reveal = 'yes'">
                    <form class="reveal" method="post" action="/settings/credentials/reveal">
                      <input type="hidden" name="csrf" value="{$csrf}"/>
                      <button class="icon-btn" type="submit" title="Reveal passcode" aria-pressed="false" aria-controls="passcode">
                        <span class="sr">Reveal passcode</span>
                        <xsl:call-template name="icon"><xsl:with-param name="name" select="'eye'"/></xsl:call-template>
                        <xsl:call-template name="icon"><xsl:with-param name="name" select="'eye-off'"/></xsl:call-template>
                      </button>
                    </form>
                  </xsl:if>
                </div>
                <xsl:choose>
                  <xsl:when test="$can/@reveal = 'yes'">
                    <p class="note" id="passcode-note" hidden="hidden">Keep it secret. This reveal was recorded in the audit log.</p>
                  </xsl:when>
                  <xsl:otherwise>
                    <p class="hint">Only an Admin can reveal the passcode.</p>
                  </xsl:otherwise>
                </xsl:choose>
                <xsl:call-template name="settings.rotate-link"/>
              </xsl:otherwise>
            </xsl:choose>
          </dd>
        </div>
      </dl>
    </section>
  </xsl:template>

  <!-- the Rotate action of the credentials box (credentials.xsl) -->
  <xsl:template name="settings.rotate-link">
    <xsl:if test="$can/@rotate = 'yes'">
      <p class="cred-action"><a href="/settings/credentials/rotate">Rotate passcode</a></p>
    </xsl:if>
  </xsl:template>

  <!-- ===================================================== invite box -->

  <xsl:template match="invite">
    <section class="card" aria-labelledby="invite-h">
      <div class="card-head">
        <span class="card-icon"><xsl:call-template name="icon"><xsl:with-param name="name" select="'mail'"/></xsl:call-template></span>
        <div>
          <h2 id="invite-h">Invite a user</h2>
          <p class="card-sub">They get an email with a link to join this account.</p>
        </div>
      </div>
      <form class="stack" method="post" action="/settings/users/invite">
        <input type="hidden" name="csrf" value="{$csrf}"/>
        <div class="field">
          <label for="invite-email">Email address</label>
          <input id="invite-email" name="email" type="email" required="required"
                 autocomplete="off" spellcheck="false" maxlength="254"
                 placeholder="name@example.com" value="{@email}">
            <xsl:call-template name="field-aria">
              <xsl:with-param name="field" select="'email'"/>
              <xsl:with-param name="id" select="'invite-email'"/>
            </xsl:call-template>
          </input>
          <xsl:call-template name="field-error">
            <xsl:with-param name="field" select="'email'"/>
            <xsl:with-param name="id" select="'invite-email'"/>
          </xsl:call-template>
        </div>
        <div class="field">
          <label for="invite-role">Role</label>
          <div class="select">
            <select id="invite-role" name="role">
              <xsl:call-template name="field-aria">
                <xsl:with-param name="field" select="'role'"/>
                <xsl:with-param name="id" select="'invite-role'"/>
              </xsl:call-template>
              <xsl:for-each select="role">
                <option value="{@value}">
                  <xsl:if test="@value = ../@role"><xsl:attribute name="selected">selected</xsl:attribute></xsl:if>
                  <xsl:value-of select="."/>
                </option>
              </xsl:for-each>
            </select>
            <xsl:call-template name="icon"><xsl:with-param name="name" select="'chevron-down'"/></xsl:call-template>
          </div>
          <xsl:call-template name="field-error">
            <xsl:with-param name="field" select="'role'"/>
            <xsl:with-param name="id" select="'invite-role'"/>
          </xsl:call-template>
        </div>
        <div class="actions">
          <button class="btn btn-primary" type="submit">Invite</button>
        </div>
      </form>
    </section>
  </xsl:template>

  <!-- ========================================================= entries -->

  <!-- one entry of the Account / Manage lists: shown when <can> allows it,
       a link when the page exists in this build, "Coming soon" otherwise -->
  <xsl:template name="entry">
    <xsl:param name="key"/>
    <xsl:param name="title"/>
    <xsl:param name="text"/>
    <xsl:if test="$can/@*[local-name() = $key] = 'yes'">
      <xsl:variable name="page" select="key('page', $key)"/>
      <li>
        <xsl:choose>
          <xsl:when test="$page/@available = 'yes'">
            <a class="entry" href="{str:encode-uri($page/@href, false())}">
              <xsl:call-template name="entry-inner">
                <xsl:with-param name="key" select="$key"/>
                <xsl:with-param name="title" select="$title"/>
                <xsl:with-param name="text" select="$text"/>
              </xsl:call-template>
            </a>
          </xsl:when>
          <xsl:otherwise>
            <div class="entry is-soon" role="link" aria-disabled="true">
              <xsl:call-template name="entry-inner">
                <xsl:with-param name="key" select="$key"/>
                <xsl:with-param name="title" select="$title"/>
                <xsl:with-param name="text" select="$text"/>
                <xsl:with-param name="soon" select="true()"/>
              </xsl:call-template>
            </div>
          </xsl:otherwise>
        </xsl:choose>
      </li>
    </xsl:if>
  </xsl:template>

  <xsl:template name="entry-inner">
    <xsl:param name="key"/>
    <xsl:param name="title"/>
    <xsl:param name="text"/>
    <xsl:param name="soon" select="false()"/>
    <span class="entry-icon"><xsl:call-template name="icon"><xsl:with-param name="name" select="$key"/></xsl:call-template></span>
    <span class="entry-text">
      <span class="entry-title"><xsl:value-of select="$title"/></span>
      <span class="entry-desc"><xsl:value-of select="$text"/></span>
    </span>
    <xsl:if test="$soon"><span class="badge badge-soon">Coming soon</span></xsl:if>
  </xsl:template>

</xsl:stylesheet>

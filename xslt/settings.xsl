<?xml version="1.0" encoding="UTF-8"?>
<!--
  settings.xsl - page="settings", the Account Settings overview:
  credentials box (eye reveal), invite box, Account and Manage sections.
  Imported by site.xsl, which draws the heading, the lede below, the
  error summary (an invite's field errors link to their f-FIELD messages
  here) and the entry lists (settings-entry-group); globals $me $account $can
  $csrf, key 'error', icon / field-aria / field-error come from there,
  input-field from components.xsl.
  Everything a role may do is read from <can>, never decided here.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:str="http://exslt.org/strings"
    exclude-result-prefixes="str">

  <xsl:template name="settings.title">Account Settings</xsl:template>

  <xsl:template match="steward[@page='settings']" mode="page.lede">
    <p class="lede">Find and edit the details of <bdi><xsl:value-of select="$account/@name"/></bdi> and manage its data.</p>
  </xsl:template>

  <xsl:template name="settings.body">
    <xsl:variable name="invite" select="invite[$can/@invite = 'yes']"/>
    <div class="section boxes">
      <xsl:apply-templates select="credentials"/>
      <xsl:apply-templates select="$invite"/>
    </div>

    <xsl:for-each select="$settings-groups">
      <xsl:call-template name="settings-entry-group"/>
    </xsl:for-each>
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
        <xsl:call-template name="input-field">
          <xsl:with-param name="id" select="'invite-email'"/>
          <xsl:with-param name="name" select="'email'"/>
          <xsl:with-param name="label" select="'Email address'"/>
          <xsl:with-param name="type" select="'email'"/>
          <xsl:with-param name="value" select="@email"/>
          <xsl:with-param name="max" select="254"/>
          <xsl:with-param name="placeholder" select="'name@example.com'"/>
          <xsl:with-param name="required" select="true()"/>
        </xsl:call-template>
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

</xsl:stylesheet>

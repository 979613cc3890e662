<?xml version="1.0" encoding="UTF-8"?>
<!--
  profile.xsl - page="profile" (fcgi/pages/profile.c), /settings/profile:
  details, sign-in email, the 2-step verification card, sessions.  Its
  forms post to profile.c, profile_email.c and profile_2fa.c, which draw
  this page again with the errors.
  Drawn in the frame of site.xsl (breadcrumb, h1, lede, error summary,
  flash); input-field, time-short-of and the pager from components.xsl.
  Each form's field errors show only when /steward/profile/@form names it
  (input-field's $form); form-wide errors are in the error summary.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:str="http://exslt.org/strings"
    exclude-result-prefixes="str">

  <!-- ========================================================== profile -->

  <xsl:template match="steward[@page='profile']" mode="page.title">Profile</xsl:template>

  <xsl:template match="steward[@page='profile']" mode="page.lede">
    <p class="lede">Your details, the email you sign in with, 2-step verification, passkeys, where you are signed in, and API tokens for scripts.</p>
  </xsl:template>

  <!--
    The page is six cards long: "On this page" first, a link to each card
    drawn (its element is in the document), by the card's id; the ids
    (details, email, two-step, passkeys, sessions, api-tokens) are stable
    addresses: /settings/profile#api-tokens.  Plain fragment links: no
    script; the browser moves the focus start to the card, whose section
    is labelled by its h2.
  -->
  <xsl:template match="steward[@page='profile']" mode="page.body">
    <nav class="pf-toc" aria-label="On this page">
      <h2 class="section-title">On this page</h2>
      <ul>
        <xsl:if test="profile">
          <li><a class="btn btn-sm" href="#details">Details</a></li>
          <li><a class="btn btn-sm" href="#email">Sign-in email</a></li>
        </xsl:if>
        <xsl:if test="twofa"><li><a class="btn btn-sm" href="#two-step">2-step verification</a></li></xsl:if>
        <xsl:if test="passkeys"><li><a class="btn btn-sm" href="#passkeys">Passkeys</a></li></xsl:if>
        <xsl:if test="sessions"><li><a class="btn btn-sm" href="#sessions">Sessions</a></li></xsl:if>
        <xsl:if test="api-tokens"><li><a class="btn btn-sm" href="#api-tokens">API tokens</a></li></xsl:if>
      </ul>
    </nav>
    <div class="pf-grid">
      <xsl:apply-templates select="profile" mode="details"/>
      <xsl:apply-templates select="profile" mode="email"/>
      <xsl:apply-templates select="twofa"/>
      <xsl:apply-templates select="passkeys"/>
      <xsl:apply-templates select="sessions"/>
      <xsl:apply-templates select="api-tokens"/>
    </div>
  </xsl:template>

  <xsl:template match="profile" mode="details">
    <section class="card" id="details" aria-labelledby="pf-details-h">
      <div class="card-head">
        <span class="card-icon"><xsl:call-template name="icon"><xsl:with-param name="name" select="'profile'"/></xsl:call-template></span>
        <div>
          <h2 id="pf-details-h">Your details</h2>
          <p class="card-sub">How Admins and colleagues see you in this account.</p>
        </div>
      </div>
      <dl class="kv kv-compact pf-kv">
        <div>
          <dt>Role</dt>
          <dd><span class="badge"><xsl:for-each select="$me/@role"><xsl:call-template name="role-label-of"/></xsl:for-each></span></dd>
        </div>
        <div>
          <dt>Account</dt>
          <dd><bdi><xsl:value-of select="$account/@name"/></bdi><xsl:text> </xsl:text><code class="mono"><xsl:value-of select="$account/@id"/></code></dd>
        </div>
        <div>
          <dt>Member since</dt>
          <dd><xsl:for-each select="@member-since"><xsl:call-template name="time-short-of"/></xsl:for-each></dd>
        </div>
      </dl>
      <form class="stack" method="post" action="/settings/profile">
        <input type="hidden" name="csrf" value="{$csrf}"/>
        <xsl:call-template name="input-field">
          <xsl:with-param name="form" select="'details'"/>
          <xsl:with-param name="id" select="'pf-name'"/>
          <xsl:with-param name="name" select="'name'"/>
          <xsl:with-param name="label" select="'Name'"/>
          <xsl:with-param name="value" select="@name"/>
          <xsl:with-param name="autocomplete" select="'name'"/>
          <xsl:with-param name="max" select="100"/>
          <xsl:with-param name="required" select="true()"/>
        </xsl:call-template>
        <xsl:call-template name="input-field">
          <xsl:with-param name="form" select="'details'"/>
          <xsl:with-param name="id" select="'pf-phone'"/>
          <xsl:with-param name="name" select="'phone'"/>
          <xsl:with-param name="label" select="'Phone (optional)'"/>
          <xsl:with-param name="type" select="'tel'"/>
          <xsl:with-param name="value" select="@phone"/>
          <xsl:with-param name="autocomplete" select="'tel'"/>
          <xsl:with-param name="max" select="32"/>
          <xsl:with-param name="hint" select="'International form with the country code, like +49 30 1234567.'"/>
        </xsl:call-template>
        <div class="actions">
          <button class="btn btn-primary" type="submit">Save details</button>
        </div>
      </form>
    </section>
  </xsl:template>

  <xsl:template match="profile" mode="email">
    <section class="card" id="email" aria-labelledby="pf-email-h">
      <div class="card-head">
        <span class="card-icon"><xsl:call-template name="icon"><xsl:with-param name="name" select="'mail'"/></xsl:call-template></span>
        <div>
          <h2 id="pf-email-h">Sign-in email</h2>
          <p class="card-sub">The address you sign in with and where Steward writes to you.</p>
        </div>
      </div>
      <dl class="kv kv-compact pf-kv">
        <div>
          <dt>Email</dt>
          <dd class="break"><xsl:value-of select="@email"/></dd>
        </div>
      </dl>
      <xsl:for-each select="email-change">
        <p class="note pf-pending" role="status">
          <xsl:text>Waiting for confirmation: </xsl:text>
          <strong class="break"><xsl:value-of select="@to"/></strong>
          <xsl:text>. Follow the link we sent there before </xsl:text>
          <xsl:for-each select="@expires"><xsl:call-template name="time-short-of"/></xsl:for-each>
          <xsl:text>.</xsl:text>
        </p>
      </xsl:for-each>
      <form class="stack" method="post" action="/settings/profile/email">
        <input type="hidden" name="csrf" value="{$csrf}"/>
        <xsl:call-template name="input-field">
          <xsl:with-param name="form" select="'email'"/>
          <xsl:with-param name="id" select="'pf-new-email'"/>
          <xsl:with-param name="name" select="'email'"/>
          <xsl:with-param name="label" select="'New email address'"/>
          <xsl:with-param name="type" select="'email'"/>
          <xsl:with-param name="value" select="@new-email"/>
          <xsl:with-param name="autocomplete" select="'email'"/>
          <xsl:with-param name="max" select="254"/>
          <xsl:with-param name="required" select="true()"/>
        </xsl:call-template>
        <xsl:call-template name="input-field">
          <xsl:with-param name="form" select="'email'"/>
          <xsl:with-param name="id" select="'pf-email-password'"/>
          <xsl:with-param name="name" select="'password'"/>
          <xsl:with-param name="label" select="'Current password'"/>
          <xsl:with-param name="type" select="'password'"/>
          <xsl:with-param name="autocomplete" select="'current-password'"/>
          <xsl:with-param name="max" select="256"/>
          <xsl:with-param name="required" select="true()"/>
        </xsl:call-template>
        <p class="hint">Nothing changes until you follow the link we mail to the new address, within 24 hours; until then you keep signing in with your current address. Your current address also gets a notice of the request.</p>
        <div class="actions">
          <button class="btn btn-primary" type="submit">Send confirmation link</button>
        </div>
      </form>
    </section>
  </xsl:template>

  <!-- ======================================== 2-step verification card -->

  <xsl:template match="twofa">
    <section class="card pf-wide" id="two-step" aria-labelledby="pf-2fa-h">
      <div class="card-head">
        <span class="card-icon"><xsl:call-template name="icon"><xsl:with-param name="name" select="'shield'"/></xsl:call-template></span>
        <div>
          <h2 id="pf-2fa-h" class="pf-title">
            <xsl:text>2-step verification </xsl:text>
            <xsl:choose>
              <xsl:when test="@enabled = 'yes'"><span class="badge badge-ok">On</span></xsl:when>
              <xsl:otherwise><span class="badge">Off</span></xsl:otherwise>
            </xsl:choose>
          </h2>
          <p class="card-sub">A code from an authenticator app on your phone, asked for after your password.</p>
        </div>
      </div>
      <xsl:choose>
        <xsl:when test="@enabled = 'yes'">
          <dl class="kv kv-compact pf-kv">
            <xsl:if test="@since">
              <div>
                <dt>Turned on</dt>
                <dd><xsl:for-each select="@since"><xsl:call-template name="time-short-of"/></xsl:for-each></dd>
              </div>
            </xsl:if>
            <div>
              <dt>Recovery codes</dt>
              <dd>
                <xsl:value-of select="@recovery-left"/>
                <xsl:text> of 10 unused</xsl:text>
                <xsl:if test="@recovery-left &lt; 4">
                  <span class="pf-low"> · running low: make new ones below</span>
                </xsl:if>
              </dd>
            </div>
          </dl>
          <div class="pf-forms">
            <form class="stack pf-subform" method="post" action="/settings/profile/2fa/recovery" aria-labelledby="pf-rc-h">
              <h3 id="pf-rc-h">New recovery codes</h3>
              <p class="hint">Makes ten new codes; the old ones stop working.</p>
              <input type="hidden" name="csrf" value="{$csrf}"/>
              <xsl:call-template name="input-field">
                <xsl:with-param name="form" select="'recovery'"/>
                <xsl:with-param name="id" select="'pf-rc-password'"/>
                <xsl:with-param name="name" select="'password'"/>
                <xsl:with-param name="label" select="'Current password'"/>
                <xsl:with-param name="type" select="'password'"/>
                <xsl:with-param name="autocomplete" select="'current-password'"/>
                <xsl:with-param name="max" select="256"/>
                <xsl:with-param name="required" select="true()"/>
              </xsl:call-template>
              <div class="actions"><button class="btn" type="submit">Make new codes</button></div>
            </form>
            <xsl:choose>
              <xsl:when test="@required = 'yes'">
                <div class="pf-subform">
                  <h3>Turn off</h3>
                  <p class="hint">Your organization requires 2-step verification, so it stays on.</p>
                </div>
              </xsl:when>
              <xsl:otherwise>
                <form class="stack pf-subform" method="post" action="/settings/profile/2fa/disable" aria-labelledby="pf-off-h">
                  <h3 id="pf-off-h">Turn off</h3>
                  <p class="hint">Needs your password and a code from the app (or a recovery code).</p>
                  <input type="hidden" name="csrf" value="{$csrf}"/>
                  <xsl:call-template name="input-field">
                    <xsl:with-param name="form" select="'disable'"/>
                    <xsl:with-param name="id" select="'pf-off-password'"/>
                    <xsl:with-param name="name" select="'password'"/>
                    <xsl:with-param name="label" select="'Current password'"/>
                    <xsl:with-param name="type" select="'password'"/>
                    <xsl:with-param name="autocomplete" select="'current-password'"/>
                    <xsl:with-param name="max" select="256"/>
                    <xsl:with-param name="required" select="true()"/>
                  </xsl:call-template>
                  <xsl:call-template name="input-field">
                    <xsl:with-param name="form" select="'disable'"/>
                    <xsl:with-param name="id" select="'pf-off-code'"/>
                    <xsl:with-param name="name" select="'code'"/>
                    <xsl:with-param name="label" select="'Code'"/>
                    <xsl:with-param name="autocomplete" select="'one-time-code'"/>
                    <xsl:with-param name="max" select="14"/>
                    <xsl:with-param name="required" select="true()"/>
                  </xsl:call-template>
                  <div class="actions"><button class="btn btn-danger-quiet" type="submit">Turn off 2-step verification</button></div>
                </form>
              </xsl:otherwise>
            </xsl:choose>
          </div>
        </xsl:when>
        <xsl:otherwise>
          <xsl:if test="@required = 'yes'">
            <p class="note">Your organization requires 2-step verification. Set it up to keep using Steward.</p>
          </xsl:if>
          <p class="pf-text">With it on, someone who learns your password still cannot sign in without your phone. You need an authenticator app such as Aegis, FreeOTP, Google Authenticator or 1Password.</p>
          <form method="post" action="/settings/profile/2fa/start">
            <input type="hidden" name="csrf" value="{$csrf}"/>
            <button class="btn btn-primary" type="submit">Turn on 2-step verification</button>
          </form>
        </xsl:otherwise>
      </xsl:choose>
    </section>
  </xsl:template>

  <!-- ====================================================== sessions -->

  <xsl:template match="sessions">
    <section class="card pf-wide" id="sessions" aria-labelledby="pf-sessions-h">
      <div class="card-head pf-head-row">
        <span class="card-icon"><xsl:call-template name="icon"><xsl:with-param name="name" select="'monitor'"/></xsl:call-template></span>
        <div>
          <h2 id="pf-sessions-h">Where you are signed in</h2>
          <p class="card-sub">Every browser signed in to your login. End any you do not recognise, then change your password.</p>
        </div>
        <xsl:if test="count(session) &gt; 1 or pager/@page &gt; 1">
          <form class="pf-head-action" method="post" action="/settings/profile/sessions/end-others">
            <input type="hidden" name="csrf" value="{$csrf}"/>
            <button class="btn" type="submit">Sign out all other sessions</button>
          </form>
        </xsl:if>
      </div>
      <ul class="pf-sessions">
        <xsl:for-each select="session">
          <li class="pf-session">
            <xsl:if test="@current = 'yes'"><xsl:attribute name="aria-current">true</xsl:attribute></xsl:if>
            <div class="pf-session-main">
              <p class="pf-session-what">
                <strong><xsl:value-of select="@browser"/></strong>
                <xsl:if test="@os != ''"><xsl:text> on </xsl:text><xsl:value-of select="@os"/></xsl:if>
                <xsl:if test="@current = 'yes'"><xsl:text> </xsl:text><span class="badge badge-ok">This session</span></xsl:if>
              </p>
              <p class="pf-session-meta">
                <span><span class="muted">Address </span><code class="mono"><xsl:value-of select="@ip"/></code></span>
                <span><span class="muted">Signed in </span><xsl:for-each select="@started"><xsl:call-template name="time-short-of"/></xsl:for-each></span>
                <span><span class="muted">Last seen </span><xsl:for-each select="@last-seen"><xsl:call-template name="time-short-of"/></xsl:for-each></span>
                <xsl:if test="@account != $account/@id">
                  <span><span class="muted">Account </span><bdi><xsl:value-of select="@account-name"/></bdi></span>
                </xsl:if>
              </p>
            </div>
            <xsl:if test="@current = 'no'">
              <form method="post" action="/settings/profile/sessions/end">
                <input type="hidden" name="csrf" value="{$csrf}"/>
                <input type="hidden" name="session" value="{@id}"/>
                <button class="btn btn-sm" type="submit">
                  <xsl:text>End</xsl:text>
                  <span class="sr"><xsl:text> session of </xsl:text><xsl:value-of select="@browser"/><xsl:text> at </xsl:text><xsl:value-of select="@ip"/></span>
                </button>
              </form>
            </xsl:if>
          </li>
        </xsl:for-each>
      </ul>
      <xsl:apply-templates select="pager">
        <xsl:with-param name="label" select="'Sessions pages'"/>
        <xsl:with-param name="anchor" select="'sessions'"/>
      </xsl:apply-templates>
    </section>
  </xsl:template>

</xsl:stylesheet>

<?xml version="1.0" encoding="UTF-8"?>
<!--
  invitations_accept.xsl - page="invitation"
  (fcgi/pages/invitations_accept.c), /invitations/accept?token=: join an
  account from an invitation link.  The form depends on invitation/@mode
  (new person, existing login, login with 2-step verification, signed in
  as the invitee, signed in as someone else); a dead link (@state invalid,
  expired, used, revoked) gets a page that says what happened and what to
  do.  Signed out it is the centred card; signed in, inside the frame.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:str="http://exslt.org/strings"
    exclude-result-prefixes="str">

  <!-- the page's title: the frame's <h1> signed in, the card's signed out -->
  <xsl:template match="steward[@page='invitation']" mode="page.title">
    <xsl:apply-templates select="invitation" mode="accept.title"/>
  </xsl:template>

  <xsl:template match="invitation[@state = 'open']" mode="accept.title">Join <xsl:value-of select="@account-name"/></xsl:template>
  <xsl:template match="invitation[@state = 'expired']" mode="accept.title">This invitation has expired</xsl:template>
  <xsl:template match="invitation[@state = 'used']" mode="accept.title">This invitation was already used</xsl:template>
  <xsl:template match="invitation[@state = 'revoked']" mode="accept.title">This invitation was withdrawn</xsl:template>
  <xsl:template match="invitation" mode="accept.title">This invitation link is not valid</xsl:template>

  <!-- the card's own heading, signed out only (signed in, the frame draws
       the page head) -->
  <xsl:template name="accept.labelledby">
    <xsl:if test="not($signed-in)">
      <xsl:attribute name="aria-labelledby">inv-h</xsl:attribute>
    </xsl:if>
  </xsl:template>

  <xsl:template match="steward[@page='invitation']" mode="page.body">
    <xsl:apply-templates select="invitation" mode="accept"/>
  </xsl:template>

  <!-- ======================================================== dead links -->

  <xsl:template match="invitation" mode="accept">
    <section class="card solo-card error-card">
      <xsl:call-template name="accept.labelledby"/>
      <p class="error-code">
        <xsl:choose>
          <xsl:when test="@state = 'invalid'">404</xsl:when>
          <xsl:otherwise>410</xsl:otherwise>
        </xsl:choose>
      </p>
      <xsl:if test="not($signed-in)">
        <h1 id="inv-h"><xsl:apply-templates select="." mode="accept.title"/></h1>
      </xsl:if>
      <p class="error-text">
        <xsl:choose>
          <xsl:when test="@state = 'expired'">Invitations work for 7 days. Ask the person who invited you to send a new one.</xsl:when>
          <xsl:when test="@state = 'used'">A link works once. If you joined with it, sign in with your email and password.</xsl:when>
          <xsl:when test="@state = 'revoked'">An Admin of the account withdrew it. Ask them if you should still have access.</xsl:when>
          <xsl:otherwise>The link may be incomplete, or a newer invitation replaced it. Open the latest invitation mail, or ask the person who invited you to send it again.</xsl:otherwise>
        </xsl:choose>
      </p>
      <p class="actions">
        <xsl:choose>
          <xsl:when test="$signed-in">
            <a class="btn btn-primary" href="/settings">
              <xsl:call-template name="icon"><xsl:with-param name="name" select="'arrow-left'"/></xsl:call-template>
              <span>Back to Account Settings</span>
            </a>
          </xsl:when>
          <xsl:otherwise><a class="btn btn-primary" href="/login">Sign in</a></xsl:otherwise>
        </xsl:choose>
      </p>
    </section>
  </xsl:template>

  <!-- ======================================================== open links -->

  <xsl:template match="invitation[@state = 'open']" mode="accept">
    <section class="card solo-card accept-card">
      <xsl:call-template name="accept.labelledby"/>
      <xsl:if test="not($signed-in)">
        <h1 id="inv-h">Join <bdi><xsl:value-of select="@account-name"/></bdi></h1>
      </xsl:if>
      <p class="card-sub">
        <xsl:choose>
          <xsl:when test="@inviter != ''"><strong><bdi><xsl:value-of select="@inviter"/></bdi></strong> invited</xsl:when>
          <xsl:otherwise>You were invited</xsl:otherwise>
        </xsl:choose>
        <xsl:if test="@inviter != ''"> you</xsl:if>
        <xsl:text> to the account </xsl:text>
        <bdi><xsl:value-of select="@account-name"/></bdi>
        <xsl:text> (</xsl:text><span class="mono"><xsl:value-of select="@account-id"/></span><xsl:text>) as </xsl:text>
        <strong><xsl:for-each select="@role"><xsl:call-template name="role-label-of"/></xsl:for-each></strong>
        <xsl:text>.</xsl:text>
      </p>
      <xsl:if test="message">
        <blockquote class="invite-quote"><xsl:value-of select="message"/></blockquote>
      </xsl:if>
      <xsl:if test="not($signed-in)"><xsl:call-template name="flash"/></xsl:if>
      <xsl:apply-templates select="." mode="accept.form"/>
    </section>
  </xsl:template>

  <!-- the fields every accept form carries -->
  <xsl:template name="accept.hidden">
    <input type="hidden" name="csrf" value="{$csrf}"/>
    <input type="hidden" name="token" value="{@token}"/>
  </xsl:template>

  <xsl:template name="accept.email">
    <div class="field">
      <label for="acc-email">Email address</label>
      <input id="acc-email" type="email" value="{@email}" readonly="readonly" autocomplete="username" class="is-readonly"/>
    </div>
  </xsl:template>

  <xsl:template name="accept.password">
    <xsl:param name="new" select="false()"/>
    <div class="field">
      <label for="acc-password">
        <xsl:choose>
          <xsl:when test="$new">Choose a password</xsl:when>
          <xsl:otherwise>Password</xsl:otherwise>
        </xsl:choose>
      </label>
      <input id="acc-password" name="password" type="password" required="required" maxlength="256">
        <xsl:attribute name="autocomplete">
          <xsl:choose>
            <xsl:when test="$new">new-password</xsl:when>
            <xsl:otherwise>current-password</xsl:otherwise>
          </xsl:choose>
        </xsl:attribute>
        <xsl:if test="$new">
          <xsl:attribute name="minlength">12</xsl:attribute>
          <xsl:attribute name="aria-describedby">acc-password-hint<xsl:if test="key('error', 'password')"> f-password</xsl:if></xsl:attribute>
        </xsl:if>
        <xsl:if test="key('error', 'password')">
          <xsl:attribute name="aria-invalid">true</xsl:attribute>
          <xsl:if test="not($new)"><xsl:attribute name="aria-describedby">f-password</xsl:attribute></xsl:if>
        </xsl:if>
      </input>
      <xsl:if test="$new">
        <p class="hint" id="acc-password-hint">At least 12 characters. Not part of your email address.</p>
      </xsl:if>
      <xsl:call-template name="field-error">
        <xsl:with-param name="field" select="'password'"/>
        <xsl:with-param name="id" select="'acc-password'"/>
      </xsl:call-template>
    </div>
  </xsl:template>

  <!-- a new person: name and password -->
  <xsl:template match="invitation[@mode = 'new']" mode="accept.form">
    <form class="stack" method="post" action="/invitations/accept">
      <xsl:call-template name="accept.hidden"/>
      <xsl:call-template name="accept.email"/>
      <div class="field">
        <label for="acc-name">Your name</label>
        <input id="acc-name" name="name" type="text" required="required" maxlength="100" autocomplete="name" value="{@name}">
          <xsl:if test="not(/steward/errors)"><xsl:attribute name="autofocus">autofocus</xsl:attribute></xsl:if>
          <xsl:call-template name="field-aria">
            <xsl:with-param name="field" select="'name'"/>
            <xsl:with-param name="id" select="'acc-name'"/>
          </xsl:call-template>
        </input>
        <xsl:call-template name="field-error">
          <xsl:with-param name="field" select="'name'"/>
          <xsl:with-param name="id" select="'acc-name'"/>
        </xsl:call-template>
      </div>
      <xsl:call-template name="accept.password"><xsl:with-param name="new" select="true()"/></xsl:call-template>
      <button class="btn btn-primary btn-block" type="submit">Create login and join</button>
    </form>
  </xsl:template>

  <!-- a login exists: its password -->
  <xsl:template match="invitation[@mode = 'existing']" mode="accept.form">
    <p class="accept-note">You already have a Steward login with this email. Enter its password to join.</p>
    <form class="stack" method="post" action="/invitations/accept">
      <xsl:call-template name="accept.hidden"/>
      <xsl:call-template name="accept.email"/>
      <xsl:call-template name="accept.password"/>
      <button class="btn btn-primary btn-block" type="submit">Sign in and join</button>
    </form>
  </xsl:template>

  <!-- a login with 2-step verification: the sign-in comes back here -->
  <xsl:template match="invitation[@mode = 'sign-in']" mode="accept.form">
    <p class="accept-note">Your login <strong><xsl:value-of select="@email"/></strong> uses 2-step verification. Sign in first; you come back here to join.</p>
    <p><a class="btn btn-primary btn-block" href="/login?next={str:encode-uri(@next, true())}">Sign in to join</a></p>
  </xsl:template>

  <!-- signed in as the invitee: one button -->
  <xsl:template match="invitation[@mode = 'join']" mode="accept.form">
    <p class="accept-note">You are signed in as <strong><xsl:value-of select="@email"/></strong>.</p>
    <form class="stack" method="post" action="/invitations/accept">
      <xsl:call-template name="accept.hidden"/>
      <button class="btn btn-primary btn-block" type="submit">Join <bdi><xsl:value-of select="@account-name"/></bdi></button>
    </form>
  </xsl:template>

  <!-- signed in as someone else -->
  <xsl:template match="invitation[@mode = 'other']" mode="accept.form">
    <div class="alert" role="alert">
      <xsl:call-template name="icon"><xsl:with-param name="name" select="'alert'"/></xsl:call-template>
      <p>This invitation is for <strong><xsl:value-of select="@email"/></strong>, but you are signed in as <strong><xsl:value-of select="$me/@email"/></strong>. Sign out, then open the link again.</p>
    </div>
    <form method="post" action="/logout">
      <input type="hidden" name="csrf" value="{$csrf}"/>
      <button class="btn btn-block" type="submit">Sign out</button>
    </form>
  </xsl:template>

</xsl:stylesheet>

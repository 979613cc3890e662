<?xml version="1.0" encoding="UTF-8"?>
<!--
  mail-content.xsl - what every mail says, written once for both of its
  parts.  The worker describes a mail as <mail kind="…"> with its data
  (fcgi/mail.c, vocabulary in mail.rng); the templates below turn it, in
  mode mail.blocks, into a few neutral blocks that mail.xsl draws as the
  HTML part and mail-text.xsl as the text part:

    <p>       a paragraph of inline content:
                text, <b> (emphasis), <v> (a value typed by someone:
                a name, an account), <br/>, <a href=""> (shown as its URL)
    <quote>   someone's own text, kept line by line ("> " in text)
    <button href="" [lead=""]>label</button>
              the action of the mail; in text "lead-or-label:" and the URL
    <small>   fine print after the action

  Rules: every value goes through xsl:value-of or an attribute value
  template, so the serializer escapes it; a new kind adds one template
  here and one <define> in mail.rng.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:exsl="http://exslt.org/common"
    exclude-result-prefixes="exsl">

  <xsl:strip-space elements="*"/>
  <xsl:preserve-space elements="subject message line url"/>

  <!-- the blocks of this mail, for the two renderers -->
  <xsl:variable name="mail.blocks.rtf">
    <xsl:apply-templates select="/mail" mode="mail.blocks"/>
  </xsl:variable>
  <xsl:variable name="mail.blocks" select="exsl:node-set($mail.blocks.rtf)/*"/>

  <!-- An unknown kind draws nothing: better no mail than an empty one. -->
  <xsl:template match="mail" mode="mail.blocks">
    <xsl:message terminate="yes">mail: no template for kind '<xsl:value-of select="@kind"/>'</xsl:message>
  </xsl:template>

  <!-- The href of the current <a> or <button>: a web address or a path
       of this site; anything else (javascript:, data:) stops the mail. -->
  <xsl:template name="mail.href">
    <xsl:variable name="h" select="string(@href)"/>
    <xsl:if test="not(starts-with($h, 'https://') or starts-with($h, 'http://') or
                  (starts-with($h, '/') and not(starts-with($h, '//'))))">
      <xsl:message terminate="yes">mail: refused link '<xsl:value-of select="$h"/>'</xsl:message>
    </xsl:if>
    <xsl:value-of select="$h"/>
  </xsl:template>

  <!-- ======================================================== invitation -->

  <xsl:template match="mail[@kind='invitation']" mode="mail.blocks">
    <p>Hello,</p>
    <p><b><xsl:value-of select="inviter/@name"/></b> (<xsl:value-of select="inviter/@email"/>) invited you to join the account "<v><xsl:value-of select="account/@name"/></v>" (<xsl:value-of select="account/@id"/>) as <xsl:value-of select="role/@label"/>.</p>
    <xsl:if test="message">
      <quote><xsl:value-of select="message"/></quote>
    </xsl:if>
    <button href="{link/@href}">Accept the invitation</button>
    <small>The link works once and expires in 7 days.<br/>If you did not expect this invitation, you can ignore this mail.</small>
  </xsl:template>

  <!-- ============================================================ notice -->

  <!-- A notice about a change already made: paragraphs of lines, a line
       that is a web address as a link. -->
  <xsl:template match="mail[@kind='notice']" mode="mail.blocks">
    <xsl:for-each select="p">
      <p>
        <xsl:for-each select="line | url">
          <xsl:if test="position() &gt; 1"><br/></xsl:if>
          <xsl:choose>
            <xsl:when test="self::url"><a href="{.}"><xsl:value-of select="."/></a></xsl:when>
            <xsl:otherwise><xsl:value-of select="."/></xsl:otherwise>
          </xsl:choose>
        </xsl:for-each>
      </p>
    </xsl:for-each>
  </xsl:template>

  <!-- ==================================================== password reset -->

  <xsl:template match="mail[@kind='password-reset']" mode="mail.blocks">
    <p>Hello,</p>
    <p>Someone (hopefully you) asked to set a new password for the Steward login <xsl:value-of select="login/@email"/>, from the address <xsl:value-of select="client/@ip"/>.</p>
    <button href="{link/@href}">Set a new password</button>
    <small>The link works once and expires in 1 hour. If you did not ask for it, ignore this mail: your password stays as it is.</small>
  </xsl:template>

  <!-- the same request for an address without a login -->
  <xsl:template match="mail[@kind='password-unknown']" mode="mail.blocks">
    <p>Hello,</p>
    <p>Someone (hopefully you) asked to set a new password for the Steward login <xsl:value-of select="login/@email"/>, from the address <xsl:value-of select="client/@ip"/>, but there is no login with this email address.</p>
    <p>If you have a login under another address, ask again with that one. If you did not ask, ignore this mail.</p>
  </xsl:template>

  <!-- =================================================== email change -->

  <xsl:template match="mail[@kind='email-confirm']" mode="mail.blocks">
    <p>Hello,</p>
    <p><v><xsl:value-of select="change/@name"/></v> asked to sign in to Steward with this address (<xsl:value-of select="change/@to"/>) instead of <xsl:value-of select="change/@from"/> from now on.</p>
    <button href="{link/@href}">Confirm the change</button>
    <small>The link works once, within 24 hours. Until it is followed, the login keeps its old address. If you did not expect this, ignore this mail.</small>
  </xsl:template>

  <!-- ============================================== scheduled reports -->

  <!-- to a member who may open the file: what ran, and the link -->
  <xsl:template match="mail[@kind='report']" mode="mail.blocks">
    <p>The report "<v><xsl:value-of select="report/@name"/></v>" (<xsl:value-of select="report/@type"/>
      <xsl:if test="report/@range">, <xsl:value-of select="report/@range"/></xsl:if>) ran at <xsl:value-of select="report/@ran"/>: <xsl:value-of select="report/@rows"/> rows.</p>
    <button href="{link/@href}" lead="Download it (signed in to Steward; the file is kept for 7 days)">Download the report</button>
    <p>All your downloads: <a href="{link/@downloads}"><xsl:value-of select="link/@downloads"/></a></p>
    <p><v><xsl:value-of select="owner/@name"/></v> scheduled this report in the account "<v><xsl:value-of select="account/@name"/></v>". You receive it because they listed your address.</p>
  </xsl:template>

  <!-- to a listed address that may not see the data: no data, no file -->
  <xsl:template match="mail[@kind='report-withheld']" mode="mail.blocks">
    <p>The report "<v><xsl:value-of select="report/@name"/></v>" that <v><xsl:value-of select="owner/@name"/></v> scheduled in the account "<v><xsl:value-of select="account/@name"/></v>" ran at <xsl:value-of select="report/@ran"/>.</p>
    <p>Its data stays in Steward: only members of the account who may see it can open it, so it is not in this mail. If you need it, ask <v><xsl:value-of select="owner/@name"/></v> for access, then sign in at:<br/><a href="{link/@href}"><xsl:value-of select="link/@href"/></a></p>
  </xsl:template>

  <!-- ========================================================== mail-test -->

  <xsl:template match="mail[@kind='test']" mode="mail.blocks">
    <p>This is a test message from steward-admin mail-test.<br/>If you can read it, Steward's mail delivery works.</p>
  </xsl:template>

</xsl:stylesheet>

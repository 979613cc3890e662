<?xml version="1.0" encoding="UTF-8"?>
<!--
  mail.xsl - the text/html part of every mail: one frame (the Steward brand,
  a card with the subject as its heading, a footer) around the blocks of
  mail-content.xsl.  fcgi/mail.c compiles it once at start-up.

  Mail is not a page: clients drop <link>, <script> and most of <style>,
  so every element carries its own style attribute (the pages' CSP rule
  against style attributes does not apply here), layout is tables, and
  there is no script and no image (the logo is drawn with CSS).  The
  colours and type are those of xslt/static/style.css (:root, light).
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform">

  <xsl:import href="mail-content.xsl"/>

  <xsl:output method="html" encoding="UTF-8" indent="no"
      doctype-system="about:legacy-compat"/>

  <!-- style.css :root (light) -->
  <xsl:variable name="c.bg" select="'#f5f6f8'"/>
  <xsl:variable name="c.surface" select="'#ffffff'"/>
  <xsl:variable name="c.surface-2" select="'#f8f9fb'"/>
  <xsl:variable name="c.border" select="'#e3e6eb'"/>
  <xsl:variable name="c.border-strong" select="'#c9ced7'"/>
  <xsl:variable name="c.text" select="'#111827'"/>
  <xsl:variable name="c.muted" select="'#4b5563'"/>
  <xsl:variable name="c.faint" select="'#667085'"/>
  <xsl:variable name="c.accent" select="'#4f46e5'"/>
  <xsl:variable name="c.accent-text" select="'#3730a3'"/>
  <xsl:variable name="c.on-accent" select="'#ffffff'"/>
  <xsl:variable name="font">system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', 'Noto Sans', 'Liberation Sans', Arial, sans-serif</xsl:variable>
  <xsl:variable name="type" select="concat('font-family:', $font, ';font-size:15px;line-height:1.5;')"/>

  <xsl:template match="/">
    <html lang="en">
      <head>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <meta name="color-scheme" content="light"/>
        <meta name="supported-color-schemes" content="light"/>
        <title><xsl:value-of select="mail/subject"/></title>
      </head>
      <body style="margin:0;padding:0;background:{$c.bg};color:{$c.text};{$type}">
        <table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="background:{$c.bg}">
          <tr>
            <td align="center" style="padding:32px 16px">
              <table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="max-width:560px">
                <tr>
                  <td style="padding:0 4px 16px">
                    <xsl:call-template name="html.brand"/>
                  </td>
                </tr>
                <tr>
                  <td style="padding:32px 32px 16px;background:{$c.surface};border:1px solid {$c.border};border-radius:12px;box-shadow:0 1px 2px rgba(16,24,40,.05);color:{$c.text};{$type}">
                    <h1 style="margin:0 0 24px;font-family:{$font};font-size:20px;line-height:1.3;font-weight:700;letter-spacing:-.01em;color:{$c.text}">
                      <xsl:value-of select="mail/subject"/>
                    </h1>
                    <xsl:apply-templates select="$mail.blocks" mode="html"/>
                  </td>
                </tr>
                <tr>
                  <td style="padding:16px 4px 0;font-family:{$font};font-size:13px;line-height:1.5;color:{$c.faint}">This message was sent automatically by Steward.</td>
                </tr>
              </table>
            </td>
          </tr>
        </table>
      </body>
    </html>
  </xsl:template>

  <!-- The logo of the pages (site.xsl "logo": four bars on the accent
       square) in CSS, and the name. -->
  <xsl:template name="html.brand">
    <table role="presentation" cellpadding="0" cellspacing="0" border="0">
      <tr>
        <td width="28" height="28" align="center" valign="middle" aria-hidden="true" style="width:28px;height:28px;background:{$c.accent};border-radius:7px;font-size:0;line-height:0">
          <xsl:call-template name="html.bar"><xsl:with-param name="h" select="7"/></xsl:call-template>
          <xsl:call-template name="html.bar"><xsl:with-param name="h" select="13"/></xsl:call-template>
          <xsl:call-template name="html.bar"><xsl:with-param name="h" select="9"/></xsl:call-template>
          <xsl:call-template name="html.bar"><xsl:with-param name="h" select="5"/></xsl:call-template>
        </td>
        <td style="padding-left:8px;font-family:{$font};font-size:16px;line-height:28px;font-weight:700;letter-spacing:-.01em;color:{$c.text}">Steward</td>
      </tr>
    </table>
  </xsl:template>

  <xsl:template name="html.bar">
    <xsl:param name="h"/>
    <span style="display:inline-block;width:3px;height:{$h}px;margin:0 1px;background:{$c.on-accent};border-radius:2px;vertical-align:bottom"></span>
  </xsl:template>

  <!-- ============================================================ blocks -->

  <xsl:template match="p" mode="html">
    <p style="margin:0 0 16px;{$type}">
      <xsl:apply-templates mode="html"/>
    </p>
  </xsl:template>

  <xsl:template match="small" mode="html">
    <p style="margin:24px 0 16px;font-family:{$font};font-size:13px;line-height:1.5;color:{$c.muted}">
      <xsl:apply-templates mode="html"/>
    </p>
  </xsl:template>

  <xsl:template match="b" mode="html">
    <strong style="font-weight:600"><bdi><xsl:apply-templates mode="html"/></bdi></strong>
  </xsl:template>

  <xsl:template match="v" mode="html">
    <bdi><xsl:apply-templates mode="html"/></bdi>
  </xsl:template>

  <xsl:template match="br" mode="html">
    <br/>
  </xsl:template>

  <xsl:template match="a" mode="html">
    <a style="color:{$c.accent-text};word-break:break-all">
      <xsl:attribute name="href"><xsl:call-template name="mail.href"/></xsl:attribute>
      <xsl:apply-templates mode="html"/>
    </a>
  </xsl:template>

  <xsl:template match="quote" mode="html">
    <blockquote style="margin:0 0 16px;padding:12px 16px;border-left:3px solid {$c.border-strong};border-radius:0 8px 8px 0;background:{$c.surface-2};color:{$c.text};{$type}">
      <xsl:call-template name="html.lines">
        <xsl:with-param name="s" select="translate(., '&#13;', '')"/>
      </xsl:call-template>
    </blockquote>
  </xsl:template>

  <!-- The action: a button, and its URL for clients that lose the button. -->
  <xsl:template match="button" mode="html">
    <xsl:variable name="href"><xsl:call-template name="mail.href"/></xsl:variable>
    <xsl:if test="@lead">
      <p style="margin:0 0 16px;{$type}"><xsl:value-of select="@lead"/>:</p>
    </xsl:if>
    <table role="presentation" cellpadding="0" cellspacing="0" border="0" style="margin:8px 0 16px">
      <tr>
        <td style="border-radius:8px;background:{$c.accent}">
          <a href="{$href}" style="display:inline-block;padding:10px 20px;border:1px solid {$c.accent};border-radius:8px;background:{$c.accent};color:{$c.on-accent};font-family:{$font};font-size:15px;line-height:20px;font-weight:600;text-decoration:none">
            <xsl:value-of select="."/>
          </a>
        </td>
      </tr>
    </table>
    <p style="margin:0 0 16px;font-family:{$font};font-size:13px;line-height:1.5;color:{$c.muted}">Or open this link: <a href="{$href}" style="color:{$c.accent-text};word-break:break-all"><xsl:value-of select="$href"/></a></p>
  </xsl:template>

  <!-- s with <br> between its lines -->
  <xsl:template name="html.lines">
    <xsl:param name="s"/>
    <xsl:choose>
      <xsl:when test="contains($s, '&#10;')">
        <xsl:value-of select="substring-before($s, '&#10;')"/>
        <br/>
        <xsl:call-template name="html.lines">
          <xsl:with-param name="s" select="substring-after($s, '&#10;')"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="$s"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

</xsl:stylesheet>

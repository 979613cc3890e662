<?xml version="1.0" encoding="UTF-8"?>
<!--
  mail-text.xsl - the text/plain part of every mail: the blocks of
  mail-content.xsl as plain text, one blank line between blocks, LF line
  ends (fcgi/mail.c makes them CRLF and breaks over-long lines).
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform">

  <xsl:import href="mail-content.xsl"/>

  <xsl:output method="text" encoding="UTF-8"/>

  <xsl:template match="/">
    <xsl:for-each select="$mail.blocks">
      <xsl:if test="position() &gt; 1"><xsl:text>&#10;&#10;</xsl:text></xsl:if>
      <xsl:apply-templates select="." mode="text"/>
    </xsl:for-each>
    <xsl:text>&#10;</xsl:text>
  </xsl:template>

  <xsl:template match="p | small | b | v" mode="text">
    <xsl:apply-templates mode="text"/>
  </xsl:template>

  <xsl:template match="br" mode="text">
    <xsl:text>&#10;</xsl:text>
  </xsl:template>

  <xsl:template match="a" mode="text">
    <xsl:call-template name="mail.href"/>
  </xsl:template>

  <xsl:template match="quote" mode="text">
    <xsl:call-template name="text.quote">
      <xsl:with-param name="s" select="translate(., '&#13;', '')"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="button" mode="text">
    <xsl:choose>
      <xsl:when test="@lead"><xsl:value-of select="@lead"/></xsl:when>
      <xsl:otherwise><xsl:value-of select="."/></xsl:otherwise>
    </xsl:choose>
    <xsl:text>:&#10;</xsl:text>
    <xsl:call-template name="mail.href"/>
  </xsl:template>

  <!-- s with "> " before each line -->
  <xsl:template name="text.quote">
    <xsl:param name="s"/>
    <xsl:text>&gt; </xsl:text>
    <xsl:choose>
      <xsl:when test="contains($s, '&#10;')">
        <xsl:value-of select="substring-before($s, '&#10;')"/>
        <xsl:text>&#10;</xsl:text>
        <xsl:call-template name="text.quote">
          <xsl:with-param name="s" select="substring-after($s, '&#10;')"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="$s"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

</xsl:stylesheet>

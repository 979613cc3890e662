<?xml version="1.0" encoding="UTF-8"?>
<!--
  components.xsl - the named templates that more than one page stylesheet
  calls, each defined once; imported by site.xsl before the pages.  What a
  single page uses stays in that page's stylesheet.
    links        acct.back (a "back" link above a page), pf-crumb
    times, money acct.date, acct.time-date, acct.time ("29 Mar 2026, 03:30
                 (UTC+02:00)"), users.time and data.local-time (two compact
                 forms), acct.money (minor units + currency)
    form fields  acct.input, acct.textarea, acct.country, pf-input (with
                 the profile page's per-form errors), pw-hint, pw-solo-flash
    badges       billing.status, manage.status-badge, manage.kind-label,
                 manage.range-label, manage.weekday-label, data.ptype-label
    labels       labels.count, mode labels.chip (a <label> as a chip), mode
                 labels.filter (a list's "filter by label" form), and
                 labels.checkboxes (the label checkboxes of a form)
  The names keep the prefix of the page family they were first written for.
-->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">

  <!-- ========================================================== links -->

  <xsl:template name="acct.back">
    <xsl:param name="href" select="'/settings'"/>
    <xsl:param name="label" select="'Account Settings'"/>
    <p class="back no-print">
      <a href="{$href}">
        <xsl:call-template name="icon"><xsl:with-param name="name" select="'arrow-left'"/></xsl:call-template>
        <span><xsl:value-of select="$label"/></span>
      </a>
    </p>
  </xsl:template>

  <!-- "← Account Settings" above a settings page's title -->
  <xsl:template name="pf-crumb">
    <xsl:param name="href" select="'/settings'"/>
    <xsl:param name="label" select="'Account Settings'"/>
    <a class="pf-crumb" href="{$href}">
      <xsl:call-template name="icon"><xsl:with-param name="name" select="'arrow-left'"/></xsl:call-template>
      <span><xsl:value-of select="$label"/></span>
    </a>
  </xsl:template>

  <!-- =================================================== times, money -->

  <!-- 2026-11-01: "1 Nov 2026" -->
  <xsl:template name="acct.date">
    <xsl:param name="d"/>
    <xsl:variable name="m" select="number(substring($d, 6, 2))"/>
    <time datetime="{substring($d, 1, 10)}">
      <xsl:value-of select="number(substring($d, 9, 2))"/>
      <xsl:text>&#160;</xsl:text>
      <xsl:value-of select="substring('JanFebMarAprMayJunJulAugSepOctNovDec', ($m - 1) * 3 + 1, 3)"/>
      <xsl:text>&#160;</xsl:text>
      <xsl:value-of select="substring($d, 1, 4)"/>
    </time>
  </xsl:template>

  <!-- a local-time as its date only -->
  <xsl:template name="acct.time-date">
    <xsl:param name="t"/>
    <xsl:call-template name="acct.date"><xsl:with-param name="d" select="substring($t, 1, 10)"/></xsl:call-template>
  </xsl:template>

  <!-- 2026-03-29T03:30:00+02:00: "29 Mar 2026, 03:30 (UTC+02:00)" -->
  <xsl:template name="acct.time">
    <xsl:param name="t"/>
    <xsl:variable name="m" select="number(substring($t, 6, 2))"/>
    <time datetime="{$t}">
      <xsl:value-of select="number(substring($t, 9, 2))"/>
      <xsl:text>&#160;</xsl:text>
      <xsl:value-of select="substring('JanFebMarAprMayJunJulAugSepOctNovDec', ($m - 1) * 3 + 1, 3)"/>
      <xsl:text>&#160;</xsl:text>
      <xsl:value-of select="substring($t, 1, 4)"/>
      <xsl:text>, </xsl:text>
      <xsl:value-of select="substring($t, 12, 5)"/>
      <xsl:text> (UTC</xsl:text>
      <xsl:value-of select="substring($t, 20, 6)"/>
      <xsl:text>)</xsl:text>
    </time>
  </xsl:template>

  <!-- a time of local_time(): date and minutes, the offset beside -->
  <xsl:template name="users.time">
    <xsl:param name="t"/>
    <time datetime="{$t}">
      <span class="t-d"><xsl:value-of select="substring($t, 1, 10)"/></span>
      <xsl:text> </xsl:text>
      <span class="t-h"><xsl:value-of select="substring($t, 12, 5)"/>
        <span class="tz"><xsl:text> </xsl:text><xsl:value-of select="substring($t, 20)"/></span></span>
    </time>
  </xsl:template>

  <!-- 2026-03-29T03:30:00+02:00 as "2026-03-29 03:30 +02:00" in <time> -->
  <xsl:template name="data.local-time">
    <xsl:param name="t"/>
    <time datetime="{$t}" class="stamp">
      <span class="stamp-date"><xsl:value-of select="substring($t, 1, 10)"/></span>
      <xsl:text> </xsl:text>
      <span class="stamp-time"><xsl:value-of select="concat(substring($t, 12, 5), ' ', substring($t, 20))"/></span>
    </time>
  </xsl:template>

  <!-- 123456 USD minor units: "1,234.56 USD" -->
  <xsl:template name="acct.money">
    <xsl:param name="minor"/>
    <xsl:param name="currency"/>
    <span class="money">
      <xsl:value-of select="format-number($minor div 100, '#,##0.00')"/>
      <xsl:text>&#160;</xsl:text>
      <xsl:value-of select="$currency"/>
    </span>
  </xsl:template>

  <!-- ==================================================== form fields -->

  <!-- a labelled text input with its error (field = name) -->
  <xsl:template name="acct.input">
    <xsl:param name="id"/>
    <xsl:param name="name"/>
    <xsl:param name="label"/>
    <xsl:param name="value"/>
    <xsl:param name="type" select="'text'"/>
    <xsl:param name="max" select="200"/>
    <xsl:param name="autocomplete" select="'off'"/>
    <xsl:param name="inputmode" select="''"/>
    <xsl:param name="placeholder" select="''"/>
    <xsl:param name="hint" select="''"/>
    <xsl:param name="required" select="false()"/>
    <div class="field">
      <label for="{$id}"><xsl:value-of select="$label"/></label>
      <input id="{$id}" name="{$name}" type="{$type}" value="{$value}" maxlength="{$max}"
             autocomplete="{$autocomplete}" spellcheck="false">
        <xsl:if test="$required"><xsl:attribute name="required">required</xsl:attribute></xsl:if>
        <xsl:if test="$inputmode != ''"><xsl:attribute name="inputmode"><xsl:value-of select="$inputmode"/></xsl:attribute></xsl:if>
        <xsl:if test="$placeholder != ''"><xsl:attribute name="placeholder"><xsl:value-of select="$placeholder"/></xsl:attribute></xsl:if>
        <xsl:choose>
          <xsl:when test="key('error', $name)">
            <xsl:attribute name="aria-invalid">true</xsl:attribute>
            <xsl:attribute name="aria-describedby"><xsl:value-of select="$id"/>-error<xsl:if test="$hint != ''"><xsl:text> </xsl:text><xsl:value-of select="$id"/>-hint</xsl:if></xsl:attribute>
          </xsl:when>
          <xsl:when test="$hint != ''">
            <xsl:attribute name="aria-describedby"><xsl:value-of select="$id"/>-hint</xsl:attribute>
          </xsl:when>
        </xsl:choose>
      </input>
      <xsl:if test="$hint != ''"><p class="hint" id="{$id}-hint"><xsl:value-of select="$hint"/></p></xsl:if>
      <xsl:call-template name="field-error">
        <xsl:with-param name="field" select="$name"/>
        <xsl:with-param name="id" select="$id"/>
      </xsl:call-template>
    </div>
  </xsl:template>

  <xsl:template name="acct.textarea">
    <xsl:param name="id"/>
    <xsl:param name="name"/>
    <xsl:param name="label"/>
    <xsl:param name="value"/>
    <div class="field">
      <label for="{$id}"><xsl:value-of select="$label"/></label>
      <textarea id="{$id}" name="{$name}" rows="3" maxlength="500" autocomplete="street-address">
        <xsl:call-template name="field-aria">
          <xsl:with-param name="field" select="$name"/>
          <xsl:with-param name="id" select="$id"/>
        </xsl:call-template>
        <xsl:value-of select="$value"/>
      </textarea>
      <xsl:call-template name="field-error">
        <xsl:with-param name="field" select="$name"/>
        <xsl:with-param name="id" select="$id"/>
      </xsl:call-template>
    </div>
  </xsl:template>

  <!-- the country select (field "country") of /steward/countries -->
  <xsl:template name="acct.country">
    <xsl:param name="id"/>
    <xsl:param name="value"/>
    <div class="field">
      <label for="{$id}">Country</label>
      <div class="select">
        <select id="{$id}" name="country" autocomplete="country">
          <xsl:call-template name="field-aria">
            <xsl:with-param name="field" select="'country'"/>
            <xsl:with-param name="id" select="$id"/>
          </xsl:call-template>
          <option value="">Not set</option>
          <xsl:for-each select="/steward/countries/country">
            <option value="{@code}">
              <xsl:if test="@code = $value"><xsl:attribute name="selected">selected</xsl:attribute></xsl:if>
              <xsl:value-of select="."/>
            </option>
          </xsl:for-each>
        </select>
        <xsl:call-template name="icon"><xsl:with-param name="name" select="'chevron-down'"/></xsl:call-template>
      </div>
      <xsl:call-template name="field-error">
        <xsl:with-param name="field" select="'country'"/>
        <xsl:with-param name="id" select="$id"/>
      </xsl:call-template>
    </div>
  </xsl:template>

  <!-- one labelled input with its error; $form: the form it belongs to -->
  <xsl:template name="pf-input">
    <xsl:param name="form"/>
    <xsl:param name="id"/>
    <xsl:param name="name"/>
    <xsl:param name="label"/>
    <xsl:param name="type" select="'text'"/>
    <xsl:param name="value" select="''"/>
    <xsl:param name="autocomplete" select="'off'"/>
    <xsl:param name="maxlength" select="'254'"/>
    <xsl:param name="hint" select="''"/>
    <xsl:param name="required" select="true()"/>
    <xsl:param name="inputmode" select="''"/>
    <xsl:variable name="mine" select="/steward/profile/@form = $form or not(/steward/profile)"/>
    <div class="field">
      <label for="{$id}"><xsl:value-of select="$label"/></label>
      <input id="{$id}" name="{$name}" type="{$type}" autocomplete="{$autocomplete}"
             maxlength="{$maxlength}" value="{$value}" spellcheck="false">
        <xsl:if test="$required"><xsl:attribute name="required">required</xsl:attribute></xsl:if>
        <xsl:if test="$inputmode != ''"><xsl:attribute name="inputmode"><xsl:value-of select="$inputmode"/></xsl:attribute></xsl:if>
        <xsl:choose>
          <xsl:when test="$mine and key('error', $name)">
            <xsl:attribute name="aria-invalid">true</xsl:attribute>
            <xsl:attribute name="aria-describedby"><xsl:value-of select="$id"/>-error</xsl:attribute>
          </xsl:when>
          <xsl:when test="$hint != ''">
            <xsl:attribute name="aria-describedby"><xsl:value-of select="$id"/>-hint</xsl:attribute>
          </xsl:when>
        </xsl:choose>
      </input>
      <xsl:if test="$hint != ''"><p class="hint" id="{$id}-hint"><xsl:value-of select="$hint"/></p></xsl:if>
      <xsl:if test="$mine">
        <xsl:call-template name="field-error">
          <xsl:with-param name="field" select="$name"/>
          <xsl:with-param name="id" select="$id"/>
        </xsl:call-template>
      </xsl:if>
    </div>
  </xsl:template>

  <!-- the rule shown under a new password -->
  <xsl:template name="pw-hint">
    <xsl:text>At least </xsl:text>
    <xsl:value-of select="/steward/password-rules/@min"/>
    <xsl:text> characters, any kind. Not a common password or a dictionary word with a few digits; a few unrelated words work well.</xsl:text>
  </xsl:template>

  <xsl:template name="pw-solo-flash">
    <xsl:if test="not($signed-in)"><xsl:call-template name="flash"/></xsl:if>
  </xsl:template>

  <!-- ========================================================= badges -->

  <xsl:template name="billing.status">
    <span class="badge status-{@status}">
      <xsl:choose>
        <xsl:when test="@status = 'paid'">Paid</xsl:when>
        <xsl:when test="@status = 'void'">Void</xsl:when>
        <xsl:otherwise>Open</xsl:otherwise>
      </xsl:choose>
    </span>
  </xsl:template>

  <xsl:template name="manage.status-badge">
    <xsl:param name="s"/>
    <xsl:choose>
      <xsl:when test="$s = 'queued'"><span class="badge badge-type">Queued</span></xsl:when>
      <xsl:when test="$s = 'running'"><span class="badge badge-type">Running</span></xsl:when>
      <xsl:when test="$s = 'ready'"><span class="badge badge-ok">Ready</span></xsl:when>
      <xsl:when test="$s = 'failed'"><span class="badge badge-error">Failed</span></xsl:when>
      <xsl:otherwise><span class="badge">Expired</span></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="manage.kind-label">
    <xsl:param name="k"/>
    <xsl:choose>
      <xsl:when test="$k = 'events'">Events summary</xsl:when>
      <xsl:when test="$k = 'user-properties'">User properties summary</xsl:when>
      <xsl:when test="$k = 'members'">Members</xsl:when>
      <xsl:when test="$k = 'invoices'">Invoices</xsl:when>
      <xsl:when test="$k = 'csv-uploads'">CSV uploads</xsl:when>
      <xsl:otherwise><xsl:value-of select="$k"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="manage.range-label">
    <xsl:param name="r"/>
    <xsl:choose>
      <xsl:when test="$r = 'all'">All time</xsl:when>
      <xsl:when test="$r = 'last-7-days'">Last 7 days</xsl:when>
      <xsl:when test="$r = 'last-30-days'">Last 30 days</xsl:when>
      <xsl:when test="$r = 'this-month'">This month</xsl:when>
      <xsl:when test="$r = 'last-month'">Last month</xsl:when>
      <xsl:when test="$r = 'custom'">Custom dates</xsl:when>
      <xsl:otherwise><xsl:value-of select="$r"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="manage.weekday-label">
    <xsl:param name="d"/>
    <xsl:value-of select="concat(translate(substring($d, 1, 1), 'abcdefghijklmnopqrstuvwxyz', 'ABCDEFGHIJKLMNOPQRSTUVWXYZ'), substring($d, 2))"/>
  </xsl:template>

  <xsl:template name="data.ptype-label">
    <xsl:param name="t"/>
    <xsl:choose>
      <xsl:when test="$t = 'string'">String</xsl:when>
      <xsl:when test="$t = 'number'">Number</xsl:when>
      <xsl:when test="$t = 'boolean'">Boolean</xsl:when>
      <xsl:when test="$t = 'date'">Date</xsl:when>
      <xsl:when test="$t = 'list'">List</xsl:when>
      <xsl:otherwise><xsl:value-of select="$t"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- ========================================================= labels -->

  <xsl:template name="labels.count">
    <xsl:param name="n"/>
    <xsl:param name="one"/>
    <xsl:param name="many"/>
    <xsl:value-of select="format-number($n, '#,##0')"/>
    <xsl:text> </xsl:text>
    <xsl:choose>
      <xsl:when test="$n = 1"><xsl:value-of select="$one"/></xsl:when>
      <xsl:otherwise><xsl:value-of select="$many"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="label" mode="labels.chip">
    <span class="lbl lbl-{@color}"><bdi><xsl:value-of select="@name"/></bdi></span>
    <xsl:text> </xsl:text>
  </xsl:template>

  <!-- a GET form filtering a list by label; $action is the list's path -->
  <xsl:template match="label-filter" mode="labels.filter">
    <xsl:param name="action"/>
    <xsl:if test="label">
      <form class="search label-filter" method="get" action="{$action}" role="search" aria-label="Filter by label">
        <label class="sr" for="label-filter">Label</label>
        <div class="select">
          <select id="label-filter" name="label">
            <option value="">All labels</option>
            <xsl:variable name="sel" select="@selected"/>
            <xsl:for-each select="label">
              <option value="{@id}">
                <xsl:if test="@id = $sel"><xsl:attribute name="selected">selected</xsl:attribute></xsl:if>
                <xsl:value-of select="@name"/>
              </option>
            </xsl:for-each>
          </select>
          <xsl:call-template name="icon"><xsl:with-param name="name" select="'chevron-down'"/></xsl:call-template>
        </div>
        <button class="btn" type="submit">Filter</button>
        <xsl:if test="@selected != ''"><a class="btn btn-ghost" href="{$action}">Clear</a></xsl:if>
      </form>
    </xsl:if>
  </xsl:template>

  <xsl:template name="labels.checkboxes">
    <xsl:param name="options"/>
    <fieldset class="field choice">
      <legend>Attach up to <xsl:value-of select="$options/@max"/> labels</legend>
      <div class="checks">
        <xsl:for-each select="$options/label">
          <label class="check">
            <input type="checkbox" name="label" value="{@id}">
              <xsl:if test="@selected = 'yes'"><xsl:attribute name="checked">checked</xsl:attribute></xsl:if>
            </input>
            <span class="lbl lbl-{@color}"><bdi><xsl:value-of select="@name"/></bdi></span>
          </label>
        </xsl:for-each>
      </div>
      <xsl:call-template name="field-error"><xsl:with-param name="field" select="'labels'"/><xsl:with-param name="id" select="'labels'"/></xsl:call-template>
    </fieldset>
  </xsl:template>

</xsl:stylesheet>

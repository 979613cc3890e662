<?xml version="1.0" encoding="UTF-8"?>
<!--
  billing_plan.xsl - page="billing-plan" (fcgi/pages/billing_plan.c),
  /settings/billing/plan?plan=: what a plan change does and costs, before
  it is made.  The frame (site.xsl) draws the title below as the <h1>,
  the lede and the error summary; money and date come from components.xsl.
-->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">

  <xsl:template match="steward[@page='billing-plan']" mode="page.title">
    <xsl:call-template name="billing.plan-title"/>
  </xsl:template>

  <xsl:template name="billing.plan-title">
    <xsl:variable name="c" select="/steward/plan-change"/>
    <xsl:choose>
      <xsl:when test="$c/@move = 'upgrade'">Upgrade to <xsl:value-of select="$c/to/@name"/></xsl:when>
      <xsl:when test="$c/@move = 'downgrade'">Downgrade to <xsl:value-of select="$c/to/@name"/></xsl:when>
      <xsl:when test="$c/@move = 'keep'">Keep <xsl:value-of select="$c/to/@name"/></xsl:when>
      <xsl:otherwise><xsl:value-of select="$c/to/@name"/> plan</xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="steward[@page='billing-plan']" mode="page.lede">
    <xsl:variable name="c" select="plan-change"/>
    <p class="lede">
      <xsl:choose>
        <xsl:when test="$c/@move = 'upgrade'">An upgrade takes effect at once. You pay the difference for the days left in this period now, and the new price from the next period on.</xsl:when>
        <xsl:when test="$c/@move = 'downgrade'">A downgrade takes effect at the end of the period: you keep everything you paid for until then.</xsl:when>
        <xsl:when test="$c/@move = 'keep'">This cancels the change scheduled for the end of the period.</xsl:when>
        <xsl:otherwise>This is your plan already.</xsl:otherwise>
      </xsl:choose>
    </p>
  </xsl:template>

  <xsl:template match="steward[@page='billing-plan']" mode="page.body">
    <xsl:variable name="c" select="plan-change"/>
    <section class="card plan-change" aria-labelledby="change-h">
      <div class="card-head">
        <span class="card-icon"><xsl:call-template name="icon"><xsl:with-param name="name" select="'billing'"/></xsl:call-template></span>
        <div>
          <h2 id="change-h">What changes</h2>
          <p class="card-sub">Your organization's plan, for every account in it.</p>
        </div>
      </div>
      <dl class="kv">
        <div>
          <dt>Current plan</dt>
          <dd><xsl:apply-templates select="$c/from" mode="billing.plan-line"/></dd>
        </div>
        <div>
          <dt>New plan</dt>
          <dd><xsl:apply-templates select="$c/to" mode="billing.plan-line"/></dd>
        </div>
        <div>
          <dt>Takes effect</dt>
          <dd><xsl:for-each select="$c/@effective"><xsl:call-template name="date-of"/></xsl:for-each></dd>
        </div>
        <xsl:if test="$c/@move = 'upgrade'">
          <div>
            <dt>Due now</dt>
            <dd>
              <strong class="amount-due"><xsl:call-template name="money"><xsl:with-param name="minor" select="$c/@amount"/><xsl:with-param name="currency" select="$c/@currency"/></xsl:call-template></strong>
              <p class="hint">
                <xsl:text>The price difference for </xsl:text>
                <xsl:value-of select="$c/@remaining-days"/>
                <xsl:text> of the period's </xsl:text>
                <xsl:value-of select="$c/@period-days"/>
                <xsl:text> days (to </xsl:text>
                <xsl:for-each select="$c/@period-end"><xsl:call-template name="date-of"/></xsl:for-each>
                <xsl:text>), on an invoice.</xsl:text>
              </p>
            </dd>
          </div>
        </xsl:if>
        <xsl:if test="$c/@move != 'same'">
          <div>
            <dt>Then each month</dt>
            <dd><xsl:call-template name="money"><xsl:with-param name="minor" select="$c/to/@price"/><xsl:with-param name="currency" select="$c/to/@currency"/></xsl:call-template></dd>
          </div>
        </xsl:if>
      </dl>
      <xsl:if test="$c/@card-needed = 'yes'">
        <div class="alert plan-card-needed">
          <xsl:call-template name="icon"><xsl:with-param name="name" select="'alert'"/></xsl:call-template>
          <p>A paid plan needs a payment card. <a href="/settings/billing#card">Add a card</a> first, then come back.</p>
        </div>
      </xsl:if>
      <xsl:choose>
        <xsl:when test="$c/@move = 'same'">
          <div class="actions form-actions"><a class="btn" href="/settings/billing">Back to Billing</a></div>
        </xsl:when>
        <xsl:otherwise>
          <form method="post" action="/settings/billing/plan" class="actions form-actions">
            <input type="hidden" name="csrf" value="{$csrf}"/>
            <input type="hidden" name="plan" value="{$c/to/@code}"/>
            <input type="hidden" name="amount" value="{$c/@amount}"/>
            <button class="btn btn-primary" type="submit">
              <xsl:if test="$c/@card-needed = 'yes'"><xsl:attribute name="disabled">disabled</xsl:attribute></xsl:if>
              <xsl:choose>
                <xsl:when test="$c/@move = 'upgrade' and $c/@amount &gt; 0">
                  <xsl:text>Upgrade and pay </xsl:text>
                  <xsl:call-template name="money"><xsl:with-param name="minor" select="$c/@amount"/><xsl:with-param name="currency" select="$c/@currency"/></xsl:call-template>
                </xsl:when>
                <xsl:when test="$c/@move = 'upgrade'">Upgrade now</xsl:when>
                <xsl:when test="$c/@move = 'downgrade'">Schedule the downgrade</xsl:when>
                <xsl:otherwise>Keep <xsl:value-of select="$c/to/@name"/></xsl:otherwise>
              </xsl:choose>
            </button>
            <a class="btn" href="/settings/billing">Cancel</a>
          </form>
        </xsl:otherwise>
      </xsl:choose>
    </section>
  </xsl:template>

  <xsl:template match="from | to" mode="billing.plan-line">
    <strong><xsl:value-of select="@name"/></strong>
    <xsl:text> · </xsl:text>
    <xsl:call-template name="money"><xsl:with-param name="minor" select="@price"/><xsl:with-param name="currency" select="@currency"/></xsl:call-template>
    <xsl:text> / month · </xsl:text>
    <xsl:value-of select="format-number(@mau, '#,##0')"/>
    <xsl:text> MAU · </xsl:text>
    <xsl:value-of select="format-number(@data-points, '#,##0')"/>
    <xsl:text> data points</xsl:text>
  </xsl:template>

</xsl:stylesheet>

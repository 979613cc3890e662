<?xml version="1.0" encoding="UTF-8"?>
<!--
  labels.xsl - page="labels" (fcgi/pages/labels.c), /settings/labels: the
  form to create or edit a label (name, a colour of the fixed palette,
  description), the confirmation of a deletion, and the list with where
  each label is used.  The label templates other pages call (mode
  label-chip, mode label-filter, label-checkboxes, count) are in
  components.xsl.
  Colours are classes (.lbl-KEY in style.css): no style attributes (CSP).
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:str="http://exslt.org/strings"
    exclude-result-prefixes="str">

  <xsl:template match="steward[@page='labels']" mode="page.title">Labels</xsl:template>

  <xsl:template match="steward[@page='labels']" mode="page.lede">
    <p class="lede">Group reports and CSV uploads of <bdi><xsl:value-of select="$account/@name"/></bdi> with labels, then filter those lists by label.</p>
  </xsl:template>

  <xsl:template match="steward[@page='labels']" mode="page.body">
    <xsl:apply-templates select="label-confirm"/>
    <xsl:apply-templates select="label-form"/>
    <xsl:apply-templates select="labels"/>
  </xsl:template>

  <!-- ============================================================ form -->

  <xsl:template match="label-form">
    <xsl:variable name="edit" select="@id != ''"/>
    <section class="card panel" id="label-form" aria-labelledby="label-form-h">
      <h2 id="label-form-h">
        <xsl:choose>
          <xsl:when test="$edit">Edit label</xsl:when>
          <xsl:otherwise>New label</xsl:otherwise>
        </xsl:choose>
      </h2>
      <form class="stack" method="post" action="/settings/labels/save">
        <input type="hidden" name="csrf" value="{$csrf}"/>
        <input type="hidden" name="id" value="{@id}"/>
        <xsl:call-template name="input-field">
          <xsl:with-param name="id" select="'label-name'"/>
          <xsl:with-param name="name" select="'name'"/>
          <xsl:with-param name="label" select="'Name'"/>
          <xsl:with-param name="value" select="@name"/>
          <xsl:with-param name="max" select="40"/>
          <xsl:with-param name="required" select="true()"/>
          <xsl:with-param name="hint" select="'Up to 40 characters; unique in this account whatever the case.'"/>
        </xsl:call-template>
        <fieldset class="field choice">
          <xsl:if test="key('error', 'color')"><xsl:attribute name="aria-describedby">f-color</xsl:attribute></xsl:if>
          <legend>Colour</legend>
          <div class="swatches">
            <xsl:variable name="current" select="@color"/>
            <xsl:for-each select="/steward/palette/color">
              <label class="swatch">
                <input type="radio" name="color" value="{@key}">
                  <xsl:if test="@key = $current"><xsl:attribute name="checked">checked</xsl:attribute></xsl:if>
                </input>
                <span class="lbl lbl-{@key}"><xsl:value-of select="@name"/></span>
              </label>
            </xsl:for-each>
          </div>
          <xsl:call-template name="field-error"><xsl:with-param name="field" select="'color'"/></xsl:call-template>
        </fieldset>
        <xsl:call-template name="input-field">
          <xsl:with-param name="id" select="'label-description'"/>
          <xsl:with-param name="name" select="'description'"/>
          <xsl:with-param name="label" select="'Description (optional)'"/>
          <xsl:with-param name="value" select="@description"/>
          <xsl:with-param name="max" select="200"/>
        </xsl:call-template>
        <div class="actions form-actions">
          <button class="btn btn-primary" type="submit">
            <xsl:choose>
              <xsl:when test="$edit">Save label</xsl:when>
              <xsl:otherwise>Create label</xsl:otherwise>
            </xsl:choose>
          </button>
          <xsl:if test="$edit"><a class="btn" href="/settings/labels">Cancel</a></xsl:if>
        </div>
      </form>
    </section>
  </xsl:template>

  <!-- ==================================================== confirmation -->

  <xsl:template match="label-confirm">
    <section class="card panel panel-warn" id="confirm" role="alertdialog" aria-labelledby="confirm-h" aria-describedby="confirm-text">
      <h2 id="confirm-h">Delete the label <span class="lbl lbl-{@color}"><bdi><xsl:value-of select="@name"/></bdi></span>?</h2>
      <p id="confirm-text">
        <xsl:choose>
          <xsl:when test="@reports = 0 and @uploads = 0 and @filters = 0">It is not attached to anything.</xsl:when>
          <xsl:otherwise>
            <xsl:text>It is attached to </xsl:text>
            <xsl:call-template name="count"><xsl:with-param name="n" select="@reports"/><xsl:with-param name="one">report</xsl:with-param><xsl:with-param name="many">reports</xsl:with-param></xsl:call-template>
            <xsl:text> and </xsl:text>
            <xsl:call-template name="count"><xsl:with-param name="n" select="@uploads"/><xsl:with-param name="one">CSV upload</xsl:with-param><xsl:with-param name="many">CSV uploads</xsl:with-param></xsl:call-template>
            <xsl:text>; deleting it removes it from all of them.</xsl:text>
            <xsl:if test="@filters &gt; 0">
              <xsl:text> </xsl:text>
              <xsl:call-template name="count"><xsl:with-param name="n" select="@filters"/><xsl:with-param name="one">report filters</xsl:with-param><xsl:with-param name="many">reports filter</xsl:with-param></xsl:call-template>
              <xsl:text> by it and will then include uploads with any label.</xsl:text>
            </xsl:if>
          </xsl:otherwise>
        </xsl:choose>
        <xsl:text> The reports and uploads themselves stay.</xsl:text>
      </p>
      <xsl:call-template name="field-error"><xsl:with-param name="field" select="'confirm'"/><xsl:with-param name="id" select="'confirm'"/></xsl:call-template>
      <form class="actions" method="post" action="/settings/labels/delete">
        <input type="hidden" name="csrf" value="{$csrf}"/>
        <input type="hidden" name="id" value="{@id}"/>
        <input type="hidden" name="confirm" value="yes"/>
        <button class="btn btn-danger" type="submit">Delete label</button>
        <a class="btn" href="/settings/labels">Cancel</a>
      </form>
    </section>
  </xsl:template>

  <!-- ============================================================ list -->

  <xsl:template match="labels">
    <xsl:variable name="edit" select="$can/@labels-edit = 'yes'"/>
    <section class="card card-flush manage-list" aria-labelledby="labels-h">
      <div class="toolbar">
        <h2 id="labels-h" class="toolbar-title">
          <xsl:call-template name="count"><xsl:with-param name="n" select="@total"/><xsl:with-param name="one">label</xsl:with-param><xsl:with-param name="many">labels</xsl:with-param></xsl:call-template>
        </h2>
        <p class="small muted">
          <xsl:text>An account can have up to </xsl:text>
          <xsl:value-of select="@max"/>
          <xsl:text> labels.</xsl:text>
          <xsl:if test="not($edit)"> Admins and Creators can create and change labels.</xsl:if>
        </p>
      </div>
      <xsl:choose>
        <xsl:when test="not(label)">
          <xsl:call-template name="empty-state">
            <xsl:with-param name="icon" select="'labels'"/>
            <xsl:with-param name="title">No labels yet</xsl:with-param>
            <xsl:with-param name="text">A label groups reports and CSV uploads; their lists can then be filtered by it.</xsl:with-param>
            <xsl:with-param name="action">
              <xsl:if test="$edit"><a class="btn" href="#label-name">Create a label</a></xsl:if>
            </xsl:with-param>
          </xsl:call-template>
        </xsl:when>
        <xsl:otherwise>
          <table class="table">
            <thead>
              <tr>
                <th scope="col">Label</th>
                <th scope="col">Used on</th>
                <th scope="col">Created</th>
                <xsl:if test="$edit"><th scope="col" class="col-actions"><span class="sr">Actions</span></th></xsl:if>
              </tr>
            </thead>
            <tbody>
              <xsl:for-each select="label">
                <tr>
                  <td class="cell-main">
                    <span class="lbl lbl-{@color}"><bdi><xsl:value-of select="@name"/></bdi></span>
                    <xsl:if test="description"><p class="small muted break"><xsl:value-of select="description"/></p></xsl:if>
                  </td>
                  <td data-label="Used on">
                    <xsl:call-template name="labels.usage"/>
                  </td>
                  <td data-label="Created">
                    <div>
                      <xsl:for-each select="@created"><xsl:call-template name="time-short-of"/></xsl:for-each>
                      <xsl:if test="@by != ''"><span class="small muted"> by <bdi><xsl:value-of select="@by"/></bdi></span></xsl:if>
                    </div>
                  </td>
                  <xsl:if test="$edit">
                    <td class="cell-actions">
                      <div class="row-actions">
                        <a class="btn btn-sm" href="/settings/labels?edit={@id}#label-form">Edit<span class="sr"> <bdi><xsl:value-of select="@name"/></bdi></span></a>
                        <a class="btn btn-sm btn-danger-quiet" href="/settings/labels?delete={@id}#confirm">Delete<span class="sr"> <bdi><xsl:value-of select="@name"/></bdi></span></a>
                      </div>
                    </td>
                  </xsl:if>
                </tr>
              </xsl:for-each>
            </tbody>
          </table>
        </xsl:otherwise>
      </xsl:choose>
      <xsl:apply-templates select="pager"><xsl:with-param name="label" select="'Pages of labels'"/></xsl:apply-templates>
    </section>
  </xsl:template>

  <!-- "2 reports · 1 CSV upload", each a link to the list filtered by it -->
  <xsl:template name="labels.usage">
    <ul class="usage">
      <li>
        <xsl:choose>
          <xsl:when test="@reports &gt; 0 and $can/@reports = 'yes'">
            <a href="/settings/reports?label={@id}"><xsl:call-template name="count"><xsl:with-param name="n" select="@reports"/><xsl:with-param name="one">report</xsl:with-param><xsl:with-param name="many">reports</xsl:with-param></xsl:call-template></a>
          </xsl:when>
          <xsl:otherwise><span class="muted"><xsl:call-template name="count"><xsl:with-param name="n" select="@reports"/><xsl:with-param name="one">report</xsl:with-param><xsl:with-param name="many">reports</xsl:with-param></xsl:call-template></span></xsl:otherwise>
        </xsl:choose>
      </li>
      <li>
        <xsl:choose>
          <xsl:when test="@uploads &gt; 0 and $can/@csv-uploads = 'yes'">
            <a href="/settings/csv-uploads?label={@id}"><xsl:call-template name="count"><xsl:with-param name="n" select="@uploads"/><xsl:with-param name="one">CSV upload</xsl:with-param><xsl:with-param name="many">CSV uploads</xsl:with-param></xsl:call-template></a>
          </xsl:when>
          <xsl:otherwise><span class="muted"><xsl:call-template name="count"><xsl:with-param name="n" select="@uploads"/><xsl:with-param name="one">CSV upload</xsl:with-param><xsl:with-param name="many">CSV uploads</xsl:with-param></xsl:call-template></span></xsl:otherwise>
        </xsl:choose>
      </li>
    </ul>
  </xsl:template>

</xsl:stylesheet>

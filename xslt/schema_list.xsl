<?xml version="1.0" encoding="UTF-8"?>
<!--
  schema_list.xsl - the schema list that page="events" (events.xsl) and
  page="user-properties" (user_properties.xsl) both draw, told apart by
  /steward/@page: the schema of what an account sends, with search, sort,
  paging, the describe form (?edit=ID) and the discard confirmation
  (?discard=ID).  Both pages are fcgi/pages/schema.c today.  What a role
  may do comes from <can> (schema-describe, schema-discard), never from
  here; data.local-time and data.ptype-label come from components.xsl.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:str="http://exslt.org/strings"
    exclude-result-prefixes="str">

  <!-- the body of either page, told apart by /steward/@page -->
  <xsl:template name="schema.body">
    <xsl:variable name="ev" select="@page = 'events'"/>
    <xsl:variable name="base" select="concat('/settings/', @page)"/>
    <nav class="crumbs" aria-label="Breadcrumb"><a href="/settings">Account Settings</a></nav>
    <div class="page-head">
      <h1>
        <xsl:choose>
          <xsl:when test="$ev">Events</xsl:when>
          <xsl:otherwise>User Properties</xsl:otherwise>
        </xsl:choose>
      </h1>
      <p class="lede">
        <xsl:choose>
          <xsl:when test="$ev">Every event <bdi><xsl:value-of select="$account/@name"/></bdi> has sent, how often, and the properties seen with it. Discarded events are dropped when they arrive.</xsl:when>
          <xsl:otherwise>Every property stored on the user profiles of <bdi><xsl:value-of select="$account/@name"/></bdi>, its type and how many profiles have it. Discarded properties are dropped when they arrive.</xsl:otherwise>
        </xsl:choose>
      </p>
    </div>
    <xsl:call-template name="form-errors">
      <xsl:with-param name="errors" select="errors/error[not(@field = 'display_name' or @field = 'description' or @field = 'type' or @field = 'confirm')]"/>
    </xsl:call-template>
    <xsl:apply-templates select="confirm"/>
    <xsl:apply-templates select="edit"/>
    <xsl:apply-templates select="schema">
      <xsl:with-param name="ev" select="$ev"/>
      <xsl:with-param name="base" select="$base"/>
    </xsl:apply-templates>
  </xsl:template>

  <!-- ======================================================= the list -->

  <xsl:template match="schema">
    <xsl:param name="ev"/>
    <xsl:param name="base"/>
    <xsl:variable name="noun">
      <xsl:choose>
        <xsl:when test="$ev">event</xsl:when>
        <xsl:otherwise>property</xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <section class="card card-flush" aria-labelledby="list-h">
      <div class="toolbar">
        <h2 id="list-h" class="toolbar-title">
          <xsl:value-of select="@total"/>
          <xsl:text> of </xsl:text>
          <xsl:value-of select="@limit"/>
          <xsl:choose>
            <xsl:when test="$ev"> event names</xsl:when>
            <xsl:otherwise> properties</xsl:otherwise>
          </xsl:choose>
        </h2>
        <form class="search" method="get" action="{$base}" role="search">
          <label class="sr" for="q">Search</label>
          <input id="q" name="q" type="search" value="{@q}" maxlength="120" placeholder="Search by name"/>
          <label class="sr" for="sort">Sort by</label>
          <div class="select">
            <select id="sort" name="sort">
              <option value="name"><xsl:if test="@sort = 'name'"><xsl:attribute name="selected">selected</xsl:attribute></xsl:if>Name</option>
              <option value="last-seen"><xsl:if test="@sort = 'last-seen'"><xsl:attribute name="selected">selected</xsl:attribute></xsl:if>Last seen</option>
              <option value="count"><xsl:if test="@sort = 'count'"><xsl:attribute name="selected">selected</xsl:attribute></xsl:if>
                <xsl:choose>
                  <xsl:when test="$ev">Count this month</xsl:when>
                  <xsl:otherwise>Profiles</xsl:otherwise>
                </xsl:choose>
              </option>
            </select>
            <xsl:call-template name="icon"><xsl:with-param name="name" select="'chevron-down'"/></xsl:call-template>
          </div>
          <button class="btn" type="submit">Search</button>
        </form>
      </div>
      <xsl:choose>
        <xsl:when test="not(item)">
          <p class="dempty">
            <xsl:choose>
              <xsl:when test="@q != ''">Nothing matches “<bdi><xsl:value-of select="@q"/></bdi>”.</xsl:when>
              <xsl:when test="$ev">No events yet. They appear here once the app sends them to the ingestion API or a CSV upload brings them in.</xsl:when>
              <xsl:otherwise>No user properties yet. They appear here once profile updates arrive.</xsl:otherwise>
            </xsl:choose>
          </p>
        </xsl:when>
        <xsl:otherwise>
          <div class="dtable-wrap">
            <table class="dtable">
              <thead>
                <tr>
                  <th scope="col"><xsl:choose><xsl:when test="$ev">Event</xsl:when><xsl:otherwise>Property</xsl:otherwise></xsl:choose></th>
                  <xsl:choose>
                    <xsl:when test="$ev">
                      <th scope="col" class="num">This month</th>
                      <th scope="col" class="num">Last month</th>
                    </xsl:when>
                    <xsl:otherwise>
                      <th scope="col">Type</th>
                      <th scope="col" class="num">Profiles</th>
                    </xsl:otherwise>
                  </xsl:choose>
                  <th scope="col">First seen</th>
                  <th scope="col">Last seen</th>
                  <th scope="col"><span class="sr">Actions</span></th>
                </tr>
              </thead>
              <tbody>
                <xsl:apply-templates select="item">
                  <xsl:with-param name="ev" select="$ev"/>
                  <xsl:with-param name="base" select="$base"/>
                  <xsl:with-param name="noun" select="$noun"/>
                </xsl:apply-templates>
              </tbody>
            </table>
          </div>
        </xsl:otherwise>
      </xsl:choose>
      <xsl:if test="@page &gt; 1 or @next = 'yes'">
        <nav class="dpager" aria-label="Pages">
          <xsl:if test="@page &gt; 1">
            <a class="btn" rel="prev" href="{$base}?q={str:encode-uri(@q, true())}&amp;sort={@sort}&amp;page={@page - 1}">Previous</a>
          </xsl:if>
          <span class="muted">Page <xsl:value-of select="@page"/></span>
          <xsl:if test="@next = 'yes'">
            <a class="btn" rel="next" href="{$base}?q={str:encode-uri(@q, true())}&amp;sort={@sort}&amp;page={@page + 1}">Next</a>
          </xsl:if>
        </nav>
      </xsl:if>
    </section>
  </xsl:template>

  <xsl:template match="item">
    <xsl:param name="ev"/>
    <xsl:param name="base"/>
    <xsl:param name="noun"/>
    <tr>
      <xsl:if test="@status = 'discarded'"><xsl:attribute name="class">is-discarded</xsl:attribute></xsl:if>
      <td class="cell-main" data-label="{$noun}">
        <div class="name-line">
          <strong class="break"><bdi>
            <xsl:choose>
              <xsl:when test="@display-name != ''"><xsl:value-of select="@display-name"/></xsl:when>
              <xsl:otherwise><xsl:value-of select="@name"/></xsl:otherwise>
            </xsl:choose>
          </bdi></strong>
          <xsl:if test="$ev">
            <xsl:choose>
              <xsl:when test="@system = 'yes'"><span class="badge">System</span></xsl:when>
              <xsl:otherwise><span class="badge">Custom</span></xsl:otherwise>
            </xsl:choose>
          </xsl:if>
          <xsl:if test="@status = 'discarded'"><span class="badge badge-warn">Discarded</span></xsl:if>
        </div>
        <xsl:if test="@display-name != ''">
          <code class="mono small muted break"><xsl:value-of select="@name"/></code>
        </xsl:if>
        <xsl:if test="description">
          <p class="desc"><xsl:value-of select="description"/></p>
        </xsl:if>
        <xsl:if test="prop">
          <p class="props small muted">
            <span>Properties: </span>
            <xsl:for-each select="prop">
              <code class="chip"><xsl:value-of select="."/></code>
              <xsl:text> </xsl:text>
            </xsl:for-each>
            <xsl:if test="@props &gt; count(prop)">
              <span>and <xsl:value-of select="@props - count(prop)"/> more</span>
            </xsl:if>
          </p>
        </xsl:if>
        <xsl:if test="@dropped &gt; 0">
          <p class="small muted"><xsl:value-of select="@dropped"/> dropped while discarded</p>
        </xsl:if>
      </td>
      <xsl:choose>
        <xsl:when test="$ev">
          <td class="num" data-label="This month"><xsl:value-of select="format-number(@this-month, '#,##0')"/></td>
          <td class="num" data-label="Last month"><xsl:value-of select="format-number(@last-month, '#,##0')"/></td>
        </xsl:when>
        <xsl:otherwise>
          <td data-label="Type">
            <span class="badge badge-type"><xsl:call-template name="property-type-label"><xsl:with-param name="t" select="@type"/></xsl:call-template></span>
            <xsl:if test="@type-set = 'no'"><span class="small muted"> inferred</span></xsl:if>
          </td>
          <td class="num" data-label="Profiles"><xsl:value-of select="format-number(@profiles, '#,##0')"/></td>
        </xsl:otherwise>
      </xsl:choose>
      <td data-label="First seen"><xsl:call-template name="time-short"><xsl:with-param name="t" select="@first-seen"/></xsl:call-template></td>
      <td data-label="Last seen"><xsl:call-template name="time-short"><xsl:with-param name="t" select="@last-seen"/></xsl:call-template></td>
      <td class="dcell-actions">
        <xsl:if test="$can/@schema-describe = 'yes'">
          <a class="btn btn-sm" href="{$base}?edit={@id}#edit">Describe<span class="sr"> <xsl:value-of select="@name"/></span></a>
        </xsl:if>
        <xsl:if test="$can/@schema-discard = 'yes'">
          <xsl:choose>
            <xsl:when test="@status = 'discarded'">
              <form method="post" action="{$base}/restore" class="inline">
                <input type="hidden" name="csrf" value="{$csrf}"/>
                <input type="hidden" name="id" value="{@id}"/>
                <button class="btn btn-sm" type="submit">Restore<span class="sr"> <xsl:value-of select="@name"/></span></button>
              </form>
            </xsl:when>
            <xsl:otherwise>
              <a class="btn btn-sm btn-danger-ghost" href="{$base}?discard={@id}#confirm">Discard<span class="sr"> <xsl:value-of select="@name"/></span></a>
            </xsl:otherwise>
          </xsl:choose>
        </xsl:if>
      </td>
    </tr>
  </xsl:template>

  <!-- ============================================ describe / confirm -->

  <xsl:template match="edit">
    <xsl:variable name="base" select="concat('/settings/', /steward/@page)"/>
    <xsl:variable name="ev" select="/steward/@page = 'events'"/>
    <section class="card panel" id="edit" aria-labelledby="edit-h">
      <h2 id="edit-h">Describe <bdi><xsl:value-of select="@name"/></bdi></h2>
      <form class="stack" method="post" action="{$base}/describe">
        <input type="hidden" name="csrf" value="{$csrf}"/>
        <input type="hidden" name="id" value="{@id}"/>
        <xsl:choose>
          <xsl:when test="$ev">
            <div class="field">
              <label for="display_name">Display name</label>
              <input id="display_name" name="display_name" type="text" maxlength="120" value="{@label}" placeholder="{@name}">
                <xsl:call-template name="field-aria"><xsl:with-param name="field" select="'display_name'"/><xsl:with-param name="id" select="'display_name'"/></xsl:call-template>
              </input>
              <xsl:call-template name="field-error"><xsl:with-param name="field" select="'display_name'"/><xsl:with-param name="id" select="'display_name'"/></xsl:call-template>
              <p class="hint">Shown instead of the name the app sends. Leave it empty to show the name.</p>
            </div>
          </xsl:when>
          <xsl:otherwise>
            <div class="field">
              <label for="type">Data type</label>
              <div class="select">
                <select id="type" name="type">
                  <xsl:call-template name="field-aria"><xsl:with-param name="field" select="'type'"/><xsl:with-param name="id" select="'type'"/></xsl:call-template>
                  <xsl:variable name="t" select="@type"/>
                  <xsl:for-each select="str:split('string number boolean date list', ' ')">
                    <option value="{.}">
                      <xsl:if test=". = $t"><xsl:attribute name="selected">selected</xsl:attribute></xsl:if>
                      <xsl:call-template name="property-type-label"><xsl:with-param name="t" select="string(.)"/></xsl:call-template>
                    </option>
                  </xsl:for-each>
                </select>
                <xsl:call-template name="icon"><xsl:with-param name="name" select="'chevron-down'"/></xsl:call-template>
              </div>
              <xsl:call-template name="field-error"><xsl:with-param name="field" select="'type'"/><xsl:with-param name="id" select="'type'"/></xsl:call-template>
            </div>
          </xsl:otherwise>
        </xsl:choose>
        <div class="field">
          <label for="description">Description</label>
          <textarea id="description" name="description" rows="3" maxlength="1000">
            <xsl:call-template name="field-aria"><xsl:with-param name="field" select="'description'"/><xsl:with-param name="id" select="'description'"/></xsl:call-template>
            <xsl:value-of select="@description"/>
          </textarea>
          <xsl:call-template name="field-error"><xsl:with-param name="field" select="'description'"/><xsl:with-param name="id" select="'description'"/></xsl:call-template>
        </div>
        <div class="actions">
          <button class="btn btn-primary" type="submit">Save</button>
          <a class="btn" href="{$base}">Cancel</a>
        </div>
      </form>
    </section>
  </xsl:template>

  <xsl:template match="confirm">
    <xsl:variable name="base" select="concat('/settings/', /steward/@page)"/>
    <xsl:variable name="noun">
      <xsl:choose>
        <xsl:when test="/steward/@page = 'events'">event</xsl:when>
        <xsl:otherwise>property</xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <section class="card panel panel-warn" id="confirm" aria-labelledby="confirm-h" role="alertdialog" aria-describedby="confirm-text">
      <h2 id="confirm-h">Discard <bdi><xsl:value-of select="@name"/></bdi>?</h2>
      <p id="confirm-text">From now on, data of this <xsl:value-of select="$noun"/> that arrives is dropped and counted as dropped; it is not stored. What is already stored stays. You can restore it later.</p>
      <xsl:call-template name="field-error"><xsl:with-param name="field" select="'confirm'"/><xsl:with-param name="id" select="'confirm'"/></xsl:call-template>
      <form class="actions" method="post" action="{$base}/discard">
        <input type="hidden" name="csrf" value="{$csrf}"/>
        <input type="hidden" name="id" value="{@id}"/>
        <input type="hidden" name="confirm" value="yes"/>
        <button class="btn btn-danger" type="submit">Discard <xsl:value-of select="$noun"/></button>
        <a class="btn" href="{$base}">Cancel</a>
      </form>
    </section>
  </xsl:template>

</xsl:stylesheet>

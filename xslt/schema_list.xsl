<?xml version="1.0" encoding="UTF-8"?>
<!--
  schema_list.xsl - the schema list that page="events" (events.xsl) and
  page="user-properties" (user_properties.xsl) both draw, told apart by
  /steward/@page: the schema of what an account sends, with search, sort,
  paging (the <pager>), the describe form (?edit=ID) and the discard
  confirmation (?discard=ID).  What a role may do comes from <can>
  (schema-describe, schema-discard), never from here.

  The list is lean (50 rows a page): a row holds no form.  The name links
  to the describe form, Discard to the confirmation; Restore is a button
  of the one restore form of the page (form="restore").
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:str="http://exslt.org/strings"
    exclude-result-prefixes="str">

  <xsl:template name="schema.lede">
    <p class="lede">
      <xsl:choose>
        <xsl:when test="@page = 'events'">Every event <bdi><xsl:value-of select="$account/@name"/></bdi> has sent, how often, and the properties seen with it. Discarded events are dropped when they arrive.</xsl:when>
        <xsl:otherwise>Every property stored on the user profiles of <bdi><xsl:value-of select="$account/@name"/></bdi>, its type and how many profiles have it. Discarded properties are dropped when they arrive.</xsl:otherwise>
      </xsl:choose>
      <xsl:choose>
        <xsl:when test="$can/@schema-discard = 'yes'"> Select a name to describe or discard it.</xsl:when>
        <xsl:when test="$can/@schema-describe = 'yes'"> Select a name to describe it.</xsl:when>
      </xsl:choose>
    </p>
  </xsl:template>

  <!-- the body of either page, told apart by /steward/@page -->
  <xsl:template name="schema.body">
    <xsl:variable name="ev" select="@page = 'events'"/>
    <xsl:variable name="base" select="concat('/settings/', @page)"/>
    <xsl:apply-templates select="confirm"/>
    <xsl:apply-templates select="edit"/>
    <xsl:if test="$can/@schema-discard = 'yes' and (schema/item | edit)[@status = 'discarded']">
      <form id="restore" method="post" action="{$base}/restore">
        <input type="hidden" name="csrf" value="{$csrf}"/>
      </form>
    </xsl:if>
    <xsl:apply-templates select="schema">
      <xsl:with-param name="ev" select="$ev"/>
      <xsl:with-param name="base" select="$base"/>
    </xsl:apply-templates>
  </xsl:template>

  <!-- ======================================================= the list -->

  <xsl:template match="schema">
    <xsl:param name="ev"/>
    <xsl:param name="base"/>
    <!-- the rows listed: what the search matches (the account's count
         when the pager cannot tell, past the last page) -->
    <xsl:variable name="n" select="pager/@total | @total[not(../pager/@total) and ../@q = '']"/>
    <!-- a column of row actions: Restore, when a discarded row is listed -->
    <xsl:variable name="acts" select="$schema.acts"/>
    <!-- whether no listed item has anything rare (a badge, a display
         name, a description, dropped data): then every row is drawn
         plain, without a test of its own -->
    <xsl:variable name="plain" select="not(item/@status = 'discarded' or item/@system = 'yes' or item/@display-name != '' or item/description or item/@dropped &gt; 0)"/>
    <xsl:variable name="one">
      <xsl:choose>
        <xsl:when test="$ev">event</xsl:when>
        <xsl:otherwise>property</xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:variable name="many">
      <xsl:choose>
        <xsl:when test="$ev">events</xsl:when>
        <xsl:otherwise>properties</xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <section class="card card-flush" aria-labelledby="list-h">
      <div class="toolbar">
        <div>
          <h2 id="list-h" class="toolbar-title">
            <xsl:choose>
              <xsl:when test="not($n)">Search results</xsl:when>
              <xsl:otherwise>
                <xsl:call-template name="count">
                  <xsl:with-param name="n" select="$n"/>
                  <xsl:with-param name="one" select="$one"/>
                  <xsl:with-param name="many" select="$many"/>
                </xsl:call-template>
                <xsl:if test="@q != ''">
                  <xsl:choose>
                    <xsl:when test="$n = 1"> matches </xsl:when>
                    <xsl:otherwise> match </xsl:otherwise>
                  </xsl:choose>
                  <xsl:text>“</xsl:text><bdi><xsl:value-of select="@q"/></bdi><xsl:text>”</xsl:text>
                </xsl:if>
              </xsl:otherwise>
            </xsl:choose>
          </h2>
          <p class="small muted">
            <xsl:text>Up to </xsl:text>
            <xsl:value-of select="@limit"/>
            <xsl:choose>
              <xsl:when test="$ev"> event names</xsl:when>
              <xsl:otherwise> user properties</xsl:otherwise>
            </xsl:choose>
            <xsl:text> per account</xsl:text>
          </p>
        </div>
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
        <xsl:when test="not(item) and @q != ''">
          <xsl:call-template name="empty-state">
            <xsl:with-param name="title">No <xsl:value-of select="$many"/> match “<xsl:value-of select="@q"/>”</xsl:with-param>
            <xsl:with-param name="text">The search looks for these letters anywhere in the name<xsl:if test="$ev"> or the display name</xsl:if><xsl:if test="not($ev)"> or the description</xsl:if>.</xsl:with-param>
            <xsl:with-param name="action"><a class="btn" href="{$base}">Show all <xsl:value-of select="$many"/></a></xsl:with-param>
          </xsl:call-template>
        </xsl:when>
        <xsl:when test="not(item) and pager/@page &gt; 1">
          <xsl:call-template name="empty-state">
            <xsl:with-param name="title">Nothing on this page</xsl:with-param>
            <xsl:with-param name="text">The list is shorter than that.</xsl:with-param>
            <xsl:with-param name="action"><a class="btn" href="{$base}">Go to the first page</a></xsl:with-param>
          </xsl:call-template>
        </xsl:when>
        <xsl:when test="not(item) and $ev">
          <xsl:call-template name="schema.none">
            <xsl:with-param name="icon" select="'events'"/>
            <xsl:with-param name="title">No events yet</xsl:with-param>
            <xsl:with-param name="text">Events appear here as soon as your app sends them to the ingestion API (POST /api/1/upload with the account ID and passcode), or when a CSV upload of events is imported.</xsl:with-param>
          </xsl:call-template>
        </xsl:when>
        <xsl:when test="not(item)">
          <xsl:call-template name="schema.none">
            <xsl:with-param name="icon" select="'user-properties'"/>
            <xsl:with-param name="title">No user properties yet</xsl:with-param>
            <xsl:with-param name="text">Properties appear here as soon as profile updates arrive through the ingestion API, or when a CSV upload of user profiles is imported.</xsl:with-param>
          </xsl:call-template>
        </xsl:when>
        <xsl:otherwise>
          <table class="table schema">
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
                <th scope="col">Last seen</th>
                <xsl:if test="$acts">
                  <th scope="col" class="col-actions"><span class="sr">Actions</span></th>
                </xsl:if>
              </tr>
            </thead>
            <tbody>
              <xsl:choose>
                <xsl:when test="$ev and $plain"><xsl:for-each select="item"><xsl:call-template name="schema.event-plain"/></xsl:for-each></xsl:when>
                <xsl:when test="$ev"><xsl:for-each select="item"><xsl:call-template name="schema.event"/></xsl:for-each></xsl:when>
                <xsl:when test="$plain"><xsl:for-each select="item"><xsl:call-template name="schema.property-plain"/></xsl:for-each></xsl:when>
                <xsl:otherwise><xsl:for-each select="item"><xsl:call-template name="schema.property"/></xsl:for-each></xsl:otherwise>
              </xsl:choose>
            </tbody>
          </table>
        </xsl:otherwise>
      </xsl:choose>
      <xsl:apply-templates select="pager">
        <xsl:with-param name="label" select="concat('Pages of ', $many)"/>
      </xsl:apply-templates>
    </section>
  </xsl:template>

  <!-- The empty list: empty-state, with the CSV upload for who may use it. -->
  <xsl:template name="schema.none">
    <xsl:param name="icon"/>
    <xsl:param name="title"/>
    <xsl:param name="text"/>
    <xsl:choose>
      <xsl:when test="$can/@csv-uploads = 'yes'">
        <xsl:call-template name="empty-state">
          <xsl:with-param name="icon" select="$icon"/>
          <xsl:with-param name="title" select="$title"/>
          <xsl:with-param name="text" select="$text"/>
          <xsl:with-param name="action"><a class="btn" href="/settings/csv-uploads">Upload a CSV file</a></xsl:with-param>
        </xsl:call-template>
      </xsl:when>
      <xsl:otherwise>
        <xsl:call-template name="empty-state">
          <xsl:with-param name="icon" select="$icon"/>
          <xsl:with-param name="title" select="$title"/>
          <xsl:with-param name="text" select="$text"/>
        </xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- worked out once for the rows: whether a name opens its item's
       panel, and whether the list has a column of row actions (Restore,
       when a discarded row is listed) -->
  <xsl:variable name="schema.open" select="$can/@schema-describe = 'yes' or $can/@schema-discard = 'yes'"/>
  <xsl:variable name="schema.acts" select="/steward/schema/item/@status = 'discarded' and $can/@schema-discard = 'yes'"/>

  <!-- The rows, one named template a page kind and a plain one (no
       parameter, no test of the page a row): 50 of them make the page,
       and libxslt spends more on each XPath evaluation, each attribute
       an expression reads (an <item> has fourteen) and each result-tree
       variable than on the bytes they write. -->
  <xsl:template name="schema.event">
    <tr>
      <xsl:if test="@status = 'discarded'"><xsl:attribute name="class">is-muted</xsl:attribute></xsl:if>
      <xsl:call-template name="schema.name"/>
      <xsl:call-template name="schema.event-cells"/>
      <xsl:if test="$schema.acts"><xsl:call-template name="schema.restore"/></xsl:if>
    </tr>
  </xsl:template>

  <xsl:template name="schema.event-plain">
    <tr>
      <xsl:call-template name="schema.name-plain"/>
      <xsl:call-template name="schema.event-cells"/>
    </tr>
  </xsl:template>

  <xsl:template name="schema.event-cells">
    <td class="num" data-label="This month"><xsl:value-of select="format-number(@this-month, '#,##0')"/></td>
    <td class="num" data-label="Last month"><xsl:value-of select="format-number(@last-month, '#,##0')"/></td>
    <td data-label="Last seen"><xsl:for-each select="@last-seen"><xsl:call-template name="date-of"/></xsl:for-each></td>
  </xsl:template>

  <xsl:template name="schema.property">
    <tr>
      <xsl:if test="@status = 'discarded'"><xsl:attribute name="class">is-muted</xsl:attribute></xsl:if>
      <xsl:call-template name="schema.name"/>
      <xsl:call-template name="schema.property-cells"/>
      <xsl:if test="$schema.acts"><xsl:call-template name="schema.restore"/></xsl:if>
    </tr>
  </xsl:template>

  <xsl:template name="schema.property-plain">
    <tr>
      <xsl:call-template name="schema.name-plain"/>
      <xsl:call-template name="schema.property-cells"/>
    </tr>
  </xsl:template>

  <xsl:template name="schema.property-cells">
    <td data-label="Type">
      <xsl:call-template name="property-type-label"><xsl:with-param name="t" select="@type"/></xsl:call-template>
      <xsl:if test="@type-set = 'no'"><span class="muted"> (inferred)</span></xsl:if>
    </td>
    <td class="num" data-label="Profiles"><xsl:value-of select="format-number(@profiles, '#,##0')"/></td>
    <td data-label="Last seen"><xsl:for-each select="@last-seen"><xsl:call-template name="date-of"/></xsl:for-each></td>
  </xsl:template>

  <!-- the first cell of a plain row: the name, the properties -->
  <xsl:template name="schema.name-plain">
    <td class="cell-main">
      <xsl:choose>
        <xsl:when test="$schema.open">
          <a href="?edit={@id}#edit"><bdi><xsl:value-of select="@name"/></bdi></a>
        </xsl:when>
        <xsl:otherwise><strong><bdi><xsl:value-of select="@name"/></bdi></strong></xsl:otherwise>
      </xsl:choose>
      <xsl:for-each select="prop[1]"><xsl:call-template name="schema.props"/></xsl:for-each>
    </td>
  </xsl:template>

  <!-- a row's first cell: its name (a link to its panel when the role
       may open one), then what is rare, then its properties -->
  <xsl:template name="schema.name">
    <td class="cell-main">
      <xsl:choose>
        <xsl:when test="$schema.open">
          <a href="?edit={@id}#edit"><bdi><xsl:call-template name="schema.label"/></bdi></a>
        </xsl:when>
        <xsl:otherwise><strong><bdi><xsl:call-template name="schema.label"/></bdi></strong></xsl:otherwise>
      </xsl:choose>
      <xsl:if test="@system = 'yes'"> <span class="badge">System</span></xsl:if>
      <xsl:if test="@status = 'discarded'"> <span class="badge badge-warn">Discarded</span></xsl:if>
      <xsl:if test="@display-name != ''"><code><xsl:value-of select="@name"/></code></xsl:if>
      <xsl:if test="description"><p class="desc"><xsl:value-of select="description"/></p></xsl:if>
      <xsl:for-each select="prop[1]"><xsl:call-template name="schema.props"/></xsl:for-each>
      <xsl:if test="@dropped &gt; 0">
        <p class="props"><xsl:value-of select="format-number(@dropped, '#,##0')"/> dropped while discarded</p>
      </xsl:if>
    </td>
  </xsl:template>

  <!-- The first <prop> of an item: "Properties: " and the first eight
       names, then how many more the item has. -->
  <xsl:template name="schema.props">
    <p class="props">
      <xsl:text>Properties: </xsl:text>
      <xsl:value-of select="."/>
      <xsl:for-each select="following-sibling::prop[position() &lt; 8]">, <xsl:value-of select="."/></xsl:for-each>
      <xsl:for-each select="..">
        <xsl:if test="@props &gt; count(prop[position() &lt;= 8])">
          <xsl:value-of select="concat(' and ', @props - count(prop[position() &lt;= 8]), ' more')"/>
        </xsl:if>
      </xsl:for-each>
    </p>
  </xsl:template>

  <!-- the actions cell of a row: Restore, when it is discarded -->
  <xsl:template name="schema.restore">
    <td class="cell-actions">
      <xsl:if test="@status = 'discarded'">
        <button class="btn btn-sm" form="restore" name="id" value="{@id}">Restore<span class="sr"><xsl:text> </xsl:text><xsl:value-of select="@name"/></span></button>
      </xsl:if>
    </td>
  </xsl:template>

  <!-- an item's display name, or its name when it has none -->
  <xsl:template name="schema.label">
    <xsl:choose>
      <xsl:when test="@display-name != ''"><xsl:value-of select="@display-name"/></xsl:when>
      <xsl:otherwise><xsl:value-of select="@name"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- ============================================ describe / confirm -->

  <!-- ?edit=ID: the item's panel - the describe form (schema-describe),
       then discard (to the confirmation) or restore (schema-discard) -->
  <xsl:template match="edit">
    <xsl:variable name="base" select="concat('/settings/', /steward/@page)"/>
    <xsl:variable name="ev" select="/steward/@page = 'events'"/>
    <xsl:variable name="noun">
      <xsl:choose>
        <xsl:when test="$ev">event</xsl:when>
        <xsl:otherwise>property</xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <section class="card panel" id="edit" aria-labelledby="edit-h">
      <h2 id="edit-h">
        <xsl:if test="$can/@schema-describe = 'yes'">Describe </xsl:if>
        <bdi><xsl:value-of select="@name"/></bdi>
      </h2>
      <xsl:choose>
        <xsl:when test="$can/@schema-describe = 'yes'">
          <form class="stack" method="post" action="{$base}/describe">
            <input type="hidden" name="csrf" value="{$csrf}"/>
            <input type="hidden" name="id" value="{@id}"/>
            <xsl:choose>
              <xsl:when test="$ev">
                <xsl:call-template name="input-field">
                  <xsl:with-param name="id" select="'display_name'"/>
                  <xsl:with-param name="name" select="'display_name'"/>
                  <xsl:with-param name="label" select="'Display name'"/>
                  <xsl:with-param name="value" select="@label"/>
                  <xsl:with-param name="max" select="120"/>
                  <xsl:with-param name="placeholder" select="@name"/>
                  <xsl:with-param name="hint" select="'Shown instead of the name the app sends. Leave it empty to show the name.'"/>
                </xsl:call-template>
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
        </xsl:when>
        <xsl:otherwise>
          <div class="actions"><a class="btn" href="{$base}">Close</a></div>
        </xsl:otherwise>
      </xsl:choose>
      <xsl:if test="$can/@schema-discard = 'yes'">
        <div class="form-gap schema-state">
          <xsl:choose>
            <xsl:when test="@status = 'discarded'">
              <p>This <xsl:value-of select="$noun"/> is discarded: its data is dropped when it arrives.</p>
              <button class="btn" form="restore" name="id" value="{@id}">Restore <xsl:value-of select="$noun"/></button>
            </xsl:when>
            <xsl:otherwise>
              <p>Discarding drops the data of this <xsl:value-of select="$noun"/> that arrives from now on.</p>
              <a class="btn btn-danger-quiet" href="?discard={@id}#confirm">Discard <xsl:value-of select="$noun"/>…</a>
            </xsl:otherwise>
          </xsl:choose>
        </div>
      </xsl:if>
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

package dev.sparkfathom.catalog;

import dev.sparkfathom.api.ApiVersion;
import dev.sparkfathom.api.Field;
import dev.sparkfathom.client.FathomClient;
import dev.sparkfathom.read.DriverBudget;
import dev.sparkfathom.client.model.Event;
import dev.sparkfathom.client.model.Site;
import dev.sparkfathom.config.FathomOptions;
import dev.sparkfathom.config.ReadSpec;
import dev.sparkfathom.read.FathomSchema;
import dev.sparkfathom.read.FathomTable;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.catalyst.analysis.NoSuchNamespaceException;
import org.apache.spark.sql.catalyst.analysis.NoSuchTableException;
import org.apache.spark.sql.connector.catalog.Column;
import org.apache.spark.sql.connector.catalog.Identifier;
import org.apache.spark.sql.connector.catalog.NamespaceChange;
import org.apache.spark.sql.connector.catalog.SupportsNamespaces;
import org.apache.spark.sql.connector.catalog.Table;
import org.apache.spark.sql.connector.catalog.TableCatalog;
import org.apache.spark.sql.connector.catalog.TableChange;
import org.apache.spark.sql.connector.expressions.Transform;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.util.CaseInsensitiveStringMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fathom as a SQL catalog: {@code spark.sql.catalog.fathom=dev.sparkfathom.catalog.FathomCatalog}
 * with options {@code spark.sql.catalog.fathom.<option>} ({@link CatalogSettings}).
 *
 * <ul>
 *   <li>Namespaces are the token's sites by id (any case), the site's name as the namespace's
 *       comment; listed through every page of the sites endpoint and cached
 *       ({@value CatalogSettings#CACHE_SECONDS}).
 *   <li>{@code fathom.sites} lists them; each site has the report tables of
 *       {@link ReportTable} (one {@link FathomTable} each: day buckets and the pageview
 *       aggregates, every pushdown of the read path), {@code conversions} (every event,
 *       {@link ConversionsTable}) and the entity tables of {@link EntityResource}.
 *   <li>Loading a table, {@code SHOW NAMESPACES}, {@code SHOW TABLES} and {@code DESCRIBE}
 *       make no aggregation request (at most the cached site list).
 *   <li>Read-only: every write and DDL is refused, saying so.
 * </ul>
 */
public final class FathomCatalog implements TableCatalog, SupportsNamespaces {
  private static final Logger LOG = LoggerFactory.getLogger(FathomCatalog.class);
  static final String CONVERSIONS = "conversions";

  private final Clock clock;
  private String name;
  private CatalogSettings settings;
  private SiteDirectory directory;

  public FathomCatalog() {
    this(Clock.systemUTC());
  }

  /** With the clock that ages the site and event lists (tests inject one). */
  FathomCatalog(Clock clock) {
    this.clock = clock;
  }

  @Override
  public void initialize(String name, CaseInsensitiveStringMap options) {
    this.name = name;
    this.settings = CatalogSettings.parse(options.asCaseSensitiveMap(), System.getenv());
    this.directory = new SiteDirectory(() -> DriverBudget.client(settings.client(), settings.budgetCoordinator()), clock, settings.cacheTtl());
  }

  @Override
  public String name() {
    return name;
  }

  // ---- namespaces: the sites

  @Override
  public String[][] listNamespaces() {
    return directory.sites().stream().map(s -> new String[] {s.id()}).toArray(String[][]::new);
  }

  @Override
  public String[][] listNamespaces(String[] namespace) throws NoSuchNamespaceException {
    if (namespace.length == 0) {
      return listNamespaces();
    }
    site(namespace);
    return new String[0][];
  }

  @Override
  public boolean namespaceExists(String[] namespace) {
    return namespace.length == 0
        || namespace.length == 1 && directory.find(namespace[0]).isPresent();
  }

  @Override
  public Map<String, String> loadNamespaceMetadata(String[] namespace) throws NoSuchNamespaceException {
    Site s = site(namespace);
    Map<String, String> m = new LinkedHashMap<>();
    m.put(SupportsNamespaces.PROP_COMMENT, s.name() == null ? "" : s.name());
    m.put("site_id", s.id());
    if (s.sharing() != null) {
      m.put("sharing", s.sharing());
    }
    if (s.createdAt() != null) {
      m.put("created_at", s.createdAt() + " UTC");
    }
    return m;
  }

  private Site site(String[] namespace) throws NoSuchNamespaceException {
    if (namespace.length != 1) {
      throw new NoSuchNamespaceException(namespace);
    }
    return directory.find(namespace[0]).orElseThrow(() -> new NoSuchNamespaceException(namespace));
  }

  // ---- tables

  /** The tables of a site, in the order SHOW TABLES lists them. */
  List<String> siteTables() {
    ApiVersion api = settings.api();
    List<String> out = new ArrayList<>();
    for (ReportTable t : ReportTable.values()) {
      if (t.exists(api)) {
        out.add(t.tableName());
      }
    }
    out.add(CONVERSIONS);
    for (EntityResource r : EntityResource.values()) {
      if (r.siteScoped() && r.exists(api)) {
        out.add(r.tableName());
      }
    }
    return out;
  }

  @Override
  public Identifier[] listTables(String[] namespace) throws NoSuchNamespaceException {
    if (namespace.length == 0) {
      return new Identifier[] {Identifier.of(namespace, EntityResource.SITES.tableName())};
    }
    Site s = site(namespace);
    return siteTables().stream().map(t -> Identifier.of(new String[] {s.id()}, t)).toArray(Identifier[]::new);
  }

  @Override
  public boolean tableExists(Identifier ident) {
    try {
      loadTable(ident);
      return true;
    } catch (FathomCatalogException | NoSuchTableException e) {
      return false;
    }
  }

  @Override
  public Table loadTable(Identifier ident) throws NoSuchTableException {
    String[] ns = ident.namespace();
    String table = ident.name();
    if (ns.length == 0) {
      if (table.equalsIgnoreCase(EntityResource.SITES.tableName())) {
        return new EntityTable(EntityResource.SITES, null, settings.client(), name + ".sites", clock, settings.budgetCoordinator());
      }
      throw new FathomCatalogException("no table '" + table + "' at the top of catalog " + name
          + "; it holds: sites. A site's tables are " + name + ".<site id>.<table>: " + String.join(", ", siteTables())
          + "; sites: " + siteIds());
    }
    if (ns.length > 1) {
      throw new FathomCatalogException("no namespace " + String.join(".", ns) + " in catalog " + name
          + ": its namespaces are the sites, one level deep: " + siteIds());
    }
    Site site = directory.find(ns[0]).orElseThrow(() -> new FathomCatalogException("no site '" + ns[0]
        + "' among the sites this token can read (" + siteIds() + "); a token limited to some sites sees only those"));
    String qualified = name + "." + site.id() + "." + table.toLowerCase(java.util.Locale.ROOT);
    ReportTable report = ReportTable.byName(table);
    if (report != null && report.exists(settings.api())) {
      return report(site, report, qualified);
    }
    if (table.equalsIgnoreCase(CONVERSIONS)) {
      return conversions(site, qualified);
    }
    EntityResource resource = EntityResource.byTableName(table);
    if (resource != null && resource.siteScoped() && resource.exists(settings.api())) {
      return new EntityTable(resource, site.id(), settings.client(), qualified, clock, settings.budgetCoordinator());
    }
    throw new FathomCatalogException("no table '" + table + "' in " + name + "." + site.id()
        + "; its tables are: " + String.join(", ", siteTables()));
  }

  private String siteIds() {
    List<Site> sites = directory.sites();
    return sites.isEmpty() ? "none" : sites.stream().map(Site::id).collect(Collectors.joining(", "));
  }

  private FathomTable report(Site site, ReportTable report, String qualified) {
    List<Field> fields = report.fields(settings.api());
    Map<String, String> table = new LinkedHashMap<>();
    table.put(FathomOptions.SITE_ID, site.id());
    table.put(FathomOptions.DATE_GROUPING, "day");
    if (!fields.isEmpty()) {
      table.put(FathomOptions.FIELD_GROUPING, fields.stream().map(Field::apiName).collect(Collectors.joining(",")));
    }
    ReadSpec spec = ReadSpec.parse(settings.readOptions(table), System.getenv());
    Map<String, String> props = new LinkedHashMap<>();
    props.put("comment", report.description());
    props.put("fathom.entity", "pageview");
    props.put("fathom.site_id", site.id());
    props.put("fathom.field_grouping", String.join(",", fields.stream().map(Field::apiName).toList()));
    props.put("fathom.date_grouping", "day");
    if (report == ReportTable.ALL) {
      String warning = guardWarning(qualified, fields.size(), spec.maxRequests());
      props.put("fathom.warning", warning);
      LOG.warn(warning);
    }
    return new FathomTable(spec, Columns.withComments(FathomSchema.infer(spec)), qualified, props);
  }

  /** What {@code all} costs: said when it is loaded, and in its properties. */
  static String guardWarning(String qualified, int fields, int maxRequests) {
    return qualified + " groups by all " + fields + " grouping fields and day: Fathom answers one row per"
        + " combination that occurred, close to one per pageview. A read costs one aggregation request per"
        + " date window (EXPLAIN shows the planned count and least time), and reads over "
        + maxRequests + " requests are refused ('max_requests'). Prefer a narrower table, or GROUP BY and"
        + " a date range, which push down to one coarser request.";
  }

  private ConversionsTable conversions(Site site, String qualified) {
    Event example = new Event("example", site.id(), "example", null, null);
    StructType eventReport = FathomSchema.infer(ReadSpec.parse(settings.readOptions(eventOptions(site, example)),
        System.getenv()));
    Map<String, String> props = Map.of("comment", "every event of the site, by day; a filter on event chooses"
        + " which events are read (one event report each)", "fathom.entity", "event", "fathom.site_id", site.id());
    return new ConversionsTable(qualified, site.id(), () -> directory.events(site.id()),
        e -> {
          ReadSpec spec = ReadSpec.parse(settings.readOptions(eventOptions(site, e)), System.getenv());
          return new FathomTable(spec, FathomSchema.infer(spec), qualified + "[" + e.name() + "]", Map.of());
        },
        eventReport, props);
  }

  /**
   * An event report's own options: by site and name in today's API, by the event's id (goal
   * code) in the legacy API.
   */
  private Map<String, String> eventOptions(Site site, Event e) {
    Map<String, String> o = new LinkedHashMap<>();
    o.put(FathomOptions.ENTITY, "event");
    if (settings.api() == ApiVersion.CURRENT) {
      o.put(FathomOptions.SITE_ID, site.id());
      o.put(FathomOptions.EVENT, e.name());
    } else {
      o.put(FathomOptions.EVENT_ID, e.id());
    }
    o.put(FathomOptions.DATE_GROUPING, "day");
    return o;
  }

  // ---- read-only

  static String readOnly(String what) {
    return "the fathom catalog is read-only: " + what + " is not supported (its tables are Fathom's reports"
        + " and entities; change sites and events in Fathom itself)";
  }

  @Override
  public Table createTable(Identifier ident, Column[] columns, Transform[] partitions, Map<String, String> properties) {
    throw new UnsupportedOperationException(readOnly("CREATE TABLE " + ident));
  }

  @Override
  @SuppressWarnings("deprecation")
  public Table createTable(Identifier ident, StructType schema, Transform[] partitions, Map<String, String> properties) {
    throw new UnsupportedOperationException(readOnly("CREATE TABLE " + ident));
  }

  @Override
  public Table alterTable(Identifier ident, TableChange... changes) {
    throw new UnsupportedOperationException(readOnly("ALTER TABLE " + ident));
  }

  @Override
  public boolean dropTable(Identifier ident) {
    throw new UnsupportedOperationException(readOnly("DROP TABLE " + ident));
  }

  @Override
  public void renameTable(Identifier oldIdent, Identifier newIdent) {
    throw new UnsupportedOperationException(readOnly("RENAME TABLE " + oldIdent));
  }

  @Override
  public void createNamespace(String[] namespace, Map<String, String> metadata) {
    throw new UnsupportedOperationException(readOnly("CREATE NAMESPACE " + String.join(".", namespace)));
  }

  @Override
  public void alterNamespace(String[] namespace, NamespaceChange... changes) {
    throw new UnsupportedOperationException(readOnly("ALTER NAMESPACE " + String.join(".", namespace)));
  }

  @Override
  public boolean dropNamespace(String[] namespace, boolean cascade) {
    throw new UnsupportedOperationException(readOnly("DROP NAMESPACE " + String.join(".", namespace)));
  }
}

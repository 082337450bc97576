package dev.sparkfathom.catalog;

import dev.sparkfathom.budget.BudgetRoute;
import dev.sparkfathom.budget.Budgets;
import dev.sparkfathom.client.ClientConfig;
import dev.sparkfathom.client.FathomClient;
import dev.sparkfathom.client.FathomException;
import dev.sparkfathom.read.DriverBudget;
import dev.sparkfathom.read.FathomReadException;
import java.io.Serializable;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.connector.catalog.SupportsRead;
import org.apache.spark.sql.connector.catalog.TableCapability;
import org.apache.spark.sql.connector.read.Batch;
import org.apache.spark.sql.connector.read.InputPartition;
import org.apache.spark.sql.connector.read.PartitionReader;
import org.apache.spark.sql.connector.read.PartitionReaderFactory;
import org.apache.spark.sql.connector.read.Scan;
import org.apache.spark.sql.connector.read.ScanBuilder;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.util.CaseInsensitiveStringMap;

/**
 * An entity resource as a read-only table: one partition that reads the whole resource through
 * the client on the executor (every page of a paged list), so planning and {@code DESCRIBE}
 * make no request. Its requests lease from the application's budget coordinator (or the
 * standalone one of {@code budget.coordinator}), as a report's do.
 */
public final class EntityTable implements SupportsRead {
  private final EntityResource resource;
  private final String siteId;
  private final ClientConfig client;
  private final String name;
  private final Clock clock;
  private final String coordinator;

  /**
   * @param coordinator {@code host:port} of a standalone budget coordinator, or null for the
   *     driver's own
   */
  EntityTable(EntityResource resource, String siteId, ClientConfig client, String name, Clock clock,
      String coordinator) {
    this.resource = resource;
    this.siteId = siteId;
    this.client = client;
    this.name = name;
    this.clock = clock;
    this.coordinator = coordinator;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  @SuppressWarnings("deprecation")
  public StructType schema() {
    return resource.schema();
  }

  /** The table's columns, with comments. */
  public StructType readSchema() {
    return resource.schema();
  }

  @Override
  public Set<TableCapability> capabilities() {
    return Set.of(TableCapability.BATCH_READ);
  }

  @Override
  public Map<String, String> properties() {
    return Map.of("fathom.resource", resource.resourceName(), "comment", resource.description());
  }

  @Override
  public ScanBuilder newScanBuilder(CaseInsensitiveStringMap options) {
    return new EntityScan(resource, siteId, client, clock, coordinator);
  }

  /** The whole read: scan, batch and reader factory at once (there is nothing to push). */
  static final class EntityScan implements ScanBuilder, Scan, Batch, PartitionReaderFactory {
    private static final long serialVersionUID = 1L;
    private final EntityResource resource;
    private final String siteId;
    private final ClientConfig client;
    private final Clock clock;
    private final String coordinator;
    /** Where the read's tasks lease budget; set when Spark is about to run the scan. */
    private BudgetRoute budget;

    EntityScan(EntityResource resource, String siteId, ClientConfig client, Clock clock, String coordinator) {
      this.resource = resource;
      this.siteId = siteId;
      this.client = client;
      this.clock = clock;
      this.coordinator = coordinator;
    }

    @Override
    public Scan build() {
      return this;
    }

    @Override
    public StructType readSchema() {
      return resource.schema();
    }

    @Override
    public String description() {
      return "FathomEntities[" + resource.resourceName() + (siteId == null ? "" : " of site " + siteId)
          + ": " + resource.description() + "]";
    }

    @Override
    public Batch toBatch() {
      return this;
    }

    @Override
    public InputPartition[] planInputPartitions() {
      return new InputPartition[] {new Part(resource, siteId, client, clock)};
    }

    @Override
    public synchronized PartitionReaderFactory createReaderFactory() {
      if (budget == null) {
        budget = DriverBudget.route(coordinator, UUID.randomUUID().toString());
      }
      return this;
    }

    @Override
    public PartitionReader<InternalRow> createReader(InputPartition partition) {
      Part p = (Part) partition;
      return new PartitionReader<>() {
        private List<InternalRow> rows;
        private int next = -1;

        @Override
        public boolean next() {
          if (rows == null) {
            try (FathomClient c = FathomClient.builder(p.client())
                .budget(Budgets.forRoute(budget, p.client())).build()) {
              rows = p.resource().read(c, p.siteId(), p.clock().instant());
            } catch (FathomException e) {
              throw new FathomReadException("the " + p.resource().resourceName() + " of "
                  + (p.siteId() == null ? "the account" : "site " + p.siteId()), e);
            }
          }
          return ++next < rows.size();
        }

        @Override
        public InternalRow get() {
          return rows.get(next);
        }

        @Override
        public void close() {
          rows = null;
        }
      };
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof EntityScan s && resource == s.resource && Objects.equals(siteId, s.siteId)
          && client.equals(s.client);
    }

    @Override
    public int hashCode() {
      return Objects.hash(resource, siteId, client);
    }
  }

  /** The one partition: what to read, and with which connection. */
  record Part(EntityResource resource, String siteId, ClientConfig client, Clock clock)
      implements InputPartition, Serializable {}
}

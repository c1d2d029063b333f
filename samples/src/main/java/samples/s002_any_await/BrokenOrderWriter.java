// Scenario: 002-any-await (incorrect)
// Cancellation can land at any await. This writer takes a database connection, then waits for
// the next orders; when the service stops and interrupts it there, the InterruptedException
// leaves the method before connection.close(), and the pool is one connection short for good.
package samples.s002_any_await;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import javax.sql.DataSource;

/** Writes incoming orders to the database in batches. */
public final class BrokenOrderWriter {
  /** An order as it arrives from the web tier. */
  public record Order(String id, long cents) {}

  private final DataSource database;
  private final BlockingQueue<Order> incoming;

  public BrokenOrderWriter(DataSource database, BlockingQueue<Order> incoming) {
    this.database = database;
    this.incoming = incoming;
  }

  public void writeNextBatch() throws SQLException, InterruptedException {
    // BUG: ResourceLeakOnCancel
    Connection connection = database.getConnection();
    connection.setAutoCommit(false);
    List<Order> batch = new ArrayList<>();
    batch.add(incoming.take());
    incoming.drainTo(batch, 99);
    try (PreparedStatement insert =
        connection.prepareStatement("INSERT INTO orders (id, cents) VALUES (?, ?)")) {
      for (Order order : batch) {
        insert.setString(1, order.id());
        insert.setLong(2, order.cents());
        insert.addBatch();
      }
      insert.executeBatch();
    }
    connection.commit();
    connection.close();
  }
}

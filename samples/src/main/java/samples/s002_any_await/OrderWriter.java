// Scenario: 002-any-await (correct)
// Two changes: the writer waits for orders before it takes a connection, so it holds none while
// idle, and the connection is in try-with-resources, so any await inside still gives it back.
package samples.s002_any_await;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import javax.sql.DataSource;

/** Writes incoming orders to the database in batches. */
public final class OrderWriter {
  /** An order as it arrives from the web tier. */
  public record Order(String id, long cents) {}

  private final DataSource database;
  private final BlockingQueue<Order> incoming;

  public OrderWriter(DataSource database, BlockingQueue<Order> incoming) {
    this.database = database;
    this.incoming = incoming;
  }

  public void writeNextBatch() throws SQLException, InterruptedException {
    List<Order> batch = new ArrayList<>();
    batch.add(incoming.take());
    incoming.drainTo(batch, 99);
    try (Connection connection = database.getConnection();
        PreparedStatement insert =
            connection.prepareStatement("INSERT INTO orders (id, cents) VALUES (?, ?)")) {
      connection.setAutoCommit(false);
      for (Order order : batch) {
        insert.setString(1, order.id());
        insert.setLong(2, order.cents());
        insert.addBatch();
      }
      insert.executeBatch();
      connection.commit();
    }
  }
}

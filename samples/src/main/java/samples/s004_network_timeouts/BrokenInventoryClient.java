// Scenario: 004-network-timeouts (incorrect)
// Every network wait needs a timeout. The checkout page asks the inventory service for a stock
// level and waits for the answer with join(): no deadline on the wait, none on the request.
// When the service accepts the connection and then stalls, the checkout thread waits with it,
// forever, and each new checkout adds one more stuck thread.
package samples.s004_network_timeouts;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;

/** Looks up stock levels in the remote inventory service. */
public final class BrokenInventoryClient {
  private final HttpClient http;
  private final URI service;

  public BrokenInventoryClient(HttpClient http, URI service) {
    this.http = http;
    this.service = service;
  }

  public int stockLevel(String sku) throws IOException {
    HttpRequest request = HttpRequest.newBuilder(service.resolve("/stock/" + sku)).GET().build();
    CompletableFuture<HttpResponse<String>> reply =
        http.sendAsync(request, HttpResponse.BodyHandlers.ofString());
    // BUG: UnboundedWait
    HttpResponse<String> response = reply.join();
    if (response.statusCode() != 200) {
      throw new IOException("inventory answered " + response.statusCode() + " for " + sku);
    }
    return Integer.parseInt(response.body().trim());
  }
}

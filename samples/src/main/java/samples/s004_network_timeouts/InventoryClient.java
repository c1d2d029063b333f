// Scenario: 004-network-timeouts (correct)
// The request carries its own deadline: when the inventory service stalls, the HTTP client
// fails the exchange with HttpTimeoutException after two seconds, the wait ends, and the
// checkout shows "stock unknown" instead of hanging.
package samples.s004_network_timeouts;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/** Looks up stock levels in the remote inventory service. */
public final class InventoryClient {
  private static final Duration LOOKUP_TIMEOUT = Duration.ofSeconds(2);

  private final HttpClient http;
  private final URI service;
  private final Duration lookupTimeout;

  public InventoryClient(HttpClient http, URI service) {
    this(http, service, LOOKUP_TIMEOUT);
  }

  public InventoryClient(HttpClient http, URI service, Duration lookupTimeout) {
    this.http = http;
    this.service = service;
    this.lookupTimeout = lookupTimeout;
  }

  public OptionalInt stockLevel(String sku) throws IOException {
    HttpRequest request =
        HttpRequest.newBuilder(service.resolve("/stock/" + sku))
            .timeout(lookupTimeout)
            .GET()
            .build();
    CompletableFuture<HttpResponse<String>> reply =
        http.sendAsync(request, HttpResponse.BodyHandlers.ofString());
    HttpResponse<String> response;
    try {
      response = reply.join();
    } catch (CompletionException e) {
      System.err.println("stock of " + sku + " unknown: " + e.getCause());
      return OptionalInt.empty();
    }
    if (response.statusCode() != 200) {
      throw new IOException("inventory answered " + response.statusCode() + " for " + sku);
    }
    return OptionalInt.of(Integer.parseInt(response.body().trim()));
  }
}

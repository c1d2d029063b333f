package dev.cancelguard.checks;

import com.google.errorprone.BugCheckerRefactoringTestHelper;
import com.google.errorprone.CompilationTestHelper;
import org.junit.jupiter.api.Test;

/**
 * A walk through items whose rounds each start blocking work of their own (a request for the item,
 * a connection to it), where the catch takes the interrupt as one more failure of an item: recorded
 * and restored after the walk, the interrupted thread would still do every remaining round's work;
 * restored at once, every remaining round would fail into the catch as if its item had failed. No
 * fix; the finding stays and says what to decide. Next to each, the neighbours that keep the
 * record: a walk that only waits for its items (the work goes on whether the thread waits or not),
 * also through a lookup by index or a local of the round, and a catch of the interrupt alone.
 */
class SwallowedInterruptItemWalkTest {
  private final BugCheckerRefactoringTestHelper refactoring =
      BugCheckerRefactoringTestHelper.newInstance(SwallowedInterrupt.class, getClass());
  private final CompilationTestHelper compilation =
      CompilationTestHelper.newInstance(SwallowedInterrupt.class, getClass());

  private static final String METADATA_SCAN =
      """
      import java.util.Set;
      import java.util.concurrent.CompletableFuture;
      class MetadataScan {
        interface Manager { CompletableFuture<String> readMetadata(long id); }
        private final Manager manager;
        MetadataScan(Manager manager) { this.manager = manager; }
        int scan(Set<Long> ledgers) {
          int checked = 0;
          for (Long id : ledgers) {
            try {
              String metadata = manager.readMetadata(id).get();
              checked += metadata.length();
            } catch (Throwable t) {
              System.err.println("failed to read " + id);
            }
          }
          return checked;
        }
      }
      """;

  private static final String PARTITION_STOP =
      """
      import java.util.List;
      import java.util.function.BiConsumer;
      class Partitions {
        void deleteAll(List<String> partitions, BiConsumer<String, Throwable> errorHandler) {
          for (String partition : partitions) {
            try {
              deleteRemoteData(partition);
            } catch (Exception e) {
              errorHandler.accept(partition, e);
            }
          }
        }
        private void deleteRemoteData(String partition) throws InterruptedException {
          Thread.sleep(10);
        }
      }
      """;

  @Test
  void noFix_aWalkThatReadsEachItemsMetadataAnew() {
    refactoring.addInputLines("MetadataScan.java", METADATA_SCAN).expectUnchanged().doTest();
  }

  @Test
  void reported_aWalkThatReadsEachItemsMetadataAnew() {
    compilation
        .addSourceLines(
            "MetadataScan.java",
            METADATA_SCAN.replace(
                "} catch (Throwable t) {",
                "// BUG: Diagnostic contains: doing every remaining item's blocking work\n"
                    + "      } catch (Throwable t) {"))
        .doTest();
  }

  @Test
  void noFix_aWalkThatDeletesEachItemThroughAHelperThatWaits() {
    refactoring.addInputLines("Partitions.java", PARTITION_STOP).expectUnchanged().doTest();
  }

  @Test
  void reported_aWalkThatDeletesEachItemThroughAHelperThatWaits() {
    compilation
        .addSourceLines(
            "Partitions.java",
            PARTITION_STOP.replace(
                "} catch (Exception e) {",
                "// BUG: Diagnostic contains: (line 7) fail at once into this catch\n"
                    + "      } catch (Exception e) {"))
        .doTest();
  }

  // ------------------------------------------------------ neighbours that keep the record

  @Test
  void record_aWalkThatWaitsForEachItemByIndex() {
    refactoring
        .addInputLines(
            "Results.java",
            """
            import java.util.List;
            import java.util.concurrent.Future;
            class Results {
              static void awaitAll(List<Future<?>> results) {
                for (int i = 0; i < results.size(); i++) {
                  try {
                    Future<?> result = results.get(i);
                    result.get();
                  } catch (Exception e) {
                    System.err.println(e);
                  }
                }
              }
            }
            """)
        .addOutputLines(
            "Results.java",
            """
            import java.util.List;
            import java.util.concurrent.Future;
            class Results {
              static void awaitAll(List<Future<?>> results) {
                boolean interrupted = false;
                try {
                  for (int i = 0; i < results.size(); i++) {
                    try {
                      Future<?> result = results.get(i);
                      result.get();
                    } catch (Exception e) {
                      if (e instanceof InterruptedException) {
                        interrupted = true;
                      }
                      System.err.println(e);
                    }
                  }
                } finally {
                  if (interrupted) {
                    Thread.currentThread().interrupt();
                  }
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void record_aWalkThatWaitsForWhatEachItemHolds() {
    refactoring
        .addInputLines(
            "Listeners.java",
            """
            import java.util.List;
            import java.util.concurrent.Future;
            class Listeners {
              interface Listener { Future<Boolean> future(); }
              static boolean all(List<Listener> listeners) {
                boolean result = true;
                for (Listener listener : listeners) {
                  try {
                    result &= listener.future().get();
                  } catch (Exception e) {
                    System.err.println(e);
                  }
                }
                return result;
              }
            }
            """)
        .addOutputLines(
            "Listeners.java",
            """
            import java.util.List;
            import java.util.concurrent.Future;
            class Listeners {
              interface Listener { Future<Boolean> future(); }
              static boolean all(List<Listener> listeners) {
                boolean result = true;
                boolean interrupted = false;
                try {
                  for (Listener listener : listeners) {
                    try {
                      result &= listener.future().get();
                    } catch (Exception e) {
                      if (e instanceof InterruptedException) {
                        interrupted = true;
                      }
                      System.err.println(e);
                    }
                  }
                } finally {
                  if (interrupted) {
                    Thread.currentThread().interrupt();
                  }
                }
                return result;
              }
            }
            """)
        .doTest();
  }

  @Test
  void record_aWalkWithNewWorkWhoseCatchTakesOnlyTheInterrupt() {
    refactoring
        .addInputLines(
            "MetadataScan.java",
            METADATA_SCAN
                .replace(
                    "import java.util.Set;",
                    "import java.util.Set;\nimport java.util.concurrent.ExecutionException;")
                .replace(
                    "} catch (Throwable t) {",
                    "} catch (ExecutionException e) {\n"
                        + "        System.err.println(e);\n"
                        + "      } catch (InterruptedException e) {"))
        .addOutputLines(
            "MetadataScan.java",
            """
            import java.util.Set;
            import java.util.concurrent.ExecutionException;
            import java.util.concurrent.CompletableFuture;
            class MetadataScan {
              interface Manager { CompletableFuture<String> readMetadata(long id); }
              private final Manager manager;
              MetadataScan(Manager manager) { this.manager = manager; }
              int scan(Set<Long> ledgers) {
                int checked = 0;
                boolean interrupted = false;
                try {
                  for (Long id : ledgers) {
                    try {
                      String metadata = manager.readMetadata(id).get();
                      checked += metadata.length();
                    } catch (ExecutionException e) {
                      System.err.println(e);
                    } catch (InterruptedException e) {
                      interrupted = true;
                      System.err.println("failed to read " + id);
                    }
                  }
                } finally {
                  if (interrupted) {
                    Thread.currentThread().interrupt();
                  }
                }
                return checked;
              }
            }
            """)
        .doTest();
  }
}

package com.example;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/** Runs a batch of jobs on a pool of its own, and waits for them. */
public final class Workers {
  public void runAll(Iterable<Runnable> jobs) throws InterruptedException {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      for (Runnable job : jobs) {
        pool.execute(job);
      }
    } finally {
      pool.shutdown();
      pool.awaitTermination(1, TimeUnit.MINUTES);
    }
  }
}

package com.example;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** Runs a batch of jobs on a pool of its own. */
public final class Workers {
  public void runAll(Iterable<Runnable> jobs) {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    for (Runnable job : jobs) {
      pool.execute(job);
    }
  }
}

package com.example;

/** Sends a heartbeat every second until it is interrupted. */
public final class Heartbeat implements Runnable {
  @Override
  public void run() {
    for (int beat = 0; beat < 10; beat++) {
      System.out.println("beat " + beat);
      try {
        Thread.sleep(1000);
      } catch (InterruptedException e) {
        System.out.println("heartbeat paused");
      }
    }
  }
}

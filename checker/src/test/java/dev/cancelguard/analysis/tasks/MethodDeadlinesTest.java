package dev.cancelguard.analysis.tasks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** Which parameter names give a timeout's unit. */
class MethodDeadlinesTest {
  @Test
  void unitFromTheEndOfATimeoutsName() {
    assertEquals("MILLISECONDS", MethodDeadlines.unitOfTimeout("timeoutMs"));
    assertEquals("MILLISECONDS", MethodDeadlines.unitOfTimeout("closeTimeoutMillis"));
    assertEquals("MILLISECONDS", MethodDeadlines.unitOfTimeout("timeout_ms"));
    assertEquals("MILLISECONDS", MethodDeadlines.unitOfTimeout("TIMEOUT_MS"));
    assertEquals("NANOSECONDS", MethodDeadlines.unitOfTimeout("waitNanos"));
    assertEquals("SECONDS", MethodDeadlines.unitOfTimeout("graceSeconds"));
    assertEquals("MINUTES", MethodDeadlines.unitOfTimeout("lingerMinutes"));
  }

  @Test
  void noUnitWithoutATimeoutWordOrAUnitOrForADeadline() {
    assertNull(MethodDeadlines.unitOfTimeout("timeout"));
    assertNull(MethodDeadlines.unitOfTimeout("delayMs"));
    assertNull(MethodDeadlines.unitOfTimeout("startMillis"));
    assertNull(MethodDeadlines.unitOfTimeout("deadlineNanos"));
    assertNull(MethodDeadlines.unitOfTimeout("timeoutCount"));
    assertNull(MethodDeadlines.unitOfTimeout("ms"));
  }
}

package dev.cancelguard.analysis;

/**
 * What a helper method does for cancellation, as a project states it (a {@code -XepOpt} flag, an
 * annotation of {@code cancelguard-annotations}) or {@link LibraryModels} knows it.
 */
public enum HelperRole {
  /** Sets the current thread's interrupt flag ({@code @RestoresInterrupt}). */
  RESTORES_INTERRUPT("RestoresInterrupt"),
  /** Waits until the executor or thread it is given or called on has terminated. */
  AWAITS_TERMINATION("AwaitsTermination"),
  /** Notices an interrupt without declaring {@link InterruptedException}. */
  CANCELLATION_POINT("CancellationPoint");

  private final String annotationName;

  HelperRole(String annotationName) {
    this.annotationName = annotationName;
  }

  /** The simple name of the annotation that gives a method this role. */
  public String annotationName() {
    return annotationName;
  }
}

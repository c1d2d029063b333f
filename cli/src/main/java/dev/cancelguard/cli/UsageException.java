package dev.cancelguard.cli;

/** A usage or setup error: printed as one line, exit code 2. */
final class UsageException extends Exception {
  UsageException(String message) {
    super(message);
  }
}

/**
 * Annotations that tell CancelGuard what a project's own concurrency helpers do, so that its checks
 * understand a call to a helper in another file or jar. They have no effect at run time.
 */
package dev.cancelguard.annotations;

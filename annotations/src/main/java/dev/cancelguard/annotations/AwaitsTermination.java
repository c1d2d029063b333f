package dev.cancelguard.annotations;

import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.RetentionPolicy.CLASS;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/**
 * The method waits until an executor or thread has terminated: the executors and threads passed to
 * it, or the object it is called on; a call with no arguments on {@code this} (or a static call in
 * the same class) waits for everything the class runs.
 *
 * <p>After {@code pool.shutdown()}, a call such as {@code Pools.awaitQuietly(pool)} counts as the
 * wait for {@code pool}.
 *
 * <p>Kept in the class file ({@link java.lang.annotation.RetentionPolicy#CLASS CLASS} retention),
 * not at run time: CancelGuard reads it from the compiled helper, so it works when the helper is in
 * another file, another module or a jar.
 */
@Documented
@Retention(CLASS)
@Target(METHOD)
public @interface AwaitsTermination {}

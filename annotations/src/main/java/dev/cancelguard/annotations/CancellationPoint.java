package dev.cancelguard.annotations;

import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.RetentionPolicy.CLASS;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/**
 * The method notices an interrupt: it checks the current thread's interrupt flag and gives up
 * (throws, for example a {@code CancellationException}) when it is set, or blocks in a way an
 * interrupt ends, without declaring {@link InterruptedException}.
 *
 * <p>A loop that calls it can be stopped by an interrupt.
 *
 * <p>Kept in the class file ({@link java.lang.annotation.RetentionPolicy#CLASS CLASS} retention),
 * not at run time: CancelGuard reads it from the compiled helper, so it works when the helper is in
 * another file, another module or a jar.
 */
@Documented
@Retention(CLASS)
@Target(METHOD)
public @interface CancellationPoint {}

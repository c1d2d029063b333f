package dev.cancelguard.annotations;

import static java.lang.annotation.ElementType.CONSTRUCTOR;
import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.RetentionPolicy.CLASS;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/**
 * The method (or constructor) sets the current thread's interrupt flag, like {@code
 * Thread.currentThread().interrupt()}: when it is handed an {@link InterruptedException}, or
 * always.
 *
 * <p>A catch that calls it has restored the interrupt, also where the call builds what is thrown or
 * returned ({@code throw Exceptions.wrapInterrupt(e)}).
 *
 * <p>Kept in the class file ({@link java.lang.annotation.RetentionPolicy#CLASS CLASS} retention),
 * not at run time: CancelGuard reads it from the compiled helper, so it works when the helper is in
 * another file, another module or a jar.
 */
@Documented
@Retention(CLASS)
@Target({METHOD, CONSTRUCTOR})
public @interface RestoresInterrupt {}

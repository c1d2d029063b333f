package com.rabbitmq.client;

/**
 * Convenient interface when working against auto-recovery connections.
 *
 * @since 4.0.0
 */
public interface RecoverableConnection extends Recoverable, Connection {

}

/** Observability abstractions. */
package com.rabbitmq.client.observation;

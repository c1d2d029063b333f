/** Micrometer-based observability implementation. */
package com.rabbitmq.client.observation.micrometer;

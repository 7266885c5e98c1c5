package org.gridlens.server;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The server logs through Logback: no dependency may bring an SLF4J provider that swallows the logs. */
class LoggingBackendTest {

    @Test
    void logs_go_to_logback_not_to_a_silent_provider() {
        assertThat(LoggerFactory.getILoggerFactory()).isInstanceOf(ch.qos.logback.classic.LoggerContext.class);
    }
}

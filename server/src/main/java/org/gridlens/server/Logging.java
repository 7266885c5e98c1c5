package org.gridlens.server;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.joran.spi.JoranException;
import org.gridlens.server.config.GridLensConfig;
import org.slf4j.LoggerFactory;

/** Applies the configured log format (text or one JSON object per line) and level, once at start-up. */
final class Logging {

    private Logging() {
    }

    static void configure(GridLensConfig config) {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext ctx)) {
            return;
        }
        if (config.logFormat().equals("json")) {
            try {
                JoranConfigurator jc = new JoranConfigurator();
                jc.setContext(ctx);
                ctx.reset();
                jc.doConfigure(Logging.class.getResource("/logback-json.xml"));
            } catch (JoranException e) {
                System.err.println("gridlens: could not switch to JSON logs: " + e.getMessage());
            }
        }
        ctx.getLogger("org.gridlens").setLevel(Level.toLevel(config.logLevel(), Level.INFO));
    }
}

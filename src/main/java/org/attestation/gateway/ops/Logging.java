package org.attestation.gateway.ops;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.Encoder;
import org.attestation.gateway.config.GatewayConfig;
import org.attestation.gateway.config.LogFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Structured logs on standard output: key=value text or one JSON object per line. */
public final class Logging {

    /** Text lines: time, level, thread, logger, message, then the event's key=value pairs. */
    static final String TEXT_PATTERN = "%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX} %-5level [%thread] %logger{24} - %msg %kvp%n";

    private Logging() {
    }

    /** Routes Vert.x's own logging through SLF4J; call before the first Vert.x class loads. */
    public static void routeVertxLogging() {
        System.setProperty("vertx.logger-delegate-factory-class-name", "io.vertx.core.logging.SLF4JLogDelegateFactory");
    }

    public static void configure(GatewayConfig.Log settings) {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return;
        }
        context.reset();
        Encoder<ILoggingEvent> encoder;
        if (settings.format() == LogFormat.JSON) {
            JsonEncoder json = new JsonEncoder();
            json.setContext(context);
            encoder = json;
        } else {
            PatternLayoutEncoder text = new PatternLayoutEncoder();
            text.setContext(context);
            text.setPattern(TEXT_PATTERN);
            encoder = text;
        }
        encoder.start();
        ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
        console.setContext(context);
        console.setName("console");
        console.setEncoder(encoder);
        console.start();
        var root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.toLevel(settings.level(), Level.INFO));
        root.addAppender(console);
        // Netty is chatty at debug level and says nothing an operator of the gateway acts on.
        context.getLogger("io.netty").setLevel(Level.WARN);
        // Vert.x registers one gauge per consumer; several worker instances on one address make Micrometer
        // warn that the gauge exists already. The metric is still exported once.
        context.getLogger("io.micrometer.core.instrument.MeterRegistry").setLevel(Level.ERROR);
        // The embedded PostgreSQL narrates every step at INFO; EmbeddedDatabase logs the one line that matters.
        context.getLogger("io.zonky").setLevel(Level.WARN);
    }
}

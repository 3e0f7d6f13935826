package io.enginebench.testsupport;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.WriterAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.Configurator;
import org.apache.logging.log4j.core.layout.PatternLayout;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Everything a server in this JVM prints or logs while open: {@code System.out}/{@code System.err} (still shown)
 * and every log4j event of the named loggers at every level, debug included, whatever the configuration says.
 * For leak checks ("the token appears nowhere"); modules without log4j cannot use it.
 */
public final class CapturedOutput implements AutoCloseable {
    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private final StringWriter logged = new StringWriter();
    private final PrintStream out = System.out;
    private final PrintStream err = System.err;
    private final WriterAppender appender;
    private final Map<String, Level> levels = new LinkedHashMap<>();

    public CapturedOutput(String... loggers) {
        System.setOut(new PrintStream(new Tee(out), true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(new Tee(err), true, StandardCharsets.UTF_8));
        LoggerContext ctx = (LoggerContext) LogManager.getContext(false);
        Configuration config = ctx.getConfiguration();
        appender = WriterAppender.createAppender(PatternLayout.newBuilder().withPattern("%p %c: %m%n")
                .withConfiguration(config).build(), null, logged, "captured-output", false, true);
        appender.start();
        config.getRootLogger().addAppender(appender, Level.ALL, null);
        for (String name : loggers) {
            levels.put(name, LogManager.getLogger(name).getLevel());
            Configurator.setLevel(name, Level.ALL);
        }
        ctx.updateLoggers();
    }

    /** What was printed and logged so far. */
    public String text() {
        synchronized (printed) {
            return printed.toString(StandardCharsets.UTF_8) + "\n" + logged;
        }
    }

    @Override
    public void close() {
        System.setOut(out);
        System.setErr(err);
        LoggerContext ctx = (LoggerContext) LogManager.getContext(false);
        ctx.getConfiguration().getRootLogger().removeAppender(appender.getName());
        levels.forEach(Configurator::setLevel);
        ctx.updateLoggers();
        appender.stop();
    }

    private final class Tee extends OutputStream {
        private final OutputStream original;

        Tee(OutputStream original) {
            this.original = original;
        }

        @Override
        public void write(int b) throws IOException {
            synchronized (printed) {
                printed.write(b);
            }
            original.write(b);
        }
    }
}

package io.enginebench.pipeline.flightsql;

import io.enginebench.pipeline.access.ServerAccess;
import io.enginebench.pipeline.access.TlsFiles;
import io.enginebench.pipeline.sql.QueryEngine;
import io.enginebench.pipeline.sql.TestEngines;
import io.enginebench.testsupport.CapturedOutput;
import io.enginebench.testsupport.TestCertificate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Token authentication and TLS of the Flight SQL endpoint, through the JDBC driver as DBeaver uses it. */
class SqlServerSecurityTest {
    private static final String TOKEN = "tok-" + UUID.randomUUID();
    @TempDir
    static Path dir;
    private static CapturedOutput captured;
    private static TestCertificate cert;
    /** Per engine: with a token, and with a token and TLS. */
    private static final Map<String, SqlServer> plainServers = new HashMap<>();
    private static final Map<String, SqlServer> tlsServers = new HashMap<>();

    @BeforeAll
    static void start() throws Exception {
        captured = new CapturedOutput("io.enginebench", "org.apache.arrow");
        cert = TestCertificate.create(dir);
        for (String name : TestEngines.NAMES) {
            Supplier<QueryEngine> engine = () -> TestEngines.open(name);
            plainServers.put(name, SqlServer.start(engine, "127.0.0.1", 0, ServerAccess.of(TOKEN, null, false)));
            tlsServers.put(name, SqlServer.start(engine, "127.0.0.1", 0,
                    ServerAccess.of(TOKEN, new TlsFiles(cert.certificate(), cert.privateKey()), false)));
        }
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            for (SqlServer s : plainServers.values()) s.close();
            for (SqlServer s : tlsServers.values()) s.close();
        } finally {
            captured.close();
        }
    }

    private static long countRuns(String url, Properties props) throws SQLException {
        try (Connection c = DriverManager.getConnection(url, props); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT count(*) FROM runs")) {
            assertThat(rs.next()).isTrue();
            return rs.getLong(1);
        }
    }

    private static String plainUrl(String engine) {
        return plainServers.get(engine).jdbcUrl("127.0.0.1");
    }

    private static SqlServer tls(String engine) {
        return tlsServers.get(engine);
    }

    private static Properties props(String... kv) {
        Properties p = new Properties();
        for (int i = 0; i < kv.length; i += 2) p.setProperty(kv[i], kv[i + 1]);
        return p;
    }

    @ParameterizedTest(name = "{0}")
    @FieldSource("io.enginebench.pipeline.sql.TestEngines#NAMES")
    void noTokenOrAWrongTokenIsRefused(String engine) {
        assertThatThrownBy(() -> countRuns(plainUrl(engine), props()))
                .isInstanceOf(SQLException.class).hasStackTraceContaining("UNAUTHENTICATED");
        assertThatThrownBy(() -> countRuns(plainUrl(engine), props("token", "not-" + TOKEN)))
                .isInstanceOf(SQLException.class).hasStackTraceContaining("UNAUTHENTICATED");
        assertThatThrownBy(() -> countRuns(plainUrl(engine), props("user", "me", "password", "wrong")))
                .isInstanceOf(SQLException.class).hasStackTraceContaining("UNAUTHENTICATED");
    }

    @ParameterizedTest(name = "{0}")
    @FieldSource("io.enginebench.pipeline.sql.TestEngines#NAMES")
    void theTokenWorksAsBearerTokenAndAsBasicPassword(String engine) throws Exception {
        assertThat(countRuns(plainUrl(engine), props("token", TOKEN))).isEqualTo(3);
        assertThat(countRuns(plainUrl(engine), props("user", "analyst", "password", TOKEN))).isEqualTo(3);
    }

    @ParameterizedTest(name = "{0}")
    @FieldSource("io.enginebench.pipeline.sql.TestEngines#NAMES")
    void tlsRoundTripVerifiesTheSelfSignedCertificate(String engine) throws Exception {
        assertThat(tls(engine).jdbcUrl("localhost")).contains("useEncryption=true");
        assertThat(countRuns(tls(engine).jdbcUrl("localhost"),
                props("token", TOKEN, "tlsRootCerts", cert.certificate().toString()))).isEqualTo(3);
        // a client that does not trust the certificate gets no data
        assertThatThrownBy(() -> countRuns(tls(engine).jdbcUrl("localhost"), props("token", TOKEN)))
                .isInstanceOf(SQLException.class);
        // a plain-text client neither
        String plainText = "jdbc:arrow-flight-sql://127.0.0.1:" + tls(engine).port() + "?useEncryption=false";
        assertThatThrownBy(() -> countRuns(plainText, props("token", TOKEN))).isInstanceOf(SQLException.class);
    }

    @ParameterizedTest(name = "{0}")
    @FieldSource("io.enginebench.pipeline.sql.TestEngines#NAMES")
    void anOversizedRequestIsRefusedBeforeItReachesTheEngine(String engine) {
        String huge = "SELECT '" + "x".repeat(SqlServer.MAX_MESSAGE_BYTES + 1024) + "' AS s";
        assertThatThrownBy(() -> {
            try (Connection c = DriverManager.getConnection(plainUrl(engine), props("token", TOKEN));
                 Statement st = c.createStatement()) {
                st.executeQuery(huge);
            }
        }).isInstanceOf(SQLException.class).hasStackTraceContaining("RESOURCE_EXHAUSTED");
    }

    @ParameterizedTest(name = "{0}")
    @FieldSource("io.enginebench.pipeline.sql.TestEngines#NAMES")
    void theTokenNeverReachesTheOutputOrTheFilesAround(String engine) throws Exception {
        assertThatThrownBy(() -> countRuns(plainUrl(engine), props("token", "x" + TOKEN)))
                .isInstanceOf(SQLException.class);
        countRuns(plainUrl(engine), props("token", TOKEN));
        org.slf4j.LoggerFactory.getLogger(getClass()).debug("capture check");
        assertThat(captured.text()).contains("capture check").doesNotContain(TOKEN);
        assertThat(ServerAccess.of(TOKEN, null, false).toString()).doesNotContain(TOKEN);
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                assertThat(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1)).as(f.toString())
                        .doesNotContain(TOKEN);
            }
        }
    }
}

package io.enginebench.pipeline.flightsql;

import io.enginebench.pipeline.access.ServerAccess;
import io.enginebench.pipeline.access.TlsFiles;
import io.enginebench.pipeline.spark.SharedSpark;
import io.enginebench.pipeline.sql.TestWarehouse;
import io.enginebench.testsupport.CapturedOutput;
import io.enginebench.testsupport.TestCertificate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.UUID;
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
    private static SqlServer plain;
    private static SqlServer tls;

    @BeforeAll
    static void start() throws Exception {
        captured = new CapturedOutput("io.enginebench", "org.apache.arrow");
        cert = TestCertificate.create(dir);
        ServerAccess withToken = ServerAccess.of(TOKEN, null, false);
        plain = SqlServer.start(SharedSpark.get(), new TestWarehouse(), "127.0.0.1", 0, withToken);
        tls = SqlServer.start(SharedSpark.get(), new TestWarehouse(), "127.0.0.1", 0,
                ServerAccess.of(TOKEN, new TlsFiles(cert.certificate(), cert.privateKey()), false));
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            if (plain != null) plain.close();
            if (tls != null) tls.close();
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

    private static Properties props(String... kv) {
        Properties p = new Properties();
        for (int i = 0; i < kv.length; i += 2) p.setProperty(kv[i], kv[i + 1]);
        return p;
    }

    @Test
    void noTokenOrAWrongTokenIsRefused() {
        assertThatThrownBy(() -> countRuns(plain.jdbcUrl("127.0.0.1"), props()))
                .isInstanceOf(SQLException.class).hasStackTraceContaining("UNAUTHENTICATED");
        assertThatThrownBy(() -> countRuns(plain.jdbcUrl("127.0.0.1"), props("token", "not-" + TOKEN)))
                .isInstanceOf(SQLException.class).hasStackTraceContaining("UNAUTHENTICATED");
        assertThatThrownBy(() -> countRuns(plain.jdbcUrl("127.0.0.1"), props("user", "me", "password", "wrong")))
                .isInstanceOf(SQLException.class).hasStackTraceContaining("UNAUTHENTICATED");
    }

    @Test
    void theTokenWorksAsBearerTokenAndAsBasicPassword() throws Exception {
        assertThat(countRuns(plain.jdbcUrl("127.0.0.1"), props("token", TOKEN))).isEqualTo(3);
        assertThat(countRuns(plain.jdbcUrl("127.0.0.1"), props("user", "analyst", "password", TOKEN))).isEqualTo(3);
    }

    @Test
    void tlsRoundTripVerifiesTheSelfSignedCertificate() throws Exception {
        assertThat(tls.jdbcUrl("localhost")).contains("useEncryption=true");
        assertThat(countRuns(tls.jdbcUrl("localhost"),
                props("token", TOKEN, "tlsRootCerts", cert.certificate().toString()))).isEqualTo(3);
        // a client that does not trust the certificate gets no data
        assertThatThrownBy(() -> countRuns(tls.jdbcUrl("localhost"), props("token", TOKEN)))
                .isInstanceOf(SQLException.class);
        // a plain-text client neither
        assertThatThrownBy(() -> countRuns("jdbc:arrow-flight-sql://127.0.0.1:" + tls.port() + "?useEncryption=false",
                props("token", TOKEN))).isInstanceOf(SQLException.class);
    }

    @Test
    void anOversizedRequestIsRefusedBeforeItReachesSpark() {
        String huge = "SELECT '" + "x".repeat(SqlServer.MAX_MESSAGE_BYTES + 1024) + "' AS s";
        assertThatThrownBy(() -> {
            try (Connection c = DriverManager.getConnection(plain.jdbcUrl("127.0.0.1"), props("token", TOKEN));
                 Statement st = c.createStatement()) {
                st.executeQuery(huge);
            }
        }).isInstanceOf(SQLException.class).hasStackTraceContaining("RESOURCE_EXHAUSTED");
    }

    @Test
    void theTokenNeverReachesTheOutputOrTheFilesAround() throws Exception {
        assertThatThrownBy(() -> countRuns(plain.jdbcUrl("127.0.0.1"), props("token", "x" + TOKEN)))
                .isInstanceOf(SQLException.class);
        countRuns(plain.jdbcUrl("127.0.0.1"), props("token", TOKEN));
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

package io.enginebench.dashboard.http;

import io.enginebench.dashboard.DashboardConfig;
import io.enginebench.dashboard.DashboardServer;
import io.enginebench.pipeline.access.ServerAccess;
import io.enginebench.pipeline.access.TlsFiles;
import io.enginebench.testsupport.TestCertificate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code bench serve --tls-cert/--tls-key}: HTTPS with a self-signed certificate the client trusts explicitly. */
class DashboardTlsTest {
    @TempDir Path tmp;

    @Test
    void httpsRoundTripWithTokenAndSecureCookie() throws Exception {
        TestCertificate cert = TestCertificate.create(tmp);
        String token = "tok-" + UUID.randomUUID();
        DashboardConfig cfg = DashboardConfig.defaults().withPort(0)
                .withDirs(tmp.resolve("raw-results"), tmp.resolve("warehouse"), tmp.resolve("reports"))
                .withAccess(ServerAccess.of(token, new TlsFiles(cert.certificate(), cert.privateKey()), false), List.of());
        try (DashboardServer d = DashboardServer.start(cfg, DashboardAccessTest.noSpark(tmp))) {
            assertThat(d.url()).startsWith("https://");
            HttpClient client = HttpClient.newBuilder().sslContext(trusting(cert.certificate())).build();
            URI status = URI.create("https://localhost:" + d.port() + "/api/status");
            HttpResponse<String> ok = client.send(HttpRequest.newBuilder(status)
                    .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(ok.statusCode()).isEqualTo(200);
            HttpResponse<String> denied = client.send(HttpRequest.newBuilder(status).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(denied.statusCode()).isEqualTo(401);
            HttpResponse<String> login = client.send(HttpRequest.newBuilder(
                    URI.create("https://localhost:" + d.port() + "/?token=" + token)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(login.statusCode()).isEqualTo(303);
            assertThat(login.headers().firstValue("set-cookie")).get().asString().containsIgnoringCase("Secure");
            // plain HTTP on the TLS port gets nothing
            assertThatThrownBy(() -> HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://localhost:" + d.port() + "/api/status")).build(),
                    HttpResponse.BodyHandlers.ofString())).isInstanceOf(java.io.IOException.class);
        }
    }

    private static SSLContext trusting(Path certPem) throws Exception {
        KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
        trust.load(null, null);
        try (InputStream in = Files.newInputStream(certPem)) {
            trust.setCertificateEntry("dashboard", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, tmf.getTrustManagers(), null);
        return ctx;
    }
}

package io.enginebench.pipeline.access;

import io.enginebench.trace.UserFacingException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ServerAccessTest {
    @Test
    void aNonLoopbackBindWithoutATokenIsRefusedUnlessTheUserInsists() {
        assertThatThrownBy(() -> ServerAccess.open().checkBind("0.0.0.0", "serve"))
                .isInstanceOf(UserFacingException.class)
                .hasMessageContaining("0.0.0.0").hasMessageContaining("--token-env").hasMessageContaining("--insecure-no-auth");
        assertThat(ServerAccess.of(null, null, true).checkBind("0.0.0.0", "serve")).get().asString()
                .startsWith("WARNING").contains("no authentication");
        assertThat(ServerAccess.open().checkBind("127.0.0.1", "serve")).isEmpty();
        assertThat(ServerAccess.open().checkBind("localhost", "serve")).isEmpty();
        assertThat(ServerAccess.open().checkBind("::1", "serve")).isEmpty();
        assertThat(ServerAccess.of("secret", null, false).checkBind("0.0.0.0", "serve")).get().asString()
                .contains("clear text").doesNotContain("secret");
        assertThat(ServerAccess.of("secret", null, false).checkBind("127.0.0.1", "serve")).isEmpty();
    }

    @Test
    void tokensCompareExactlyAndAreNeverShown() {
        ServerAccess access = ServerAccess.of("s3cret-value", null, false);
        assertThat(access.tokenMatches("s3cret-value")).isTrue();
        assertThat(access.tokenMatches("s3cret-valu")).isFalse();
        assertThat(access.tokenMatches(null)).isFalse();
        assertThat(access.toString()).doesNotContain("s3cret");
        assertThat(ServerAccess.open().requiresToken()).isFalse();
        assertThatThrownBy(() -> ServerAccess.of(" ", null, false)).isInstanceOf(UserFacingException.class);
    }

    @Test
    void aTokenWithTlsOnANonLoopbackBindStartsWithoutWarning(@TempDir Path dir) throws Exception {
        TlsFiles tls = new TlsFiles(Files.writeString(dir.resolve("c.pem"), "c"), Files.writeString(dir.resolve("k.pem"), "k"));
        assertThat(ServerAccess.of("secret", tls, false).checkBind("0.0.0.0", "serve")).isEmpty();
    }

    @Test
    void tlsNeedsBothReadableFiles(@TempDir Path dir) throws Exception {
        Path cert = Files.writeString(dir.resolve("c.pem"), "x");
        assertThat(TlsFiles.ofNullable(null, null)).isNull();
        assertThatThrownBy(() -> TlsFiles.ofNullable(cert, null)).isInstanceOf(UserFacingException.class)
                .hasMessageContaining("--tls-key");
        assertThatThrownBy(() -> TlsFiles.ofNullable(cert, dir.resolve("missing.pem")))
                .isInstanceOf(UserFacingException.class).hasMessageContaining("missing.pem");
    }
}

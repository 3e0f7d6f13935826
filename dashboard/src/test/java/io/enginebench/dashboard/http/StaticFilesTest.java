package io.enginebench.dashboard.http;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class StaticFilesTest {
    @TempDir Path tmp;

    @Test
    void servesFilesUnderTheRootAndNothingElse() throws Exception {
        Path root = Files.createDirectories(tmp.resolve("reports"));
        Files.writeString(root.resolve("a.html"), "<p>a</p>");
        Files.createDirectories(root.resolve("sub"));
        Files.writeString(root.resolve("sub/index.html"), "sub index");
        Files.writeString(tmp.resolve("secret.txt"), "secret");
        StaticFiles files = new StaticFiles(root);

        Response a = files.serve("a.html");
        assertThat(a.status()).isEqualTo(200);
        assertThat(a.contentType()).startsWith("text/html");
        assertThat(new String(a.body(), StandardCharsets.UTF_8)).isEqualTo("<p>a</p>");
        assertThat(new String(files.serve("sub/").body(), StandardCharsets.UTF_8)).isEqualTo("sub index");
        assertThat(files.serve("sub/../a.html").status()).isEqualTo(200);  // stays inside: allowed
        assertThat(files.serve("missing.html").status()).isEqualTo(404);

        for (String attack : new String[] {"../secret.txt", "%2e%2e/secret.txt", "%2E%2E%2Fsecret.txt",
                "sub/../../secret.txt", "..%2fsecret.txt", "/" + tmp.resolve("secret.txt"),
                "%2F" + tmp.resolve("secret.txt").toString().substring(1), "..%5csecret.txt", "a.html%00.txt"}) {
            Response r = files.serve(attack);
            assertThat(r.status()).as(attack).isEqualTo(403);
            assertThat(new String(r.body(), StandardCharsets.UTF_8)).as(attack).doesNotContain("secret\"").isNotEqualTo("secret");
        }
    }

    @Test
    void symbolicLinksLeavingTheRootAreRefused() throws Exception {
        Path root = Files.createDirectories(tmp.resolve("reports"));
        Files.writeString(tmp.resolve("secret.txt"), "secret");
        Files.createSymbolicLink(root.resolve("link.txt"), tmp.resolve("secret.txt"));
        assertThat(new StaticFiles(root).serve("link.txt").status()).isEqualTo(403);
    }
}

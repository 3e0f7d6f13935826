package io.enginebench.dashboard.http;

import io.netty.handler.codec.http.QueryStringDecoder;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Serves files from one directory (the reports). The request path is percent-decoded first, then resolved and
 * normalised; the result must still lie under the root, after symbolic links are followed too. So {@code ..},
 * {@code %2e%2e}, encoded slashes and absolute paths can never leave the directory.
 */
public final class StaticFiles {
    private final Path root;

    public StaticFiles(Path root) { this.root = root.toAbsolutePath().normalize(); }

    /** @param rawRest the part of the URL path after the mount point, still percent-encoded */
    public Response serve(String rawRest) throws IOException {
        Optional<Path> file = resolve(rawRest);
        if (file.isEmpty()) return Response.error(403, "path outside the served directory");
        Path f = file.get();
        if (Files.isDirectory(f)) f = f.resolve("index.html");
        if (!Files.isRegularFile(f)) return Response.error(404, "not found");
        Path real = f.toRealPath();
        if (!Files.exists(root) || !real.startsWith(root.toRealPath())) {
            return Response.error(403, "path outside the served directory");
        }
        return new Response(200, ContentTypes.of(f.getFileName().toString()), Files.readAllBytes(real));
    }

    /** The file a request names, or empty when the name would leave the root. */
    public Optional<Path> resolve(String rawRest) {
        String decoded = QueryStringDecoder.decodeComponent(rawRest == null ? "" : rawRest);
        if (decoded.indexOf('\0') >= 0 || decoded.indexOf('\\') >= 0) return Optional.empty();
        // "/reports//etc/passwd" or "/reports/%2Fetc%2Fpasswd" must not become the absolute path /etc/passwd
        if (decoded.startsWith("/")) return Optional.empty();
        try {
            Path candidate = root.resolve(decoded).normalize();
            return candidate.startsWith(root) ? Optional.of(candidate) : Optional.empty();
        } catch (InvalidPathException e) {
            return Optional.empty();
        }
    }
}

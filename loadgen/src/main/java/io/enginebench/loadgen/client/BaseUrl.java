package io.enginebench.loadgen.client;

import io.enginebench.trace.UserFacingException;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * A parsed engine base URL such as {@code http://127.0.0.1:8000} or {@code https://host/prefix}.
 *
 * @param pathPrefix prepended to every request path ("" or e.g. {@code /prefix}, without trailing slash)
 */
public record BaseUrl(boolean tls, String host, int port, String pathPrefix) {

    public static BaseUrl parse(String url) {
        URI uri;
        try {
            uri = new URI(url.trim());
        } catch (URISyntaxException e) {
            throw new UserFacingException("not a valid base URL: " + url);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new UserFacingException("base URL must start with http:// or https://: " + url);
        }
        if (uri.getHost() == null) {
            throw new UserFacingException("base URL has no host: " + url);
        }
        boolean tls = scheme.equals("https");
        int port = uri.getPort() > 0 ? uri.getPort() : (tls ? 443 : 80);
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        while (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        if (path.endsWith("/v1")) {
            path = path.substring(0, path.length() - 3); // request paths already start with /v1
        }
        return new BaseUrl(tls, uri.getHost(), port, path);
    }

    /** The Host header value: the port only when it is not the scheme's default. */
    public String hostHeader() {
        String h = host.contains(":") ? "[" + host + "]" : host;
        return (tls && port == 443) || (!tls && port == 80) ? h : h + ":" + port;
    }

    public String resolve(String path) {
        return pathPrefix + path;
    }

    @Override
    public String toString() {
        return (tls ? "https://" : "http://") + hostHeader() + pathPrefix;
    }
}

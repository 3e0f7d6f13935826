package io.enginebench.dashboard.http;

import io.enginebench.trace.UserFacingException;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which web pages may talk to the dashboard. A browser names the page that makes a request in {@code Origin}
 * (always on a WebSocket upgrade and on cross-site fetches): it must be the dashboard's own origin
 * ({@code scheme://} + the request's {@code Host}) or one of the allowed origins. On a loopback bind the
 * {@code Host} must also be a loopback name (or an allowed origin's host), so that a foreign site whose DNS name was
 * pointed at 127.0.0.1 (DNS rebinding) is not taken for the dashboard itself. Requests without {@code Origin}
 * (curl, scripts, plain navigation) are not from another page and pass.
 */
public final class OriginCheck {
    private static final Set<String> LOOPBACK_HOSTS = Set.of("localhost", "[::1]", "::1");
    /** Numeric only: {@code 127.0.0.1.evil.example} is a name an attacker controls. */
    private static final Pattern LOOPBACK_V4 = Pattern.compile("127(\\.\\d{1,3}){3}");

    private final String scheme;
    private final Set<String> allowedOrigins = new LinkedHashSet<>();
    private final Set<String> allowedHosts = new LinkedHashSet<>();
    private final boolean loopbackBind;

    /**
     * @param allowedOrigins further origins such as {@code https://dash.example:8443}
     * @param loopbackBind   the server listens on a loopback address only
     */
    public OriginCheck(boolean tls, List<String> allowedOrigins, boolean loopbackBind) {
        this.scheme = tls ? "https" : "http";
        this.loopbackBind = loopbackBind;
        for (String o : allowedOrigins) {
            String origin = normalise(o);
            URI u = parse(origin);
            if (u == null || u.getScheme() == null || u.getHost() == null
                    || (u.getPath() != null && !u.getPath().isEmpty())) {
                throw new UserFacingException("--allowed-origin " + o + " is not an origin (scheme://host[:port])");
            }
            this.allowedOrigins.add(origin);
            this.allowedHosts.add(u.getHost().toLowerCase(Locale.ROOT));
        }
    }

    /** Null when the request may go on, else why not (one line, for the 403 answer). */
    public String refusal(HttpHeaders headers) {
        String host = headers.get(HttpHeaderNames.HOST);
        if (loopbackBind && host != null && !loopbackOrAllowed(hostName(host))) {
            return "Host " + host + " is not this dashboard";
        }
        String origin = headers.get(HttpHeaderNames.ORIGIN);
        if (origin == null) return null;
        String o = normalise(origin);
        if (host != null && o.equals(scheme + "://" + host.toLowerCase(Locale.ROOT))) return null;
        if (allowedOrigins.contains(o)) return null;
        return "Origin " + origin + " is not allowed (--allowed-origin adds one)";
    }

    private boolean loopbackOrAllowed(String hostName) {
        return LOOPBACK_HOSTS.contains(hostName) || LOOPBACK_V4.matcher(hostName).matches()
                || allowedHosts.contains(hostName);
    }

    /** The host name of a {@code Host} header, without the port ({@code [::1]:3000} → {@code [::1]}). */
    static String hostName(String hostHeader) {
        String h = hostHeader.toLowerCase(Locale.ROOT).strip();
        if (h.startsWith("[")) {
            int end = h.indexOf(']');
            return end < 0 ? h : h.substring(0, end + 1);
        }
        int colon = h.indexOf(':');
        return colon < 0 ? h : h.substring(0, colon);
    }

    private static URI parse(String s) {
        try {
            return new URI(s);
        } catch (URISyntaxException e) {
            return null;
        }
    }

    private static String normalise(String origin) {
        String o = origin.strip().toLowerCase(Locale.ROOT);
        return o.endsWith("/") ? o.substring(0, o.length() - 1) : o;
    }
}

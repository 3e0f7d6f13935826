package io.enginebench.pipeline.access;

import io.enginebench.trace.UserFacingException;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

/**
 * Who may use a server ({@code bench serve}, {@code bench sql-server}) and how it is reached: the bearer token (if
 * any), the TLS files (if any) and whether the user explicitly accepted an unauthenticated non-loopback bind.
 * {@link #toString()} never shows the token, so the settings can be printed or logged safely.
 */
public final class ServerAccess {
    private final byte[] token;
    private final TlsFiles tls;
    private final boolean insecureNoAuth;

    private ServerAccess(String token, TlsFiles tls, boolean insecureNoAuth) {
        this.token = token == null ? null : token.getBytes(StandardCharsets.UTF_8);
        this.tls = tls;
        this.insecureNoAuth = insecureNoAuth;
    }

    /** No token, no TLS: what the servers did before, fine on loopback. */
    public static ServerAccess open() {
        return new ServerAccess(null, null, false);
    }

    public static ServerAccess of(String token, TlsFiles tls, boolean insecureNoAuth) {
        if (token != null && token.isBlank()) throw new UserFacingException("the access token is empty");
        return new ServerAccess(token == null ? null : token.strip(), tls, insecureNoAuth);
    }

    public boolean requiresToken() {
        return token != null;
    }

    /** Compares in constant time, so the answer's timing does not reveal how much of a guess was right. */
    public boolean tokenMatches(String candidate) {
        if (token == null) return true;
        if (candidate == null) return false;
        return MessageDigest.isEqual(token, candidate.getBytes(StandardCharsets.UTF_8));
    }

    public Optional<TlsFiles> tls() {
        return Optional.ofNullable(tls);
    }

    /**
     * Refuses a non-loopback bind without a token (anyone on the network would read every run), unless the user
     * said {@code --insecure-no-auth}; returns the warning to print at start in that case, or when a token would
     * cross the network without TLS.
     */
    public Optional<String> checkBind(String bind, String server) {
        if (isLoopback(bind)) return Optional.empty();
        if (token != null) {
            return tls != null ? Optional.empty() : Optional.of("WARNING: " + server + " on " + bind
                    + " without TLS: the token and the data cross the network in clear text (--tls-cert/--tls-key)");
        }
        if (!insecureNoAuth) {
            throw new UserFacingException(server + " on " + bind + " would be open to anyone who can reach it: "
                    + "set --token-env NAME (or bind 127.0.0.1 and use an SSH tunnel); --insecure-no-auth overrides");
        }
        return Optional.of("WARNING: " + server + " on " + bind + " has no authentication (--insecure-no-auth): "
                + "anyone who can reach the port reads every table");
    }

    /** True for loopback addresses and names; a name that does not resolve counts as not loopback. */
    public static boolean isLoopback(String bind) {
        try {
            return InetAddress.getByName(bind).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    @Override
    public String toString() {
        return "ServerAccess[token=" + (token == null ? "none" : "set") + ", tls=" + (tls == null ? "off" : "on")
                + ", insecureNoAuth=" + insecureNoAuth + "]";
    }
}

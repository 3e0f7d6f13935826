package io.enginebench.dashboard.http;

import io.enginebench.pipeline.access.ServerAccess;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.cookie.Cookie;
import io.netty.handler.codec.http.cookie.CookieHeaderNames;
import io.netty.handler.codec.http.cookie.DefaultCookie;
import io.netty.handler.codec.http.cookie.ServerCookieDecoder;
import io.netty.handler.codec.http.cookie.ServerCookieEncoder;
import io.netty.util.ReferenceCountUtil;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The one door every request passes before routing, the WebSocket upgrade included: a well-formed request within
 * {@link ConnectionLimits}, an allowed {@code Origin}/{@code Host} ({@link OriginCheck}) and, when the server has a
 * token, proof of it: {@code Authorization: Bearer TOKEN}, or the session cookie a browser gets by sending the
 * token once (the login form's {@code POST /login}, or {@code ?token=} on any page, answered by a redirect that drops
 * it from the address bar). Everything else gets 400/403/401 and the connection is closed.
 */
@ChannelHandler.Sharable
public final class AccessGate extends ChannelInboundHandlerAdapter {
    static final String LOGIN_PATH = "/login";
    private static final String BEARER = "Bearer ";

    private final ServerAccess access;
    private final OriginCheck origins;
    private final ClasspathAssets assets;
    private final boolean tls;
    private final LoginSessions sessions = new LoginSessions();

    public AccessGate(ServerAccess access, OriginCheck origins, ClasspathAssets assets) {
        this.access = access;
        this.origins = origins;
        this.assets = assets;
        this.tls = access.tls().isPresent();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof FullHttpRequest req)) {
            ctx.fireChannelRead(msg);
            return;
        }
        Response refusal;
        try {
            refusal = check(req);
        } catch (RuntimeException | IOException e) {
            refusal = Response.error(400, "bad request");
        }
        if (refusal == null) {
            ctx.fireChannelRead(req);
        } else {
            boolean head = HttpMethod.HEAD.equals(req.method());
            ReferenceCountUtil.release(req);
            ResponseWriter.write(ctx, refusal, false, head);
        }
    }

    /** Null when the request goes on to the router or the live feed, else the answer that ends it. */
    private Response check(FullHttpRequest req) throws IOException {
        if (!req.decoderResult().isSuccess()) {
            return req.decoderResult().cause() instanceof TooLongFrameException
                    ? Response.error(431, "request line or headers too large")
                    : Response.error(400, "malformed request");
        }
        String originRefusal = origins.refusal(req.headers());
        if (originRefusal != null) return Response.error(403, originRefusal);
        if (!access.requiresToken()) return null;
        String path = new QueryStringDecoder(req.uri()).path();
        if (HttpMethod.POST.equals(req.method()) && path.equals(LOGIN_PATH)) {
            String token = firstParameter("?" + req.content().toString(StandardCharsets.UTF_8), "token");
            return access.tokenMatches(token) ? loggedIn("/") : loginRequired(req, "wrong token");
        }
        // a token in the URL is always exchanged here, so that it never travels further (router, logs)
        String urlToken = firstParameter(req.uri(), "token");
        if (urlToken != null) {
            return access.tokenMatches(urlToken) && HttpMethod.GET.equals(req.method())
                    ? loggedIn(sameSitePath(req.uri())) : loginRequired(req, "wrong token");
        }
        if (hasBearerToken(req.headers()) || sessions.isOpen(sessionCookie(req.headers()))) return null;
        return loginRequired(req, "authentication required");
    }

    /** The request's own path for the redirect; never {@code //host…}, which a browser would take for another site. */
    private static String sameSitePath(String uri) {
        String raw = uri.split("[?#]", 2)[0];
        return raw.startsWith("/") && !raw.startsWith("//") && !raw.contains("\\") ? raw : "/";
    }

    private boolean hasBearerToken(HttpHeaders headers) {
        String auth = headers.get(HttpHeaderNames.AUTHORIZATION);
        return auth != null && auth.regionMatches(true, 0, BEARER, 0, BEARER.length())
                && access.tokenMatches(auth.substring(BEARER.length()).strip());
    }

    private static String sessionCookie(HttpHeaders headers) {
        String header = headers.get(HttpHeaderNames.COOKIE);
        if (header == null) return null;
        for (Cookie c : ServerCookieDecoder.STRICT.decode(header)) {
            if (LoginSessions.COOKIE.equals(c.name())) return c.value();
        }
        return null;
    }

    private Response loggedIn(String location) {
        DefaultCookie cookie = new DefaultCookie(LoginSessions.COOKIE, sessions.open());
        cookie.setPath("/");
        cookie.setHttpOnly(true);
        cookie.setSecure(tls);
        cookie.setSameSite(CookieHeaderNames.SameSite.Strict);
        return Response.seeOther(location).withHeader(HttpHeaderNames.SET_COOKIE.toString(),
                ServerCookieEncoder.STRICT.encode(cookie));
    }

    /** A browser asking for a page gets the login form; an API or WebSocket client a JSON 401. */
    private Response loginRequired(FullHttpRequest req, String why) throws IOException {
        String accept = req.headers().get(HttpHeaderNames.ACCEPT, "");
        boolean upgrade = req.headers().containsValue(HttpHeaderNames.CONNECTION, HttpHeaderValues.UPGRADE, true);
        Response r = Response.error(401, why);
        if (accept.contains("text/html") && !upgrade) {
            r = assets.get("login.html").map(page -> page.withStatus(401)).orElse(r);
        }
        return r.withHeader(HttpHeaderNames.WWW_AUTHENTICATE.toString(), "Bearer realm=\"bench serve\"");
    }

    private static String firstParameter(String uri, String name) {
        List<String> values = new QueryStringDecoder(uri).parameters().get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }
}

package io.enginebench.dashboard.http;

import io.enginebench.dashboard.results.ResultsApi;
import io.enginebench.dashboard.results.RunFilter;
import io.enginebench.trace.UserFacingException;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.QueryStringDecoder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;

/**
 * Routes plain HTTP requests. Nothing here runs on the event loop except parsing the request line: every answer is
 * built on the worker executor (Spark queries and file reads may take a while) and written back from there.
 */
@ChannelHandler.Sharable
public final class HttpRouter extends SimpleChannelInboundHandler<FullHttpRequest> {
    private static final Logger LOG = LoggerFactory.getLogger(HttpRouter.class);

    private final ResultsApi api;
    private final StaticFiles reports;
    private final ClasspathAssets assets;
    private final ExecutorService workers;

    public HttpRouter(ResultsApi api, StaticFiles reports, ClasspathAssets assets, ExecutorService workers) {
        this.api = api;
        this.reports = reports;
        this.assets = assets;
        this.workers = workers;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
        boolean keepAlive = HttpUtil.isKeepAlive(req);
        boolean head = HttpMethod.HEAD.equals(req.method());
        if (!HttpMethod.GET.equals(req.method()) && !head) {
            ResponseWriter.write(ctx, Response.error(405, "only GET is supported"), keepAlive, false);
            return;
        }
        String uri = req.uri();
        try {
            workers.execute(() -> ResponseWriter.write(ctx, answerSafely(uri), keepAlive, head));
        } catch (RejectedExecutionException e) {
            ResponseWriter.write(ctx, Response.error(503, "shutting down"), false, head);
        }
    }

    /** Every request gets an answer, whatever goes wrong while building it (a silent failure would hang the client). */
    private Response answerSafely(String uri) {
        try {
            return answer(uri);
        } catch (Throwable e) {  // an Error from a library must still be answered
            LOG.error("{} failed", uri, e);
            return Response.error(500, e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    /** Builds the answer to one GET; package-visible for tests. */
    Response answer(String uri) {
        QueryStringDecoder q = new QueryStringDecoder(uri);
        // the raw (still encoded) path, so that StaticFiles decodes exactly once and sees every trick
        String rawPath = uri.split("[?#]", 2)[0];
        try {
            if (rawPath.equals("/") || rawPath.equals("/index.html")) return asset("index.html");
            if (rawPath.startsWith("/assets/")) return asset(rawPath.substring("/assets/".length()));
            if (rawPath.equals("/reports") || rawPath.startsWith("/reports/")) {
                return reports.serve(rawPath.length() <= "/reports/".length() ? "" : rawPath.substring("/reports/".length()));
            }
            String path = q.path();
            if (path.equals("/api/runs")) {
                return Response.json(api.runs(RunFilter.of(p(q, "model"), p(q, "engine"), p(q, "variant"),
                        p(q, "scenario"), p(q, "date"))));
            }
            if (path.startsWith("/api/runs/")) {
                String id = path.substring("/api/runs/".length());
                return api.run(id).map(Response::json).orElseGet(() -> Response.error(404, "no run " + id));
            }
            if (path.equals("/api/compare")) {
                return Response.json(api.compare(p(q, "scenario"), p(q, "model"), p(q, "baseline"), p(q, "candidate"),
                        p(q, "fail_on_regression")));
            }
            if (path.equals("/api/status")) return Response.json(api.status());
            return Response.error(404, "not found");
        } catch (UserFacingException e) {
            return Response.error(400, e.getMessage());
        } catch (IOException | RuntimeException e) {
            LOG.warn("{} failed", uri, e);
            return Response.error(500, e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    private Response asset(String name) throws IOException {
        return assets.get(name).orElseGet(() -> Response.error(404, "not found"));
    }

    private static String p(QueryStringDecoder q, String name) {
        List<String> values = q.parameters().getOrDefault(name, List.of());
        return values.isEmpty() ? null : values.get(0);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.debug("connection error: {}", cause.toString());
        ctx.close();
    }

}

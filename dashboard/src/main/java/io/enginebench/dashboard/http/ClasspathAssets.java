package io.enginebench.dashboard.http;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The page's own files, bundled as resources, and plotly.js from its webjar. Names are plain file names (no
 * directories), so a request can only reach the files put there on purpose. Contents are cached after first use.
 */
public final class ClasspathAssets {
    private static final String WEB = "io/enginebench/dashboard/web/";
    private static final Pattern PLAIN_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
    /** The webjar ships only the unminified bundle; it is served under the name the page asks for. */
    private static final Map<String, String> ALIASES = Map.of(
            "plotly.min.js", "META-INF/resources/webjars/plotly.js-dist/2.35.3/plotly.js");

    private final Map<String, Response> cache = new ConcurrentHashMap<>();

    public Optional<Response> get(String name) throws IOException {
        if (name == null || !PLAIN_NAME.matcher(name).matches()) return Optional.empty();
        Response cached = cache.get(name);
        if (cached != null) return Optional.of(cached);
        String resource = ALIASES.getOrDefault(name, WEB + name);
        try (InputStream in = ClasspathAssets.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) return Optional.empty();
            Response r = new Response(200, ContentTypes.of(name), in.readAllBytes());
            cache.put(name, r);
            return Optional.of(r);
        }
    }
}

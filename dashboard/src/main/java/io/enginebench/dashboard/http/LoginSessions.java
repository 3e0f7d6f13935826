package io.enginebench.dashboard.http;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Browser sessions opened by presenting the token once (login form or {@code ?token=}): the browser then holds a
 * random session id in a cookie, never the token itself. Sessions live as long as the server.
 */
final class LoginSessions {
    static final String COOKIE = "bench_session";
    /** Only token holders open sessions; the bound keeps a script that logs in in a loop from growing memory. */
    private static final int MAX_SESSIONS = 10_000;

    private final SecureRandom random = new SecureRandom();
    private final Set<String> ids = ConcurrentHashMap.newKeySet();

    String open() {
        if (ids.size() >= MAX_SESSIONS) ids.clear();
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String id = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        ids.add(id);
        return id;
    }

    boolean isOpen(String id) {
        return id != null && ids.contains(id);
    }
}

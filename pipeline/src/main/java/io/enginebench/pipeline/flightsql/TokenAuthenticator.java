package io.enginebench.pipeline.flightsql;

import io.enginebench.pipeline.access.ServerAccess;
import org.apache.arrow.flight.CallStatus;
import org.apache.arrow.flight.auth2.BasicCallHeaderAuthenticator;
import org.apache.arrow.flight.auth2.GeneratedBearerTokenAuthenticator;

/**
 * Flight's own header authentication with the server's token: a client may send it as a bearer token directly
 * (JDBC {@code token=}) or as the password of the basic handshake with any user name (JDBC {@code user=}/
 * {@code password=}, DBeaver), which Arrow answers with a generated session bearer token for the later calls.
 */
final class TokenAuthenticator extends GeneratedBearerTokenAuthenticator {
    static final String PEER = "bench";

    private final ServerAccess access;

    TokenAuthenticator(ServerAccess access) {
        super(new BasicCallHeaderAuthenticator((user, password) -> {
            if (!access.tokenMatches(password)) throw CallStatus.UNAUTHENTICATED.withDescription("wrong token")
                    .toRuntimeException();
            return () -> PEER;
        }));
        this.access = access;
    }

    @Override
    protected AuthResult validateBearer(String bearerToken) {
        if (access.tokenMatches(bearerToken)) return () -> PEER;
        return super.validateBearer(bearerToken);  // a session token issued after a basic handshake
    }
}

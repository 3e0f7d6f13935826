package io.enginebench.pipeline.cli;

import io.enginebench.pipeline.access.ServerAccess;
import io.enginebench.pipeline.access.TlsFiles;
import io.enginebench.trace.UserFacingException;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.function.Function;

/** {@code --token-env}, {@code --tls-cert}, {@code --tls-key}, {@code --insecure-no-auth}: shared by the servers. */
public final class ServerAccessOptions {
    @Option(names = "--token-env", paramLabel = "NAME",
            description = "require the bearer token held in this environment variable (the token itself is never "
                    + "given on the command line, printed or written)")
    String tokenEnv;
    @Option(names = "--tls-cert", paramLabel = "PEM", description = "serve TLS with this certificate chain (PEM)")
    Path tlsCert;
    @Option(names = "--tls-key", paramLabel = "PEM", description = "the private key of --tls-cert (PEM, PKCS#8)")
    Path tlsKey;
    @Option(names = "--insecure-no-auth",
            description = "allow a non-loopback --bind without --token-env (prints a warning)")
    boolean insecureNoAuth;

    public ServerAccess resolve() {
        return resolve(System::getenv);
    }

    /** Reads the token from the environment variable named by {@code --token-env}. */
    public ServerAccess resolve(Function<String, String> env) {
        String token = null;
        if (tokenEnv != null) {
            token = env.apply(tokenEnv);
            if (token == null || token.isBlank()) {
                throw new UserFacingException("environment variable " + tokenEnv + " (--token-env) is not set");
            }
        }
        return ServerAccess.of(token, TlsFiles.ofNullable(tlsCert, tlsKey), insecureNoAuth);
    }
}

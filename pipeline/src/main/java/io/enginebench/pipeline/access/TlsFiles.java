package io.enginebench.pipeline.access;

import io.enginebench.trace.UserFacingException;

import java.nio.file.Files;
import java.nio.file.Path;

/** A PEM certificate chain and its PEM (PKCS#8) private key, checked to be readable when given. */
public record TlsFiles(Path certificate, Path privateKey) {
    public TlsFiles {
        for (Path p : new Path[] {certificate, privateKey}) {
            if (p == null) throw new UserFacingException("TLS needs both --tls-cert and --tls-key");
            if (!Files.isReadable(p)) throw new UserFacingException("cannot read TLS file " + p);
        }
    }

    /** Both paths or neither; one alone is a usage error. */
    public static TlsFiles ofNullable(Path certificate, Path privateKey) {
        if (certificate == null && privateKey == null) return null;
        return new TlsFiles(certificate, privateKey);
    }
}

package dev.yubin.devstack.launcher;

import java.nio.file.Path;

/** A PEM certificate chain and its PKCS#8 PEM private key, as Spring's PEM SSL bundles read them. */
public record TlsFiles(Path certificate, Path privateKey) {}

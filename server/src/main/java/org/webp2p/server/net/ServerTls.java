package org.webp2p.server.net;

import io.netty.channel.Channel;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.ssl.OptionalSslHandler;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.concurrent.ScheduledFuture;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.webp2p.server.config.Config;
import org.webp2p.server.config.ConfigKey;
import org.webp2p.server.config.PrivateFiles;
import org.webp2p.server.config.ServiceName;
import org.webp2p.server.config.TlsSettings;
import org.webp2p.server.service.ServiceContext;

/**
 * TLS for one HTTP service from a PEM certificate chain and key ({@code <service>.tls.cert} and
 * {@code .key}, else {@code tls.cert} and {@code tls.key}), reloaded when either file changes so a
 * renewed certificate (certbot's, say) is served without a restart: connections opened after the
 * change get the new one, open ones keep theirs. A pair that does not load, or whose key does not
 * match its certificate (a renewal caught half-written), leaves the previous one in place.
 *
 * <p>Unless {@code tls.require} is set, a port with TLS answers plain HTTP too, told apart by the
 * first bytes: SDK clients and local tools keep working while browsers use https and wss.
 */
public final class ServerTls implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ServerTls.class);
    /** How often the files are looked at; a renewal is served within this long. */
    static final Duration CHECK_EVERY = Duration.ofSeconds(5);
    private static final Pattern PEM_KEY = Pattern.compile(
            "-----BEGIN ([A-Z ]*)PRIVATE KEY-----([A-Za-z0-9+/=\\s]+)-----END \\1PRIVATE KEY-----");

    private final String service;
    private final Path cert;
    private final Path key;
    private final boolean require;
    private final LongAdder reloads = new LongAdder();
    private final LongAdder reloadFailures = new LongAdder();
    private volatile SslContext context;
    private volatile List<FileStamp> loaded;
    private List<FileStamp> lastFailed = List.of();
    private ScheduledFuture<?> watch;

    /** What tells a replaced file apart: where a link points now, when it was written, how long it is. */
    private record FileStamp(Path real, long modified, long size) {
        static FileStamp of(Path p) throws IOException {
            return new FileStamp(p.toRealPath(), Files.getLastModifiedTime(p).toMillis(), Files.size(p));
        }
    }

    private ServerTls(String service, Path cert, Path key, boolean require) {
        this.service = service;
        this.cert = cert;
        this.key = key;
        this.require = require;
    }

    /** Whether {@code service} has a certificate configured, itself or through {@code tls.cert}. */
    public static boolean configured(Config config, ServiceName service) {
        return !ownOrShared(config, service.tlsCert(), TlsSettings.CERT).isBlank();
    }

    /**
     * Loads the service's certificate and starts watching its files; empty when it has none.
     *
     * @throws IOException naming the file and the reason when it is set but cannot be served
     */
    public static Optional<ServerTls> open(ServiceContext context, ServiceName service) throws IOException {
        Config c = context.config();
        String cert = ownOrShared(c, service.tlsCert(), TlsSettings.CERT);
        String key = ownOrShared(c, service.tlsKey(), TlsSettings.KEY);
        if (cert.isBlank() && key.isBlank()) {
            return Optional.empty();
        }
        if (cert.isBlank() || key.isBlank()) {
            throw new IOException(service + ": TLS needs both a certificate and a key (" + service
                    + ".tls.cert/.key or tls.cert/.key)");
        }
        ServerTls tls = new ServerTls(service.id(), Path.of(cert), Path.of(key), c.get(TlsSettings.REQUIRE));
        PrivateFiles.warnIfOthersCanRead(tls.key, "a TLS private key");
        List<FileStamp> stamps = tls.stamps();
        tls.context = load(tls.cert, tls.key);
        tls.loaded = stamps;
        long every = CHECK_EVERY.toMillis();
        tls.watch = context.netty().io().next()
                .scheduleWithFixedDelay(tls::reloadIfChanged, every, every, TimeUnit.MILLISECONDS);
        return Optional.of(tls);
    }

    private static String ownOrShared(Config c, ConfigKey<String> own, ConfigKey<String> shared) {
        String value = c.get(own);
        return value.isBlank() ? c.get(shared) : value;
    }

    /** Puts TLS first in a new connection's pipeline, with the certificate loaded last. */
    public void install(SocketChannel ch) {
        SslContext current = context;
        ch.pipeline().addFirst("tls", require ? current.newHandler(ch.alloc()) : new OptionalSslHandler(current));
    }

    /** Whether a connection came in over TLS (its pipeline holds the TLS handler once the first bytes said so). */
    public static boolean isSecure(Channel channel) {
        return channel.pipeline().get(SslHandler.class) != null;
    }

    void reloadIfChanged() {
        List<FileStamp> now;
        try {
            now = stamps();
        } catch (IOException e) {
            failed(List.of(), "cannot read " + e.getMessage());
            return;
        }
        if (now.equals(loaded) || now.equals(lastFailed)) {
            return;
        }
        try {
            context = load(cert, key);
            loaded = now;
            reloads.increment();
            log.info("{}: TLS certificate {} reloaded", service, cert);
        } catch (IOException e) {
            failed(now, e.getMessage());
        }
    }

    private void failed(List<FileStamp> stamps, String reason) {
        if (!stamps.equals(lastFailed)) {
            reloadFailures.increment();
            log.warn("{}: keeping the TLS certificate in use: {}", service, reason);
        }
        lastFailed = stamps;
    }

    private List<FileStamp> stamps() throws IOException {
        return List.of(FileStamp.of(cert), FileStamp.of(key));
    }

    /** Reads a PEM chain and key, checks the key signs for the first certificate, and builds a server context. */
    static SslContext load(Path certFile, Path keyFile) throws IOException {
        X509Certificate[] chain;
        try (InputStream in = Files.newInputStream(certFile)) {
            chain = CertificateFactory.getInstance("X.509").generateCertificates(in).stream()
                    .map(X509Certificate.class::cast).toArray(X509Certificate[]::new);
        } catch (GeneralSecurityException | IOException e) {
            throw new IOException(certFile + ": not a PEM certificate chain (" + e.getMessage() + ")", e);
        }
        if (chain.length == 0) {
            throw new IOException(certFile + ": no certificate in it");
        }
        PrivateKey privateKey = privateKey(keyFile, chain[0].getPublicKey());
        try {
            return SslContextBuilder.forServer(privateKey, chain).build();
        } catch (IOException | RuntimeException e) {
            throw new IOException(certFile + ": cannot serve it: " + e.getMessage(), e);
        }
    }

    private static PrivateKey privateKey(Path keyFile, PublicKey certified) throws IOException {
        Matcher m = PEM_KEY.matcher(Files.readString(keyFile, StandardCharsets.US_ASCII));
        if (!m.find()) {
            throw new IOException(keyFile + ": no PEM private key in it");
        }
        if (!m.group(1).isEmpty()) {
            throw new IOException(keyFile + ": a " + m.group(1).strip() + " key; convert it to PKCS#8 with "
                    + "openssl pkcs8 -topk8 -nocrypt -in KEY -out KEY.pk8");
        }
        byte[] der = Base64.getMimeDecoder().decode(m.group(2));
        PrivateKey privateKey;
        try {
            privateKey = KeyFactory.getInstance(certified.getAlgorithm()).generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (GeneralSecurityException e) {
            throw new IOException(keyFile + ": not a " + certified.getAlgorithm() + " key, as the certificate's is", e);
        }
        if (!matches(privateKey, certified)) {
            throw new IOException(keyFile + " is not the key of the certificate");
        }
        return privateKey;
    }

    private static boolean matches(PrivateKey privateKey, PublicKey certified) throws IOException {
        String algorithm = switch (certified.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            case "Ed25519", "Ed448", "EdDSA" -> certified.getAlgorithm();
            default -> throw new IOException("certificates with " + certified.getAlgorithm() + " keys are not supported");
        };
        try {
            byte[] probe = new byte[32];
            new SecureRandom().nextBytes(probe);
            Signature sign = Signature.getInstance(algorithm);
            sign.initSign(privateKey);
            sign.update(probe);
            byte[] signature = sign.sign();
            Signature verify = Signature.getInstance(algorithm);
            verify.initVerify(certified);
            verify.update(probe);
            return verify.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    /** Adds reload counts under {@code tls.} names. */
    public void addTo(Map<String, Number> m) {
        m.put("tls.reloads", reloads.sum());
        m.put("tls.reload-failures", reloadFailures.sum());
    }

    @Override
    public void close() {
        ScheduledFuture<?> w = watch;
        if (w != null) {
            w.cancel(false);
        }
    }
}

package dev.yubin.policy.dkim;

import dev.yubin.core.address.DomainName;
import dev.yubin.policy.directory.Directory;
import dev.yubin.policy.web.NotFoundException;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Service;

/**
 * DKIM keys per local domain: makes them, shows their public half, and signs with them, so that
 * a private key never leaves this service. Decrypted private keys are kept in memory: a stored
 * key never changes (a new key gets a new selector), and signing then costs one RSA operation,
 * no database round trip. The one thing the cache misses is a key deleted with its domain: it
 * signs on here until a restart, which only vouches for mail of a domain we no longer serve.
 */
@Service
class DkimService {

    /** The public side of a key, as the API shows it; {@code record} is the DNS name to publish {@code txt} at. */
    record PublicKeyView(String domain, String selector, String algorithm, String txt, String record) {}

    record SignatureView(String selector, String algorithm, String signature) {}

    private record CachedKey(DkimAlgorithm algorithm, PrivateKey key) {}

    private static final DateTimeFormatter SELECTOR_DATE =
            DateTimeFormatter.ofPattern("yyyyMMdd").withZone(ZoneOffset.UTC);
    private static final char[] SUFFIX_CHARS = "abcdefghijklmnopqrstuvwxyz0123456789".toCharArray();

    private final Directory directory;
    private final DkimKeyStore store;
    private final KeyWrapper wrapper;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, CachedKey> signingKeys = new ConcurrentHashMap<>();

    DkimService(Directory directory, DkimKeyStore store, KeyWrapper wrapper, Clock clock) {
        this.directory = directory;
        this.store = store;
        this.wrapper = wrapper;
        this.clock = clock;
    }

    /**
     * Makes a key pair for a local domain under a fresh selector and makes it the domain's active
     * key for the algorithm.
     *
     * @throws dev.yubin.core.address.AddressException when {@code domainName} is no domain name (400)
     * @throws NotFoundException when it is not a local domain
     */
    PublicKeyView create(String domainName, DkimAlgorithm algorithm) {
        String domain = DomainName.parse(domainName).value();
        if (!directory.isLocalDomain(domain)) {
            throw new NotFoundException("no domain " + domain);
        }
        KeyPair pair;
        try {
            pair = algorithm.generate();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(algorithm.tag() + " keys are part of every Java 17 JRE", e);
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        String selector = newSelector(now);
        byte[] pkcs8 = pair.getPrivate().getEncoded();
        byte[] wrapped;
        PrivateKey signingKey;
        try {
            wrapped = wrapper.wrap(pkcs8, context(domain, selector));
            // in the form the signer uses (see NativeRsa), as a key read back from the store would be
            signingKey = algorithm.privateKey(pkcs8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("a new " + algorithm.tag() + " key does not read back", e);
        } finally {
            Arrays.fill(pkcs8, (byte) 0);
        }
        var key = new DkimKeyStore.StoredKey(domain, selector, algorithm, pair.getPublic().getEncoded(), wrapped, now);
        store.addActive(key);
        // The key is right here: the first signature need not decrypt it again.
        signingKeys.put(cacheKey(domain, selector), new CachedKey(algorithm, signingKey));
        return view(key);
    }

    /** The domain's active key for the algorithm. */
    PublicKeyView active(String domainName, DkimAlgorithm algorithm) {
        String domain = DomainName.parse(domainName).value();
        return store.active(domain, algorithm).map(DkimService::view)
                .orElseThrow(() -> new NotFoundException("no active " + algorithm.tag() + " DKIM key for " + domain));
    }

    /** Signs {@code data} with the key of {@code selector}, active or not. */
    SignatureView sign(String domainName, String selector, byte[] data) {
        String domain = DomainName.parse(domainName).value();
        String cacheKey = cacheKey(domain, selector);
        CachedKey key = signingKeys.get(cacheKey);
        if (key == null) {
            key = load(domain, selector);
            signingKeys.putIfAbsent(cacheKey, key);
        }
        try {
            byte[] signature = key.algorithm().sign(key.key(), data);
            return new SignatureView(selector, key.algorithm().tag(), Base64.getEncoder().encodeToString(signature));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("signing with " + selector + "._domainkey." + domain + " failed", e);
        }
    }

    private CachedKey load(String domain, String selector) {
        DkimKeyStore.StoredKey stored = store.find(domain, selector)
                .orElseThrow(() -> new NotFoundException("no DKIM key " + selector + " for " + domain));
        // An undecryptable key (another master key?) throws here: a 500, logged with the reason.
        byte[] pkcs8 = wrapper.unwrap(stored.wrappedPrivateKey(), context(domain, selector));
        try {
            return new CachedKey(stored.algorithm(), stored.algorithm().privateKey(pkcs8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("stored DKIM key " + selector + " of " + domain + " is unreadable", e);
        } finally {
            Arrays.fill(pkcs8, (byte) 0);
        }
    }

    /** {@code y} + the UTC date + 4 random characters: sortable by age, unique enough, a valid DNS label. */
    private String newSelector(Instant now) {
        StringBuilder selector = new StringBuilder("y").append(SELECTOR_DATE.format(now));
        for (int i = 0; i < 4; i++) {
            selector.append(SUFFIX_CHARS[random.nextInt(SUFFIX_CHARS.length)]);
        }
        return selector.toString();
    }

    private static PublicKeyView view(DkimKeyStore.StoredKey key) {
        return new PublicKeyView(key.domain(), key.selector(), key.algorithm().tag(),
                key.algorithm().txt(key.publicKey()), key.selector() + "._domainkey." + key.domain());
    }

    /** What the wrapped key is bound to: a row copied to another domain or selector does not decrypt. */
    private static String context(String domain, String selector) {
        return "yubin-dkim:" + domain + ":" + selector;
    }

    private static String cacheKey(String domain, String selector) {
        return domain + " " + selector;
    }
}

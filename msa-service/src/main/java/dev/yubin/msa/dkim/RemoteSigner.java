package dev.yubin.msa.dkim;

import dev.yubin.msa.config.MsaProperties;
import dev.yubin.msa.policy.DkimKeyClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClientException;

/**
 * Signs through the policy service. A domain's selector (or the fact that it has no key) is
 * remembered for {@code yubin.msa.dkim.selector-cache-ttl}, so that a message costs one round
 * trip, the signature; a new or rotated key is used after at most that long.
 */
@Component
class RemoteSigner implements Signer {

    private record Cached(Optional<String> selector, Instant expires) {}

    private final DkimKeyClient keys;
    private final Clock clock;
    private final Duration ttl;
    private final Map<String, Cached> selectors = new ConcurrentHashMap<>();

    RemoteSigner(DkimKeyClient keys, Clock clock, MsaProperties msa) {
        this.keys = keys;
        this.clock = clock;
        this.ttl = msa.dkim().selectorCacheTtl();
    }

    @Override
    public Optional<String> selector(String domain) {
        Instant now = clock.instant();
        Cached cached = selectors.get(domain);
        if (cached != null && now.isBefore(cached.expires())) {
            return cached.selector();
        }
        try {
            Optional<String> selector = keys.activeSelector(domain);
            selectors.put(domain, new Cached(selector, now.plus(ttl)));
            return selector;
        } catch (RestClientException e) {
            throw new SigningException("cannot tell the DKIM selector of " + domain, e);
        }
    }

    @Override
    public byte[] sign(String domain, String selector, byte[] data) {
        try {
            return keys.sign(domain, selector, data);
        } catch (RestClientException e) {
            // a rotated or deleted key: ask for the selector afresh next time
            selectors.remove(domain);
            throw new SigningException("cannot sign for " + selector + "._domainkey." + domain, e);
        }
    }
}

package dev.yubin.msa.dkim;

import dev.yubin.msa.config.MsaProperties;
import dev.yubin.msa.policy.DkimKeyClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClientException;

/**
 * Signs through the policy service. A domain's active keys (or the fact that it has none) are
 * remembered for {@code yubin.msa.dkim.selector-cache-ttl}, so that a message costs one round
 * trip per signature; a new or rotated key is used after at most that long.
 */
@Component
class RemoteSigner implements Signer {

    private record Cached(List<SigningKey> keys, Instant expires) {}

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
    public List<SigningKey> keys(String domain) {
        Instant now = clock.instant();
        Cached cached = selectors.get(domain);
        if (cached != null && now.isBefore(cached.expires())) {
            return cached.keys();
        }
        try {
            List<SigningKey> active = new ArrayList<>();
            for (String algorithm : SigningKey.ALGORITHMS) {
                keys.activeSelector(domain, algorithm).ifPresent(selector -> active.add(new SigningKey(algorithm, selector)));
            }
            selectors.put(domain, new Cached(List.copyOf(active), now.plus(ttl)));
            return List.copyOf(active);
        } catch (RestClientException e) {
            throw new SigningException("cannot tell the DKIM keys of " + domain, e);
        }
    }

    @Override
    public byte[] sign(String domain, SigningKey key, byte[] data) {
        try {
            return keys.sign(domain, key.selector(), key.algorithm(), data);
        } catch (RestClientException e) {
            // a rotated or deleted key: ask for the keys afresh next time
            selectors.remove(domain);
            throw new SigningException("cannot sign for " + key.selector() + "._domainkey." + domain, e);
        }
    }
}

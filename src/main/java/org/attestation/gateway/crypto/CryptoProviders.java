package org.attestation.gateway.crypto;

import java.security.NoSuchAlgorithmException;
import java.security.Provider;
import java.security.Security;
import java.security.Signature;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chooses the JCA providers for the hot path. Preference: the Amazon Corretto Crypto Provider (native
 * AWS-LC, about 35 times the JDK's P-256 verify rate), then BouncyCastle (pure Java, about 15 times), then
 * whatever the JDK offers. A provider that does not load on this machine is skipped with its reason.
 * The native provider is also installed first in the JVM-wide list so every library benefits;
 * BouncyCastle is added last, for the algorithms nobody else has.
 */
public final class CryptoProviders {

    private static final Logger LOG = LoggerFactory.getLogger(CryptoProviders.class);
    private static final String ACCP_CLASS = "com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider";

    /** Signature algorithms the gateway uses, each with the key type it reports under. */
    public static final String EC_P256_VERIFY = "SHA256withECDSA";
    public static final String RSA_SIGN = "SHA256withRSA";

    private static volatile CryptoProviders installed;

    private final List<Provider> preferred;
    private final List<String> skipped;
    private final Map<String, Provider> byAlgorithm = new ConcurrentHashMap<>();

    CryptoProviders(List<Provider> preferred, List<String> skipped) {
        this.preferred = List.copyOf(preferred);
        this.skipped = List.copyOf(skipped);
    }

    /** Installs the providers once per JVM and returns the selection. */
    public static CryptoProviders install() {
        CryptoProviders current = installed;
        if (current == null) {
            synchronized (CryptoProviders.class) {
                current = installed;
                if (current == null) {
                    current = select(List.of(CryptoProviders::loadNative, BouncyCastleProvider::new));
                    current.registerJvmWide();
                    installed = current;
                }
            }
        }
        return current;
    }

    /** Loads each candidate in order of preference; a candidate that fails is skipped with its reason. */
    static CryptoProviders select(List<Supplier<Provider>> candidates) {
        List<Provider> loaded = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (Supplier<Provider> candidate : candidates) {
            try {
                loaded.add(candidate.get());
            } catch (RuntimeException | LinkageError e) {
                skipped.add(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
            }
        }
        return new CryptoProviders(loaded, skipped);
    }

    private static Provider loadNative() {
        try {
            Provider accp = (Provider) Class.forName(ACCP_CLASS).getField("INSTANCE").get(null);
            Throwable loadingError = (Throwable) accp.getClass().getMethod("getLoadingError").invoke(accp);
            if (loadingError != null) {
                throw new IllegalStateException("Amazon Corretto Crypto Provider did not load: " + loadingError);
            }
            // Runs the provider's self-tests; throws when the native library misbehaves on this platform.
            accp.getClass().getMethod("assertHealthy").invoke(accp);
            return accp;
        } catch (ReflectiveOperationException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new IllegalStateException("Amazon Corretto Crypto Provider unavailable: " + cause, cause);
        }
    }

    private void registerJvmWide() {
        for (int i = 0; i < preferred.size(); i++) {
            Provider p = preferred.get(i);
            if (Security.getProvider(p.getName()) != null) {
                continue;
            }
            if (p instanceof BouncyCastleProvider) {
                Security.addProvider(p);
            } else {
                Security.insertProviderAt(p, 1 + i);
            }
        }
    }

    /** The preferred provider that implements a signature algorithm, else the JDK's choice. */
    public Provider signatureProvider(String algorithm) {
        return byAlgorithm.computeIfAbsent(algorithm, alg -> {
            for (Provider p : preferred) {
                if (p.getService("Signature", alg) != null) {
                    return p;
                }
            }
            try {
                return Signature.getInstance(alg).getProvider();
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("no provider implements " + alg, e);
            }
        });
    }

    /** A fresh {@link Signature} from the preferred provider (instances are not thread-safe). */
    public Signature signature(String algorithm) {
        try {
            return Signature.getInstance(algorithm, signatureProvider(algorithm));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Reasons why preferred providers were not loaded. */
    public List<String> skipped() {
        return skipped;
    }

    /** One line for the start log: which provider serves EC and RSA. */
    public String describe() {
        return "EC: " + name(signatureProvider(EC_P256_VERIFY)) + ", RSA: " + name(signatureProvider(RSA_SIGN));
    }

    public void logSelection() {
        for (String reason : skipped) {
            LOG.warn("crypto provider skipped: {}", reason);
        }
        LOG.atInfo().addKeyValue("ec", name(signatureProvider(EC_P256_VERIFY)))
                .addKeyValue("rsa", name(signatureProvider(RSA_SIGN)))
                .log("crypto providers selected");
    }

    private static String name(Provider p) {
        return p.getName() + " " + p.getVersionStr();
    }
}

import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;

/**
 * What one DKIM signature costs this machine's JDK, one core: {@code java bench/SignCost.java}.
 * Every submitted message gets an rsa-sha256 signature (and an ed25519-sha256 one when the
 * domain has that key); the budget in bench/README.md starts from these figures.
 */
public class SignCost {

    public static void main(String[] args) throws Exception {
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        measure("rsa-sha256 (2048 bits)", "SHA256withRSA", rsa.generateKeyPair().getPrivate());
        measure("ed25519-sha256", "Ed25519", KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPrivate());
    }

    private static void measure(String name, String algorithm, PrivateKey key) throws Exception {
        byte[] headers = new byte[600];   // about what a signed header section is
        int rounds = 2000;
        for (int run = 0; run < 3; run++) {   // the first run warms the JIT up
            long start = System.nanoTime();
            for (int i = 0; i < rounds; i++) {
                Signature signature = Signature.getInstance(algorithm);
                signature.initSign(key);
                signature.update(headers);
                signature.sign();
            }
            if (run == 2) {
                System.out.printf("%-24s %.3f ms per signature%n", name, (System.nanoTime() - start) / 1e6 / rounds);
            }
        }
    }
}

package dev.yubin.deploy;

import java.util.List;

/**
 * The listeners of CONTRACT §3, as the container images run them. Inside a container each
 * listener takes a port above 1024 (the devstack's), set by an environment variable in
 * deploy/docker/Dockerfile; compose and the Kubernetes Services map the production port to it.
 */
final class Contract {

    static final List<String> SERVICES = List.of("mta-service", "msa-service", "mda-service", "policy-service");

    /** The HTTP port (REST, actuator) inside every container: server.port's default. */
    static final int HTTP_PORT = 8080;

    /**
     * @param name           the port's name in Kubernetes
     * @param productionPort the port clients use (CONTRACT §3, production column)
     * @param containerPort  the port the JVM binds inside the container
     * @param variable       the environment variable that sets it (Spring relaxed binding)
     * @param publicListener whether anyone on the Internet may connect (LMTP and the Postfix
     *                       policy port have no authentication, so they may not)
     */
    record Listener(String service, String name, int productionPort, int containerPort, String variable,
                    boolean publicListener) {}

    static final List<Listener> LISTENERS = List.of(
            new Listener("mta-service", "smtp", 25, 2525, "YUBIN_MTA_SMTP_PORT", true),
            new Listener("msa-service", "submission", 587, 2587, "YUBIN_MSA_SUBMISSION_PORT", true),
            new Listener("msa-service", "submissions", 465, 2465, "YUBIN_MSA_SUBMISSIONS_PORT", true),
            new Listener("mda-service", "pop3", 110, 2110, "YUBIN_MDA_POP3_PORT", true),
            new Listener("mda-service", "pop3s", 995, 2995, "YUBIN_MDA_POP3S_PORT", true),
            new Listener("mda-service", "imap", 143, 2143, "YUBIN_MDA_IMAP_PORT", true),
            new Listener("mda-service", "imaps", 993, 2993, "YUBIN_MDA_IMAPS_PORT", true),
            new Listener("mda-service", "lmtp", 24, 2424, "YUBIN_MDA_LMTP_PORT", false),
            new Listener("policy-service", "postfix", 9998, 9998, "YUBIN_POLICY_POSTFIX_PORT", false));

    static List<Listener> of(String service) {
        return LISTENERS.stream().filter(l -> l.service().equals(service)).toList();
    }

    private Contract() {}
}

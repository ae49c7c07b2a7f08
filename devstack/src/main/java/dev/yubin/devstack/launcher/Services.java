package dev.yubin.devstack.launcher;

import java.util.List;

/** The names of the four services: module folder, jar name and key in every per-service map. */
public final class Services {

    public static final String POLICY = "policy-service";
    public static final String MDA = "mda-service";
    public static final String MTA = "mta-service";
    public static final String MSA = "msa-service";

    /** In start order: the policy service first, every other one asks it. */
    public static final List<String> ALL = List.of(POLICY, MDA, MTA, MSA);

    private Services() {}

    static String require(String name) {
        if (!ALL.contains(name)) {
            throw new IllegalArgumentException("unknown service '" + name + "', expected one of " + ALL);
        }
        return name;
    }
}

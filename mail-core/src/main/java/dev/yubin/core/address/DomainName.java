package dev.yubin.core.address;

/** A DNS domain name in the form we store and compare: ASCII (A-labels), lower case. */
public record DomainName(String value) {

    public DomainName {
        if (value == null || value.isEmpty()) {
            throw new AddressException("empty domain");
        }
    }

    /** Parses a host name (IDN accepted); refuses address literals and bad labels. */
    public static DomainName parse(String name) {
        if (name == null || name.startsWith("[")) {
            throw new AddressException("not a domain name: " + name);
        }
        return new DomainName(AddressParser.parseDomain(name));
    }

    @Override
    public String toString() {
        return value;
    }
}

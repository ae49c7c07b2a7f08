package dev.yubin.core.address;

/** An address that RFC 5321 does not allow, with the reason. */
public class AddressException extends IllegalArgumentException {

    public AddressException(String reason) {
        super(reason);
    }
}

package dev.yubin.msa.dkim;

/** No DKIM signature now, though the domain has a key: the message must wait (451), not go unsigned. */
public class SigningException extends RuntimeException {

    public SigningException(String message, Throwable cause) {
        super(message, cause);
    }
}

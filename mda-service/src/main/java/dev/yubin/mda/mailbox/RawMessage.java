package dev.yubin.mda.mailbox;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.SequenceInputStream;

/** A copy as served: its delivery header lines, then the shared body, byte for byte. */
public record RawMessage(byte[] deliveryHeaders, byte[] body) {

    public long size() {
        return (long) deliveryHeaders.length + body.length;
    }

    public InputStream open() {
        return new SequenceInputStream(new ByteArrayInputStream(deliveryHeaders), new ByteArrayInputStream(body));
    }
}

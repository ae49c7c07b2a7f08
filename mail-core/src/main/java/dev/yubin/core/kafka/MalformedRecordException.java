package dev.yubin.core.kafka;

/** A Kafka record whose envelope headers cannot be read; it belongs in a dead-letter topic. */
public class MalformedRecordException extends IllegalArgumentException {

    public MalformedRecordException(String message) {
        super(message);
    }
}

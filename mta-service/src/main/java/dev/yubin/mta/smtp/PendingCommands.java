package dev.yubin.mta.smtp;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The command lines a {@link CommandLineFilter} has let through and the {@link ReplyStream} has
 * not yet seen answered, oldest first: SubEthaSMTP answers each command once, in order, so the
 * reply being written belongs to the oldest one. Confined to the session thread.
 */
final class PendingCommands {

    /** A command line: its first four letters in upper case, as SubEthaSMTP dispatches it. */
    record Command(String verb, long id) {}

    /** SubEthaSMTP reads ahead at most a buffer of 8 KiB: more pending commands cannot be real. */
    private static final int MAX_PENDING = 4096;

    private final Deque<Command> pending = new ArrayDeque<>();
    private long nextId;

    Command sent(String verb) {
        Command command = new Command(verb, nextId++);
        if (pending.size() < MAX_PENDING) {
            pending.addLast(command);
        }
        return command;
    }

    /** @return the command the current final reply answers, or null (the greeting, a timeout) */
    Command answered() {
        return pending.pollFirst();
    }
}

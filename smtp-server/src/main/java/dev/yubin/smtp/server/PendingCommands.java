package dev.yubin.smtp.server;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;

/**
 * The command lines a {@link CommandLineFilter} has let through and the {@link ReplyStream} has
 * not yet seen answered, oldest first: SubEthaSMTP answers each command once, in order, so the
 * reply being written belongs to the oldest one. The lines a client sends in answer to an AUTH
 * challenge (334) are read by the AUTH command itself and get no reply of their own: they are
 * not commands. Confined to the session thread.
 */
final class PendingCommands {

    /** A command line: its first four letters in upper case, as SubEthaSMTP dispatches it. */
    record Command(String verb, long id) {}

    /** SubEthaSMTP reads ahead at most a buffer of 8 KiB: more pending commands cannot be real. */
    private static final int MAX_PENDING = 4096;

    private final Deque<Command> pending = new ArrayDeque<>();
    private long nextId;
    private boolean continuationExpected;

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

    /**
     * A 334 challenge was sent for the oldest command: the client's next line answers it.
     *
     * @return that line, when the client pipelined it and it was already taken for a command
     *         (it is forgotten now); null when it has not arrived yet (then
     *         {@link #takeContinuation} tells the filter when it does)
     */
    Command challenged() {
        if (pending.size() > 1) {
            Iterator<Command> oldestFirst = pending.iterator();
            oldestFirst.next();
            Command answer = oldestFirst.next();
            oldestFirst.remove();
            return answer;
        }
        continuationExpected = true;
        return null;
    }

    /** @return true, once, when the line just read answers a challenge and is no command */
    boolean takeContinuation() {
        boolean answer = continuationExpected;
        continuationExpected = false;
        return answer;
    }
}

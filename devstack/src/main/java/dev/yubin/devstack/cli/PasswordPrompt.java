package dev.yubin.devstack.cli;

import java.io.Console;
import java.util.Arrays;

/** Reads a new password twice from the terminal, without echo. */
final class PasswordPrompt {

    private PasswordPrompt() {}

    static String newPassword(String address) {
        Console console = System.console();
        if (console == null) {
            throw new CliException("no terminal to read the password of " + address + " from: pass --password");
        }
        char[] first = console.readPassword("password for %s: ", address);
        char[] second = console.readPassword("again: ");
        try {
            if (first == null || second == null || first.length == 0) {
                throw new CliException("no password given");
            }
            if (!Arrays.equals(first, second)) {
                throw new CliException("the passwords differ");
            }
            return new String(first);
        } finally {
            if (first != null) {
                Arrays.fill(first, ' ');
            }
            if (second != null) {
                Arrays.fill(second, ' ');
            }
        }
    }
}

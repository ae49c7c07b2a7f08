package dev.yubin.smtp.server;

import java.util.regex.Pattern;

/**
 * We advertise ENHANCEDSTATUSCODES (RFC 2034), so every reply but the greeting and the HELO/EHLO
 * answers must carry one. Our own replies do; SubEthaSMTP's built-in ones ({@code 250 Ok},
 * {@code 500 Error: command not implemented}...) do not, and get the code that fits here.
 */
final class EnhancedCodes {

    private static final Pattern HAS_CODE = Pattern.compile("[245]\\.\\d{1,3}\\.\\d{1,3}(\\s.*)?");

    private EnhancedCodes() {}

    /**
     * @param code the reply code
     * @param text the reply text after the code and its space
     * @param verb the first four letters of the command this replies to, upper case, or null
     * @return the text to send: unchanged, or with an enhanced code put first
     */
    static String ensure(int code, String text, String verb) {
        int replyClass = code / 100;
        boolean greeting = code == 220 || (code == 250 && ("HELO".equals(verb) || "EHLO".equals(verb)));
        if (replyClass == 3 || greeting || HAS_CODE.matcher(text).matches()) {
            return text;
        }
        String enhanced = enhanced(code, verb);
        return text.isEmpty() ? enhanced : enhanced + " " + text;
    }

    static String enhanced(int code, String verb) {
        return switch (code) {
            case 235 -> "2.7.0";
            case 250 -> "MAIL".equals(verb) ? "2.1.0" : "RCPT".equals(verb) ? "2.1.5" : "2.0.0";
            case 421 -> "4.4.2";
            case 451 -> "4.3.0";
            case 452 -> "RCPT".equals(verb) ? "4.5.3" : "4.3.1";
            case 454 -> "4.7.0";
            case 500 -> "5.5.2";
            case 501, 504 -> "5.5.4";
            case 502, 503 -> "5.5.1";
            case 530 -> "5.7.0";
            case 552 -> "5.3.4";
            case 553 -> "MAIL".equals(verb) ? "5.1.7" : "5.1.3";
            default -> (code / 100) + ".0.0";
        };
    }
}

package io.supportflow.mail;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signed reply addresses: {@code support+SUP-2026-000042.k3n5…@example.com}. A reply can be matched
 * to its ticket from the recipient alone, even when the client dropped In-Reply-To and References,
 * and nobody can point a mail at a ticket they were never sent a token for.
 * <p>
 * The token is the ticket number, a dot, and the first 80 bits of HMAC-SHA256(secret, "reply:" + number)
 * in lower-case base32 (16 characters, no padding) — lower case and base32 so that a server that folds the
 * local part's case does not break it; the number is compared upper-cased for the same reason (ticket numbers
 * must therefore be unique regardless of case, which the number format guarantees). Verification compares the
 * MACs in constant time ({@link MessageDigest#isEqual}).
 */
public class ReplyTokens {

    /** RFC 5321 limit of the local part of an address. */
    public static final int MAX_LOCAL_PART = 64;
    static final int MIN_SECRET_LENGTH = 32;
    private static final int MAC_BYTES = 10;
    private static final char[] BASE32 = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();
    private static final Pattern NUMBER = Pattern.compile("[A-Za-z0-9-]{1,40}");
    private static final Pattern TOKEN = Pattern.compile("([A-Za-z0-9-]{1,40})\\.([a-zA-Z2-7]{16})");

    private final SecretKeySpec key;

    public ReplyTokens(String secret) {
        if (secret == null || secret.length() < MIN_SECRET_LENGTH) {
            throw new IllegalArgumentException("supportflow.mail.token-secret must be at least " + MIN_SECRET_LENGTH + " characters");
        }
        this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    }

    /** The token for a ticket number, e.g. {@code SUP-2026-000042.k3n5p7q2r4s6t8u2}. */
    public String sign(String ticketNumber) {
        if (ticketNumber == null || !NUMBER.matcher(ticketNumber).matches()) {
            throw new IllegalArgumentException("not a ticket number that fits an address: " + ticketNumber);
        }
        String number = ticketNumber.toUpperCase(Locale.ROOT);
        return number + "." + base32(mac(number));
    }

    /** The ticket number the token was signed for, or empty when the token is forged, truncated or garbled. */
    public Optional<String> verify(String token) {
        if (token == null) {
            return Optional.empty();
        }
        var matcher = TOKEN.matcher(token.strip());
        if (!matcher.matches()) {
            return Optional.empty();
        }
        String number = matcher.group(1).toUpperCase(Locale.ROOT);
        byte[] expected = base32(mac(number)).getBytes(StandardCharsets.US_ASCII);
        byte[] given = matcher.group(2).toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, given) ? Optional.of(number) : Optional.empty();
    }

    /** {@code mailbox} with the signed token as sub-address: {@code support@example.com} → {@code support+TOKEN@example.com}. */
    public String replyAddress(String mailbox, String ticketNumber) {
        int at = mailbox.lastIndexOf('@');
        if (at <= 0 || at == mailbox.length() - 1) {
            throw new IllegalArgumentException("not a mailbox address: " + mailbox);
        }
        String local = mailbox.substring(0, at);
        int plus = local.indexOf('+');
        if (plus >= 0) {
            local = local.substring(0, plus);
        }
        String withToken = local + "+" + sign(ticketNumber);
        if (withToken.length() > MAX_LOCAL_PART) {
            throw new IllegalArgumentException("reply address local part would be " + withToken.length()
                    + " characters, more than the " + MAX_LOCAL_PART + " allowed: use a shorter mailbox name or ticket number");
        }
        return withToken + mailbox.substring(at);
    }

    /** The verified ticket number of a reply address {@code local+TOKEN@domain}; empty when none or forged. */
    public Optional<String> ticketNumberOf(String address) {
        if (address == null) {
            return Optional.empty();
        }
        int at = address.lastIndexOf('@');
        String local = at < 0 ? address : address.substring(0, at);
        int plus = local.indexOf('+');
        return plus < 0 ? Optional.empty() : verify(local.substring(plus + 1));
    }

    private byte[] mac(String number) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return Arrays.copyOf(mac.doFinal(("reply:" + number).getBytes(StandardCharsets.UTF_8)), MAC_BYTES);
        } catch (NoSuchAlgorithmException | InvalidKeyException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    private static String base32(byte[] bytes) {
        StringBuilder out = new StringBuilder();
        int buffer = 0;
        int bits = 0;
        for (byte b : bytes) {
            buffer = (buffer << 8) | (b & 0xff);
            bits += 8;
            while (bits >= 5) {
                out.append(BASE32[(buffer >> (bits - 5)) & 31]);
                bits -= 5;
            }
        }
        if (bits > 0) {
            out.append(BASE32[(buffer << (5 - bits)) & 31]);
        }
        return out.toString();
    }
}

package io.supportflow.mail;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Attachment file names made safe to store and offer for download: no directories ("..\..\evil.exe"
 * becomes "evil.exe"), no control, format or zero-width characters (U+200B, U+202E right-to-left
 * override …), no characters Windows forbids, no leading dots, no reserved device names, at most
 * 200 UTF-8 bytes with the extension kept.
 */
final class FileNames {

    private static final Pattern INVISIBLE = Pattern.compile("[\\p{Cc}\\p{Cf}\\p{Co}\\p{Cn}\\p{Zl}\\p{Zp}\\uFEFF]");
    private static final Pattern FORBIDDEN = Pattern.compile("[<>:\"|?*]");
    private static final Set<String> RESERVED = Set.of("CON", "PRN", "AUX", "NUL",
            "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8", "COM9",
            "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9");
    private static final int MAX_BYTES = 200;

    private FileNames() {
    }

    static String sanitise(String name, String fallback) {
        if (name == null) {
            return fallback;
        }
        String clean = INVISIBLE.matcher(name).replaceAll("");
        int slash = Math.max(clean.lastIndexOf('/'), clean.lastIndexOf('\\'));
        clean = clean.substring(slash + 1);
        clean = FORBIDDEN.matcher(clean).replaceAll("_");
        clean = clean.replaceAll("\\s+", " ").strip();
        clean = clean.replaceAll("^[.\\s]+", "").replaceAll("[.\\s]+$", "");
        if (clean.isEmpty()) {
            return fallback;
        }
        int dot = clean.lastIndexOf('.');
        String base = dot > 0 ? clean.substring(0, dot) : clean;
        if (RESERVED.contains(base.toUpperCase(Locale.ROOT))) {
            clean = "_" + clean;
        }
        return truncate(clean);
    }

    private static String truncate(String name) {
        if (name.getBytes(StandardCharsets.UTF_8).length <= MAX_BYTES) {
            return name;
        }
        int dot = name.lastIndexOf('.');
        String extension = dot > 0 && name.length() - dot <= 10 ? name.substring(dot) : "";
        String base = name.substring(0, name.length() - extension.length());
        int budget = MAX_BYTES - extension.getBytes(StandardCharsets.UTF_8).length;
        StringBuilder out = new StringBuilder();
        int used = 0;
        for (int i = 0; i < base.length(); ) {
            int cp = base.codePointAt(i);
            int bytes = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
            if (used + bytes > budget) {
                break;
            }
            out.appendCodePoint(cp);
            used += bytes;
            i += Character.charCount(cp);
        }
        return out + extension;
    }
}

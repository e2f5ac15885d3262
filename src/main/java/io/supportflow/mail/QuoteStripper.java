package io.supportflow.mail;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Cuts quoted history and the signature from a plain-text reply, keeping what the sender newly wrote.
 * Rules, tried on every line from the top; the first hit cuts the rest of the message:
 * <ul>
 *   <li>an attribution line, possibly wrapped over up to three lines: "On … wrote:" (Gmail, Apple Mail,
 *       Thunderbird), "Le … a écrit :" (French), "Am … schrieb …:" (German), "El … escribió:" (Spanish);</li>
 *   <li>an Outlook separator: "-----Original Message-----" (and its French and German forms), or a header block
 *       "From:/De :/Von:" followed within four lines by "Sent:/Date:/Envoyé :/Gesendet:" and "To:/Subject:/À :/Objet :/An:/Betreff:"
 *       (also when the labels are bold, "*From:*", as Outlook's HTML-to-text gives them), optionally after a line of underscores;</li>
 *   <li>a signature delimiter "-- " (RFC 3676; also without the trailing space), and the mobile
 *       footers "Sent from my iPhone/iPad", "Get Outlook for iOS/Android".</li>
 * </ul>
 * Then every remaining line that starts with "&gt;" (quoted inline) is dropped. A forward marker
 * ("---------- Forwarded message ---------" (Gmail), "Begin forwarded message:" (Apple Mail),
 * "-------- Forwarded Message --------" (Thunderbird), "Début du message réexpédié :") ends the search:
 * everything from it on is kept as written, because a forward's content is what the sender wants us to read.
 */
final class QuoteStripper {

    private static final Pattern ATTRIBUTION = Pattern.compile(
            "^\\s*(On\\s.+\\swrote|Le\\s.+\\sa\\s+écrit|Am\\s.+\\sschrieb.*|El\\s.+\\sescribió)\\s*:\\s*$",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE | Pattern.DOTALL);
    private static final Pattern ORIGINAL_MESSAGE = Pattern.compile(
            "^\\s*-{2,}\\s*(Original Message|Message d'origine|Ursprüngliche Nachricht|Mensaje original)\\s*-{2,}\\s*$",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    private static final Pattern HEADER_FROM = Pattern.compile("^\\s*\\*?(From|De|Von|Van)\\s*:\\*?\\s*\\S.*$", Pattern.CASE_INSENSITIVE);
    private static final Pattern HEADER_SENT = Pattern.compile("^\\s*\\*?(Sent|Date|Envoyé|Gesendet|Verzonden)\\s*:\\*?.*$",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    private static final Pattern HEADER_TO = Pattern.compile("^\\s*\\*?(To|Subject|À|Objet|An|Betreff|Aan|Onderwerp)\\s*:\\*?.*$",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    private static final Pattern FORWARD = Pattern.compile(
            "^\\s*(-{3,}\\s*Forwarded message\\s*-{3,}|Begin forwarded message:|Début du message réexpédié\\s*:"
                    + "|-{3,}\\s*(Message transféré|Weitergeleitete Nachricht)\\s*-{3,})\\s*$",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    private static final Pattern UNDERSCORES = Pattern.compile("^\\s*_{10,}\\s*$");
    private static final Pattern SIGNATURE = Pattern.compile("^--\\s?$");
    private static final Pattern MOBILE_FOOTER = Pattern.compile(
            "^\\s*(Sent from my (iPhone|iPad|Android|mobile device)|Get Outlook for (iOS|Android)|Envoyé de mon (iPhone|iPad))\\s*$",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

    private QuoteStripper() {
    }

    static String strip(String text) {
        if (text == null || text.isBlank()) {
            return "";
        }
        String[] lines = text.replace("\r\n", "\n").replace('\r', '\n').split("\n", -1);
        int cut = lines.length;
        int forward = lines.length;
        for (int i = 0; i < lines.length && cut == lines.length; i++) {
            if (FORWARD.matcher(lines[i]).matches()) {
                forward = i;
                break;
            }
            if (startsHistory(lines, i)) {
                cut = i;
            }
        }
        List<String> kept = new ArrayList<>();
        for (int i = 0; i < cut; i++) {
            if (i >= forward || !lines[i].stripLeading().startsWith(">")) {
                kept.add(lines[i].stripTrailing());
            }
        }
        return String.join("\n", kept).replaceAll("\n{3,}", "\n\n").strip();
    }

    private static boolean startsHistory(String[] lines, int i) {
        String line = lines[i];
        if (SIGNATURE.matcher(line).matches() || MOBILE_FOOTER.matcher(line).matches()
                || ORIGINAL_MESSAGE.matcher(line).matches()) {
            return true;
        }
        // an attribution line, possibly wrapped by the client over up to three lines
        StringBuilder joined = new StringBuilder();
        for (int j = i; j < Math.min(lines.length, i + 3); j++) {
            if (j > i && lines[j].isBlank()) {
                break;
            }
            joined.append(j == i ? "" : " ").append(lines[j].strip());
            if (joined.length() > 300) {
                break;
            }
            if (ATTRIBUTION.matcher(joined).matches()) {
                return true;
            }
        }
        if (UNDERSCORES.matcher(line).matches() && i + 1 < lines.length) {
            int next = nextNonBlank(lines, i + 1);
            return next >= 0 && isHeaderBlock(lines, next);
        }
        return isHeaderBlock(lines, i);
    }

    private static boolean isHeaderBlock(String[] lines, int i) {
        if (!HEADER_FROM.matcher(lines[i]).matches()) {
            return false;
        }
        boolean sent = false;
        boolean toOrSubject = false;
        for (int j = i + 1; j < Math.min(lines.length, i + 5); j++) {
            sent |= HEADER_SENT.matcher(lines[j]).matches();
            toOrSubject |= HEADER_TO.matcher(lines[j]).matches();
        }
        return sent && toOrSubject;
    }

    private static int nextNonBlank(String[] lines, int from) {
        for (int j = from; j < lines.length; j++) {
            if (!lines[j].isBlank()) {
                return j;
            }
        }
        return -1;
    }
}

package io.supportflow.mail;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.jsoup.nodes.Entities;

/**
 * What a reply's mail says about the reply's files, in the mail's language: their names when they are
 * attached; when together they are too large for mail, that they are on the request's portal page, with the link.
 *
 * @param text for the plain-text part: empty, or starting with a blank line
 * @param html for the HTML part: empty, or a paragraph (file names escaped)
 */
record ReplyFileNote(String text, String html) {

    static final ReplyFileNote NONE = new ReplyFileNote("", "");

    static ReplyFileNote of(String language, List<MailAttachments.Stored> files, boolean attached, String pageUrl) {
        if (files.isEmpty()) {
            return NONE;
        }
        boolean french = "fr".equals(language);
        String names = files.stream().map(f -> f.fileName() + " (" + size(f.size(), french) + ")").collect(Collectors.joining(", "));
        String htmlNames = Entities.escape(names);
        if (attached) {
            String label = french ? "Pièces jointes : " : "Attached: ";
            return new ReplyFileNote("\n\n" + label + names, "<p>" + label + htmlNames + "</p>");
        }
        String total = size(files.stream().mapToLong(MailAttachments.Stored::size).sum(), french);
        String tooLarge = french
                ? "Les fichiers de cette réponse sont trop volumineux pour un e-mail (" + total + " au total) : "
                : "The files of this reply are too large for email (" + total + " in all): ";
        String download = french ? "Téléchargez-les depuis la page de votre demande : " : "Download them from your request's page: ";
        String link = Entities.escape(pageUrl);
        return new ReplyFileNote("\n\n" + tooLarge + names + ".\n" + download + pageUrl,
                "<p>" + Entities.escape(tooLarge) + htmlNames + ".<br>" + Entities.escape(download)
                        + "<a href=\"" + link + "\">" + link + "</a></p>");
    }

    static String size(long bytes, boolean french) {
        if (bytes < 1024) {
            return bytes + (french ? " octets" : " bytes");
        }
        if (bytes < 1024 * 1024) {
            return Math.round(bytes / 1024.0) + (french ? " Ko" : " KB");
        }
        return String.format(french ? Locale.FRENCH : Locale.ENGLISH, "%.1f", bytes / (1024.0 * 1024)) + (french ? " Mo" : " MB");
    }
}

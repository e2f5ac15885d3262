package io.supportflow.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReplyFileNoteTest {

    static MailAttachments.Stored file(String name, long size) {
        return new MailAttachments.Stored(1, 1, 1L, name, "application/pdf", size, false, "0".repeat(32), Instant.EPOCH);
    }

    @Test
    void aReplyWithoutFilesSaysNothing() {
        assertThat(ReplyFileNote.of("en", List.of(), true, "https://help.example/portal/ticket.html?number=N")).isEqualTo(ReplyFileNote.NONE);
    }

    @Test
    void attachedFilesAreListedWithTheirSizesInTheMailsLanguage() {
        List<MailAttachments.Stored> files = List.of(file("invoice.pdf", 12_345), file("photo.png", 1_572_864));
        ReplyFileNote en = ReplyFileNote.of("en", files, true, "https://x/p");
        assertThat(en.text()).isEqualTo("\n\nAttached: invoice.pdf (12 KB), photo.png (1.5 MB)");
        assertThat(en.html()).isEqualTo("<p>Attached: invoice.pdf (12 KB), photo.png (1.5 MB)</p>");
        assertThat(ReplyFileNote.of("fr", files, true, "https://x/p").text())
                .isEqualTo("\n\nPièces jointes : invoice.pdf (12 Ko), photo.png (1,5 Mo)");
    }

    @Test
    void filesTooLargeForMailAreLinkedAndTheirNamesNeverBecomeHtml() {
        List<MailAttachments.Stored> files = List.of(file("<img src=x onerror=alert(1)>.bin", 11 * 1024 * 1024));
        String page = "https://help.example/portal/ticket.html?number=SUP-1&x=<y>";
        ReplyFileNote en = ReplyFileNote.of("en", files, false, page);
        assertThat(en.text()).contains("too large for email (11.0 MB in all)").contains("<img src=x onerror=alert(1)>.bin")
                .endsWith("Download them from your request's page: " + page);
        assertThat(en.html()).doesNotContain("<img").contains("&lt;img src=x onerror=alert(1)&gt;.bin")
                .contains("<a href=\"https://help.example/portal/ticket.html?number=SUP-1&amp;x=&lt;y&gt;\">");
        assertThat(ReplyFileNote.of("fr", files, false, page).text()).contains("trop volumineux pour un e-mail (11,0 Mo au total)")
                .contains("Téléchargez-les depuis la page de votre demande : " + page);
    }
}

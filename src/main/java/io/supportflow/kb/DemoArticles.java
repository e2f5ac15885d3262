package io.supportflow.kb;

import java.util.List;
import org.springframework.stereotype.Component;

/** Sample help-centre articles for the demo profile, written through the real service. */
@Component
public class DemoArticles {

    private final KnowledgeBase kb;

    DemoArticles(KnowledgeBase kb) {
        this.kb = kb;
    }

    public void seed() {
        publish("Resetting your password", """
                If you forgot your password:

                1. Open the sign-in page and choose **Forgot password**.
                2. Enter the email address of your account.
                3. Follow the link in the email within 30 minutes.

                The link works once. If the login page still refuses your new password, clear the browser's saved
                passwords for our site and try again.""", List.of("login", "password"), KbArticle.Language.en);
        publish("Downloading your invoices", """
                Every invoice of the last seven years is under **Billing → Invoices**. Choose a year, then *Download all*
                to get them as one PDF for your accountant.""", List.of("billing", "invoices"), KbArticle.Language.en);
        publish("Télécharger vos factures", """
                Toutes vos factures des sept dernières années se trouvent dans **Facturation → Factures**. Choisissez une
                année, puis *Tout télécharger* pour obtenir un seul PDF pour votre comptable.""",
                List.of("facturation", "factures"), KbArticle.Language.fr);
    }

    private void publish(String title, String markdown, List<String> tags, KbArticle.Language language) {
        kb.create(new KnowledgeBase.Draft(title, null, markdown, tags, language, KbArticle.Visibility.PUBLIC,
                KbArticle.Status.PUBLISHED, null), "demo");
    }
}

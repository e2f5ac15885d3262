package io.supportflow.kb;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.supportflow.support.Api;
import io.supportflow.support.IntegrationTest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Search relevance (issue #7): a realistic help centre of 15 English and 10 French published public articles,
 * written through the agents' API, and customers' queries as they type them in the portal search (inflected
 * forms, several words, French accents and plurals; no typos, no synonyms). Each query must bring its
 * article first among the corpus's articles. Other tests' articles (and the demo ones) live in the same
 * database, so the ranking is checked within this corpus: its slugs carry a prefix of their own.
 */
@IntegrationTest
class KbSearchRelevanceTest {

    @LocalServerPort int port;

    final String prefix = "rel" + UUID.randomUUID().toString().substring(0, 6) + "-";

    record Article(String key, String language, String title, List<String> tags, String body) {
    }

    static final List<Article> CORPUS = List.of(
            new Article("reset-password", "en", "Reset your password", List.of("login", "password"), """
                    Forgot your password? On the sign-in page choose **Forgot password** and enter the email address of
                    your account. We send you a reset link that works for 30 minutes and only once. Choose a new password
                    of at least 12 characters. If the link has expired, ask for a new one."""),
            new Article("change-email", "en", "Change the email address of your account", List.of("account", "profile"), """
                    Open **Profile → Account** and type the new email address. We send a confirmation message to the new
                    address; the change takes effect once you click the link in it. Your sign-in name changes too."""),
            new Article("two-factor", "en", "Turn on two-factor authentication", List.of("security", "2fa"), """
                    Two-factor authentication protects your account with a second step. Scan the QR code with an
                    authenticator app (Google Authenticator, 1Password, Authy) and type the six-digit code it shows.
                    Keep the recovery codes somewhere safe: each one lets you sign in once if you lose your phone."""),
            new Article("download-invoices", "en", "Download your invoices", List.of("billing", "invoices"), """
                    Every invoice is under **Billing → Invoices**. Pick a month to download its invoice as a PDF, or
                    choose *Download all* to get a year's invoices in one archive for your accountant. Invoices show
                    your company name and VAT number as entered in your billing details."""),
            new Article("payment-method", "en", "Update your credit card or payment method", List.of("billing", "payment"), """
                    Go to **Billing → Payment method** and choose *Replace card*. We accept Visa, Mastercard and American
                    Express, and SEPA direct debit in Europe. The new card is charged from the next renewal; a failed
                    charge is retried three times before the subscription is paused."""),
            new Article("cancel-subscription", "en", "Cancel your subscription", List.of("billing", "subscription"), """
                    You can cancel at any time under **Billing → Plan → Cancel subscription**. Your plan stays active
                    until the end of the period you paid for; after that the workspace becomes read-only for 60 days."""),
            new Article("refunds", "en", "Request a refund", List.of("billing", "refund"), """
                    Annual plans are refunded in full within 30 days of purchase. Write to us from **Help → Contact** with
                    your order number and we refund the original payment method within five business days. Monthly plans
                    are not refunded, but you can cancel before the next renewal."""),
            new Article("invite-members", "en", "Invite team members to your workspace", List.of("team", "users"), """
                    Administrators invite colleagues from **Settings → Members → Invite**. Enter one email address per
                    line and choose a role: member, manager or administrator. Invitations expire after seven days and can
                    be sent again. Each invited member uses one seat of your plan."""),
            new Article("export-data", "en", "Export your data to CSV", List.of("data", "export"), """
                    Under **Settings → Data → Export** choose what to export (contacts, projects, time entries) and a date
                    range. We prepare a CSV file and email you a download link when it is ready; large exports can take a
                    few minutes. Spreadsheets such as Excel open the file directly."""),
            new Article("delete-account", "en", "Delete your account permanently", List.of("account", "privacy"), """
                    Deleting your account removes your profile and every file you uploaded, after a grace period of 14
                    days during which you can still change your mind. Export anything you want to keep first. Go to
                    **Profile → Privacy → Delete account** and confirm with your password."""),
            new Article("mobile-app", "en", "Install the mobile app on iPhone and Android", List.of("mobile", "apps"), """
                    Download the app from the App Store or Google Play and sign in with the same account. The app works
                    offline: changes are synchronised when the phone is back online. Push alerts can be turned off in the
                    phone's settings."""),
            new Article("notifications", "en", "Choose which email notifications you receive", List.of("notifications", "email"), """
                    In **Profile → Notifications** tick the events you want to hear about: mentions, comments, weekly
                    summaries. To stop all notification emails at once, choose *Pause all*. Security messages are always
                    sent."""),
            new Article("single-sign-on", "en", "Set up single sign-on (SAML) for your company", List.of("sso", "security"), """
                    On the Enterprise plan administrators connect an identity provider such as Okta, Azure AD or Google
                    Workspace with SAML 2.0. Upload the provider's metadata under **Settings → Security → Single sign-on**
                    and test the connection before making it mandatory for everyone."""),
            new Article("api-keys", "en", "Create and rotate API keys", List.of("developers", "api"), """
                    Developers create API keys under **Settings → Developers**. A key is shown once: store it in your
                    secrets manager. Rotate keys regularly by creating a new key, deploying it, then revoking the old one.
                    Requests with a revoked key get HTTP 401."""),
            new Article("track-delivery", "en", "Track the delivery of your order", List.of("orders", "shipping"), """
                    When your order ships we email you a tracking number. Follow the parcel on the carrier's website or
                    under **Orders → Track**. Deliveries take two to five business days in Europe; a parcel that has not
                    moved for a week can be reported from the same page."""),

            new Article("reinitialiser-mot-de-passe", "fr", "Réinitialiser votre mot de passe", List.of("connexion", "mot-de-passe"), """
                    Vous avez oublié votre mot de passe ? Sur la page de connexion, choisissez **Mot de passe oublié** et
                    saisissez l'adresse e-mail de votre compte. Le lien de réinitialisation reçu par e-mail est valable
                    30 minutes et une seule fois. Choisissez un nouveau mot de passe d'au moins 12 caractères."""),
            new Article("facture", "fr", "Télécharger une facture", List.of("facturation", "facture"), """
                    Chaque facture se trouve dans **Facturation → Factures**. Choisissez un mois pour télécharger sa
                    facture en PDF, ou *Tout télécharger* pour obtenir les factures d'une année en une seule archive pour
                    votre comptable. La facture indique la raison sociale et le numéro de TVA de votre entreprise."""),
            new Article("carte-bancaire", "fr", "Changer de carte bancaire", List.of("facturation", "paiement"), """
                    Dans **Facturation → Moyen de paiement**, choisissez *Remplacer la carte*. Nous acceptons Visa,
                    Mastercard, American Express et le prélèvement SEPA. La nouvelle carte est débitée au prochain
                    renouvellement ; un paiement refusé est retenté trois fois avant la suspension de l'abonnement."""),
            new Article("resilier-abonnement", "fr", "Résilier votre abonnement", List.of("facturation", "abonnement"), """
                    Vous pouvez résilier à tout moment depuis **Facturation → Offre → Résilier l'abonnement**. Votre
                    offre reste active jusqu'à la fin de la période payée ; ensuite l'espace de travail passe en lecture
                    seule pendant 60 jours."""),
            new Article("remboursement", "fr", "Demander un remboursement", List.of("facturation", "remboursement"), """
                    Les offres annuelles sont remboursées intégralement dans les 30 jours suivant l'achat. Écrivez-nous
                    depuis **Aide → Contact** avec votre numéro de commande : le remboursement arrive sur le moyen de
                    paiement d'origine sous cinq jours ouvrés."""),
            new Article("double-authentification", "fr", "Activer la double authentification", List.of("sécurité", "2fa"), """
                    La double authentification protège votre compte par une seconde étape. Scannez le QR code avec une
                    application d'authentification et saisissez le code à six chiffres affiché. Gardez les codes de
                    secours en lieu sûr : chacun permet une connexion si vous perdez votre téléphone."""),
            new Article("inviter-collegues", "fr", "Inviter des collègues dans votre espace", List.of("équipe", "utilisateurs"), """
                    Les administrateurs invitent leurs collègues depuis **Paramètres → Membres → Inviter**. Saisissez une
                    adresse e-mail par ligne et choisissez un rôle. Les invitations expirent au bout de sept jours et
                    peuvent être renvoyées."""),
            new Article("exporter-donnees", "fr", "Exporter vos données", List.of("données", "export"), """
                    Dans **Paramètres → Données → Exporter**, choisissez ce que vous voulez exporter (contacts, projets,
                    temps passé) et une période. Nous préparons un fichier CSV et vous envoyons un lien de téléchargement
                    par e-mail dès qu'il est prêt."""),
            new Article("supprimer-compte", "fr", "Supprimer définitivement votre compte", List.of("compte", "confidentialité"), """
                    La suppression de votre compte efface votre profil et tous vos fichiers, après un délai de 14 jours
                    pendant lequel vous pouvez encore changer d'avis. Exportez d'abord ce que vous voulez garder, puis
                    allez dans **Profil → Confidentialité → Supprimer le compte**."""),
            new Article("suivre-livraison", "fr", "Suivre la livraison de votre commande", List.of("commandes", "livraison"), """
                    Dès l'expédition de votre commande, nous vous envoyons un numéro de suivi par e-mail. Suivez le colis
                    sur le site du transporteur ou dans **Commandes → Suivi**. La livraison prend de deux à cinq jours
                    ouvrés en Europe."""));

    /** What customers type → the article they need (its key). */
    static final Map<String, String> QUERIES = new LinkedHashMap<>();

    static {
        // English: inflections and stemming
        QUERIES.put("resetting passwords", "reset-password");
        QUERIES.put("forgot my password", "reset-password");
        QUERIES.put("changing the email address", "change-email");
        QUERIES.put("invoices", "download-invoices");
        QUERIES.put("how do I download an invoice as PDF", "download-invoices");
        QUERIES.put("update credit card", "payment-method");
        QUERIES.put("cancelling my subscription", "cancel-subscription");
        QUERIES.put("refunds", "refunds");
        QUERIES.put("inviting team members", "invite-members");
        QUERIES.put("export contacts to CSV", "export-data");
        QUERIES.put("delete account", "delete-account");
        QUERIES.put("authenticator app recovery codes", "two-factor");
        QUERIES.put("install the app on Android", "mobile-app");
        QUERIES.put("stop notification emails", "notifications");
        QUERIES.put("single sign-on with Okta", "single-sign-on");
        QUERIES.put("rotating API keys", "api-keys");
        QUERIES.put("tracking number of my order", "track-delivery");
        // French: plurals, verb forms, accents, several words
        QUERIES.put("factures", "facture");
        QUERIES.put("mot de passe oublié", "reinitialiser-mot-de-passe");
        QUERIES.put("réinitialiser mon mot de passe", "reinitialiser-mot-de-passe");
        QUERIES.put("changer ma carte bancaire", "carte-bancaire");
        QUERIES.put("résilier l'abonnement", "resilier-abonnement");
        QUERIES.put("remboursements", "remboursement");
        QUERIES.put("activer la double authentification", "double-authentification");
        QUERIES.put("inviter des collègues", "inviter-collegues");
        QUERIES.put("exporter mes données en CSV", "exporter-donnees");
        QUERIES.put("supprimer mon compte", "supprimer-compte");
        QUERIES.put("suivi de ma commande", "suivre-livraison");
        QUERIES.put("télécharger les factures en PDF", "facture");
    }

    @Test
    void everyQueryBringsItsArticleFirst() {
        Api agent = Api.as(port, "alice");
        for (Article a : CORPUS) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("title", a.title());
            body.put("slug", prefix + a.key());
            body.put("body", a.body());
            body.put("tags", a.tags());
            body.put("language", a.language());
            body.put("visibility", "PUBLIC");
            body.put("status", "PUBLISHED");
            Api.Response created = agent.post("/api/v1/kb/articles", body);
            assertThat(created.status()).as(a.key() + ": " + created.body()).isEqualTo(201);
        }
        assertThat(CORPUS.stream().filter(a -> a.language().equals("en")).count()).isEqualTo(15);
        assertThat(CORPUS.stream().filter(a -> a.language().equals("fr")).count()).isEqualTo(10);
        assertThat(QUERIES).hasSizeGreaterThanOrEqualTo(20);
        assertThat(QUERIES.values().stream().filter(k -> CORPUS.stream().anyMatch(a -> a.key().equals(k) && a.language().equals("fr"))))
                .hasSizeGreaterThanOrEqualTo(8);

        List<String> misses = new ArrayList<>();
        for (Map.Entry<String, String> query : QUERIES.entrySet()) {
            List<String> ranked = ranked(query.getKey());
            String expected = prefix + query.getValue();
            if (ranked.isEmpty() || !ranked.get(0).equals(expected)) {
                misses.add("'" + query.getKey() + "' → expected " + query.getValue() + ", got " + ranked);
            }
        }
        assertThat(misses).as("queries whose article is not first").isEmpty();
    }

    /** The corpus's slugs in the order the portal search ranks them (customers' search: published public articles). */
    private List<String> ranked(String query) {
        Api.Response r = Api.anonymous(port).get("/api/portal/v1/kb/search?limit=50&q=" + URLEncoder.encode(query, StandardCharsets.UTF_8));
        assertThat(r.status()).as(query + ": " + r.body()).isEqualTo(200);
        List<String> slugs = new ArrayList<>();
        for (JsonNode hit : r.json()) {
            if (hit.get("slug").asText().startsWith(prefix)) {
                slugs.add(hit.get("slug").asText());
            }
        }
        return slugs;
    }
}

package io.supportflow.survey;

import static org.assertj.core.api.Assertions.assertThat;

import io.supportflow.mail.MailOutbox;
import io.supportflow.support.IntegrationTest;
import java.util.Map;
import org.camunda.bpm.engine.ManagementService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Survey mails (the CSAT links ride in the resolved mail) are in the ticket's language, English when there are no templates in it. */
@IntegrationTest
class SurveyLanguageTest {

    @LocalServerPort int port;
    @Autowired ManagementService management;
    @Autowired SurveyRepository surveys;
    @Autowired MailOutbox outbox;

    SurveyFixture fixture;

    @BeforeEach
    void init() {
        fixture = new SurveyFixture(port, surveys, management, outbox);
    }

    String resolvedTicket(String language, String subject) {
        var created = fixture.admin().post("/api/v1/tickets", Map.of("subject", subject, "description", "Please help.",
                "requester", Map.of("name", "Sam Survey", "email", SurveyFixture.uniqueEmail()), "category", "billing",
                "language", language));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String number = created.json().get("number").asText();
        fixture.resolve(number);
        return number;
    }

    String mail(String number, Survey.Kind kind) {
        Survey survey = fixture.survey(number, kind);
        fixture.runSendStep(survey);
        return outbox.storedText("survey:" + survey.id()).orElseThrow();
    }

    @Test
    void aFrenchTicketsSurveysAreInFrench() {
        String number = resolvedTicket("fr", "Facture en double");
        assertThat(mail(number, Survey.Kind.CSAT)).startsWith("Bonjour Sam Survey,").contains("Comment évaluez-vous l'aide reçue ?");
        assertThat(mail(number, Survey.Kind.NPS)).startsWith("Bonjour Sam Survey,").contains("Sur une échelle de 0 à 10");
    }

    @Test
    void aTicketInALanguageWithoutTemplatesGetsEnglishSurveys() {
        String number = resolvedTicket("de", "Doppelte Rechnung");
        assertThat(mail(number, Survey.Kind.CSAT)).startsWith("Hello Sam Survey,").contains("How would you rate the help you got?");
    }
}

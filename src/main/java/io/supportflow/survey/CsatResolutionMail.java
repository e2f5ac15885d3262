package io.supportflow.survey;

import io.supportflow.mail.ResolutionMailer;
import org.springframework.stereotype.Component;

/** Tells the mail capability that the CSAT survey mails the resolution (with the rating links) when it is due. */
@Component
class CsatResolutionMail implements ResolutionMailer {

    private final Surveys surveys;

    CsatResolutionMail(Surveys surveys) {
        this.surveys = surveys;
    }

    @Override
    public boolean mailsResolution(long ticketId) {
        return surveys.mailsResolution(ticketId);
    }
}

package io.supportflow.survey;

import io.supportflow.common.InvalidInputException;
import io.supportflow.common.NotFoundException;
import io.supportflow.common.PublicUrl;
import io.supportflow.identity.Agent;
import io.supportflow.mail.MailOutbox;
import io.supportflow.ticket.Actor;
import io.supportflow.ticket.Ticket;
import io.supportflow.ticket.TicketService;
import io.supportflow.ticket.TicketStatus;
import java.time.Instant;
import java.util.Date;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Starts, sends, expires and records surveys.
 * <ul>
 * <li>CSAT: once per ticket. A ticket resolved again gets no second survey while the first is answered or
 *     its link still works; only a survey that expired unanswered (or was never sent because the ticket
 *     was reopened first) lets the next resolution send a new one.</li>
 * <li>NPS: per customer (the ticket's known customer, else its requester's address, case-insensitive), at
 *     most one every {@code nps-interval}, counted from the resolution that triggered the previous one,
 *     answered or not.</li>
 * <li>An answer is kept once per survey: answering again updates it, and every change is written on the
 *     ticket's activity log as the customer ({@code csat_answered} / {@code nps_answered}, fields score and comment).</li>
 * </ul>
 */
@Service
@Transactional
class Surveys {

    static final int MAX_COMMENT = 2000;
    private static final Logger log = LoggerFactory.getLogger(Surveys.class);

    /** What the survey page needs, and nothing internal. */
    record PortalView(Survey.Kind kind, int min, int max, String ticketNumber, String subject, Instant expiresAt, Answer answer) {
    }

    record Answer(int score, String comment, Instant answeredAt, Instant updatedAt) {
    }

    private final SurveyRepository surveys;
    private final SurveySettings settings;
    private final SurveyLinks links;
    private final TicketService tickets;
    private final MailOutbox outbox;
    private final PublicUrl publicUrl;
    private final RuntimeService runtime;

    Surveys(SurveyRepository surveys, SurveySettings settings, SurveyLinks links, TicketService tickets, MailOutbox outbox,
            PublicUrl publicUrl, RuntimeService runtime) {
        this.surveys = surveys;
        this.settings = settings;
        this.links = links;
        this.tickets = tickets;
        this.outbox = outbox;
        this.publicUrl = publicUrl;
        this.runtime = runtime;
    }

    /** A ticket was resolved (in the resolving transaction): starts the surveys it is due. */
    void ticketResolved(long ticketId) {
        Ticket ticket = tickets.findById(ticketId).orElseThrow();
        Instant now = now();
        if (settings.csatEnabled() && !surveys.hasLiveCsat(ticketId, now)) {
            start(Survey.Kind.CSAT, ticket, now);
        }
        if (settings.npsEnabled()) {
            String customer = customerKey(ticket);
            surveys.lockCustomer(ticket.getTenantId(), customer);
            if (!surveys.npsSince(ticket.getTenantId(), customer, now.minus(settings.npsInterval()))) {
                start(Survey.Kind.NPS, ticket, now);
            }
        }
    }

    /**
     * Whether the CSAT survey mails this resolution (the one "resolved" mail, with the rating links): a survey is
     * due now, or one is waiting to leave. The same answer before and after {@link #ticketResolved} ran in the
     * resolving transaction, so the order of the two listeners does not matter.
     */
    @Transactional(readOnly = true)
    boolean mailsResolution(long ticketId) {
        Instant now = now();
        return settings.csatEnabled() && (surveys.hasPendingCsat(ticketId, now) || !surveys.hasLiveCsat(ticketId, now));
    }

    private void start(Survey.Kind kind, Ticket ticket, Instant now) {
        Instant expiresAt = now.plus(settings.expiry(kind)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        long id = surveys.insert(ticket.getTenantId(), kind, ticket.getId(), ticket.getTeam(), customerKey(ticket),
                ticket.getRequesterEmail(), now, expiresAt);
        String processInstanceId = runtime.startProcessInstanceByKey(NpsSurveyProcess.key(kind), ticket.getNumber(),
                Map.of(CsatSurveyProcess.SURVEY_ID, id, CsatSurveyProcess.EXPIRES_AT, Date.from(expiresAt))).getId();
        surveys.setProcessInstance(id, processInstanceId);
    }

    /** The customer a survey counts for: the known customer, else the requester's address. */
    static String customerKey(Ticket ticket) {
        return ticket.getCustomerId() != null ? "customer:" + ticket.getCustomerId()
                : "email:" + ticket.getRequesterEmail().strip().toLowerCase(Locale.ROOT);
    }

    /**
     * Mails the survey's link (idempotent: the outbox sends one mail per survey id). The CSAT survey's mail is
     * the ticket's "resolved" mail with the rating links (mail's own notice is not sent then, see
     * {@link CsatResolutionMail}); NPS has a mail of its own. False when the ticket was reopened before the
     * mail left: the survey is skipped.
     */
    boolean send(long id) {
        Survey survey = surveys.lock(id).orElseThrow();
        if (survey.state() != Survey.State.PENDING) {
            return survey.state() != Survey.State.SKIPPED;
        }
        Ticket ticket = tickets.findById(survey.ticketId()).orElseThrow();
        Instant now = now();
        if (ticket.getStatus() != TicketStatus.RESOLVED && ticket.getStatus() != TicketStatus.CLOSED) {
            surveys.setState(id, Survey.State.SKIPPED, null, now);
            log.info("{} survey {} skipped: ticket {} is {}", survey.kind(), id, ticket.getNumber(), ticket.getStatus());
            return false;
        }
        String link = publicUrl.link("/portal/survey.html?t=" + links.token(id, survey.expiresAt()));
        String days = String.valueOf(Math.max(1, settings.expiry(survey.kind()).toDays()));
        if (survey.kind() == Survey.Kind.CSAT) {
            // one click chooses the score on the survey page; the customer still sends it (no answer on a mere GET,
            // which mail scanners following links would otherwise give)
            outbox.sendResolved(ticket.getId(), survey.kind().template, Map.of("link", link, "days", days,
                    "goodLink", link + "&score=" + Survey.Kind.CSAT.max, "badLink", link + "&score=" + Survey.Kind.CSAT.min),
                    "survey:" + id);
        } else {
            String language = ticket.getLanguage() != null ? ticket.getLanguage() : settings.language();
            outbox.send(new MailOutbox.Mail(survey.recipient(), survey.kind().template, language, Map.of(
                    "customerName", ticket.getRequesterName(), "number", ticket.getNumber(), "subject", ticket.getSubject(),
                    "link", link, "days", days), ticket.getId(), "survey:" + id));
        }
        surveys.setState(id, Survey.State.SENT, now, now);
        return true;
    }

    void expire(long id) {
        surveys.expire(id, now());
    }

    @Transactional(readOnly = true)
    PortalView view(String token) {
        Survey survey = byToken(token, false);
        return portalView(survey, tickets.findById(survey.ticketId()).orElseThrow());
    }

    /** Records the customer's answer, or updates it: never a second answer for one survey. */
    PortalView answer(String token, Integer score, String comment) {
        Survey survey = byToken(token, true);
        Survey.Kind kind = survey.kind();
        if (score == null) {
            throw new InvalidInputException("score", "Give a score from " + kind.min + " to " + kind.max + ".");
        }
        if (score < kind.min || score > kind.max) {
            throw new InvalidInputException("score", "The score goes from " + kind.min + " to " + kind.max + ".");
        }
        String text = cleanComment(comment);
        Ticket ticket = tickets.findById(survey.ticketId()).orElseThrow();
        Instant now = now();
        surveys.answer(survey.id(), score, text, now);
        Actor customer = Actor.customer(survey.recipient(), ticket.getRequesterName());
        if (!Objects.equals(survey.score(), score)) {
            tickets.recordActivity(ticket.getId(), customer, kind.activity, "score",
                    survey.score() == null ? null : survey.score().toString(), score.toString());
        }
        if (!Objects.equals(survey.comment(), text)) {
            tickets.recordActivity(ticket.getId(), customer, kind.activity, "comment", survey.comment(), text);
        }
        if (!survey.answered()) {
            runtime.createMessageCorrelation(NpsSurveyProcess.answeredMessage(kind))
                    .processInstanceVariableEquals(CsatSurveyProcess.SURVEY_ID, survey.id())
                    .correlateAllWithResult();
        }
        return portalView(surveys.find(survey.id()).orElseThrow(), ticket);
    }

    /** The ticket's latest CSAT and NPS surveys, for an agent who can see the ticket. */
    @Transactional(readOnly = true)
    Map<Survey.Kind, Optional<Survey>> ofTicket(String number, Agent agent) {
        Ticket ticket = tickets.get(number, agent);
        return Map.of(Survey.Kind.CSAT, surveys.latest(ticket.getId(), Survey.Kind.CSAT),
                Survey.Kind.NPS, surveys.latest(ticket.getId(), Survey.Kind.NPS));
    }

    /** The survey behind a token, or 404 for anything else (malformed, tampered, expired, unknown: never said which). */
    private Survey byToken(String token, boolean lock) {
        Instant now = now();
        return links.verify(token, now)
                .flatMap(claims -> (lock ? surveys.lock(claims.surveyId()) : surveys.find(claims.surveyId()))
                        .filter(s -> s.expiresAt().getEpochSecond() == claims.expiresAt().getEpochSecond())
                        .filter(s -> s.state() == Survey.State.SENT || s.state() == Survey.State.ANSWERED))
                .orElseThrow(() -> new NotFoundException("This survey link is not valid (any more)."));
    }

    private static String cleanComment(String comment) {
        if (comment == null) {
            return null;
        }
        // line breaks and tabs stay; other control characters (invisible, or refused by PostgreSQL) do not
        String text = comment.replaceAll("[\\p{Cntrl}&&[^\\n\\t]]", "").replace("\r", "").strip();
        if (text.length() > MAX_COMMENT) {
            throw new InvalidInputException("comment", "Keep the comment to " + MAX_COMMENT + " characters.");
        }
        return text.isEmpty() ? null : text;
    }

    private static PortalView portalView(Survey survey, Ticket ticket) {
        Answer answer = survey.answered() ? new Answer(survey.score(), survey.comment(), survey.answeredAt(), survey.updatedAt()) : null;
        return new PortalView(survey.kind(), survey.kind().min, survey.kind().max, ticket.getNumber(), ticket.getSubject(),
                survey.expiresAt(), answer);
    }

    private static Instant now() {
        return ClockUtil.now().toInstant();
    }
}

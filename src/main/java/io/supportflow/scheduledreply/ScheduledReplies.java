package io.supportflow.scheduledreply;

import io.supportflow.common.ConflictException;
import io.supportflow.common.InvalidInputException;
import io.supportflow.common.NotFoundException;
import io.supportflow.identity.Agent;
import io.supportflow.ticket.Actor;
import io.supportflow.ticket.MessageBody;
import io.supportflow.ticket.Ticket;
import io.supportflow.ticket.TicketCommands.NewMessage;
import io.supportflow.ticket.TicketService;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Schedules, edits, cancels and sends scheduled replies. The row and the process instance change in
 * one transaction, so a reply is never sent after a cancel that returned, nor twice.
 */
@Service
@Transactional
class ScheduledReplies {

    static final Duration MIN_DELAY = Duration.ofMinutes(1);
    static final Duration MAX_DELAY = Duration.ofDays(365);

    private final ScheduledReplyRepository replies;
    private final TicketService tickets;
    private final RuntimeService runtime;
    private final ManagementService management;

    ScheduledReplies(ScheduledReplyRepository replies, TicketService tickets, RuntimeService runtime, ManagementService management) {
        this.replies = replies;
        this.tickets = tickets;
        this.runtime = runtime;
        this.management = management;
    }

    ScheduledReply schedule(String number, String body, Instant sendAt, Agent agent) {
        Ticket ticket = openTicket(number, agent);
        Instant now = now();
        checkSendAt(sendAt, now);
        long id = replies.insert(ticket.getId(), agent.id(), agent.displayName(), body, sendAt, now);
        String processInstanceId = runtime.startProcessInstanceByKey(ScheduledReplyProcess.KEY, ticket.getNumber(),
                Map.of(ScheduledReplyProcess.REPLY_ID, id, ScheduledReplyProcess.SEND_AT, Date.from(sendAt))).getId();
        replies.setProcessInstance(id, processInstanceId);
        return replies.lock(id).orElseThrow();
    }

    @Transactional(readOnly = true)
    List<ScheduledReply> list(String number, Agent agent) {
        return replies.ofTicket(tickets.get(number, agent).getId());
    }

    ScheduledReply edit(String number, long id, String body, Instant sendAt, Agent agent) {
        ScheduledReply reply = pending(number, id, agent);
        Instant now = now();
        checkSendAt(sendAt, now);
        replies.edit(reply.id(), body, sendAt, now);
        runtime.setVariable(reply.processInstanceId(), ScheduledReplyProcess.SEND_AT, Date.from(sendAt));
        Job timer = management.createJobQuery().processInstanceId(reply.processInstanceId()).timers().singleResult();
        management.setJobDuedate(timer.getId(), Date.from(sendAt));
        return replies.lock(reply.id()).orElseThrow();
    }

    void cancel(String number, long id, Agent agent) {
        ScheduledReply reply = pending(number, id, agent);
        runtime.deleteProcessInstance(reply.processInstanceId(), "scheduled reply cancelled by " + agent.id());
        replies.finish(reply.id(), ScheduledReply.State.CANCELLED, null, null, now());
    }

    /**
     * The timer fired: adds the reply as its author's reply. A ticket that ended meanwhile gets nothing;
     * the reply is marked FAILED with the reason, for the agent to see.
     */
    void send(long id) {
        ScheduledReply reply = replies.lock(id).orElseThrow();
        if (reply.state() != ScheduledReply.State.SCHEDULED) {
            return;
        }
        Ticket ticket = tickets.findById(reply.ticketId()).orElseThrow();
        if (ticket.getStatus().ended()) {
            replies.finish(id, ScheduledReply.State.FAILED, null, "The ticket was " + ticket.getStatus() + " at the send time.", now());
            return;
        }
        long messageId = tickets.addMessageById(ticket.getId(), new NewMessage(reply.body(), MessageBody.Format.TEXT, false, null,
                Actor.Type.AGENT), Actor.agent(reply.authorId(), reply.authorName()));
        replies.finish(id, ScheduledReply.State.SENT, messageId, null, now());
    }

    private ScheduledReply pending(String number, long id, Agent agent) {
        Ticket ticket = tickets.get(number, agent);
        ScheduledReply reply = replies.lock(id).filter(r -> r.ticketId() == ticket.getId())
                .orElseThrow(() -> new NotFoundException("No scheduled reply with this id on this ticket."));
        if (reply.state() != ScheduledReply.State.SCHEDULED) {
            throw new ConflictException("The reply is " + reply.state() + "; it can no longer be changed.");
        }
        return reply;
    }

    private Ticket openTicket(String number, Agent agent) {
        Ticket ticket = tickets.get(number, agent);
        if (ticket.getStatus().ended()) {
            throw new ConflictException("The ticket is " + ticket.getStatus() + "; replies can no longer be scheduled.");
        }
        return ticket;
    }

    private static void checkSendAt(Instant sendAt, Instant now) {
        if (sendAt.isBefore(now.plus(MIN_DELAY).minusSeconds(1)) || sendAt.isAfter(now.plus(MAX_DELAY))) {
            throw new InvalidInputException("sendAt", "Schedule the reply between one minute and one year from now.");
        }
    }

    private static Instant now() {
        return ClockUtil.now().toInstant();
    }
}

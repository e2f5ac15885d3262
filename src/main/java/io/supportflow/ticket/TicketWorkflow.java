package io.supportflow.ticket;

import static io.supportflow.ticket.TicketLifecycle.Elements.RESPOND_TO_CUSTOMER;

import io.supportflow.ticket.TicketLifecycle.FormFields;
import io.supportflow.ticket.TicketLifecycle.Messages;
import io.supportflow.ticket.TicketLifecycle.Variables;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.VariableMap;
import org.springframework.stereotype.Component;

/**
 * The only place that talks to the engine about a ticket's process. Every call runs inside the
 * caller's transaction, so the ticket row and the process instance move together.
 */
@Component
class TicketWorkflow {

    /** Transient variable naming the agent who completes a task through our API. */
    static final String ACTING_AGENT = "actingAgent";
    /** Transient variable: TEXT (Tasklist, default) or HTML (API). */
    static final String REPLY_FORMAT = "replyFormat";

    /** Messages the process always waits for in the states where the service sends them. */
    private static final java.util.Set<String> REQUIRED = java.util.Set.of(Messages.TICKET_SNOOZED, Messages.TICKET_MERGED,
            Messages.TICKET_CANCELLED, Messages.WORK_RESUMED);

    private final RuntimeService runtime;
    private final TaskService tasks;
    private final AuthorizationService authorizations;
    private final org.springframework.beans.factory.ObjectProvider<ServiceLevels> serviceLevels;

    TicketWorkflow(RuntimeService runtime, TaskService tasks, AuthorizationService authorizations,
            org.springframework.beans.factory.ObjectProvider<ServiceLevels> serviceLevels) {
        this.runtime = runtime;
        this.tasks = tasks;
        this.authorizations = authorizations;
        this.serviceLevels = serviceLevels;
    }

    String start(Ticket ticket) {
        ProcessInstance instance = runtime.createProcessInstanceByKey(TicketLifecycle.PROCESS_KEY)
                .businessKey(ticket.getNumber())
                .setVariable(Variables.TICKET_ID, ticket.getId())
                .setVariable(Variables.STATUS, ticket.getStatus().name())
                .execute();
        return instance.getId();
    }

    Optional<Task> respondTask(Ticket ticket) {
        if (ticket.getProcessInstanceId() == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(tasks.createTaskQuery().processInstanceId(ticket.getProcessInstanceId())
                .taskDefinitionKey(RESPOND_TO_CUSTOMER).singleResult());
    }

    /** Completes the agent's turn; the task's complete listener applies the response. */
    void completeTurn(Task task, AgentResponse response, Actor agent) {
        VariableMap variables = org.camunda.bpm.engine.variable.Variables.createVariables()
                .putValue(FormFields.REPLY, response.reply())
                .putValue(FormFields.INTERNAL_NOTE, response.internalNote())
                .putValue(FormFields.NEXT_STATUS, response.nextStatus() == null ? null : response.nextStatus().name())
                .putValue(FormFields.NEW_PRIORITY, response.priority() == null ? null : response.priority().name())
                .putValue(FormFields.TAGS, response.tags() == null ? null : String.join(",", response.tags()))
                .putValueTyped(ACTING_AGENT, org.camunda.bpm.engine.variable.Variables.stringValue(agent.id(), true))
                .putValueTyped(REPLY_FORMAT, org.camunda.bpm.engine.variable.Variables.stringValue(response.format().name(), true));
        tasks.complete(task.getId(), variables);
    }

    void customerReplied(Ticket ticket) {
        correlate(ticket, Messages.CUSTOMER_REPLIED, Map.of(Variables.STATUS, ticket.getStatus().name()));
    }

    void workResumed(Ticket ticket) {
        correlate(ticket, Messages.WORK_RESUMED, Map.of(Variables.STATUS, ticket.getStatus().name()));
    }

    void snooze(Ticket ticket, Instant until) {
        correlate(ticket, Messages.TICKET_SNOOZED, Map.of(Variables.SNOOZE_UNTIL, Date.from(until)));
    }

    void merged(Ticket ticket) {
        correlate(ticket, Messages.TICKET_MERGED, Map.of(Variables.STATUS, ticket.getStatus().name()));
    }

    void cancelled(Ticket ticket) {
        correlate(ticket, Messages.TICKET_CANCELLED, Map.of(Variables.STATUS, ticket.getStatus().name()));
    }

    private void correlate(Ticket ticket, String message, Map<String, ?> variables) {
        int matched = runtime.createMessageCorrelation(message)
                .processInstanceBusinessKey(ticket.getNumber())
                .setVariables(new java.util.HashMap<>(variables))
                .correlateAllWithResult().size();
        if (matched == 0 && REQUIRED.contains(message)) {
            throw new io.supportflow.common.ConflictException(
                    "The ticket's workflow cannot take '" + message + "' now; reload the ticket and try again.");
        }
    }

    void statusChanged(Ticket ticket) {
        runtime.setVariable(ticket.getProcessInstanceId(), Variables.STATUS, ticket.getStatus().name());
    }

    void teamChanged(Ticket ticket, String previousTeam) {
        runtime.setVariable(ticket.getProcessInstanceId(), Variables.TEAM, ticket.getTeam());
        respondTask(ticket).ifPresent(task -> {
            if (previousTeam != null) {
                tasks.deleteCandidateGroup(task.getId(), previousTeam);
                // the engine keeps the permission it granted with the identity link: revoke it too
                authorizations.createAuthorizationQuery().resourceType(Resources.TASK).resourceId(task.getId())
                        .groupIdIn(previousTeam).list()
                        .forEach(a -> authorizations.deleteAuthorization(a.getId()));
            }
            tasks.addCandidateGroup(task.getId(), ticket.getTeam());
            refreshDueDate(ticket, task);
        });
    }

    void assigneeChanged(Ticket ticket) {
        respondTask(ticket).ifPresent(task -> {
            if (!java.util.Objects.equals(task.getAssignee(), ticket.getAssignee())) {
                tasks.setAssignee(task.getId(), ticket.getAssignee());
            }
        });
    }

    void priorityChanged(Ticket ticket) {
        respondTask(ticket).ifPresent(task -> {
            refreshDueDate(ticket, task);
            tasks.setPriority(task.getId(), ticket.getPriority().rank());
            runtime.setVariableLocal(task.getExecutionId(), FormFields.PRIORITY, ticket.getPriority().name());
            runtime.setVariableLocal(task.getExecutionId(), FormFields.NEW_PRIORITY, ticket.getPriority().name());
        });
    }

    void refreshFormStatus(Ticket ticket) {
        respondTask(ticket).ifPresent(task ->
                runtime.setVariableLocal(task.getExecutionId(), FormFields.CURRENT_STATUS, ticket.getStatus().name()));
    }

    /** Keeps the conversation shown in an open Tasklist form current. */
    void refreshForm(Ticket ticket, String transcript) {
        respondTask(ticket).ifPresent(task -> {
            runtime.setVariableLocal(task.getExecutionId(), FormFields.CONVERSATION, transcript);
            refreshDueDate(ticket, task);
        });
    }

    /** The open task is due when the SLA says the answer is (a customer message or a new priority may move it). */
    private void refreshDueDate(Ticket ticket, Task task) {
        Date due = serviceLevels.getIfAvailable(() -> ServiceLevels.NONE).responseDue(ticket.getId()).map(Date::from).orElse(null);
        // read again: the task may have changed since it was queried (candidate groups, assignee)
        Task current = tasks.createTaskQuery().taskId(task.getId()).singleResult();
        if (current != null && !java.util.Objects.equals(due, current.getDueDate())) {
            current.setDueDate(due);
            tasks.saveTask(current);
        }
    }

    boolean hasCandidateGroup(Task task, String group) {
        return tasks.getIdentityLinksForTask(task.getId()).stream()
                .anyMatch(l -> IdentityLinkType.CANDIDATE.equals(l.getType()) && group.equals(l.getGroupId()));
    }
}

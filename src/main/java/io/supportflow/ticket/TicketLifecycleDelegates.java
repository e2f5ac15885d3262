package io.supportflow.ticket;

import io.supportflow.ticket.TicketLifecycle.FormFields;
import io.supportflow.ticket.TicketLifecycle.Variables;
import java.util.Date;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The delegates of processes/ticket-lifecycle.bpmn, each a bean named after its element
 * ({@code camunda:delegateExpression="${assignTeam}"}). They only map variables to
 * {@link TicketProcessSteps} calls and back.
 */
@Configuration(proxyBeanMethods = false)
class TicketLifecycleDelegates {

    /** Start listener of "Route ticket": the routing facts as transient variables (never stored). */
    @Bean
    ExecutionListener provideRoutingFacts(TicketProcessSteps steps) {
        return execution -> steps.routingFacts(ticketId(execution)).forEach((name, value) ->
                execution.setVariableLocal(name, value instanceof String text
                        ? org.camunda.bpm.engine.variable.Variables.stringValue(text, true)
                        : org.camunda.bpm.engine.variable.Variables.objectValue(value, true).create()));
    }

    @Bean
    JavaDelegate assignTeam(TicketProcessSteps steps) {
        return execution -> execution.setVariable(Variables.TEAM,
                steps.assignTeam(ticketId(execution), (String) execution.getVariable(Variables.TEAM)));
    }

    /** Create listener of "Respond to customer": what the Tasklist form shows and edits. */
    @Bean
    TaskListener prepareResponseForm(TicketProcessSteps steps, ObjectProvider<ServiceLevels> serviceLevels) {
        return task -> {
            long ticketId = ticketId(task.getExecution());
            serviceLevels.getIfAvailable(() -> ServiceLevels.NONE).responseDue(ticketId)
                    .ifPresent(due -> task.setDueDate(Date.from(due)));
            TicketProcessSteps.FormView view = steps.formView(ticketId(task.getExecution()));
            DelegateExecution scope = task.getExecution();
            scope.setVariableLocal(FormFields.TICKET_NUMBER, view.number());
            scope.setVariableLocal(FormFields.SUBJECT, view.subject());
            scope.setVariableLocal(FormFields.REQUESTER, view.requester());
            scope.setVariableLocal(FormFields.PRIORITY, view.priority().name());
            scope.setVariableLocal(FormFields.CURRENT_STATUS, view.status().name());
            scope.setVariableLocal(FormFields.CONVERSATION, view.transcript());
            scope.setVariableLocal(FormFields.REPLY, "");
            scope.setVariableLocal(FormFields.INTERNAL_NOTE, "");
            scope.setVariableLocal(FormFields.NEXT_STATUS, "");
            scope.setVariableLocal(FormFields.NEW_PRIORITY, view.priority().name());
            scope.setVariableLocal(FormFields.TAGS, String.join(", ", view.tags()));
            task.setPriority(view.priority().rank());
            task.setName("Respond to customer: " + view.number());
            if (view.assignee() != null) {
                task.setAssignee(view.assignee());
            }
        };
    }

    /** Assignment listener of "Respond to customer": a claim in Tasklist assigns the ticket. */
    @Bean
    TaskListener recordTaskAssignment(TicketProcessSteps steps) {
        return task -> steps.taskAssigned(ticketId(task.getExecution()), task.getAssignee(), actingAgent(steps, task));
    }

    /** Complete listener of "Respond to customer": the agent's turn, however it was completed. */
    @Bean
    TaskListener recordAgentResponse(TicketProcessSteps steps, TicketFieldRules rules) {
        return task -> {
            String format = (String) task.getVariable(TicketWorkflow.REPLY_FORMAT);
            String tags = (String) task.getVariable(FormFields.TAGS);
            AgentResponse response = new AgentResponse(
                    text(task, FormFields.REPLY), text(task, FormFields.INTERNAL_NOTE),
                    format == null ? MessageBody.Format.TEXT : MessageBody.Format.valueOf(format),
                    enumValue(TicketStatus.class, text(task, FormFields.NEXT_STATUS), FormFields.NEXT_STATUS),
                    enumValue(Priority.class, text(task, FormFields.NEW_PRIORITY), FormFields.NEW_PRIORITY),
                    tags == null ? null : rules.tagsFromText(tags));
            TicketStatus next = steps.applyResponse(ticketId(task.getExecution()), response, actingAgent(steps, task));
            task.getExecution().setVariable(Variables.STATUS, next.name());
        };
    }

    @Bean
    JavaDelegate endSnooze(TicketProcessSteps steps) {
        return execution -> {
            steps.endSnooze(ticketId(execution));
            execution.removeVariable(Variables.SNOOZE_UNTIL);
        };
    }

    @Bean
    JavaDelegate remindCustomer(TicketProcessSteps steps) {
        return execution -> steps.remindCustomer(ticketId(execution));
    }

    @Bean
    JavaDelegate closeTicket(TicketProcessSteps steps) {
        return execution -> {
            steps.close(ticketId(execution));
            execution.setVariable(Variables.STATUS, TicketStatus.CLOSED.name());
        };
    }

    private static long ticketId(DelegateExecution execution) {
        return ((Number) execution.getVariable(Variables.TICKET_ID)).longValue();
    }

    /** The agent completing the task: named by our API, or the user logged into Tasklist / engine REST. */
    private static Actor actingAgent(TicketProcessSteps steps, DelegateTask task) {
        String userId = (String) task.getVariable(TicketWorkflow.ACTING_AGENT);
        if (userId == null) {
            Authentication current = Context.getCommandContext().getAuthentication();
            userId = current == null ? null : current.getUserId();
        }
        String id = userId;
        return Context.getCommandContext().runWithoutAuthorization(() -> steps.agent(id));
    }

    private static String text(DelegateTask task, String name) {
        Object value = task.getVariable(name);
        return value == null || value.toString().isBlank() ? null : value.toString();
    }

    private static <E extends Enum<E>> E enumValue(Class<E> type, String value, String field) {
        if (value == null) {
            return null;
        }
        try {
            return Enum.valueOf(type, value.strip().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new io.supportflow.common.InvalidInputException(field, "Unknown value; allowed: " + List.of(type.getEnumConstants()));
        }
    }
}

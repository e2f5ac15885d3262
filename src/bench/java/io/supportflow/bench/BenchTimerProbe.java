package io.supportflow.bench;

import java.util.Date;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutorContext;
import org.springframework.stereotype.Component;

/**
 * Execution listener of the timer-storm processes: when a fired timer's continuation reaches it,
 * records the time and the job's due date (per process instance, so a retried job counts once).
 */
@Component("benchTimerProbe")
public class BenchTimerProbe implements ExecutionListener {

    record Firing(String processDefinitionId, long dueMillis, long firedMillis) {
    }

    final Map<String, Firing> firings = new ConcurrentHashMap<>();

    @Override
    public void notify(DelegateExecution execution) {
        long now = System.currentTimeMillis();
        JobExecutorContext context = Context.getJobExecutorContext();
        Date due = context == null || context.getCurrentJob() == null ? null : context.getCurrentJob().getDuedate();
        firings.put(execution.getProcessInstanceId(), new Firing(execution.getProcessDefinitionId(), due == null ? now : due.getTime(), now));
    }

    long count(String processKey) {
        return firings.values().stream().filter(f -> f.processDefinitionId().startsWith(processKey + ":")).count();
    }
}

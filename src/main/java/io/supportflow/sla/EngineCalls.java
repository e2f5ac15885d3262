package io.supportflow.sla;

import java.util.function.Supplier;
import org.camunda.bpm.engine.impl.context.Context;

/**
 * SLA clocks react to whatever changed the ticket, including an agent completing a task in
 * Tasklist, whose engine command carries that agent's authorization checks. The clock's own
 * engine calls are the system's business, not the agent's, so they run without them.
 */
final class EngineCalls {

    static <T> T withoutAuthorization(Supplier<T> call) {
        var commandContext = Context.getCommandContext();
        return commandContext == null ? call.get() : commandContext.runWithoutAuthorization(call::get);
    }

    static void withoutAuthorization(Runnable call) {
        withoutAuthorization(() -> {
            call.run();
            return null;
        });
    }

    private EngineCalls() {
    }
}

package io.supportflow.platform;

import java.util.List;

/**
 * Published inside the upgrade's transaction for the tickets whose process was just moved from an
 * older TicketLifecycle version to the latest: capabilities that the older versions did not know
 * (the SLA clocks) catch up on them.
 */
public record TicketProcessesUpgraded(List<String> ticketNumbers) {
}

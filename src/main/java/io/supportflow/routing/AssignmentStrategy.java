package io.supportflow.routing;

/** How a team's new tickets get an agent. */
public enum AssignmentStrategy {
    /** Nobody is assigned; agents take tickets from the team queue. */
    MANUAL,
    /** The next available member after the last one assigned, in user-id order. */
    ROUND_ROBIN,
    /** The available member with the fewest tickets waiting for an agent. */
    LEAST_LOADED,
    /** The available members whose skills match the most of the ticket's category, tags and language; of those, the least loaded. */
    SKILLS
}

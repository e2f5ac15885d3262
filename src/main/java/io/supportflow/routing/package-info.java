/**
 * Assignment strategies (issue #5, A4): per team MANUAL, ROUND_ROBIN, LEAST_LOADED or SKILLS, and agents'
 * availability and skills. When the ticket module logs {@code routed} / {@code routed_to_fallback}, the team's
 * strategy picks an available member before the commit and assigns through the ticket service.
 */
package io.supportflow.routing;

/**
 * The customer portal (issue #7, P2 and the deflection part of P3): the portal API for a signed-in customer's
 * tickets, profile, branding and deflections ({@code /api/portal/v1/…}), the agents' deflection report and the
 * admins' branding, and the pages under {@code /portal} (static ES modules, no build step).
 */
package io.supportflow.portal;

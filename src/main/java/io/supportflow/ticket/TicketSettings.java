package io.supportflow.ticket;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param tenant       the tenant tickets belong to until multi-tenancy arrives
 * @param numberFormat e.g. {@code SUP-{yyyy}-{seq:6}}: literal text, {yyyy} or {yy}, and the
 *                     per-tenant sequence zero-padded to the given width (restarts each year
 *                     when the year is part of the number)
 * @param fallbackTeam the team a ticket goes to when the routing table gives none
 * @param defaultLanguage the language (ISO 639-1) of a new ticket when neither the request, nor the requester,
 *                        nor its text tells; en unless set
 */
@ConfigurationProperties("supportflow.tickets")
record TicketSettings(String tenant, String numberFormat, String fallbackTeam, String defaultLanguage) {

    TicketSettings {
        defaultLanguage = defaultLanguage == null || defaultLanguage.isBlank() ? "en" : defaultLanguage.strip();
        if (!defaultLanguage.matches(TicketApi.LANGUAGE_PATTERN)) {
            throw new IllegalArgumentException("supportflow.tickets.default-language is an ISO 639-1 code such as en or fr");
        }
    }
}

package io.supportflow.portal;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param organizationTickets customers who belong to an organization also see its tickets; a tenant's own
 *                            choice ({@code PUT /api/v1/admin/portal}) overrides this default
 * @param maxAttachments      files per new ticket or reply
 * @param maxAttachmentBytes  larger files are refused (413) and nothing of the request is stored
 */
@ConfigurationProperties("supportflow.portal")
record PortalSettings(Boolean organizationTickets, Integer maxAttachments, Long maxAttachmentBytes) {

    PortalSettings {
        organizationTickets = organizationTickets != null && organizationTickets;
        maxAttachments = maxAttachments == null ? 5 : maxAttachments;
        maxAttachmentBytes = maxAttachmentBytes == null ? 5L * 1024 * 1024 : maxAttachmentBytes;
    }
}

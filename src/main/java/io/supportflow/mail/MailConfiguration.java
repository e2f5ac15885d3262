package io.supportflow.mail;

import java.util.regex.Pattern;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class MailConfiguration {

    @Bean
    ReplyTokens replyTokens(MailSettings settings) {
        if (settings.tokenSecret() == null || settings.tokenSecret().isBlank()) {
            throw new IllegalStateException("set SUPPORTFLOW_MAIL_TOKEN_SECRET (supportflow.mail.token-secret): "
                    + "it signs the reply addresses of tickets");
        }
        return new ReplyTokens(settings.tokenSecret());
    }

    @Bean
    AttachmentStorage attachmentStorage(MailSettings settings) {
        return new LocalAttachmentStorage(java.nio.file.Path.of(settings.attachmentDirectory()));
    }

    @Bean
    InboundMailParser inboundMailParser(MailSettings settings) {
        InboundMailParser.Options defaults = InboundMailParser.Options.defaults(settings.originId(), settings.messageIdDomain());
        return new InboundMailParser(new InboundMailParser.Options(
                settings.maxMessageBytes() != null ? settings.maxMessageBytes() : defaults.maxRawBytes(),
                settings.maxAttachments() != null ? settings.maxAttachments() : defaults.maxAttachments(),
                settings.maxAttachmentBytes() != null ? settings.maxAttachmentBytes() : defaults.maxAttachmentBytes(),
                settings.subjectTicketPattern() != null && !settings.subjectTicketPattern().isBlank()
                        ? Pattern.compile(settings.subjectTicketPattern()) : defaults.subjectTicketPattern(),
                settings.originId(), settings.messageIdDomain()));
    }
}

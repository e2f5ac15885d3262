package io.supportflow.mail;

/** The outcome of parsing one raw message: either a {@link ParsedMail} or a {@link ParseFailure}; never an exception. */
public sealed interface ParseResult permits ParsedMail, ParseFailure {
}

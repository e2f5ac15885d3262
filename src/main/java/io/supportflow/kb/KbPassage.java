package io.supportflow.kb;

/** A published public article as text, for answers grounded in the help centre (e.g. the AI features). */
public record KbPassage(String slug, String title, String text, String language, double rank) {
}

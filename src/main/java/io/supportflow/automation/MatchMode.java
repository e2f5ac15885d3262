package io.supportflow.automation;

/** ALL: every condition must hold; ANY: at least one. A rule without conditions always matches. */
public enum MatchMode {
    ALL, ANY
}

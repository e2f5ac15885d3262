package io.supportflow.ticket;

public enum Channel {
    API, EMAIL, WEB_FORM, PORTAL, CHAT, PHONE
}

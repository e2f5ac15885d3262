package io.supportflow.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

class VerifiedCredentialsTest {

    final Agent alice = new Agent("alice", "Alice", Set.of("billing"), Set.of(), false);

    @Test
    void remembersOnlyTheExactPasswordOfTheExactUser() {
        VerifiedCredentials verified = new VerifiedCredentials();
        verified.put("alice", "right", alice);
        assertThat(verified.get("alice", "right")).contains(alice);
        assertThat(verified.get("alice", "wrong")).isEmpty();
        assertThat(verified.get("alice", "right ")).isEmpty();
        assertThat(verified.get("bob", "right")).isEmpty();
    }

    @Test
    void evictionForgetsTheUser() {
        VerifiedCredentials verified = new VerifiedCredentials();
        verified.put("alice", "right", alice);
        verified.evict("alice");
        assertThat(verified.get("alice", "right")).isEmpty();
    }

    @Test
    void aNewPasswordReplacesTheOldOne() {
        VerifiedCredentials verified = new VerifiedCredentials();
        verified.put("alice", "old", alice);
        verified.put("alice", "new", alice);
        assertThat(verified.get("alice", "old")).isEmpty();
        assertThat(verified.get("alice", "new")).contains(alice);
    }
}

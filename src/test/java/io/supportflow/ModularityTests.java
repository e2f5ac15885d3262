package io.supportflow;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;

/** Capabilities talk through each other's public API only, and never in a cycle. */
class ModularityTests {

    @Test
    void capabilitiesRespectEachOthersBoundaries() {
        ApplicationModules.of(SupportFlowApplication.class).verify();
    }
}

package io.supportflow.ticket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TicketNumbersTest {

    @ParameterizedTest
    @CsvSource({
            "SUP-{yyyy}-{seq:6}, 2026, 42, SUP-2026-000042",
            "{seq}, 2026, 7, 7",
            "HD{yy}{seq:4}, 2031, 12345, HD3112345",
            "T-{seq:3}-{yyyy}, 2026, 5, T-005-2026"})
    void formatsNumbers(String format, int year, long sequence, String expected) {
        assertThat(TicketNumbers.format(format, year, sequence)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"SUP-{yyyy}", "", "<script>{seq}", "../{seq}", "{seq:999}", "SUP {seq}", "{seq}'; DROP TABLE ticket;--"})
    void rejectsFormatsWithoutASequenceOrWithUnsafeCharacters(String format) {
        assertThatThrownBy(() -> TicketNumbers.format(format, 2026, 1)).isInstanceOf(IllegalArgumentException.class);
    }
}

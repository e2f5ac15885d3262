package io.supportflow.ticket;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MessageBodyTest {

    @ParameterizedTest
    @ValueSource(strings = {
            "<script>alert(1)</script>hi",
            "<img src=x onerror=alert(1)>hi",
            "<a href=\"javascript:alert(1)\">hi</a>",
            "<svg onload=alert(1)>hi</svg>",
            "<iframe src=\"https://evil.example\"></iframe>hi",
            "<p style=\"background:url(javascript:alert(1))\" onclick=\"x()\">hi</p>",
            "<form action=\"https://evil.example\"><input name=a></form>hi"})
    void htmlLosesEverythingActive(String hostile) {
        MessageBody body = MessageBody.fromHtml(hostile);
        assertThat(body.html()).doesNotContainIgnoringCase("script").doesNotContainIgnoringCase("onerror")
                .doesNotContainIgnoringCase("javascript:").doesNotContainIgnoringCase("onload")
                .doesNotContainIgnoringCase("iframe").doesNotContainIgnoringCase("onclick")
                .doesNotContainIgnoringCase("<form").doesNotContainIgnoringCase("style=");
        assertThat(body.text()).contains("hi");
    }

    @Test
    void formattingAndSafeLinksSurvive() {
        MessageBody body = MessageBody.fromHtml("<p>Hello <b>Jane</b>,</p><p>see <a href=\"https://docs.example/x\">the docs</a></p><ul><li>one</li><li>two</li></ul>");
        assertThat(body.html()).contains("<b>Jane</b>", "href=\"https://docs.example/x\"", "rel=\"nofollow noopener noreferrer\"", "<li>one</li>");
        assertThat(body.text()).isEqualTo("Hello Jane,\n\nsee the docs\n\none\n\ntwo");
    }

    @Test
    void plainTextIsEscapedNotInterpreted() {
        MessageBody body = MessageBody.fromText("Error when clicking <Save> & \"Quit\"\nsecond line\n\nnew paragraph");
        assertThat(body.html()).isEqualTo("<p>Error when clicking &lt;Save&gt; &amp; &quot;Quit&quot;<br>second line</p><p>new paragraph</p>");
        assertThat(body.text()).isEqualTo("Error when clicking <Save> & \"Quit\"\nsecond line\n\nnew paragraph");
    }
}

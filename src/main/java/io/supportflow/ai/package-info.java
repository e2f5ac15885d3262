/**
 * AI features (issue #8, PRODUCT I1-I3) as service tasks: a provider of our own ({@link io.supportflow.ai.AiProvider})
 * with an OpenAI-compatible implementation (Spring AI's OpenAI client, any base URL: OpenAI, Ollama's /v1, vLLM,
 * LM Studio) and a deterministic offline one, the default when no key is configured.
 * <ul>
 *   <li>processes/ticket-classification.bpmn: every new ticket is classified (sentiment, category, priority,
 *   language) and every customer reply re-assessed for sentiment, in async jobs with retries; results are stored
 *   as suggestions (ai_suggestion), logged on the ticket's activity and applied only above a confidence.</li>
 *   <li>processes/answer-from-knowledge-base.bpmn: the optional autonomous agent (off by default, per team).</li>
 *   <li>Agent endpoints under /api/v1/tickets/{number}/ai: insights, reply suggestion, rewrite, summary.</li>
 * </ul>
 * Depends on ticket, kb and identity; none of them depends on it.
 */
package io.supportflow.ai;

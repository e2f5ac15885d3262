package io.supportflow.scheduledreply;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class ScheduledReplyRepository {

    private static final String COLUMNS = "id, ticket_id, author_id, author_name, body, send_at, state, failure, "
            + "process_instance_id, message_id, created_at, updated_at";

    private final JdbcClient jdbc;

    ScheduledReplyRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    long insert(long ticketId, String authorId, String authorName, String body, Instant sendAt, Instant now) {
        return jdbc.sql("""
                INSERT INTO scheduled_reply (ticket_id, author_id, author_name, body, send_at, state, created_at, updated_at)
                VALUES (:ticket, :authorId, :authorName, :body, :sendAt, 'SCHEDULED', :now, :now) RETURNING id""")
                .param("ticket", ticketId).param("authorId", authorId).param("authorName", authorName).param("body", body)
                .param("sendAt", Timestamp.from(sendAt)).param("now", Timestamp.from(now))
                .query(Long.class).single();
    }

    void setProcessInstance(long id, String processInstanceId) {
        jdbc.sql("UPDATE scheduled_reply SET process_instance_id = :pi WHERE id = :id")
                .param("pi", processInstanceId).param("id", id).update();
    }

    Optional<ScheduledReply> lock(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM scheduled_reply WHERE id = :id FOR UPDATE")
                .param("id", id).query(this::map).optional();
    }

    List<ScheduledReply> ofTicket(long ticketId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM scheduled_reply WHERE ticket_id = :ticket ORDER BY send_at, id")
                .param("ticket", ticketId).query(this::map).list();
    }

    void edit(long id, String body, Instant sendAt, Instant now) {
        jdbc.sql("UPDATE scheduled_reply SET body = :body, send_at = :sendAt, updated_at = :now WHERE id = :id")
                .param("body", body).param("sendAt", Timestamp.from(sendAt)).param("now", Timestamp.from(now))
                .param("id", id).update();
    }

    void finish(long id, ScheduledReply.State state, Long messageId, String failure, Instant now) {
        jdbc.sql("UPDATE scheduled_reply SET state = :state, message_id = :message, failure = :failure, updated_at = :now WHERE id = :id")
                .param("state", state.name()).param("message", messageId).param("failure", failure)
                .param("now", Timestamp.from(now)).param("id", id).update();
    }

    private ScheduledReply map(ResultSet rs, int row) throws SQLException {
        return new ScheduledReply(rs.getLong("id"), rs.getLong("ticket_id"), rs.getString("author_id"),
                rs.getString("author_name"), rs.getString("body"), rs.getTimestamp("send_at").toInstant(),
                ScheduledReply.State.valueOf(rs.getString("state")), rs.getString("failure"),
                rs.getString("process_instance_id"), (Long) rs.getObject("message_id"),
                rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant());
    }
}

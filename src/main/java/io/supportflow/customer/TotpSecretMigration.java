package io.supportflow.customer;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Brings every stored TOTP secret to the current key during the start, before the web server takes requests,
 * so neither an upgrade nor a key rotation needs a manual step: values in clear (written before secrets were
 * encrypted), in the first format ({@code v1:}) or under a previous key are encrypted again with the current
 * key. A value no configured key decrypts is left as it is, and counted in one warning.
 * <p>
 * Chunks of {@value #CHUNK} accounts in id order, each in one transaction holding a PostgreSQL advisory lock,
 * each asking again which values are not current; a row changes only if it still holds the value read. So two
 * nodes starting at once take turns and encrypt every value once, and a second start changes nothing.
 */
@Component
class TotpSecretMigration implements SmartInitializingSingleton {

    static final int CHUNK = 200;
    private static final int LOGGED_ACCOUNTS = 20;
    private static final Logger LOG = LoggerFactory.getLogger(TotpSecretMigration.class);
    private static final String LOCK = "supportflow:totp-secret-migration";
    private static final List<String> COLUMNS = List.of("totp_secret", "totp_pending_secret");

    /** What a run did: values encrypted again with the current key, and values no configured key decrypts (with their accounts). */
    record Result(int reEncrypted, int undecryptable, List<Long> undecryptableAccounts) {
    }

    private record Row(long id, byte[] secret, byte[] pending) {
    }

    private final JdbcClient jdbc;
    private final TotpSecretCipher cipher;
    private final TransactionTemplate transaction;
    private final int chunkSize;

    @Autowired
    TotpSecretMigration(JdbcClient jdbc, TotpSecretCipher cipher, PlatformTransactionManager transactions) {
        this(jdbc, cipher, transactions, CHUNK);
    }

    TotpSecretMigration(JdbcClient jdbc, TotpSecretCipher cipher, PlatformTransactionManager transactions, int chunkSize) {
        this.jdbc = jdbc;
        this.cipher = cipher;
        this.transaction = new TransactionTemplate(transactions);
        this.chunkSize = chunkSize;
    }

    @Override
    public void afterSingletonsInstantiated() {
        migrate();
    }

    Result migrate() {
        int reEncrypted = 0;
        List<Long> undecryptable = new ArrayList<>();
        long after = Long.MIN_VALUE;
        Chunk chunk;
        do {
            long from = after;
            chunk = transaction.execute(status -> migrateChunk(from));
            reEncrypted += chunk.reEncrypted();
            undecryptable.addAll(chunk.undecryptable());
            after = chunk.lastId();
        } while (chunk.rows() == chunkSize);
        Result result = new Result(reEncrypted, undecryptable.size(), List.copyOf(undecryptable));
        log(result);
        return result;
    }

    private record Chunk(int rows, long lastId, int reEncrypted, List<Long> undecryptable) {
    }

    /** The next accounts after {@code after} with a value not under the current key, under the lock. */
    private Chunk migrateChunk(long after) {
        List<Row> rows = nextChunk(after);
        int reEncrypted = 0;
        List<Long> undecryptable = new ArrayList<>();
        for (Row row : rows) {
            reEncrypted += migrate(row, "totp_secret", row.secret(), undecryptable)
                    + migrate(row, "totp_pending_secret", row.pending(), undecryptable);
        }
        return new Chunk(rows.size(), rows.isEmpty() ? after : rows.get(rows.size() - 1).id(), reEncrypted, undecryptable);
    }

    private List<Row> nextChunk(long after) {
        jdbc.sql("SELECT pg_advisory_xact_lock(hashtextextended(:key, 0))").param("key", LOCK).query((rs, n) -> 1).list();
        String notCurrent = COLUMNS.stream()
                .map(c -> "(" + c + " IS NOT NULL AND (octet_length(" + c + ") = :clearLength"
                        + " OR substring(" + c + " FROM 1 FOR :prefixLength) <> convert_to(:prefix, 'UTF8')))")
                .reduce((a, b) -> a + " OR " + b).orElseThrow();
        return jdbc.sql("SELECT id, totp_secret, totp_pending_secret FROM customer_account WHERE id > :after AND (" + notCurrent + ")"
                        + " ORDER BY id LIMIT :chunk")
                .param("after", after).param("clearLength", Totp.SECRET_BYTES)
                .param("prefixLength", cipher.currentPrefix().length()).param("prefix", cipher.currentPrefix())
                .param("chunk", chunkSize)
                .query((rs, n) -> new Row(rs.getLong(1), rs.getBytes(2), rs.getBytes(3))).list();
    }

    /** 1 if this value was encrypted again; an undecryptable one adds its account to {@code failed}. */
    private int migrate(Row row, String column, byte[] value, List<Long> failed) {
        if (value == null || cipher.isCurrent(value)) {
            return 0;
        }
        byte[] secret;
        if (TotpSecretCipher.isClear(value)) {
            secret = value;
        } else {
            try {
                secret = cipher.decrypt(new String(value, StandardCharsets.US_ASCII), row.id());
            } catch (IllegalArgumentException lostKeyOrAltered) {
                failed.add(row.id());
                return 0;
            }
        }
        // the column name comes from COLUMNS, never from input
        return jdbc.sql("UPDATE customer_account SET " + column + " = :current WHERE id = :id AND " + column + " = :read")
                .param("current", cipher.toColumn(secret, row.id())).param("id", row.id()).param("read", value)
                .update();
    }

    private static void log(Result result) {
        if (result.reEncrypted() > 0) {
            LOG.info("Encrypted {} TOTP secrets again with the current key (SUPPORTFLOW_TOTP_ENCRYPTION_KEY)", result.reEncrypted());
        }
        if (result.undecryptable() > 0) {
            List<Long> accounts = result.undecryptableAccounts().stream().distinct().toList();
            LOG.warn("TOTP secrets that no configured key decrypts (SUPPORTFLOW_TOTP_ENCRYPTION_KEY,"
                            + " SUPPORTFLOW_TOTP_PREVIOUS_ENCRYPTION_KEYS), left as they are: {}. Those customers' authenticator"
                            + " codes are refused, their recovery codes still work; customer accounts {}{}",
                    result.undecryptable(), accounts.subList(0, Math.min(LOGGED_ACCOUNTS, accounts.size())),
                    accounts.size() > LOGGED_ACCOUNTS ? " and " + (accounts.size() - LOGGED_ACCOUNTS) + " more" : "");
        }
    }
}

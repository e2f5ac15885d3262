package io.supportflow.customer;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Encrypts, once, the TOTP secrets stored in clear before {@link TotpSecretCipher} existed, during the start and
 * before the web server takes requests, so an upgrade needs no manual step. Values already encrypted are left
 * alone. Each row is updated only if it still holds the clear value read (in id order, one transaction), so two
 * nodes starting at once encrypt every secret once and a second start changes nothing.
 */
@Component
class TotpSecretMigration implements SmartInitializingSingleton {

    private static final Logger LOG = LoggerFactory.getLogger(TotpSecretMigration.class);
    private static final List<String> COLUMNS = List.of("totp_secret", "totp_pending_secret");

    private final JdbcClient jdbc;
    private final TotpSecretCipher cipher;
    private final TransactionTemplate transaction;

    TotpSecretMigration(JdbcClient jdbc, TotpSecretCipher cipher, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.cipher = cipher;
        this.transaction = new TransactionTemplate(transactions);
    }

    @Override
    public void afterSingletonsInstantiated() {
        int encrypted = encryptClearSecrets();
        if (encrypted > 0) {
            LOG.info("Encrypted {} TOTP secrets stored in clear by an earlier version", encrypted);
        }
    }

    /** How many values this call encrypted. */
    int encryptClearSecrets() {
        Integer total = transaction.execute(status -> {
            int count = 0;
            for (String column : COLUMNS) {
                count += encryptClear(column);
            }
            return count;
        });
        return total == null ? 0 : total;
    }

    private int encryptClear(String column) {
        record Row(long id, byte[] value) {
        }
        // the column name comes from COLUMNS, never from input
        List<Row> clear = jdbc.sql("SELECT id, " + column + " FROM customer_account WHERE " + column + " IS NOT NULL"
                        + " AND (octet_length(" + column + ") = :clearLength OR substring(" + column + " FROM 1 FOR 3) <> convert_to('v1:', 'UTF8'))"
                        + " ORDER BY id")
                .param("clearLength", Totp.SECRET_BYTES)
                .query((rs, n) -> new Row(rs.getLong(1), rs.getBytes(2))).list();
        int count = 0;
        for (Row row : clear) {
            if (!TotpSecretCipher.isClear(row.value())) {
                continue;
            }
            count += jdbc.sql("UPDATE customer_account SET " + column + " = :encrypted WHERE id = :id AND " + column + " = :clear")
                    .param("encrypted", cipher.toColumn(row.value(), row.id())).param("id", row.id()).param("clear", row.value())
                    .update();
        }
        return count;
    }
}

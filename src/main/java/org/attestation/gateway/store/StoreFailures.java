package org.attestation.gateway.store;

import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;
import java.net.ConnectException;

/** Tells a database that is unreachable or going away (retry later) from a real error. */
public final class StoreFailures {

    private StoreFailures() {
    }

    /**
     * True for refused or closed connections and for PostgreSQL's connection exceptions (SQLSTATE class 08),
     * insufficient resources (53) and operator intervention such as a shutdown (57).
     */
    public static boolean unavailable(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ConnectException || t instanceof ClosedConnectionException) {
                return true;
            }
            if (t instanceof PgException pg && pg.getSqlState() != null
                    && (pg.getSqlState().startsWith("08") || pg.getSqlState().startsWith("53")
                            || pg.getSqlState().startsWith("57"))) {
                return true;
            }
        }
        return false;
    }
}

package org.attestation.gateway.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.pubsub.PgChannel;
import io.vertx.pgclient.pubsub.PgSubscriber;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.Tuple;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class TestPostgresTest {

    @RegisterExtension
    static final TestPostgres PG = new TestPostgres();

    /** A second registration, as another test class has. */
    @RegisterExtension
    static final TestPostgres OTHER_CLASS = new TestPostgres();

    private Vertx vertx;

    @BeforeEach
    void open() {
        vertx = Vertx.vertx();
    }

    @AfterEach
    void close() {
        await(vertx.close());
    }

    @Test
    void eachRegistrationHasItsOwnDatabaseOnTheSameServer() {
        // Given a table made in one registration's database
        Pool pool = pool(PG.connectOptions());
        await(pool.query("CREATE TABLE marker (id int)").execute());

        // When the other registration's database is asked for it
        Pool other = pool(OTHER_CLASS.connectOptions());

        // Then it is not there: the databases differ, the server is the same
        assertThat(await(other.query("SELECT to_regclass('marker') IS NULL AS absent").execute()).iterator().next()
                .getBoolean("absent")).isTrue();
        assertThat(OTHER_CLASS.connectOptions().getDatabase()).isNotEqualTo(PG.connectOptions().getDatabase())
                .startsWith("t_");
        assertThat(OTHER_CLASS.connectOptions().getPort()).isEqualTo(PG.connectOptions().getPort());
        PgConnectOptions fromUrl = PgConnectOptions.fromUri(PG.url());
        assertThat(fromUrl).extracting(PgConnectOptions::getHost, PgConnectOptions::getPort, PgConnectOptions::getDatabase,
                        PgConnectOptions::getUser)
                .containsExactly(PG.connectOptions().getHost(), PG.connectOptions().getPort(),
                        PG.connectOptions().getDatabase(), PG.connectOptions().getUser());
    }

    @Test
    void notificationsReachASubscriber() {
        // Given a subscriber listening on a channel
        PgSubscriber subscriber = PgSubscriber.subscriber(vertx, PG.connectOptions());
        Promise<Void> listening = Promise.promise();
        Promise<String> received = Promise.promise();
        PgChannel channel = subscriber.channel("collateral_invalidated");
        channel.subscribeHandler(listening::tryComplete).handler(received::tryComplete);
        await(subscriber.connect());
        await(listening.future());

        // When a notification is sent from another connection
        await(pool(PG.connectOptions()).preparedQuery("SELECT pg_notify($1, $2)")
                .execute(Tuple.of("collateral_invalidated", "sgx/tcb/00906ED50000")));

        // Then the subscriber gets its payload
        assertThat(await(received.future())).isEqualTo("sgx/tcb/00906ED50000");
        await(subscriber.close());
    }

    @Test
    void aDedicatedServerComesBackOnTheSamePortAndPoolsReconnect() throws Exception {
        try (TestPostgres.Dedicated server = TestPostgres.dedicated()) {
            // Given a pool that has worked against a dedicated server
            Pool pool = pool(server.connectOptions());
            assertThat(selectOne(pool)).isEqualTo(1);

            // When the server stops
            server.stop();

            // Then queries fail
            assertThatThrownBy(() -> selectOne(pool)).isInstanceOf(AssertionError.class);

            // When it is started again
            server.start();

            // Then the same pool, which knows only the old port, works again
            assertThat(selectOne(pool)).isEqualTo(1);
        }
    }

    private static int selectOne(Pool pool) {
        return await(pool.query("SELECT 1 AS one").execute()).iterator().next().getInteger("one");
    }

    private Pool pool(PgConnectOptions options) {
        return PgBuilder.pool().with(new PoolOptions()).connectingTo(options).using(vertx).build();
    }

    private static <T> T await(Future<T> future) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError(e.getCause() == null ? e : e.getCause());
        }
    }
}

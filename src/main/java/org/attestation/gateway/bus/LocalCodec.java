package org.attestation.gateway.bus;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.MessageCodec;

/**
 * Passes the gateway's own objects between verticles by reference: no JSON or byte copies. The objects
 * are immutable records (or exceptions), so sharing them across threads is safe. The gateway's event bus
 * is local; these objects never go on the wire.
 */
final class LocalCodec implements MessageCodec<Object, Object> {

    static final String NAME = "gateway-local";

    @Override
    public void encodeToWire(Buffer buffer, Object o) {
        throw new UnsupportedOperationException("gateway messages stay in this JVM: " + o.getClass().getName());
    }

    @Override
    public Object decodeFromWire(int pos, Buffer buffer) {
        throw new UnsupportedOperationException("gateway messages stay in this JVM");
    }

    @Override
    public Object transform(Object o) {
        return o;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public byte systemCodecID() {
        return -1;
    }
}

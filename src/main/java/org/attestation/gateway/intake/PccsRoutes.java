package org.attestation.gateway.intake;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.List;
import java.util.function.BiFunction;
import org.attestation.gateway.bus.Addresses;
import org.attestation.gateway.bus.Bus;
import org.attestation.gateway.collateral.CollateralMissingException;
import org.attestation.gateway.collateral.IntelCollateralKey;
import org.attestation.gateway.collateral.IntelCollateralKey.Kind;
import org.attestation.gateway.collateral.PccsItem;
import org.attestation.gateway.collateral.PccsItem.CrlEncoding;
import org.attestation.gateway.store.CollateralEntry;

/**
 * The PCCS-compatible collateral API on Intel PCS v4 paths, so that DCAP quote providers and verifiers can
 * use the gateway as their PCCS. Items come from the collateral tier (cached, or fetched from PCS on a miss
 * in lazy mode) with Intel's response headers. Like PCS, it has no tenants and no api-version.
 */
final class PccsRoutes {

    /** Intel's request id header; PCCS clients log it. */
    static final String REQUEST_ID = "Request-ID";
    private static final List<String> CRL_ENCODINGS = List.of("der", "pem");

    private final EventBus eventBus;
    private final Duration timeout;
    private final String defaultUpdate;

    /** {@code defaultUpdate}: the TCB feed served when a client does not name one (the tier's own). */
    PccsRoutes(EventBus eventBus, Duration timeout, String defaultUpdate) {
        this.eventBus = eventBus;
        this.timeout = timeout;
        this.defaultUpdate = defaultUpdate;
    }

    void mount(Router router) {
        for (String tee : List.of(IntelCollateralKey.SGX, IntelCollateralKey.TDX)) {
            router.route(base(tee) + "*").handler(PccsRoutes::requestId);
            router.get(path(tee, Kind.TCB_INFO)).handler(ctx ->
                    serve(ctx, IntelCollateralKey.tcbInfo(tee, fmspc(ctx), update(ctx)), PccsItem::json));
            router.get(path(tee, Kind.QE_IDENTITY)).handler(ctx ->
                    serve(ctx, IntelCollateralKey.qeIdentity(tee, update(ctx)), PccsItem::json));
        }
        String sgx = IntelCollateralKey.SGX;
        router.get(path(sgx, Kind.QVE_IDENTITY)).handler(ctx ->
                serve(ctx, IntelCollateralKey.qveIdentity(update(ctx)), PccsItem::json));
        router.get(path(sgx, Kind.PCK_CRL)).handler(ctx -> {
            IntelCollateralKey key = IntelCollateralKey.pckCrl(oneOf(ctx, "ca", IntelCollateralKey.PCK_CAS, null));
            // PEM unless DER is asked for, as PCS does (PCCS answers hex there instead)
            CrlEncoding encoding = oneOf(ctx, "encoding", CRL_ENCODINGS, "pem").equals("der")
                    ? CrlEncoding.DER : CrlEncoding.PEM;
            serve(ctx, key, (item, entry) -> PccsItem.crl(item, entry, encoding));
        });
        // PCCS's own route (PCS has none): hex of the DER
        router.get(path(sgx, Kind.ROOT_CA_CRL)).handler(ctx -> serve(ctx, IntelCollateralKey.rootCaCrl(),
                (item, entry) -> PccsItem.crl(item, entry, CrlEncoding.HEX)));
    }

    private static String base(String tee) {
        return "/" + tee + "/certification/v4/";
    }

    private static String path(String tee, Kind kind) {
        return base(tee) + kind.path();
    }

    /** Every answer of this API carries Intel's {@code Request-ID}, errors included: our request id. */
    private static void requestId(RoutingContext ctx) {
        ctx.response().putHeader(REQUEST_ID, RequestIds.of(ctx));
        ctx.next();
    }

    private void serve(RoutingContext ctx, IntelCollateralKey key,
            BiFunction<IntelCollateralKey, CollateralEntry, PccsItem> represent) {
        Bus.request(eventBus, Addresses.COLLATERAL_ITEM, key, timeout, CollateralEntry.class)
                .recover(PccsRoutes::notFoundWhenMissing)
                .map(entry -> represent.apply(key, entry))
                .onSuccess(item -> {
                    HttpServerResponse response = ctx.response();
                    response.putHeader(HttpHeaders.CONTENT_TYPE, item.contentType());
                    item.headers().forEach(response::putHeader);
                    response.end(Buffer.buffer(item.body()));
                })
                .onFailure(ctx::fail);
    }

    /** Here the item is the resource: when it does not exist, that is 404, as PCS answers. */
    private static Future<CollateralEntry> notFoundWhenMissing(Throwable failure) {
        return Future.failedFuture(failure instanceof CollateralMissingException missing
                ? new CollateralNotFoundException(missing) : failure);
    }

    private static String fmspc(RoutingContext ctx) {
        String value = ctx.queryParams().get("fmspc");
        if (!IntelCollateralKey.isFmspc(value)) {
            throw new QueryParameterException("fmspc", value, "12 hex digits");
        }
        return value;
    }

    private String update(RoutingContext ctx) {
        return oneOf(ctx, "update", IntelCollateralKey.UPDATES, defaultUpdate);
    }

    /** A parameter that takes one of {@code allowed}: {@code fallback} when absent, or required if that is null. */
    private static String oneOf(RoutingContext ctx, String name, List<String> allowed, String fallback) {
        String value = ctx.queryParams().get(name);
        if (value == null && fallback != null) {
            return fallback;
        }
        if (value == null || !allowed.contains(value)) {
            throw new QueryParameterException(name, value, String.join(" or ", allowed));
        }
        return value;
    }
}

package org.attestation.gateway.intake;

import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import java.util.OptionalLong;
import org.attestation.gateway.collateral.CollateralMissingException;
import org.attestation.gateway.collateral.CollateralRejectedException;
import org.attestation.gateway.collateral.CollateralUnavailableException;
import org.attestation.gateway.error.GatewayException;
import org.attestation.gateway.evidence.InitTimeDataMismatchException;
import org.attestation.gateway.evidence.PolicyNotSetException;
import org.attestation.gateway.evidence.RuntimeDataMismatchException;
import org.attestation.gateway.evidence.UnsupportedEvidenceException;
import org.attestation.gateway.evidence.dcap.CollateralExpiredException;
import org.attestation.gateway.evidence.dcap.CollateralFormatException;
import org.attestation.gateway.evidence.dcap.DcapVerificationException;
import org.attestation.gateway.evidence.dcap.QuoteFormatException;
import org.attestation.gateway.evidence.snp.SnpEvidenceFormatException;
import org.attestation.gateway.evidence.snp.SnpVerificationException;
import org.attestation.gateway.policy.InvalidPolicyJwsException;
import org.attestation.gateway.policy.PolicyEvaluationException;
import org.attestation.gateway.policy.PolicyParseException;
import org.attestation.gateway.store.StoreFailures;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where failures become HTTP answers: MAA's error shape, a status that tells a client's
 * mistake (4xx) from the gateway's (5xx), and never a stack trace on the wire.
 */
final class ErrorResponses {

    private static final Logger LOG = LoggerFactory.getLogger(ErrorResponses.class);

    private final long retryAfterSeconds;

    ErrorResponses(long retryAfterSeconds) {
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** Router error handler: maps the failure (or bare status) of the context and answers it. */
    void handle(RoutingContext ctx) {
        ApiError error = map(ctx.failure(), ctx.statusCode());
        if (error.status() >= 500 && error.status() != 503 && error.status() != 501) {
            LOG.atError().addKeyValue("requestId", RequestIds.of(ctx)).setCause(ctx.failure())
                    .log("request failed: {} {}", ctx.request().method(), ctx.request().path());
        }
        send(ctx, error);
    }

    ApiError map(Throwable failure, int status) {
        if (failure instanceof RequestException e) {
            return ApiError.of(e.status(), e.maaCode(), e.getMessage());
        }
        if (failure instanceof PolicyParseException e) {
            return ApiError.of(400, "PolicyParsingError", e.getMessage());
        }
        if (failure instanceof InvalidPolicyJwsException e) {
            return ApiError.of(400, "InvalidOperation", e.getMessage());
        }
        if (failure instanceof PolicyEvaluationException e) {
            return ApiError.of(400, "PolicyEvaluationError", e.getMessage());
        }
        if (failure instanceof PolicyNotSetException e) {
            return ApiError.of(400, "InvalidOperation", e.getMessage());
        }
        if (failure instanceof UnsupportedEvidenceException e) {
            return ApiError.of(501, "NotImplemented", e.getMessage());
        }
        if (failure instanceof QuoteFormatException || failure instanceof DcapVerificationException
                || failure instanceof CollateralFormatException || failure instanceof CollateralExpiredException
                || failure instanceof RuntimeDataMismatchException || failure instanceof InitTimeDataMismatchException
                || failure instanceof SnpVerificationException || failure instanceof SnpEvidenceFormatException) {
            // The evidence failed a check: the client's evidence, the client's 4xx, with the check named
            return ApiError.of(400, "InvalidParameter", evidenceMessage((GatewayException) failure));
        }
        if (failure instanceof CollateralUnavailableException || failure instanceof CollateralRejectedException) {
            return new ApiError(503, "ServiceUnavailable", "collateral is unavailable: " + failure.getMessage(),
                    OptionalLong.of(retryAfterSeconds));
        }
        if (failure instanceof CollateralMissingException e) {
            return ApiError.of(503, "ServiceUnavailable", "collateral is missing: " + e.getMessage());
        }
        if (failure instanceof ReplyException e) {
            String stage = switch (e.failureType()) {
                case TIMEOUT -> "did not answer in time";
                case NO_HANDLERS -> "is not running";
                default -> "failed";
            };
            return new ApiError(503, "ServiceUnavailable",
                    "the gateway is busy: a pipeline stage " + stage + "; retry later", OptionalLong.of(retryAfterSeconds));
        }
        if (failure instanceof OverloadedException e) {
            return new ApiError(503, "ServiceUnavailable", e.getMessage(), OptionalLong.of(retryAfterSeconds));
        }
        if (StoreFailures.unavailable(failure)) {
            return new ApiError(503, "ServiceUnavailable", "the store is unavailable; retry later",
                    OptionalLong.of(retryAfterSeconds));
        }
        if (failure instanceof HttpException e) {
            return byStatus(e.getStatusCode());
        }
        if (failure != null) {
            return ApiError.of(500, "InternalError", "the gateway failed to process the request");
        }
        return byStatus(status);
    }

    private static String evidenceMessage(GatewayException failure) {
        return "the evidence was rejected (" + failure.code() + "): " + failure.getMessage();
    }

    private static ApiError byStatus(int status) {
        return switch (status) {
            case 400 -> ApiError.of(400, "InvalidParameter", "the request is malformed");
            case 404 -> ApiError.of(404, "NotFound", "no such resource");
            case 405 -> ApiError.of(405, "MethodNotAllowed", "this resource does not support that method");
            case 413 -> ApiError.of(413, "RequestEntityTooLarge", "the request body exceeds the gateway's limit");
            case 415 -> ApiError.of(415, "UnsupportedMediaType", "the Content-Type is not one this endpoint takes");
            default -> status >= 400 && status < 500
                    ? ApiError.of(status, "InvalidParameter", "the request was refused")
                    : ApiError.of(500, "InternalError", "the gateway failed to process the request");
        };
    }


    static void send(RoutingContext ctx, ApiError error) {
        if (ctx.response().headWritten()) {
            ctx.response().reset();
            return;
        }
        var response = ctx.response().setStatusCode(error.status())
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json; charset=utf-8");
        error.retryAfterSeconds().ifPresent(seconds -> response.putHeader("Retry-After", Long.toString(seconds)));
        if (error.status() == 413) {
            // The rest of an oversized body is not read; close rather than leave it in the pipe.
            response.putHeader(HttpHeaders.CONNECTION, "close");
        }
        response.end(new JsonObject().put("error",
                new JsonObject().put("code", error.code()).put("message", error.message())).encode());
    }
}

package org.attestation.gateway.intake;

import java.util.OptionalLong;

/**
 * An error answer in MAA's shape, {@code {"error":{"code":...,"message":...}}}, with its HTTP status and,
 * for 503, the Retry-After seconds.
 */
record ApiError(int status, String code, String message, OptionalLong retryAfterSeconds) {

    static ApiError of(int status, String code, String message) {
        return new ApiError(status, code, message, OptionalLong.empty());
    }
}

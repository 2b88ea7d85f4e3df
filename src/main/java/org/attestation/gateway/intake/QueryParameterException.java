package org.attestation.gateway.intake;

/** A query parameter that is missing or has a value the endpoint does not take. */
final class QueryParameterException extends RequestException {

    /** {@code value} is null when the parameter is missing; {@code expected} says what it must be. */
    QueryParameterException(String name, String value, String expected) {
        super("INVALID_QUERY_PARAMETER", value == null
                ? "the query parameter '" + name + "' is required: " + expected
                : "the query parameter '" + name + "' must be " + expected + ", not '" + shorten(value) + "'");
    }

    @Override
    int status() {
        return 400;
    }
}

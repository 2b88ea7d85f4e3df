package org.attestation.gateway.intake;

/** A management write signed by a certificate that is not one of the tenant's policy management certificates. */
final class UnauthorizedSignerException extends RequestException {

    UnauthorizedSignerException(String thumbprint) {
        super("UNAUTHORIZED_SIGNER", "the signing certificate (thumbprint " + thumbprint
                + ") is not a policy management certificate of this tenant");
    }

    @Override
    int status() {
        return 401;
    }
}

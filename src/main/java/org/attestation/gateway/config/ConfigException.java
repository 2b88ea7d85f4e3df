package org.attestation.gateway.config;

/** A setting that cannot be used; the message is one line naming the setting. */
public final class ConfigException extends RuntimeException {

    public ConfigException(String message) {
        super(message);
    }

    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }

    static ConfigException invalid(Setting setting, String value, String problem) {
        String shown = setting.secret() ? "(hidden)" : '"' + value + '"';
        return new ConfigException(setting.label() + " = " + shown + ": " + problem);
    }
}

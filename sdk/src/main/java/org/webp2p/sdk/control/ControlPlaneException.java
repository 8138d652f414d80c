package org.webp2p.sdk.control;

/** The control plane refused or could not be reached; {@code code} is the server's error code if any. */
public final class ControlPlaneException extends Exception {
    private static final long serialVersionUID = 1L;
    private final int status;
    private final String code;

    public ControlPlaneException(int status, String code, String message) {
        super(message);
        this.status = status;
        this.code = code;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }
}

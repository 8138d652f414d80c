package org.webp2p.app;

import java.util.Objects;

/** The outcome of checking one service, printed as {@code self-test NAME ok|FAILED|skipped DETAIL}. */
record SelfTestCheck(String service, Outcome outcome, String detail) {

    enum Outcome {
        OK("ok"), FAILED("FAILED"), SKIPPED("skipped");

        private final String word;

        Outcome(String word) {
            this.word = word;
        }
    }

    SelfTestCheck {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(outcome, "outcome");
        // One check is one line, so a multi-line reason (a stack of causes) is folded into it.
        detail = detail == null ? "" : detail.replaceAll("\\s*\\R\\s*", " ").strip();
    }

    static SelfTestCheck ok(String service, String detail) {
        return new SelfTestCheck(service, Outcome.OK, detail);
    }

    static SelfTestCheck failed(String service, String detail) {
        return new SelfTestCheck(service, Outcome.FAILED, detail);
    }

    static SelfTestCheck skipped(String service, String detail) {
        return new SelfTestCheck(service, Outcome.SKIPPED, detail);
    }

    boolean failed() {
        return outcome == Outcome.FAILED;
    }

    String line() {
        return "self-test " + service + " " + outcome.word + (detail.isEmpty() ? "" : " " + detail);
    }
}

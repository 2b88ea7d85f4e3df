package org.attestation.gateway.cli;

import java.io.PrintWriter;
import java.time.Instant;

/**
 * How a warmup run reports its items: a bar redrawn in place on a terminal, one line per item otherwise
 * (logs, CI), so that scripts can read {@code ok <id> (nextUpdate ...)} and {@code FAILED <id>: <reason>}.
 */
interface WarmupProgress {

    /** A step of {@code items} items begins: {@code fetching}, {@code importing}, {@code loading}. */
    void begin(String step, int items);

    void ok(String id, Instant nextUpdate);

    void failed(String id, String reason);

    /** The step is over. */
    void end();

    static WarmupProgress to(PrintWriter out, boolean terminal) {
        return terminal ? new Bar(out) : new Lines(out);
    }

    /** One line per item. */
    final class Lines implements WarmupProgress {
        private final PrintWriter out;

        Lines(PrintWriter out) {
            this.out = out;
        }

        @Override
        public void begin(String step, int items) {
        }

        @Override
        public void ok(String id, Instant nextUpdate) {
            out.println("ok " + id + " (nextUpdate " + nextUpdate + ")");
            out.flush();
        }

        @Override
        public void failed(String id, String reason) {
            out.println("FAILED " + id + ": " + reason);
            out.flush();
        }

        @Override
        public void end() {
        }
    }

    /** {@code [=========           ] 4/9 fetching intel/sgx/pckcrl/processor}, redrawn in place; failures stay as lines. */
    final class Bar implements WarmupProgress {
        static final int WIDTH = 30;
        /** Back to the start of the line and erase it (ANSI: every terminal the gateway runs on). */
        private static final String REDRAW = "\r\u001B[2K";

        private final PrintWriter out;
        private String step = "";
        private int items;
        private int done;

        Bar(PrintWriter out) {
            this.out = out;
        }

        @Override
        public void begin(String step, int items) {
            this.step = step;
            this.items = items;
            this.done = 0;
            draw("");
        }

        @Override
        public void ok(String id, Instant nextUpdate) {
            done++;
            draw(id);
        }

        @Override
        public void failed(String id, String reason) {
            done++;
            out.print(REDRAW);
            out.println("FAILED " + id + ": " + reason);
            draw(id);
        }

        @Override
        public void end() {
            draw("");
            out.println();
            out.flush();
        }

        private void draw(String id) {
            int filled = items == 0 ? WIDTH : WIDTH * done / items;
            out.print(REDRAW + "[" + "=".repeat(filled) + " ".repeat(WIDTH - filled) + "] " + done + "/" + items
                    + " " + step + (id.isEmpty() ? "" : " " + id));
            out.flush();
        }
    }
}

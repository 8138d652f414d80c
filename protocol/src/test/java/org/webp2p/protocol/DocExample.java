package org.webp2p.protocol;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A fenced {@code json} example of docs/protocol.md with the message it shows, named by the HTML
 * comment {@code <!-- wire: api.SessionPlan -->} on the line before its fence ({@code []} after the
 * name: an array of them). A leading {@code HTTP/1.1 401 ...} line is the status, not the body.
 *
 * @param message the marker's name, {@code null} when the fence has none
 * @param line    where the fence starts in the doc, counted from 1
 */
record DocExample(String heading, int line, String message, String json) {
    private static final Pattern MARKER = Pattern.compile("<!--\\s*wire:\\s*([\\w.]+(?:\\[])?)\\s*-->");
    private static final Pattern STATUS_LINE = Pattern.compile("^HTTP/1\\.1 \\d{3} [^\\n]*\\n");

    static Path doc() {
        return Path.of(System.getProperty("webp2p.protocol-doc", "../docs/protocol.md"));
    }

    static List<DocExample> all() throws IOException {
        List<String> lines = Files.readAllLines(doc());
        List<DocExample> out = new ArrayList<>();
        String heading = "";
        for (int i = 0; i < lines.size(); i++) {
            String l = lines.get(i);
            if (l.startsWith("#")) {
                heading = l.replaceFirst("^#+\\s*", "");
            }
            if (!l.strip().equals("```json")) {
                continue;
            }
            Matcher marker = i > 0 ? MARKER.matcher(lines.get(i - 1).strip()) : null;
            StringBuilder json = new StringBuilder();
            int start = i + 1;
            for (i++; i < lines.size() && !lines.get(i).strip().equals("```"); i++) {
                json.append(lines.get(i)).append('\n');
            }
            out.add(new DocExample(heading, start, marker != null && marker.matches() ? marker.group(1) : null,
                    STATUS_LINE.matcher(json).replaceFirst("")));
        }
        return out;
    }

    boolean isArray() {
        return message.endsWith("[]");
    }

    /** The record the marker names, under {@code org.webp2p.protocol}. */
    Class<?> type() throws ClassNotFoundException {
        String name = isArray() ? message.substring(0, message.length() - 2) : message;
        return Class.forName("org.webp2p.protocol." + name);
    }

    @Override
    public String toString() {
        return message + " under \"" + heading + "\" (docs/protocol.md:" + line + ")";
    }
}

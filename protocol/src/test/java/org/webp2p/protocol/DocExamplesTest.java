package org.webp2p.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The contract against its documentation: every JSON example in docs/protocol.md is read by the
 * record it names, strictly (a field the record does not have fails), and written back to the same
 * JSON (a field the example leaves out, or a renamed one, fails). Every record of this module
 * appears in some example, so a new message cannot go undocumented.
 */
class DocExamplesTest {
    private static final ObjectMapper JSON = WireJson.strict();

    @Test
    void everyJsonExampleNamesTheMessageItShows() throws IOException {
        List<DocExample> examples = DocExample.all();
        assertThat(examples).as("examples in %s", DocExample.doc()).hasSizeGreaterThan(10);
        assertThat(examples).filteredOn(e -> e.message() == null)
                .as("```json blocks without a <!-- wire: package.Record --> line before them").isEmpty();
    }

    @TestFactory
    Stream<DynamicTest> everyExampleReadsAsItsMessageAndWritesBackTheSameJson() throws IOException {
        return DocExample.all().stream().filter(e -> e.message() != null)
                .map(e -> DynamicTest.dynamicTest(e.toString(), () -> {
                    JavaType type = e.isArray() ? JSON.getTypeFactory().constructCollectionType(List.class, e.type())
                            : JSON.getTypeFactory().constructType(e.type());
                    Object message = JSON.readValue(e.json(), type);
                    JsonNode written = JSON.readTree(JSON.writeValueAsString(message));
                    assertThat(written).as(e.toString()).isEqualTo(JSON.readTree(e.json()));
                }));
    }

    @Test
    void everyRecordOfTheProtocolAppearsInAnExample() throws Exception {
        Set<String> shown = new TreeSet<>();
        Deque<Class<?>> todo = new ArrayDeque<>();
        for (DocExample e : DocExample.all()) {
            if (e.message() != null) {
                todo.add(e.type());
            }
        }
        while (!todo.isEmpty()) {
            Class<?> c = todo.pop();
            if (c.isRecord() && shown.add(c.getName())) {
                for (RecordComponent rc : c.getRecordComponents()) {
                    addTypes(rc.getGenericType(), todo);
                }
            }
        }
        assertThat(shown).as("records with an example in docs/protocol.md").containsAll(protocolRecords());
    }

    private static void addTypes(Type t, Deque<Class<?>> todo) {
        if (t instanceof Class<?> c) {
            todo.add(c);
        } else if (t instanceof ParameterizedType p) {
            for (Type arg : p.getActualTypeArguments()) {
                addTypes(arg, todo);
            }
        }
    }

    /** Every record compiled into this module, found in its class directory. */
    private static Set<String> protocolRecords() throws IOException, URISyntaxException, ClassNotFoundException {
        Path classes = Path.of(WireJson.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Set<String> out = new TreeSet<>();
        try (Stream<Path> files = Files.walk(classes)) {
            for (Path f : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String name = classes.relativize(f).toString().replace(f.getFileSystem().getSeparator(), ".")
                        .replaceFirst("\\.class$", "");
                Class<?> c = Class.forName(name);
                if (c.isRecord()) {
                    out.add(name);
                }
            }
        }
        assertThat(out).as("records under %s", classes).isNotEmpty();
        return out;
    }
}

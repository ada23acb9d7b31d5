package io.github.scopedgroupauth.examples.docs;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.scopedgroupauth.ScopedGroupAuth;
import io.github.scopedgroupauth.runtime.ScopePolicy;
import java.io.IOException;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The table of public types at the top of {@code docs/api.md} names every public class of the two API packages. */
class PublicApiTableTest {

    /** Set by the examples module's surefire configuration. */
    private static final String ROOT_PROPERTY = "scopedgroupauth.repositoryRoot";

    private static final Pattern TYPE = Pattern.compile("`([\\w.]+)`");

    @ParameterizedTest
    @ValueSource(classes = {ScopedGroupAuth.class, ScopePolicy.class})
    void apiDoc_namesEveryPublicTopLevelType_ofTheApiPackage(Class<?> member)
            throws IOException, URISyntaxException, ClassNotFoundException {
        String packageName = member.getPackageName();

        List<String> listed = listedTypes(packageName);

        assertThat(listed).as("docs/api.md's public types of %s", packageName).isNotEmpty();
        for (String type : listed) {
            assertThat(Modifier.isPublic(
                            type(packageName + "." + type.replace('.', '$')).getModifiers()))
                    .as("%s.%s is public", packageName, type)
                    .isTrue();
        }
        assertThat(listed.stream().filter(type -> !type.contains(".")).sorted().toList())
                .as("the top-level types docs/api.md lists for %s", packageName)
                .containsExactlyElementsOf(publicTopLevelTypes(member));
    }

    private static List<String> listedTypes(String packageName) throws IOException {
        Path api = Path.of(System.getProperty(ROOT_PROPERTY, ".."), "docs", "api.md");
        String row = Files.readAllLines(api, UTF_8).stream()
                .filter(line -> line.startsWith("| `") && line.contains("| `" + packageName + "` |"))
                .findFirst()
                .orElse("");
        String[] cells = row.split("\\|");
        List<String> types = new ArrayList<>();
        if (cells.length > 3) {
            Matcher type = TYPE.matcher(cells[3]);
            while (type.find()) {
                types.add(type.group(1));
            }
        }
        return types;
    }

    private static List<String> publicTopLevelTypes(Class<?> member)
            throws IOException, URISyntaxException, ClassNotFoundException {
        Path location = Path.of(
                member.getProtectionDomain().getCodeSource().getLocation().toURI());
        String directory = member.getPackageName().replace('.', '/');
        TreeSet<String> names = new TreeSet<>();
        try (FileSystem jar = Files.isDirectory(location) ? null : FileSystems.newFileSystem(location);
                Stream<Path> files = Files.list((jar == null ? location : jar.getPath("/")).resolve(directory))) {
            for (Path file : files.toList()) {
                String name = file.getFileName().toString();
                if (name.endsWith(".class") && !name.contains("$") && !name.equals("package-info.class")) {
                    String simpleName = name.substring(0, name.length() - ".class".length());
                    Class<?> type = type(member.getPackageName() + "." + simpleName);
                    if (Modifier.isPublic(type.getModifiers())) {
                        names.add(simpleName);
                    }
                }
            }
        }
        return List.copyOf(names);
    }

    /** The class, not initialized: the construct's classes start jsii when initialized. */
    private static Class<?> type(String name) throws ClassNotFoundException {
        return Class.forName(name, false, PublicApiTableTest.class.getClassLoader());
    }
}

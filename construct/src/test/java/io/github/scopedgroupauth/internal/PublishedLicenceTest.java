package io.github.scopedgroupauth.internal;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.scopedgroupauth.ScopedGroupAuth;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;

/**
 * What the published binaries carry of the licences their contents are under.
 *
 * <p>The function jar (embedded in the published {@code scoped-group-auth} jar, published as the {@code lambda}
 * artifact, and deployed into every user's account) bundles classes of {@code org.crac:crac}, which is under the
 * BSD 2-Clause licence: "Redistributions in binary form must reproduce the above copyright notice, this list of
 * conditions and the following disclaimer in the documentation and/or other materials provided with the
 * distribution." The library's own jar is Apache-2.0, whose section 4 asks for a copy of the licence and the
 * NOTICE with every distribution.
 */
class PublishedLicenceTest {

    private static final String EMBEDDED = "io/github/scopedgroupauth/internal/scoped-group-auth-runtime.jar";

    @Test
    void functionJar_reproducesTheBsdNoticeOfTheOrgCracClassesItBundles() throws IOException {
        List<String> names = new ArrayList<>();
        StringBuilder licenceText = new StringBuilder();
        try (InputStream in = ScopedGroupAuth.class.getClassLoader().getResourceAsStream(EMBEDDED);
                ZipInputStream zip = new ZipInputStream(in)) {
            for (ZipEntry entry; (entry = zip.getNextEntry()) != null; ) {
                names.add(entry.getName());
                String upper = entry.getName().toUpperCase(Locale.ROOT);
                if (upper.contains("LICENSE") || upper.contains("NOTICE") || upper.contains("LICENCE")) {
                    licenceText.append(new String(zip.readAllBytes(), UTF_8));
                }
            }
        }

        assertThat(names).anyMatch(name -> name.startsWith("org/crac/") && name.endsWith(".class"));
        assertThat(licenceText.toString())
                .as("licence/notice files in the function jar (entries: %s)", names)
                .contains("Azul Systems")
                .contains("Redistributions in binary form must reproduce");
    }

    @Test
    void libraryJar_carriesTheApacheLicenceAndTheNotice() throws URISyntaxException {
        // The directory the library jar is packed from (target/classes): what it holds, the jar holds.
        Path classes = Path.of(ScopedGroupAuth.class
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .toURI());

        assertThat(Files.isRegularFile(classes.resolve("META-INF/LICENSE"))
                        || Files.isRegularFile(classes.resolve("META-INF/LICENSE.txt")))
                .as("META-INF/LICENSE in %s", classes)
                .isTrue();
        assertThat(Files.isRegularFile(classes.resolve("META-INF/NOTICE"))
                        || Files.isRegularFile(classes.resolve("META-INF/NOTICE.txt")))
                .as("META-INF/NOTICE in %s", classes)
                .isTrue();
    }
}

package io.github.scopedgroupauth.runtime.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.Properties;

/** Reads a {@code version} that the build wrote into a properties file next to a class. Not part of the public API. */
public final class Versions {

    private Versions() {}

    /**
     * The {@code version} property of a resource beside a class.
     *
     * @param type the class whose package holds the resource
     * @param resource the resource's name in that package
     * @return the version, or empty if the resource or the property is missing or was not filled in
     */
    public static Optional<String> read(Class<?> type, String resource) {
        try (InputStream stream = type.getResourceAsStream(resource)) {
            if (stream == null) {
                return Optional.empty();
            }
            Properties properties = new Properties();
            properties.load(stream);
            String version = properties.getProperty("version");
            return version == null || version.isBlank() || version.startsWith("${")
                    ? Optional.empty()
                    : Optional.of(version.strip());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }
}

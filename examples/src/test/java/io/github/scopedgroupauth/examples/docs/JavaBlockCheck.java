package io.github.scopedgroupauth.examples.docs;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import software.amazon.awscdk.App;

/**
 * Compiles the {@code java} blocks of one Markdown file against the test classpath, then runs those that state a
 * result: the {@code @Test} methods of a compilation unit, and the statements of a block with JUnit assertions.
 *
 * <p>A block of statements becomes the body of {@code run()} in a subclass of {@link DocsPreamble}, in a source
 * that starts with {@link #IMPORTS}. Every problem is reported as {@code <file>:<line>: <what>}, the line being
 * the Markdown file's.
 */
final class JavaBlockCheck {

    /** What a block of statements may use without importing it. */
    static final String IMPORTS = """
            import static org.junit.jupiter.api.Assertions.*;
            import io.github.scopedgroupauth.*;
            import io.github.scopedgroupauth.runtime.*;
            import java.nio.charset.StandardCharsets;
            import java.nio.file.*;
            import java.util.*;
            import software.amazon.awscdk.*;
            import software.amazon.awscdk.aws_apigatewayv2_authorizers.*;
            import software.amazon.awscdk.aws_apigatewayv2_integrations.*;
            import software.amazon.awscdk.services.apigatewayv2.*;
            import software.amazon.awscdk.services.cloudwatch.*;
            import software.amazon.awscdk.services.cognito.*;
            import software.amazon.awscdk.services.lambda.CfnFunction;
            import software.amazon.awscdk.services.lambda.Function;
            import software.amazon.awscdk.services.lambda.IFunction;
            """;

    private static final String SNIPPETS_PACKAGE = "snippets";
    private static final Pattern PACKAGE = Pattern.compile("(?m)^\\s*package\\s+([\\w.]+)\\s*;");
    private static final Pattern TYPE =
            Pattern.compile("(?m)^(?:public\\s+|final\\s+|abstract\\s+)*(?:class|interface|record|enum)\\s+(\\w+)");

    private JavaBlockCheck() {}

    /**
     * Compiles the blocks and runs those that state a result.
     *
     * @param root the repository root, for the file names in problems
     * @param blocks the blocks of one Markdown file; opted-out blocks are skipped
     * @param classes an empty directory for the compiled classes
     * @return the problems; empty if every block compiles and every result holds
     * @throws IOException if the classes cannot be written
     */
    static List<String> problems(Path root, List<JavaBlocks.Block> blocks, Path classes) throws IOException {
        List<Source> sources = new ArrayList<>();
        for (JavaBlocks.Block block : blocks) {
            if (block.optOut().isEmpty()) {
                sources.add(block.isUnit() ? unit(block) : statements(block));
            }
        }
        if (sources.isEmpty()) {
            return List.of();
        }
        List<String> problems = compile(root, sources, classes);
        return problems.isEmpty() ? run(root, sources, classes) : problems;
    }

    private static List<String> compile(Path root, List<Source> sources, Path classes) throws IOException {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, Locale.ROOT, null)) {
            List<String> options = List.of(
                    "-proc:none", "-d", classes.toString(), "-classpath", System.getProperty("java.class.path"));
            javac.getTask(null, files, diagnostics, options, null, sources).call();
        }
        List<String> problems = new ArrayList<>();
        for (Diagnostic<? extends JavaFileObject> diagnostic : diagnostics.getDiagnostics()) {
            if (diagnostic.getKind() == Diagnostic.Kind.ERROR && diagnostic.getSource() instanceof Source source) {
                long codeLine = diagnostic.getLineNumber() - source.firstCodeLine + 1;
                problems.add(source.block.where(root, codeLine) + ": the java block at line " + source.block.line()
                        + " does not compile: " + diagnostic.getMessage(Locale.ROOT));
            } else if (diagnostic.getKind() == Diagnostic.Kind.ERROR) {
                problems.add(diagnostic.getMessage(Locale.ROOT));
            }
        }
        return problems;
    }

    private static List<String> run(Path root, List<Source> sources, Path classes) throws IOException {
        List<String> problems = new ArrayList<>();
        try (URLClassLoader loader =
                new URLClassLoader(new URL[] {classes.toUri().toURL()}, JavaBlockCheck.class.getClassLoader())) {
            for (Source source : sources) {
                try {
                    runBlock(source, loader);
                } catch (InvocationTargetException e) {
                    problems.add(source.block.where(root, 0) + ": the java block fails when run: " + e.getCause());
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException("cannot run " + source.className, e);
                }
            }
        }
        return problems;
    }

    private static void runBlock(Source source, ClassLoader loader) throws ReflectiveOperationException {
        Class<?> type = loader.loadClass(source.className);
        if (source.block.asserts()) {
            Object stack = type.getConstructor(software.constructs.Construct.class, String.class)
                    .newInstance(new App(), DocsPreamble.STACK_ID);
            type.getMethod("run").invoke(stack);
        } else if (source.block.isUnit()) {
            for (Method test : type.getDeclaredMethods()) {
                if (test.isAnnotationPresent(org.junit.jupiter.api.Test.class)) {
                    var constructor = type.getDeclaredConstructor();
                    constructor.setAccessible(true);
                    test.setAccessible(true);
                    test.invoke(constructor.newInstance());
                }
            }
        }
    }

    private static Source unit(JavaBlocks.Block block) {
        Matcher packageName = PACKAGE.matcher(block.code());
        Matcher type = TYPE.matcher(block.code());
        String simpleName = type.find() ? type.group(1) : "Line" + block.line();
        String name = packageName.find() ? packageName.group(1) + "." + simpleName : simpleName;
        return new Source(block, name, block.code(), 1);
    }

    private static Source statements(JavaBlocks.Block block) {
        String simpleName = "Line" + block.line();
        String head = "package " + SNIPPETS_PACKAGE + ";\n" + IMPORTS + "public class " + simpleName
                + " extends " + DocsPreamble.class.getName() + " {\n"
                + "    public " + simpleName + "(software.constructs.Construct scope, String id) {\n"
                + "        super(scope, id);\n"
                + "    }\n"
                + "    public void run() throws Exception {\n";
        long headLines = head.lines().count();
        return new Source(
                block, SNIPPETS_PACKAGE + "." + simpleName, head + block.code() + "    }\n}\n", headLines + 1);
    }

    /** A block as javac reads it: its code, wrapped or not, and the source line of its first code line. */
    private static final class Source extends SimpleJavaFileObject {

        final JavaBlocks.Block block;
        final String className;
        final String text;
        final long firstCodeLine;

        Source(JavaBlocks.Block block, String className, String text, long firstCodeLine) {
            super(URI.create("string:///" + className.replace('.', '/') + Kind.SOURCE.extension), Kind.SOURCE);
            this.block = block;
            this.className = className;
            this.text = text;
            this.firstCodeLine = firstCodeLine;
        }

        @Override
        public CharSequence getCharContent(boolean ignoreEncodingErrors) {
            return text;
        }
    }
}

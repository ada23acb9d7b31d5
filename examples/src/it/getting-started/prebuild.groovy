// Writes the files of docs/getting-started.md into this project exactly as the page shows them, and checks
// that the page's pom.xml uses the versions this repository builds with and that its cdk.json runs what this
// test runs (invoker.goals).
//
// A file on the page is a fenced code block on the line after an HTML comment that names it:
//
//   <!-- file: src/main/java/com/example/auth/AuthApp.java -->
//   ```java
//   ...
//   ```
//
// Script variables (set in examples/pom.xml): gettingStarted, libraryVersion, awsCdkLibVersion,
// constructsVersion, compilerPluginVersion, execPluginVersion.

import groovy.json.JsonSlurper
import groovy.xml.XmlSlurper

def page = new File(gettingStarted).canonicalFile
def text = page.getText('UTF-8').replace('\r\n', '\n')
def problems = []

// The marked blocks.
def markers = (text =~ /<!-- file: (\S+) -->/).collect { it[1] }
def blocks = [:]
(text =~ /(?m)^<!-- file: (\S+) -->\n(`{3,})[^\n]*\n([\s\S]*?)\n\2[ \t]*$/).each { match ->
    if (blocks.containsKey(match[1])) {
        problems << "${match[1]} is marked twice"
    }
    blocks[match[1]] = match[3] + '\n'
}
markers.findAll { !blocks.containsKey(it) }.each {
    problems << "the comment naming ${it} is not on the line right before a fenced code block"
}
['pom.xml', 'cdk.json'].findAll { !blocks.containsKey(it) }.each {
    problems << "no code block is marked <!-- file: ${it} -->"
}
blocks.keySet().findAll { it.startsWith('/') || it.split('/').contains('..') }.each {
    problems << "${it} is not a path inside the project"
    blocks.remove(it)
}

blocks.each { path, content ->
    def file = new File(basedir, path)
    file.parentFile.mkdirs()
    file.setText(content, 'UTF-8')
}
println "Wrote ${blocks.keySet().join(', ')} from ${page}"

// The pom.xml pins what the parent pom of this repository pins.
if (blocks['pom.xml']) {
    def pom = new XmlSlurper().parseText(blocks['pom.xml'])
    def versions = [:]
    pom.dependencies.dependency.each { versions["${it.groupId}:${it.artifactId}".toString()] = it.version.text() }
    pom.build.plugins.plugin.each {
        def groupId = it.groupId.text() ?: 'org.apache.maven.plugins'
        versions["${groupId}:${it.artifactId}".toString()] = it.version.text()
    }
    [
        'io.github.scopedgroupauth:scoped-group-auth'   : libraryVersion,
        'software.amazon.awscdk:aws-cdk-lib'            : awsCdkLibVersion,
        'software.constructs:constructs'                : constructsVersion,
        'org.apache.maven.plugins:maven-compiler-plugin': compilerPluginVersion,
        'org.codehaus.mojo:exec-maven-plugin'           : execPluginVersion,
    ].each { key, expected ->
        if (!versions.containsKey(key)) {
            problems << "pom.xml does not declare ${key}"
        } else if (versions[key] != expected) {
            problems << "pom.xml has ${key} at '${versions[key]}'; the parent pom of this repository has ${expected}"
        }
    }
}

// The cdk.json's app command is `mvn` with the goals this test runs.
if (blocks['cdk.json']) {
    def invoker = new Properties()
    new File(basedir, 'invoker.properties').withInputStream { invoker.load(it) }
    def expected = 'mvn ' + invoker.getProperty('invoker.goals')
    def app = new JsonSlurper().parseText(blocks['cdk.json']).app
    if (app != expected) {
        problems << "cdk.json has the app command '${app}'; this test runs '${expected}' (invoker.properties)"
    }
}

if (problems) {
    throw new IllegalStateException("${page}: " + problems.join('; '))
}
// postbuild.groovy also runs after a failed pre-build hook; this tells it that there is a build to check.
context.put('gettingStartedWritten', true)

// Checks what the app of docs/getting-started.md built against the installed library, as a user's app would:
//
// 1. the template in cdk.out: the page's "Synthesize" section lists what ScopedGroupAuth adds to it, and the
//    scope matrix files it names;
// 2. the function's code asset in cdk.out: the runtime jar, taken from inside the installed library jar, and the
//    policy file;
// 3. the app's dependency tree (dependency-tree.txt, the second build of invoker.properties): the library adds
//    its runtime jar, without dependencies, and nothing else; the versions the app declares are the ones used.
//
// Script variables (set in examples/pom.xml): gettingStarted, libraryVersion; the Invoker Plugin adds
// localRepositoryPath, the repository it installed the library into.

import groovy.json.JsonOutput
import groovy.json.JsonSlurper
import groovy.xml.XmlSlurper
import java.util.zip.ZipFile

if (!context.get('gettingStartedWritten')) {
    return // prebuild.groovy failed and reported why
}
def assembly = new File(basedir, 'cdk.out')
def templateFile = new File(assembly, 'AuthStack.template.json')
if (!templateFile.isFile()) {
    // This hook also runs after a failed build; the build's own error is then in build.log.
    throw new IllegalStateException("no ${templateFile}: the app's build failed or did not synthesize (build.log)")
}
def resources = new JsonSlurper().parse(templateFile).Resources.values()
def ofType = { String type -> resources.findAll { it.Type == type }.collect { it.Properties ?: [:] } }
def problems = []

// 1. The template.

def groups = ofType('AWS::Cognito::UserPoolGroup').collect { it.GroupName } as Set
if (groups != ['ADMINS', 'EVERYONE'] as Set) {
    problems << "user pool groups ${groups}, expected [ADMINS, EVERYONE]"
}

def servers = ofType('AWS::Cognito::UserPoolResourceServer').collectEntries {
    [(it.Identifier): it.Scopes.collect { scope -> scope.ScopeName }]
}
if (servers != [admin: ['*'], everyone: ['*']]) {
    problems << "resource servers ${servers}, expected [admin:[*], everyone:[*]]"
}

def clientScopes = ofType('AWS::Cognito::UserPoolClient').collect { it.AllowedOAuthScopes ?: [] }
if (clientScopes.size() != 1 || !clientScopes[0].containsAll(['admin/*', 'everyone/*'])) {
    problems << "app clients' allowed OAuth scopes ${clientScopes}, expected one client with admin/* and everyone/*"
}

def functions = ofType('AWS::Lambda::Function').findAll { it.Runtime?.startsWith('java') }
if (functions.size() != 1) {
    problems << "${functions.size()} Java Lambda functions, expected the trigger's one"
}

def aliases = ofType('AWS::Lambda::Alias').collect { it.Name }
if (aliases != ['live']) {
    problems << "Lambda aliases ${aliases}, expected [live]"
}

def triggers = ofType('AWS::Cognito::UserPool').collect { it.LambdaConfig?.PreTokenGenerationConfig }
if (triggers.size() != 1 || triggers[0] == null) {
    problems << "pre token generation triggers ${triggers}, expected one pool with a trigger"
} else {
    if (!JsonOutput.toJson(triggers[0].LambdaArn).contains(':live')) {
        problems << "the trigger points at ${JsonOutput.toJson(triggers[0].LambdaArn)}, expected the alias live"
    }
    if (triggers[0].LambdaVersion != 'V2_0') {
        problems << "pre token generation event version ${triggers[0].LambdaVersion}, expected V2_0"
    }
}

// 1b. The scope matrix files the page's "Synthesize" section names.

def page = new File(gettingStarted).getText('UTF-8')
['AuthStack.Auth.scope-matrix.md', 'AuthStack.Auth.scope-matrix.json'].each { name ->
    if (!page.contains(name)) {
        problems << "docs/getting-started.md does not name the scope matrix file ${name}"
    }
    if (!new File(assembly, name).isFile()) {
        problems << "no scope matrix ${name} in ${assembly}"
    }
}

// 2. The function's code asset: the directory whose zip the template names as the function's code.

def handlerClass = 'io/github/scopedgroupauth/runtime/PreTokenGenerationHandler.class'
def installed = { String artifactId ->
    new File(localRepositoryPath, "io/github/scopedgroupauth/${artifactId}/${libraryVersion}/${artifactId}-${libraryVersion}.jar")
}
def jarEntries = { File jar -> new ZipFile(jar).withCloseable { zip -> zip.entries().collect { it.name } } }
if (functions.size() == 1) {
    def codeKey = functions[0].Code?.S3Key
    def assets = new JsonSlurper().parse(new File(assembly, 'AuthStack.assets.json')).files.values()
    def codeDirectories = assets.findAll { asset -> asset.destinations.values().any { it.objectKey == codeKey } }
            .collect { new File(assembly, it.source.path) }
    if (codeDirectories.size() != 1 || !codeDirectories[0].isDirectory()) {
        problems << "the function's code ${codeKey} is the assets ${codeDirectories}, expected one directory"
    } else {
        def code = codeDirectories[0]
        def files = []
        code.eachFileRecurse(groovy.io.FileType.FILES) { files << code.toPath().relativize(it.toPath()).toString() }
        if (files.sort() != ['lib/scoped-group-auth-runtime.jar', 'scoped-group-auth.conf']) {
            problems << "${code} holds ${files}, expected [lib/scoped-group-auth-runtime.jar, scoped-group-auth.conf]"
        } else {
            def functionJar = new File(code, 'lib/scoped-group-auth-runtime.jar')
            // The construct read it from the library jar on the app's classpath: the installed one.
            def libraryJar = installed('scoped-group-auth')
            def embedded = new ZipFile(libraryJar).withCloseable { zip ->
                def entry = zip.getEntry('io/github/scopedgroupauth/internal/scoped-group-auth-runtime.jar')
                entry == null ? null : zip.getInputStream(entry).bytes
            }
            if (!Arrays.equals(functionJar.bytes, embedded)) {
                problems << "${functionJar} is not the function jar embedded in the installed ${libraryJar}"
            }
            def entries = jarEntries(functionJar)
            if (!entries.contains(handlerClass)) {
                problems << "${functionJar} lacks the handler ${handlerClass}"
            }
            // The handler's classes, the Lambda event and context types, org.crac and a manifest: no build
            // files (META-INF/maven), and of this project's classes only those of the runtime's main jar.
            def allowed = ['io/github/scopedgroupauth/runtime/', 'com/amazonaws/services/lambda/runtime/', 'org/crac/']
            // Besides the manifest, only the licence, the notice, the bundled libraries' licences and the
            // runtime's version.
            def licenceFiles = ['META-INF/MANIFEST.MF', 'META-INF/LICENSE', 'META-INF/NOTICE',
                                'META-INF/licenses/org.crac-LICENSE.txt',
                                'io/github/scopedgroupauth/runtime/policy/runtime.properties']
            def unexpected = entries.findAll { name ->
                !name.endsWith('/') && !(name in licenceFiles)
                        && !(name.endsWith('.class') && allowed.any { name.startsWith(it) })
            }
            def mainClasses = jarEntries(installed('scoped-group-auth-runtime')).findAll { it.endsWith('.class') } as Set
            unexpected += entries.findAll { it.startsWith('io/github/') && it.endsWith('.class') && !mainClasses.contains(it) }
            if (unexpected) {
                problems << "${functionJar} holds ${unexpected}, which are neither the runtime's main classes nor its libraries'"
            }
            def policy = new File(code, 'scoped-group-auth.conf').readLines('UTF-8')
            if (!policy.containsAll(['group ADMINS admin/*', 'group EVERYONE everyone/*'])) {
                problems << "${code}/scoped-group-auth.conf lacks the groups' lines: ${policy}"
            }
            println "${code.name}: ${files.join(', ')}; the jar (${functionJar.length()} bytes, ${entries.count { it.endsWith('.class') }} classes) is the one embedded in ${libraryJar.name} and holds ${handlerClass}"
        }
    }
}

// 3. The dependency tree: `+- group:artifact:type[:classifier]:version:scope`, three characters per level.

def treeFile = new File(basedir, 'dependency-tree.txt')
if (!treeFile.isFile()) {
    problems << "no ${treeFile}: the dependency:tree build failed (build.log)"
} else {
    println "The app's dependency tree:\n${treeFile.getText('UTF-8')}"
    def nodes = []
    def path = []
    treeFile.readLines('UTF-8').drop(1).findAll { it.trim() }.each { line ->
        def match = line =~ /^([| ]*)[+\\]- (\S+)/
        if (!match.find()) {
            problems << "unreadable dependency tree line '${line}'"
            return
        }
        def parts = match.group(2).split(':')
        def node = [key: "${parts[0]}:${parts[1]}".toString(), version: parts[-2], children: []]
        int depth = match.group(1).length().intdiv(3)
        path = path.take(depth)
        (depth == 0 ? nodes : path[-1].children) << node
        path << node
    }
    def pom = new XmlSlurper().parse(new File(basedir, 'pom.xml'))
    def declared = pom.dependencies.dependency.collectEntries {
        ["${it.groupId}:${it.artifactId}".toString(), it.version.text()]
    }
    def direct = nodes.collectEntries { [it.key, it.version] }
    if (direct != declared) {
        problems << "the app's direct dependencies resolved to ${direct}; it declares ${declared}"
    }
    def library = nodes.find { it.key == 'io.github.scopedgroupauth:scoped-group-auth' }
    def brought = library?.children?.collect { "${it.key}:${it.version}${it.children ? ' with ' + it.children*.key : ''}" }
    if (brought != ["io.github.scopedgroupauth:scoped-group-auth-runtime:${libraryVersion}".toString()]) {
        problems << "scoped-group-auth brings ${brought} into the app, expected only scoped-group-auth-runtime ${libraryVersion} without dependencies (besides aws-cdk-lib and constructs, which the app declares)"
    }
    def all = []
    def walk
    walk = { node -> all << node; node.children.each(walk) }
    nodes.each(walk)
    context.put('resolvedVersions', all.collectEntries { [it.key, it.version] })
}

// The app grants its client, so the construct must not warn that every client of the pool is ungranted.
def manifest = new JsonSlurper().parse(new File(assembly, 'manifest.json'))
def ungrantedWarnings = manifest.artifacts.values()
        .collectMany { (it.metadata ?: [:]).values().flatten() }
        .findAll { it.type == 'aws:cdk:warning' && it.data.toString().contains('scoped-group-auth:noClientGranted') }
if (ungrantedWarnings) {
    problems << "the app grants its client, yet the construct warns: ${ungrantedWarnings*.data}"
}

if (problems) {
    throw new IllegalStateException("${basedir}: " + problems.join('; '))
}
println "${templateFile}: groups, resource servers, client scopes, the function, its alias and the trigger are there"
println "The library adds scoped-group-auth-runtime and nothing else to the app; the versions the app declares win"

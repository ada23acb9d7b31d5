// Checks the cloud assembly that the app of docs/getting-started.md synthesized into cdk.out: the page's
// "Synthesize" section lists what ScopedGroupAuth adds to the template.

import groovy.json.JsonOutput
import groovy.json.JsonSlurper

if (!context.get('gettingStartedWritten')) {
    return // prebuild.groovy failed and reported why
}
def templateFile = new File(basedir, 'cdk.out/AuthStack.template.json')
if (!templateFile.isFile()) {
    // This hook also runs after a failed build; the build's own error is then in build.log.
    throw new IllegalStateException("no ${templateFile}: the app's build failed or did not synthesize (build.log)")
}
def resources = new JsonSlurper().parse(templateFile).Resources.values()
def ofType = { String type -> resources.findAll { it.Type == type }.collect { it.Properties ?: [:] } }
def problems = []

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

if (problems) {
    throw new IllegalStateException("${templateFile}: " + problems.join('; '))
}
println "${templateFile}: groups, resource servers, client scopes, the function, its alias and the trigger are there"

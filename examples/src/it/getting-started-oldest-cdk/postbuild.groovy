// Runs the checks of ../getting-started/postbuild.groovy on this build of the app, whose aws-cdk-lib is the
// oldest version the library supports, and checks that this version is the one the app ran with.
//
// Script variables (set in examples/pom.xml): those of ../getting-started/postbuild.groovy, and
// oldestAwsCdkLibVersion.

if (!context.get('gettingStartedWritten')) {
    return // prebuild.groovy failed and reported why
}
evaluate(new File(basedir, '../getting-started/postbuild.groovy'))

def resolved = context.get('resolvedVersions')
def cdk = resolved['software.amazon.awscdk:aws-cdk-lib']
if (cdk != oldestAwsCdkLibVersion) {
    throw new IllegalStateException("${basedir}: the app ran with aws-cdk-lib ${cdk}, expected ${oldestAwsCdkLibVersion}")
}
println "Synthesized with aws-cdk-lib ${cdk}, constructs ${resolved['software.constructs:constructs']} and jsii-runtime ${resolved['software.amazon.jsii:jsii-runtime']}"

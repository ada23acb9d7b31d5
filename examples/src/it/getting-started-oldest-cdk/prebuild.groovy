// Writes and checks the files of docs/getting-started.md with ../getting-started/prebuild.groovy, then sets the
// app's aws-cdk-lib to the oldest version the library supports, as an app that uses that version declares it.
//
// Script variables (set in examples/pom.xml): those of ../getting-started/prebuild.groovy, and
// oldestAwsCdkLibVersion.

evaluate(new File(basedir, '../getting-started/prebuild.groovy'))

def pom = new File(basedir, 'pom.xml')
def text = pom.getText('UTF-8')
def declaration = /(<artifactId>aws-cdk-lib<\/artifactId>\s*<version>)([^<]*)(<\/version>)/
def found = (text =~ declaration).collect { it[2] }
if (found != [awsCdkLibVersion]) {
    throw new IllegalStateException("${pom}: expected one aws-cdk-lib dependency at ${awsCdkLibVersion}, found ${found}")
}
pom.setText(text.replaceFirst(declaration, "\$1${oldestAwsCdkLibVersion}\$3"), 'UTF-8')
println "Set the app's aws-cdk-lib from ${awsCdkLibVersion} to ${oldestAwsCdkLibVersion}"

// validate passed, and the suite against the reference server wrote its JUnit XML.
def log = new File(basedir, 'build.log').text
assert log.contains('providers:validate: valid: 1 file, 0 errors, 0 warnings') : 'validate did not pass'
assert !log.contains('::error') : 'annotations outside GitHub Actions'
def xml = new File(basedir, 'target/conformance/junit/TEST-junit-jupiter.xml')
assert xml.isFile() : 'no JUnit XML at ' + xml
def suite = new groovy.xml.XmlSlurper().parse(xml)
def tests = suite.@tests.toInteger()
assert tests > 10 : 'too few tests in the JUnit XML: ' + tests
assert suite.@failures.toInteger() == 0 && suite.@errors.toInteger() == 0 : 'failures'
assert suite.testcase.findAll { it.@classname.text().contains('.suite.protocol.P01') }.size() > 0 :
        'no P01 test'
assert new File(basedir, 'target/conformance/report.json').isFile() : 'no report.json'
return true

// The build failed at providers:validate with the located error, also as a GitHub annotation.
def log = new File(basedir, 'build.log').text
def located = ~/(?m)^\[ERROR\] providers\.d\/my-llm\.yaml:10:20: error: \/models\/0\/contextWindow: .*$/
assert log =~ located : 'no located error in the build log'
assert log.contains('::error file=providers.d/my-llm.yaml,line=10,col=20,title=provider file::'
        + '/models/0/contextWindow: ') : 'no GitHub annotation in the build log'
assert log.contains('providers:validate: invalid: 1 file, 1 error') : 'no summary'
assert !new File(basedir, 'target/conformance').exists() : 'the suite ran despite the error'
return true

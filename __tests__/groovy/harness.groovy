// Runs scripts the way Jenkins's script console does (RemotingDiagnostics.executeGroovy), against
// the stub Jenkins classes on the classpath, and writes what each printed and what the stubs
// received as JSON. Usage: groovy -cp STUBS harness.groovy MANIFEST.json RESULTS.json
import groovy.json.JsonOutput
import groovy.json.JsonSlurper
import stub.Recorder

def manifest = new JsonSlurper().parse(new File(args[0]), 'UTF-8')
def results = manifest.collect { entry ->
  Recorder.reset(entry.userExists as boolean, entry.hasProperty as boolean)
  def output = new StringWriter()
  def out = new PrintWriter(output)
  def shell = new GroovyShell(getClass().classLoader, new Binding([out: out]))
  try {
    def value = shell.evaluate(new File(entry.script).getText('UTF-8'), 'Script1.groovy')
    if (value != null) out.println('Result: ' + value)
  } catch (Throwable t) {
    t.printStackTrace(out)
  }
  out.flush()
  [calls: Recorder.calls, output: output.toString()]
}
new File(args[1]).write(JsonOutput.toJson(results), 'UTF-8')

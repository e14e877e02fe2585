package jenkins.security

import hudson.model.User
import stub.StubProperty

/** Jenkins 2.129 to 2.259: no scripting API, only the token store. */
class ApiTokenProperty extends StubProperty {
  ApiTokenProperty(User user) {
    super(user)
  }
}

package jenkins.security

import hudson.model.User
import jenkins.security.apitoken.TokenUuidAndPlainValue
import stub.StubProperty

/** Jenkins 2.260 to 2.547: generateNewToken(String), which saves the user. */
class ApiTokenProperty extends StubProperty {
  ApiTokenProperty(User user) {
    super(user)
  }

  TokenUuidAndPlainValue generateNewToken(String name) {
    generateAndSave('ApiTokenProperty.generateNewToken', name)
  }
}

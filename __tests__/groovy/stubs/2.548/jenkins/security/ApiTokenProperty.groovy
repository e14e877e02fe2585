package jenkins.security

import hudson.model.User
import java.time.LocalDate
import jenkins.security.apitoken.TokenUuidAndPlainValue
import stub.StubProperty

/** Jenkins 2.548 and later: generateNewToken(String) and (String, LocalDate), which save the user. */
class ApiTokenProperty extends StubProperty {
  ApiTokenProperty(User user) {
    super(user)
  }

  TokenUuidAndPlainValue generateNewToken(String name) {
    generateAndSave('ApiTokenProperty.generateNewToken', name)
  }

  TokenUuidAndPlainValue generateNewToken(String name, LocalDate expirationDate) {
    generateAndSave('ApiTokenProperty.generateNewToken', name, expirationDate.toString())
  }
}

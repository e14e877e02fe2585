package jenkins.security

import hudson.model.User
import java.time.LocalDate
import jenkins.security.apitoken.ApiTokenStore
import jenkins.security.apitoken.TokenUuidAndPlainValue
import stub.Recorder

/** Jenkins 2.548 and later: generateNewToken(String) and (String, LocalDate), which save the user. */
class ApiTokenProperty {
  private final User user
  private final ApiTokenStore tokenStore = new ApiTokenStore()

  ApiTokenProperty(User user) {
    this.user = user
  }

  ApiTokenStore getTokenStore() {
    tokenStore
  }

  TokenUuidAndPlainValue generateNewToken(String name) {
    Recorder.record('ApiTokenProperty.generateNewToken', name)
    def token = new TokenUuidAndPlainValue()
    user.save()
    token
  }

  TokenUuidAndPlainValue generateNewToken(String name, LocalDate expirationDate) {
    Recorder.record('ApiTokenProperty.generateNewToken', name, expirationDate.toString())
    def token = new TokenUuidAndPlainValue()
    user.save()
    token
  }
}

package jenkins.security

import hudson.model.User
import jenkins.security.apitoken.ApiTokenStore
import jenkins.security.apitoken.TokenUuidAndPlainValue
import stub.Recorder

/** Jenkins 2.260 to 2.547: generateNewToken(String), which saves the user. */
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
}

package stub

import hudson.model.User
import jenkins.security.apitoken.ApiTokenStore
import jenkins.security.apitoken.TokenUuidAndPlainValue

/** What ApiTokenProperty has had since 2.129: its user and token store. */
abstract class StubProperty {
  protected final User user
  private final ApiTokenStore tokenStore = new ApiTokenStore()

  StubProperty(User user) {
    this.user = user
  }

  ApiTokenStore getTokenStore() {
    tokenStore
  }

  /** The scripting API (2.260 and later): records the call, creates the token, saves the user. */
  protected TokenUuidAndPlainValue generateAndSave(Object... call) {
    Recorder.record(call)
    def token = new TokenUuidAndPlainValue()
    user.save()
    token
  }
}

package jenkins.security

import hudson.model.User
import jenkins.security.apitoken.ApiTokenStore

/** Jenkins 2.129 to 2.259: no scripting API, only the token store. */
class ApiTokenProperty {
  private final User user
  private final ApiTokenStore tokenStore = new ApiTokenStore()

  ApiTokenProperty(User user) {
    this.user = user
  }

  ApiTokenStore getTokenStore() {
    tokenStore
  }
}

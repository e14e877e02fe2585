package hudson.model

import jenkins.security.ApiTokenProperty
import stub.Recorder

/** hudson.model.User, as far as the mint script uses it. */
class User {
  final String id
  private final ApiTokenProperty apiTokenProperty

  private User(String id) {
    this.id = id
    this.apiTokenProperty = Recorder.hasProperty ? new ApiTokenProperty(this) : null
  }

  static User getById(String id, boolean create) {
    Recorder.record('User.getById', id, create)
    Recorder.userExists ? new User(id) : null
  }

  public <T> T getProperty(Class<T> type) {
    Recorder.record('User.getProperty', type.name)
    type == ApiTokenProperty ? (T) apiTokenProperty : null
  }

  void save() {
    Recorder.record('User.save', id)
  }
}

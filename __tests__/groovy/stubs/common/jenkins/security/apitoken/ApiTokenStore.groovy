package jenkins.security.apitoken

import stub.Recorder

/** ApiTokenStore#generateNewToken(String): creates the token, leaves saving the user to the caller. */
class ApiTokenStore {
  TokenUuidAndPlainValue generateNewToken(String name) {
    Recorder.record('ApiTokenStore.generateNewToken', name)
    new TokenUuidAndPlainValue()
  }
}

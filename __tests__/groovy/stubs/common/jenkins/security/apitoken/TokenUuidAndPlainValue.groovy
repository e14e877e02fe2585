package jenkins.security.apitoken

import stub.Recorder

/** The public fields of Jenkins's TokenUuidAndPlainValue; a new, numbered token per call. */
class TokenUuidAndPlainValue {
  public final String tokenUuid
  public final String plainValue

  TokenUuidAndPlainValue() {
    int n = ++Recorder.tokens
    tokenUuid = String.format('00000000-0000-4000-8000-%012d', n)
    plainValue = '11' + String.format('%032x', n)
  }
}

package stub

/** What the stub Jenkins classes received, in order, for the test to compare with its inputs. */
class Recorder {
  static List<List<Object>> calls = []
  /** Whether User.getById finds the user, and whether that user has an ApiTokenProperty. */
  static boolean userExists = true
  static boolean hasProperty = true
  static int tokens = 0

  static void reset(boolean userExists, boolean hasProperty) {
    calls = []
    this.userExists = userExists
    this.hasProperty = hasProperty
  }

  static void record(Object... call) {
    calls << (call as List)
  }

  /** Hostile test text calls this: it is recorded only if that text ever runs as code. */
  static String pwn() {
    record('PWNED')
    'pwned'
  }
}

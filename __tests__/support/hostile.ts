/**
 * Text that turns into code, or breaks the script, if it reaches a Groovy script other than as
 * an inert literal: every kind of Groovy quote and interpolation, backslash escapes (including a
 * \u escape, which Groovy expands before it parses), line breaks that end a comment, a leading
 * BOM, control characters and unicode. Where text would run, it calls stub.Recorder.pwn() (the
 * Groovy stubs record that) or System.exit(3) (the Groovy run fails).
 */
export const HOSTILE_TEXTS: string[] = [
  "o'brien",
  '"double" and \'single\'',
  '\'\'\'triple single\'\'\' """triple double"""',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: Groovy interpolation, on purpose
  '$HOME ${stub.Recorder.pwn()} $stub.Recorder',
  "'+stub.Recorder.pwn()+'",
  '"+stub.Recorder.pwn()+"',
  "''' + stub.Recorder.pwn() + '''",
  // biome-ignore lint/suspicious/noTemplateCurlyInString: Groovy interpolation, on purpose
  '${System.exit(3)}',
  "'); System.exit(3); ('",
  "back\\slash \\\\ \\' \\n \\$",
  '\\u0027 + stub.Recorder.pwn() + \\u0027',
  "\\'; stub.Recorder.pwn(); //",
  'line\nbreak\r\nstub.Recorder.pwn()\n// comment */ /* */',
  'tab\there, nul \u0000, escape \u001b[31m, del \u007f',
  'unicode é ✓ 😀 \u2028 \u2029 \u202e reversed',
  '\ufeffleading BOM',
  'slashy /x/ $/dollar slashy/$ \u000a',
  ' leading and trailing spaces ',
  'colon: user:password',
  ''
]

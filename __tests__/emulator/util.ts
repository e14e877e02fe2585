/**
 * Small, dependency-free re-implementations of the Java/Jetty semantics the emulator needs:
 * LocalDate arithmetic and parsing, Integer.parseInt, String.trim/isBlank, locale SHORT dates,
 * json-lib string quoting, URLEncoder, quality-list parsing and dotted-version comparison.
 */

// ---------------------------------------------------------------- versions

/** Numeric dotted-version compare ("2.568.3" vs "2.569"); non-numeric suffixes are ignored. */
export function compareVersions(a: string, b: string): number {
  const pa = versionParts(a)
  const pb = versionParts(b)
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const x = pa[i] ?? 0
    const y = pb[i] ?? 0
    if (x !== y) return x < y ? -1 : 1
  }
  return 0
}

function versionParts(v: string): number[] {
  const m = /^\d+(?:\.\d+)*/.exec(v.trim())
  return m ? m[0].split('.').map(Number) : [0]
}

// ---------------------------------------------------------------- java.lang.String / Integer

/** Character.isWhitespace: Unicode space separators except the non-breaking ones, plus controls. */
function javaIsWhitespace(c: number): boolean {
  return (
    (c >= 0x09 && c <= 0x0d) ||
    (c >= 0x1c && c <= 0x20) ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x2006) ||
    (c >= 0x2008 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x205f ||
    c === 0x3000
  )
}

/** String.isBlank / StringUtils.isBlank */
export function javaIsBlank(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (!javaIsWhitespace(s.charCodeAt(i))) return false
  return true
}

/** String.trim: strips code units <= U+0020 from both ends. */
export function javaTrim(s: string): string {
  let start = 0
  let end = s.length
  while (start < end && s.charCodeAt(start) <= 0x20) start++
  while (end > start && s.charCodeAt(end - 1) <= 0x20) end--
  return s.slice(start, end)
}

/** Integer.parseInt(s) for ASCII input; null where Java throws NumberFormatException. */
export function javaParseInt(s: string): number | null {
  if (!/^[+-]?[0-9]+$/.test(s)) return null
  const n = Number(s)
  if (!Number.isFinite(n) || n < -2147483648 || n > 2147483647) return null
  return n === 0 ? 0 : n
}

// ---------------------------------------------------------------- java.time.LocalDate

export interface LocalDate {
  y: number
  m: number
  d: number
}

const MIN_YEAR = -999_999_999
const MAX_YEAR = 999_999_999

function isLeap(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0
}

function monthLength(y: number, m: number): number {
  return [31, isLeap(y) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1] ?? 0
}

/** Days since 1970-01-01 (proleptic Gregorian, any year; Hinnant's algorithm). */
export function toEpochDay(date: LocalDate): number {
  const y = date.m <= 2 ? date.y - 1 : date.y
  const era = Math.floor(y / 400)
  const yoe = y - era * 400
  const mp = date.m > 2 ? date.m - 3 : date.m + 9
  const doy = Math.floor((153 * mp + 2) / 5) + date.d - 1
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy
  return era * 146097 + doe - 719468
}

export function fromEpochDay(epochDay: number): LocalDate {
  const z = epochDay + 719468
  const era = Math.floor(z / 146097)
  const doe = z - era * 146097
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365
  )
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100))
  const mp = Math.floor((5 * doy + 2) / 153)
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1
  const m = mp < 10 ? mp + 3 : mp - 9
  return { y: yoe + era * 400 + (m <= 2 ? 1 : 0), m, d }
}

/** LocalDate.plusDays; null where Java throws DateTimeException (year out of range). */
export function plusDays(date: LocalDate, days: number): LocalDate | null {
  const r = fromEpochDay(toEpochDay(date) + days)
  return r.y < MIN_YEAR || r.y > MAX_YEAR ? null : r
}

export function compareDates(a: LocalDate, b: LocalDate): number {
  return Math.sign(toEpochDay(a) - toEpochDay(b))
}

/**
 * LocalDate.parse(text) with DateTimeFormatter.ISO_LOCAL_DATE (STRICT resolver): 4-digit year, or a
 * signed 5..10-digit year; two-digit month and day; the day must exist. null where Java throws.
 */
export function parseIsoLocalDate(text: string): LocalDate | null {
  const m = /^([+-]?)([0-9]{4,10})-([0-9]{2})-([0-9]{2})$/.exec(text)
  if (!m) return null
  const [, sign, digits = '', mm = '', dd = ''] = m
  if (digits.length > 4 && sign === '') return null
  if (digits.length === 4 && sign === '+') return null
  const y = Number(digits) * (sign === '-' ? -1 : 1)
  const month = Number(mm)
  const day = Number(dd)
  if (y < MIN_YEAR || y > MAX_YEAR) return null
  if (month < 1 || month > 12 || day < 1 || day > monthLength(y, month)) return null
  return { y, m: month, d: day }
}

function pad(n: number, width: number): string {
  return String(Math.abs(n)).padStart(width, '0')
}

/** LocalDate.toString(): yyyy-MM-dd, with a sign for years beyond 4 digits. */
export function formatIsoLocalDate(date: LocalDate): string {
  const abs = Math.abs(date.y)
  let year: string
  if (abs < 10000) year = (date.y < 0 ? '-' : '') + pad(date.y, 4)
  else year = (date.y < 0 ? '-' : '+') + String(abs)
  return `${year}-${pad(date.m, 2)}-${pad(date.d, 2)}`
}

/** The server-local calendar date of `now`. */
export function localToday(now: Date = new Date()): LocalDate {
  return { y: now.getFullYear(), m: now.getMonth() + 1, d: now.getDate() }
}

/** ISO_OFFSET_DATE_TIME.format(ZonedDateTime.now()) in the server's zone. */
export function isoOffsetDateTimeNow(now: Date = new Date()): string {
  const ms = now.getMilliseconds()
  const frac = ms === 0 ? '' : `.${String(ms).padStart(3, '0').replace(/0+$/, '')}`
  const offsetMin = -now.getTimezoneOffset()
  const offset =
    offsetMin === 0
      ? 'Z'
      : `${offsetMin < 0 ? '-' : '+'}${pad(Math.trunc(offsetMin / 60), 2)}:${pad(offsetMin % 60, 2)}`
  return (
    `${formatIsoLocalDate(localToday(now))}T${pad(now.getHours(), 2)}:${pad(now.getMinutes(), 2)}:` +
    `${pad(now.getSeconds(), 2)}${frac}${offset}`
  )
}

// ---------------------------------------------------------------- locales

/** A Java locale as Jetty's Request#getLocale builds it: language + optional country. */
export interface JavaLocale {
  language: string
  country: string
}

/**
 * Jetty's Request#getLocale: first entry of the quality-sorted Accept-Language list, split at '-';
 * no header (or an empty list) means the JVM default, taken here as en_US.
 */
export function requestLocale(acceptLanguage: string | undefined): JavaLocale {
  const list = qualityList(acceptLanguage)
  const first = list[0]
  if (first === undefined) return { language: 'en', country: 'US' }
  const dash = first.indexOf('-')
  return dash < 0
    ? { language: first.trim(), country: '' }
    : { language: first.slice(0, dash).trim(), country: first.slice(dash + 1).trim() }
}

/** CLDR FormatStyle.SHORT date patterns (JDK CLDR data) for a few common locales. */
const SHORT_DATE_PATTERNS: Record<string, string> = {
  en: 'M/d/yy',
  en_US: 'M/d/yy',
  en_GB: 'dd/MM/y',
  en_IE: 'dd/MM/y',
  en_AU: 'd/M/yy',
  en_IN: 'dd/MM/yy',
  en_CA: 'y-MM-dd',
  de: 'dd.MM.yy',
  fr: 'dd/MM/y',
  fr_CA: 'y-MM-dd',
  es: 'd/M/yy',
  it: 'dd/MM/yy',
  pt: 'dd/MM/y',
  ru: 'dd.MM.y',
  nl: 'dd-MM-y',
  sv: 'y-MM-dd',
  ja: 'y/MM/dd',
  zh: 'y/M/d'
}
/** Locale.ROOT, which Java falls back to for languages it has no data for (also Jetty's "*"). */
const ROOT_SHORT_DATE = 'y-MM-dd'

export function shortDatePattern(locale: JavaLocale): string {
  const lang = locale.language.toLowerCase()
  const country = locale.country.toUpperCase()
  return SHORT_DATE_PATTERNS[`${lang}_${country}`] ?? SHORT_DATE_PATTERNS[lang] ?? ROOT_SHORT_DATE
}

/** DateTimeFormatter.ofLocalizedDate(FormatStyle.SHORT).withLocale(locale).format(date) */
export function formatShortDate(date: LocalDate, locale: JavaLocale): string {
  return shortDatePattern(locale).replace(/y+|M+|d+/g, (tok) => {
    switch (tok) {
      case 'yy':
        return pad(((date.y % 100) + 100) % 100, 2)
      case 'y':
        return String(date.y)
      case 'MM':
        return pad(date.m, 2)
      case 'M':
        return String(date.m)
      case 'dd':
        return pad(date.d, 2)
      default:
        return String(date.d)
    }
  })
}

// ---------------------------------------------------------------- header lists

/**
 * Jetty's QuotedQualityCSV: values sorted by q (descending, stable), q=0 dropped, parameters other
 * than q kept off. With `mimeOrdering`, equal-q entries are ordered most specific first.
 */
export function qualityList(header: string | undefined, mimeOrdering = false): string[] {
  if (!header) return []
  const items: { value: string; q: number; specificity: number; index: number }[] = []
  header.split(',').forEach((raw, index) => {
    const parts = raw.split(';').map((p) => p.trim())
    const value = parts[0] ?? ''
    if (value === '') return
    let q = 1
    let params = 0
    for (const p of parts.slice(1)) {
      const eq = p.indexOf('=')
      const key = (eq < 0 ? p : p.slice(0, eq)).trim().toLowerCase()
      if (key === 'q') {
        const n = Number(p.slice(eq + 1).trim())
        q = Number.isFinite(n) ? n : 0
      } else params++
    }
    if (q <= 0) return
    let specificity = 0
    if (mimeOrdering) {
      if (value === '*/*') specificity = 0
      else if (value.endsWith('/*')) specificity = 1
      else specificity = 2 + params
    }
    items.push({ value, q, specificity, index })
  })
  items.sort((a, b) => b.q - a.q || b.specificity - a.specificity || a.index - b.index)
  return items.map((i) => i.value)
}

// ---------------------------------------------------------------- encodings

/** java.net.URLEncoder.encode(s, UTF_8) */
export function javaUrlEncode(s: string): string {
  let encoded: string
  try {
    encoded = encodeURIComponent(s)
  } catch {
    encoded = encodeURIComponent(s.replace(/[\uD800-\uDFFF]/g, '?'))
  }
  return encoded
    .replace(/[!'()~]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
    .replace(/%20/g, '+')
}

/** json-lib JSONUtils.quote: like JSON but escapes "</" as "<\/" and every control char. */
export function jsonLibQuote(s: string): string {
  let out = '"'
  let prev = ''
  for (const c of s) {
    switch (c) {
      case '\\':
      case '"':
        out += `\\${c}`
        break
      case '/':
        out += prev === '<' ? '\\/' : '/'
        break
      case '\b':
        out += '\\b'
        break
      case '\t':
        out += '\\t'
        break
      case '\n':
        out += '\\n'
        break
      case '\f':
        out += '\\f'
        break
      case '\r':
        out += '\\r'
        break
      default:
        out += c < ' ' ? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}` : c
    }
    prev = c
  }
  return `${out}"`
}

/** HTML text/attribute escaping for generated pages. */
export function escapeHtml(s: string): string {
  return s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c
  )
}

/** Jetty StringUtil.sanitizeXmlString: entity-escapes markup and replaces control chars by '?'. */
export function sanitizeXmlString(s: string): string {
  let out = ''
  for (const c of s) {
    switch (c) {
      case '&':
        out += '&amp;'
        break
      case '<':
        out += '&lt;'
        break
      case '>':
        out += '&gt;'
        break
      case "'":
        out += '&apos;'
        break
      case '"':
        out += '&quot;'
        break
      default:
        out += c < ' ' && !'\t\n\r'.includes(c) ? '?' : c
    }
  }
  return out
}

/** Replaces every code point above `max` by '?', as Java's encoders do for unmappable characters. */
export function replaceUnmappable(s: string, max: number): string {
  let out = ''
  for (const c of s) out += (c.codePointAt(0) ?? 0) > max ? '?' : c
  return out
}

/** Encodes as ISO-8859-1 the way a Java writer does: unmappable characters become '?'. */
export function encodeLatin1(s: string): Buffer {
  return Buffer.from(replaceUnmappable(s, 0xff), 'latin1')
}

/** hudson.Util.rawEncode: keeps `! $ & ' ( ) * + , - . 0-9 = @ A-Z _ a-z`, UTF-8 %XX otherwise. */
export function rawEncode(s: string): string {
  let out = ''
  for (const c of s) {
    if (/^[!$&'()*+,\-.0-9=@A-Z_a-z]$/.test(c)) out += c
    else {
      for (const byte of Buffer.from(c, 'utf8')) {
        out += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`
      }
    }
  }
  return out
}

/**
 * Users (case-insensitive id strategy) and their API tokens, following ApiTokenStore: tokens are
 * "11" + 32 lowercase hex, only SHA-256 of the 32-hex secret is kept, matching hashes substring(2)
 * of a 34-char value (prefix unchecked) in list order and skips expired tokens.
 */
import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto'
import type { EmulatorUser, StoredToken } from './types.js'
import {
  compareDates,
  formatIsoLocalDate,
  javaIsBlank,
  type LocalDate,
  parseIsoLocalDate,
  replaceUnmappable,
  toEpochDay
} from './util.js'

export interface Token {
  uuid: string
  name: string
  hash: string
  creationDate: Date
  expirationDate: LocalDate | null
}

export interface UserRecord {
  id: string
  password: string
  admin: boolean
  fullName: string
  apiTokenProperty: boolean
  tokens: Token[]
  /** Jenkins holds a User record (false: a realm user who never used the web UI) */
  hasRecord: boolean
  /** the security realm knows the user (false: deleted from LDAP, record left behind) */
  inRealm: boolean
  /** the authorization strategy grants Overall/Read (an administrator has it always) */
  read: boolean
  /** EmulatorUser.loginNames, as the realm compares them (case-insensitively) */
  loginNames: string[]
}

/** IdStrategy.keyFor: CASE_INSENSITIVE lower-cases the id, CaseSensitive keeps it. */
export function keyFor(id: string, caseSensitive = false): string {
  return caseSensitive ? id : id.toLowerCase()
}

/** hex(SHA-256(US-ASCII(secret))); like String.getBytes(US_ASCII), non-ASCII becomes '?'. */
export function hashSecret(secret: string): string {
  const ascii = replaceUnmappable(secret, 0x7f)
  return createHash('sha256').update(Buffer.from(ascii, 'latin1')).digest('hex')
}

/** HashedToken.isExpired: valid through the expiration day, expired from the next day. */
export function isExpired(token: Token, today: LocalDate): boolean {
  return token.expirationDate !== null && compareDates(token.expirationDate, today) < 0
}

/** HashedToken.isAboutToExpire: expires before today + 7 (already-expired tokens too). */
export function isAboutToExpire(token: Token, today: LocalDate): boolean {
  return token.expirationDate !== null && toEpochDay(token.expirationDate) < toEpochDay(today) + 7
}

/** IdStrategy.CASE_INSENSITIVE.compare: String.compareTo on the keys (UTF-16 code units). */
function compareKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

export class UserDirectory {
  private readonly byKey = new Map<string, UserRecord>()

  constructor(
    users: EmulatorUser[],
    private readonly caseSensitive = false
  ) {
    for (const u of users) {
      this.byKey.set(this.keyFor(u.id), {
        id: u.id,
        password: u.password,
        admin: u.admin === true,
        fullName: u.fullName ?? u.id,
        apiTokenProperty: u.apiTokenProperty ?? true,
        tokens: [],
        hasRecord: u.record ?? true,
        inRealm: u.inRealm ?? true,
        read: u.admin === true || (u.read ?? true),
        loginNames: (u.loginNames ?? []).map((name) => name.toLowerCase())
      })
    }
  }

  /** The id strategy's key for `id`: what identifies a user, and what their URL names. */
  keyFor(id: string): string {
    return keyFor(id, this.caseSensitive)
  }

  /** User.getById(id, false): an existing User record, by id under the id strategy. */
  getById(id: string): UserRecord | undefined {
    const user = this.byKey.get(this.keyFor(id))
    return user?.hasRecord ? user : undefined
  }

  /** SecurityRealm#loadUserByUsername2: the realm's user, whether or not a record exists. */
  realmUser(username: string): UserRecord | undefined {
    const user = this.byKey.get(this.keyFor(username))
    return user?.inRealm ? user : undefined
  }

  /**
   * The user a password login names: the realm's user by id, or by one of the other names the
   * realm maps to a user (loginNames).
   */
  passwordLogin(username: string): UserRecord | undefined {
    const name = username.toLowerCase()
    return (
      this.realmUser(username) ??
      [...this.byKey.values()].find((u) => u.inRealm && u.loginNames.includes(name))
    )
  }

  /** User.getById(id, true) for a realm user: User.current() creates the missing record. */
  ensureRecord(user: UserRecord): void {
    user.hasRecord = true
  }

  /**
   * Jenkins#getUser(segment) = User.get(segment, create=false): an exact id among the records,
   * then the CanonicalIdResolvers by priority, the first that answers wins:
   * UserIDCanonicalIdResolver (a record, or the realm's user: whose missing record then means
   * null, i.e. 404), FullNameIdResolver (the first record by id order whose full name equals the
   * segment), DefaultUserCanonicalIdResolver (`\ / < >` replaced by `_`).
   */
  resolveUrlSegment(segment: string): UserRecord | undefined {
    const direct = this.getById(segment)
    if (direct) return direct
    const inRealm = this.realmUser(segment)
    if (inRealm) return this.getById(inRealm.id)
    const byName = [...this.byKey.values()]
      .filter((u) => u.hasRecord)
      .sort((a, b) => compareKeys(this.keyFor(a.id), this.keyFor(b.id)))
      .find((u) => u.fullName === segment)
    if (byName) return byName
    return this.getById(segment.replace(/[\\/<>]/g, '_'))
  }

  /** ApiTokenProperty.matchesPassword → ApiTokenStore.findMatchingToken */
  matchToken(user: UserRecord, presented: string, today: LocalDate): Token | undefined {
    if (javaIsBlank(presented)) return undefined
    // Other lengths go the legacy (version 10) way: the emulator never holds legacy tokens.
    if (presented.length !== 34) return undefined
    const digest = Buffer.from(hashSecret(presented.substring(2)), 'hex')
    return user.tokens.find(
      (t) => timingSafeEqual(Buffer.from(t.hash, 'hex'), digest) && !isExpired(t, today)
    )
  }

  /** ApiTokenStore.generateNewToken */
  generate(
    user: UserRecord,
    name: string,
    expirationDate: LocalDate | null
  ): { token: Token; value: string } {
    const secret = randomBytes(16).toString('hex')
    const token: Token = {
      uuid: randomUUID(),
      name,
      hash: hashSecret(secret),
      creationDate: new Date(),
      expirationDate
    }
    user.tokens.push(token)
    return { token, value: `11${secret}` }
  }

  /** ApiTokenStore.addFixedNewToken; returns the validation error message when Java throws. */
  addFixed(
    user: UserRecord,
    name: string,
    value: string,
    expirationDate: LocalDate | null
  ): Token | string {
    if (value.length !== 34) {
      return 'The token must consist of 2 characters for the version and 32 hex-characters for the secret'
    }
    const version = value.substring(0, 2)
    if (version !== '11') return `The given version is not recognized: ${version}`
    const secret = value.substring(2).toLowerCase()
    if (!/^[a-f0-9]{32}$/.test(secret)) {
      return 'The secret part of the token must consist of 32 hex-characters'
    }
    const token: Token = {
      uuid: randomUUID(),
      name,
      hash: hashSecret(secret),
      creationDate: new Date(),
      expirationDate
    }
    user.tokens.push(token)
    return token
  }

  /** ApiTokenStore.revokeToken: removes the first exact (case-sensitive) uuid match. */
  revoke(user: UserRecord, uuid: string): boolean {
    const i = user.tokens.findIndex((t) => t.uuid === uuid)
    if (i < 0) return false
    user.tokens.splice(i, 1)
    return true
  }

  revokeAll(user: UserRecord): void {
    user.tokens.length = 0
  }

  revokeAllExcept(user: UserRecord, uuid: string): void {
    user.tokens = user.tokens.filter((t) => t.uuid === uuid)
  }

  rename(user: UserRecord, uuid: string, newName: string): boolean {
    const token = user.tokens.find((t) => t.uuid === uuid)
    if (!token) return false
    token.name = newName
    return true
  }
}

export function toStoredToken(t: Token): StoredToken {
  return {
    uuid: t.uuid,
    name: t.name,
    hash: t.hash,
    creationDate: new Date(t.creationDate.getTime()),
    expirationDate: t.expirationDate ? formatIsoLocalDate(t.expirationDate) : null
  }
}

/** Strict 'YYYY-MM-DD' for the test-setup API (throws on bad input). */
export function requireIsoDate(date: string, what: string): LocalDate {
  const parsed = parseIsoLocalDate(date)
  if (!parsed)
    throw new Error(`${what}: expected an ISO date YYYY-MM-DD, got ${JSON.stringify(date)}`)
  return parsed
}

/**
 * The forms of what Jenkins's ApiTokenStore makes (2.129 and later), to tell its own values
 * from ones altered on the way. A token's value: the version "11" and 16 random bytes in
 * lowercase hex. Its UUID: java.util.UUID.randomUUID(), in the usual 8-4-4-4-12 hex form.
 */
export const TOKEN_VALUE = /^11[0-9a-f]{32}$/

export const TOKEN_UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

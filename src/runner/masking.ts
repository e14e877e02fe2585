import * as core from '@actions/core'
import { basicAuthValue } from '../jenkins/credentials.js'

/**
 * Registers a secret and every form of it that can end up in a log: the Basic
 * Authorization value (printed by `curl -v`), plain base64, and the URL-encoded form.
 */
export function maskSecret(secret: string, username: string): void {
  const forms = new Set([
    secret,
    basicAuthValue(username, secret),
    Buffer.from(secret, 'utf8').toString('base64'),
    encodeURIComponent(secret)
  ])
  for (const form of forms) core.setSecret(form)
}

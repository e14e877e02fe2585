import { constants, generateKeyPairSync, privateDecrypt } from 'node:crypto'

/**
 * A one-time key pair for the script console's answer. The script prints the new token sealed
 * with the public key (RSA-OAEP, SHA-256), so its plain value is nowhere on the controller's
 * side either: from 2.427 Jenkins hands every script's output to its ScriptListeners, which log
 * it (DefaultScriptListener, at FINER), and plugins may keep it. Only this step, which holds the
 * private key, can open it; the REST path never has the value in a script's output at all.
 */
export interface Seal {
  /** The public key as base64 of its DER SubjectPublicKeyInfo, what Java's X509EncodedKeySpec reads. */
  publicKey: string
  /** The text sealed with the public key, or undefined if it is not that. */
  open(sealed: string): string | undefined
}

export function newSeal(): Seal {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 })
  return {
    publicKey: publicKey.export({ type: 'spki', format: 'der' }).toString('base64'),
    open(sealed) {
      try {
        const opened = privateDecrypt(
          { key: privateKey, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256' },
          Buffer.from(sealed, 'base64')
        )
        return opened.toString('utf8')
      } catch {
        return undefined
      }
    }
  }
}

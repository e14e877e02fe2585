import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { describe, expect, it } from '@jest/globals'
import { parse as parseYaml } from 'yaml'
import {
  type Range,
  RETRIES,
  TIMEOUT_SECONDS,
  WAIT_SECONDS
} from '../../src/runner/input-limits.js'
import { type ActionInputs, InputError, readInputs } from '../../src/runner/inputs.js'
import { makeTestPki } from '../support/certificates.js'

const base: Record<string, string> = {
  'jenkins-url': 'https://ci.example.com/jenkins',
  username: 'alice',
  password: 'secret'
}

function parse(inputs: Record<string, string>, env: NodeJS.ProcessEnv = {}): ActionInputs {
  return readInputs((name, trim) => {
    const value = inputs[name] ?? ''
    return trim ? value.trim() : value
  }, env)
}

describe('readInputs', () => {
  it('names the token after the step too, so two uses in one job differ', () => {
    const job = { GITHUB_REPOSITORY: 'acme/widgets', GITHUB_RUN_ID: '7', GITHUB_JOB: 'deploy' }
    const names = ['jenkins', '__acme_jenkins-token-action_2'].map(
      (step) => parse(base, { ...job, GITHUB_ACTION: step }).tokenName
    )
    expect(names).toEqual([
      'github-actions acme/widgets#7.1 deploy/jenkins',
      'github-actions acme/widgets#7.1 deploy/__acme_jenkins-token-action_2'
    ])
    expect(parse(base, job).tokenName).toBe('github-actions acme/widgets#7.1 deploy')
    // Outside a job, nothing after the run.
    expect(parse(base, { GITHUB_REPOSITORY: 'a/b', GITHUB_RUN_ID: '7' }).tokenName).toBe(
      'github-actions a/b#7.1'
    )
  })

  it("is the name the CI workflow's end-to-end job expects of the step it checks", () => {
    const workflow = readFileSync(resolve('.github/workflows/ci.yml'), 'utf8')
    const expected = /test "\$NAME" = "([^"]+)"/.exec(workflow)?.[1]
    const step = /steps\.(\w+)\.outputs\.token-name/.exec(workflow)?.[1]
    expect([expected, step]).toEqual([expect.any(String), expect.any(String)])
    const env = {
      GITHUB_REPOSITORY: 'acme/widgets',
      GITHUB_RUN_ID: '7',
      GITHUB_RUN_ATTEMPT: '2',
      GITHUB_JOB: 'e2e'
    }
    const shell = (expected ?? '').replace(
      /\$(\w+)/g,
      (_, name: keyof typeof env) => env[name] ?? `<${name} unset>`
    )
    expect(parse(base, { ...env, GITHUB_ACTION: step }).tokenName).toBe(shell)
  })

  it('applies the documented defaults', () => {
    const env = {
      GITHUB_REPOSITORY: 'acme/widgets',
      GITHUB_RUN_ID: '9876543210',
      GITHUB_RUN_ATTEMPT: '1',
      GITHUB_JOB: 'deploy',
      GITHUB_ACTION: 'jenkins'
    }
    expect(parse(base, env)).toEqual({
      jenkinsUrl: 'https://ci.example.com/jenkins/',
      username: 'alice',
      secret: 'secret',
      credentialKind: 'password',
      user: 'alice',
      tokenName: 'github-actions acme/widgets#9876543210.1 deploy/jenkins',
      method: 'rest',
      expirationDays: 1,
      revoke: true,
      verify: true,
      waitSeconds: null,
      exportEnv: false,
      timeoutSeconds: 30,
      retries: 3,
      caCertificate: null,
      insecureSkipTlsVerify: false
    })
  })

  it('takes an API token instead of a password', () => {
    const parsed = parse({ ...base, password: '', 'api-token': ' 11abc ' })
    expect(parsed.credentialKind).toBe('api-token')
    expect(parsed.secret).toBe('11abc')
  })

  it('keeps a password verbatim, spaces included', () => {
    expect(parse({ ...base, password: ' pass word ' }).secret).toBe(' pass word ')
  })

  it.each([
    ['https://ci.example.com', 'https://ci.example.com/'],
    ['https://ci.example.com/', 'https://ci.example.com/'],
    ['http://10.0.0.5:8080/jenkins/', 'http://10.0.0.5:8080/jenkins/'],
    ['HTTPS://CI.example.com/Jenkins', 'https://ci.example.com/Jenkins/'],
    ['https://ci.example.com/jenkins//', 'https://ci.example.com/jenkins/'],
    ['https://ci.example.com//', 'https://ci.example.com/'],
    ['https://ci.example.com.:8443/jenkins', 'https://ci.example.com:8443/jenkins/'],
    ['https://ci.example.com../', 'https://ci.example.com/']
  ])('normalises jenkins-url %s to %s', (given, expected) => {
    expect(parse({ ...base, 'jenkins-url': given }).jenkinsUrl).toBe(expected)
    // The post step checks that main's URL normalises to itself.
    expect(parse({ ...base, 'jenkins-url': expected }).jenkinsUrl).toBe(expected)
  })

  it.each([
    ['7', 7],
    ['365', 365],
    ['never', null]
  ])('reads expiration-days %s', (given, expected) => {
    expect(parse({ ...base, 'expiration-days': given }).expirationDays).toBe(expected)
  })

  it('accepts the boolean spellings of the Actions YAML core schema', () => {
    const parsed = parse({ ...base, revoke: 'False', verify: 'FALSE', 'export-env': 'True' })
    expect([parsed.revoke, parsed.verify, parsed.exportEnv]).toEqual([false, false, true])
  })

  it('puts the run id in the default token name', () => {
    expect(parse(base, { GITHUB_RUN_ID: '42' }).tokenName).toContain('#42.')
  })

  it('keeps a given token name and user', () => {
    const parsed = parse({ ...base, 'token-name': 'deploy bot', user: 'svc-deploy' })
    expect([parsed.tokenName, parsed.user]).toEqual(['deploy bot', 'svc-deploy'])
  })

  it.each([
    ['rest', 'rest'],
    ['script-console', 'script-console']
  ])('reads method %s', (given, expected) => {
    expect(parse({ ...base, method: given }).method).toBe(expected)
  })

  // Every invalid value of every input, with the message it must produce.
  it.each<[string, Record<string, string>, string]>([
    ['missing url', { 'jenkins-url': '' }, 'Input jenkins-url is required.'],
    [
      'url not a URL',
      { 'jenkins-url': 'ci.example.com' },
      'Input jenkins-url is not a URL: "ci.example.com"'
    ],
    [
      'url ftp',
      { 'jenkins-url': 'ftp://ci.example.com/' },
      'Input jenkins-url must use http or https, not ftp.'
    ],
    [
      'url with credentials',
      { 'jenkins-url': 'https://bob:pw@ci.example.com/' },
      'Input jenkins-url must not contain credentials'
    ],
    [
      'url with query',
      { 'jenkins-url': 'https://ci.example.com/?a=1' },
      'must not have a query or fragment'
    ],
    [
      'url with fragment',
      { 'jenkins-url': 'https://ci.example.com/#x' },
      'must not have a query or fragment'
    ],
    [
      'url ending in a bare ?',
      { 'jenkins-url': 'https://ci.example.com/jenkins/?' },
      'must not have a query or fragment'
    ],
    [
      'url ending in a bare #',
      { 'jenkins-url': 'https://ci.example.com/jenkins#' },
      'must not have a query or fragment'
    ],
    ['missing username', { username: '' }, 'Input username is required.'],
    ['username with colon', { username: 'a:b' }, 'Input username must not contain ":"'],
    ['neither secret', { password: '' }, 'One of the inputs password or api-token is required'],
    ['both secrets', { 'api-token': '11ab' }, 'Inputs password and api-token were both given'],
    [
      'expiration 0',
      { 'expiration-days': '0' },
      'Input expiration-days must be a whole number of days from 1 to 365, or never; got "0".'
    ],
    ['expiration 366', { 'expiration-days': '366' }, 'got "366"'],
    ['expiration 1.5', { 'expiration-days': '1.5' }, 'got "1.5"'],
    ['expiration 30d', { 'expiration-days': '30d' }, 'got "30d"'],
    ['expiration Never', { 'expiration-days': 'Never' }, 'got "Never"'],
    ['expiration -1', { 'expiration-days': '-1' }, 'got "-1"'],
    // Number() reads these as whole numbers in range: only digits are a number of days.
    ['expiration 1e2', { 'expiration-days': '1e2' }, 'got "1e2"'],
    ['expiration +7', { 'expiration-days': '+7' }, 'got "+7"'],
    ['expiration 0x10', { 'expiration-days': '0x10' }, 'got "0x10"'],
    ['revoke yes', { revoke: 'yes' }, 'Input revoke must be true or false; got "yes".'],
    ['verify 1', { verify: '1' }, 'Input verify must be true or false; got "1".'],
    ['export-env on', { 'export-env': 'on' }, 'Input export-env must be true or false; got "on".'],
    [
      'insecure maybe',
      { 'insecure-skip-tls-verify': 'maybe' },
      'Input insecure-skip-tls-verify must be true or false; got "maybe".'
    ],
    [
      'timeout 0',
      { 'timeout-seconds': '0' },
      'Input timeout-seconds must be a whole number from 1 to 600; got "0".'
    ],
    ['timeout 601', { 'timeout-seconds': '601' }, 'got "601"'],
    ['timeout 2.5', { 'timeout-seconds': '2.5' }, 'got "2.5"'],
    [
      'retries 11',
      { retries: '11' },
      'Input retries must be a whole number from 0 to 10; got "11".'
    ],
    ['retries -1', { retries: '-1' }, 'got "-1"'],
    ['timeout 1e2', { 'timeout-seconds': '1e2' }, 'got "1e2"'],
    ['retries +3', { retries: '+3' }, 'got "+3"'],
    ['wait-seconds 0x10', { 'wait-seconds': '0x10' }, 'got "0x10"'],
    ['ca-certificate text', { 'ca-certificate': 'my-ca' }, 'Input ca-certificate must be PEM text'],
    [
      'ca-certificate broken PEM',
      { 'ca-certificate': '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----' },
      'Input ca-certificate: certificate 1 of 1 is not a valid PEM certificate.'
    ],
    [
      'method script',
      { method: 'script' },
      'Input method must be rest or script-console; got "script".'
    ],
    ['method REST', { method: 'REST' }, 'got "REST"']
  ])('rejects %s', (_case, override, message) => {
    const call = () => parse({ ...base, ...override })
    expect(call).toThrow(InputError)
    expect(call).toThrow(message)
  })
})

describe('a jenkins-url with credentials in it', () => {
  // No mask covers a password typed into the URL: the message must not repeat it, whether the
  // URL parses or not, and a '/' in the password must not make the rest of it a path.
  it.each([
    'https://alice:s3cret@127.0.0.1:18443 /x',
    'https://alice:s3c@ret@ci example.com/',
    'https://s3cret@ci example.com/',
    'https:alice:s3cret@ci example.com/',
    'https:/alice:s3cret@ci example.com/',
    'https:\\\\alice:s3cret@ci example.com/',
    'ci_admin:s3cret@ci.example.com',
    '1admin:s3cret@ci.example.com/jenkins',
    'http://localhost:1234/s3cret@ci.example.com/',
    'http://alice:1234/s3cret@ci.example.invalid/'
  ])('refuses %j without repeating it', (given) => {
    const call = () => parse({ ...base, 'jenkins-url': given })
    expect(call).toThrow(
      'Input jenkins-url must not contain credentials (it has an "@", which a context path may not have either): pass them in the username and password or api-token inputs.'
    )
    expect(call).not.toThrow(/s3c/)
  })
})

describe('a jenkins-url without a scheme', () => {
  it.each([
    ['localhost:18080', 'https://localhost:18080'],
    ['ci.example.com:8443/jenkins', 'https://ci.example.com:8443/jenkins']
  ])('%j: says to write the scheme, not that the host is a wrong one', (given, shown) => {
    expect(() => parse({ ...base, 'jenkins-url': given })).toThrow(
      `Input jenkins-url has no scheme: write https:// (or http://) before it, as in ${shown}.`
    )
  })
})

describe('values a request could never use', () => {
  it('refuses a user with ":", which Basic authentication would split', () => {
    expect(() => parse({ ...base, user: 'svc:deploy' })).toThrow(
      new InputError(
        'Input user must not contain ":": the new token is used with HTTP Basic authentication, which splits the user and the token at the first colon.'
      )
    )
  })

  it('refuses port 0 in jenkins-url', () => {
    expect(() => parse({ ...base, 'jenkins-url': 'https://ci.example.com:0/' })).toThrow(
      new InputError(
        "Input jenkins-url has port 0, on which nothing can listen: give the controller's port, or none for the scheme's default."
      )
    )
  })
})

describe('token-name', () => {
  // Every attempt's name goes to the post step in one environment variable, which Linux caps
  // at 128 KiB: eleven attempts of a name this long still fit.
  it('takes up to 1000 characters and refuses more, naming the input', () => {
    expect(parse({ ...base, 'token-name': 'x'.repeat(1000) }).tokenName).toHaveLength(1000)
    expect(() => parse({ ...base, 'token-name': 'x'.repeat(1001) })).toThrow(
      new InputError('Input token-name must be at most 1000 characters; got 1001.')
    )
  })
})

describe('user ids that URL normalisation would turn into path steps', () => {
  it.each(['.', '..'])('rejects a user of %j, naming the input', (id) => {
    expect(() => parse({ ...base, user: id })).toThrow(
      new InputError(
        `Input user is "${id}", which is not a usable Jenkins user id: in a URL it is a path step, so the action's requests would go to another Jenkins page than the user's. Set user to the user's id as it appears in its Jenkins page URL (…/user/<id>/).`
      )
    )
  })

  it.each(['.', '..'])('rejects a username of %j when it is also the user', (id) => {
    expect(() => parse({ ...base, username: id })).toThrow(/^Input username is "\.{1,2}"/)
  })

  it('keeps ids that merely contain dots', () => {
    expect(parse({ ...base, user: '...' }).user).toBe('...')
    expect(parse({ ...base, user: 'j.doe' }).user).toBe('j.doe')
  })
})

// A limit that only the error message states is found by trial: the inputs' documentation says it.
describe('the ranges of the numeric inputs', () => {
  const root = resolve(import.meta.dirname, '..', '..')
  const action = parseYaml(readFileSync(resolve(root, 'action.yml'), 'utf8')) as {
    inputs: Record<string, { description: string }>
  }
  const readme = readFileSync(resolve(root, 'README.md'), 'utf8').split('\n')

  it.each<[string, Range]>([
    ['timeout-seconds', TIMEOUT_SECONDS],
    ['retries', RETRIES],
    ['wait-seconds', WAIT_SECONDS]
  ])('action.yml and the README give %s its range', (name, range) => {
    const words = `(${range.min} to ${range.max})`
    expect(action.inputs[name]?.description.replace(/\s+/g, ' ')).toContain(words)
    expect(readme.find((line) => line.startsWith(`| \`${name}\``))).toContain(words)
    expect(() => parse({ ...base, [name]: String(range.max + 1) })).toThrow(
      `from ${range.min} to ${range.max}`
    )
  })
})

describe('a ca-certificate bundle', () => {
  // The record main saves for post holds the certificates; post gets it in one environment
  // variable of at most 128 KiB, or does not start at all.
  const { caPem } = makeTestPki()
  const bundle = (count: number) => Array.from({ length: count }, () => caPem.trim()).join('\n')
  const fitting = Math.floor((64 * 1024 + 1) / (caPem.trim().length + 1))

  it('of up to 64 KiB is taken, certificate by certificate', () => {
    const pem = bundle(fitting)
    expect(pem.length).toBeLessThanOrEqual(64 * 1024)
    expect(parse({ ...base, 'ca-certificate': pem }).caCertificate).toBe(pem)
  })

  it('over 64 KiB is an input error that names NODE_EXTRA_CA_CERTS', () => {
    const pem = bundle(fitting + 1)
    expect(pem.length).toBeGreaterThan(64 * 1024)
    const call = () => parse({ ...base, 'ca-certificate': pem })
    expect(call).toThrow(InputError)
    expect(call).toThrow(
      `Input ca-certificate holds ${fitting + 1} certificates, ${Math.ceil(pem.length / 1024)} KiB of PEM; at most 64 KiB fit the record the post step gets.`
    )
    expect(call).toThrow('name it in NODE_EXTRA_CA_CERTS')
    // The same as base64, the one-line form.
    const base64 = Buffer.from(pem).toString('base64')
    expect(() => parse({ ...base, 'ca-certificate': base64 })).toThrow('at most 64 KiB')
  })
})

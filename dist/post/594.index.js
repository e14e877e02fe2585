export const id = 594;
export const ids = [594];
export const modules = {

/***/ 8594:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  openWarmConnection: () => (/* binding */ openWarmConnection)
});

// EXTERNAL MODULE: ./src/http/sockets.ts
var sockets = __webpack_require__(3174);
// EXTERNAL MODULE: ./src/http/transport.ts + 4 modules
var transport = __webpack_require__(6276);
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: ./src/runner/input-limits.ts
var input_limits = __webpack_require__(9019);
// EXTERNAL MODULE: ./src/runner/jenkins-url-input.ts
var jenkins_url_input = __webpack_require__(4033);
;// CONCATENATED MODULE: ./src/runner/inputs.ts



// Kept apart so that the warm-up reads the URL without loading node:crypto.

const TRUE = new Set(['true', 'True', 'TRUE']);
const FALSE = new Set(['false', 'False', 'FALSE']);
function readInputs(read, env) {
    const username = required(read, 'username');
    if (username.includes(':')) {
        throw new InputError('Input username must not contain ":": HTTP Basic authentication splits the user and the password at the first colon.');
    }
    const password = read('password', false);
    const apiToken = read('api-token', true);
    if (password !== '' && apiToken !== '') {
        throw new InputError('Inputs password and api-token were both given: set exactly one (api-token is preferred: it needs no CSRF crumb).');
    }
    if (password === '' && apiToken === '') {
        throw new InputError('One of the inputs password or api-token is required: the password or an existing API token of the user in username.');
    }
    const givenUser = read('user', true);
    if (givenUser.includes(':')) {
        throw new InputError('Input user must not contain ":": the new token is used with HTTP Basic authentication, which splits the user and the token at the first colon.');
    }
    const user = givenUser || username;
    if (user === '.' || user === '..') {
        // rawEncode keeps dots, and URL normalisation makes /user/../ a step up the path, so the
        // requests would reach another Jenkins page than the user's.
        const input = givenUser ? 'user' : 'username';
        throw new InputError(`Input ${input} is "${user}", which is not a usable Jenkins user id: in a URL it is a path step, so the action's requests would go to another Jenkins page than the user's. Set ${input} to the user's id as it appears in its Jenkins page URL (…/user/<id>/).`);
    }
    return {
        jenkinsUrl: normaliseJenkinsUrl(required(read, 'jenkins-url')),
        username,
        secret: apiToken || password,
        credentialKind: apiToken ? 'api-token' : 'password',
        user,
        tokenName: tokenName(read('token-name', true), env),
        method: mintMethod(read('method', true)),
        expirationDays: expirationDays(read('expiration-days', true)),
        revoke: inputs_boolean(read, 'revoke', true),
        verify: inputs_boolean(read, 'verify', true),
        exportEnv: inputs_boolean(read, 'export-env', false),
        timeoutSeconds: integer(read, 'timeout-seconds', 30, TIMEOUT_SECONDS),
        retries: integer(read, 'retries', 3, RETRIES),
        waitSeconds: read('wait-seconds', true) === '' ? null : integer(read, 'wait-seconds', 0, WAIT_SECONDS),
        caCertificate: caCertificate(read('ca-certificate', true)),
        insecureSkipTlsVerify: inputs_boolean(read, 'insecure-skip-tls-verify', false)
    };
}
function required(read, name) {
    const value = read(name, true);
    if (value === '')
        throw new InputError(`Input ${name} is required.`);
    return value;
}
/**
 * Every attempt's name is saved for the post step, which the runner hands over in one
 * environment variable (at most 128 KiB on Linux): a long name times 11 attempts must fit.
 */
const MAX_TOKEN_NAME = 1000;
/**
 * The default name tells an administrator looking at the user's tokens in Jenkins which
 * run owns a token: repository, run id and attempt, and job.
 */
function tokenName(given, env) {
    const characters = [...given].length;
    if (characters > MAX_TOKEN_NAME) {
        throw new InputError(`Input token-name must be at most ${MAX_TOKEN_NAME} characters; got ${characters}.`);
    }
    if (given !== '')
        return given;
    const repository = env.GITHUB_REPOSITORY || 'local';
    const runId = env.GITHUB_RUN_ID || String(Date.now());
    const attempt = env.GITHUB_RUN_ATTEMPT || '1';
    // The step's id (GITHUB_ACTION) tells two uses of the action in one job apart: a warning
    // names a token by its name, and the other step's token would share it.
    const where = [env.GITHUB_JOB, env.GITHUB_ACTION].filter(Boolean).join('/');
    return `github-actions ${repository}#${runId}.${attempt}${where ? ` ${where}` : ''}`;
}
function mintMethod(value) {
    if (value === '' || value === 'rest')
        return 'rest';
    if (value === 'script-console')
        return 'script-console';
    throw new InputError(`Input method must be rest or script-console; got "${value}".`);
}
function expirationDays(value) {
    if (value === '')
        return 1;
    if (value === 'never')
        return null;
    if (/^\d+$/.test(value)) {
        const days = Number(value);
        if (isWholeIn(days, EXPIRATION_DAYS))
            return days;
    }
    throw new InputError(`Input expiration-days must be a whole number of days from ${EXPIRATION_DAYS.min} to ${EXPIRATION_DAYS.max}, or never; got "${value}".`);
}
function inputs_boolean(read, name, fallback) {
    const value = read(name, true);
    if (value === '')
        return fallback;
    if (TRUE.has(value))
        return true;
    if (FALSE.has(value))
        return false;
    throw new InputError(`Input ${name} must be true or false; got "${value}".`);
}
function integer(read, name, fallback, range) {
    const value = read(name, true);
    if (value === '')
        return fallback;
    if (/^\d+$/.test(value) && isWholeIn(Number(value), range))
        return Number(value);
    throw new InputError(`Input ${name} must be a whole number from ${range.min} to ${range.max}; got "${value}".`);
}
const PEM_BLOCK = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;
/**
 * The certificates go to the post step in main's record, which the runner hands over in one
 * environment variable: at most 128 KiB on Linux, beyond which post cannot start at all and
 * the token would stay valid with no word of it. Half of that leaves room for the rest of the
 * record; a larger bundle belongs in a file named by NODE_EXTRA_CA_CERTS.
 */
const MAX_CA_PEM = 64 * 1024;
/** PEM text, or the base64 of PEM text (what fits in a single-line secret). */
function caCertificate(value) {
    if (value === '')
        return null;
    const pem = value.includes('-----BEGIN')
        ? value
        : Buffer.from(value.replace(/\s+/g, ''), 'base64').toString('utf8');
    const blocks = pem.match(PEM_BLOCK) ?? [];
    if (blocks.length === 0) {
        throw new jenkins_url_input/* InputError */.d('Input ca-certificate must be PEM text (-----BEGIN CERTIFICATE----- …) or the base64 of it.');
    }
    const joined = blocks.join('\n');
    if (joined.length > MAX_CA_PEM) {
        throw new jenkins_url_input/* InputError */.d(`Input ca-certificate holds ${blocks.length} certificates, ${Math.ceil(joined.length / 1024)} KiB of PEM; at most 64 KiB fit the record the post step gets. Give only the certificates of the CAs that sign the controller's certificate (and an https:// proxy's), or put a larger bundle in a file on the runner and name it in NODE_EXTRA_CA_CERTS.`);
    }
    for (const [index, block] of blocks.entries()) {
        try {
            new external_node_crypto_.X509Certificate(block);
        }
        catch {
            throw new jenkins_url_input/* InputError */.d(`Input ca-certificate: certificate ${index + 1} of ${blocks.length} is not a valid PEM certificate.`);
        }
    }
    return joined;
}

;// CONCATENATED MODULE: ./src/runner/warm-connection.ts



/**
 * How long the warm-up waits for the TCP handshake before the step's code loads. Loading
 * blocks the event loop for tens of milliseconds; started after the handshake, it overlaps the
 * TLS round trip, where started before it would hold back the TLS client hello until it
 * ends. Past this bound (a host that drops packets) the step goes on, and its first request
 * meets the problem within its own time limit.
 */
const CONNECT_WAIT_MS = 1000;
/**
 * The TLS half of the warm-up: the step's agents, with TLS put over the early TCP connection
 * (or, through a proxy, the CONNECT and TLS started), and the client hello sent. The agents
 * serve the step only when its inputs ask for the same certificates (Transport).
 */
async function openWarmConnection(hint, socket, 
/** A TLS session an earlier step had with the controller, offered for resumption. */
session) {
    let agents;
    try {
        const pem = caCertificate(hint.ca);
        agents = new transport/* Agents */.lt({
            ...(pem ? { ca: pem } : {}),
            ...(hint.insecure ? { rejectUnauthorized: false } : {})
        });
    }
    catch {
        socket?.destroy();
        return undefined; // a ca-certificate that the inputs will refuse, with a clear message
    }
    const warmed = agents.warm(hint.url, socket, session);
    if (!warmed.tookSocket)
        socket?.destroy();
    await (0,sockets/* atMost */.Tu)(CONNECT_WAIT_MS, warmed.helloCanGo);
    // A turn of the event loop, so the client hello goes out before the long load begins.
    await new Promise((resolve) => setImmediate(resolve));
    return agents;
}


/***/ })

};

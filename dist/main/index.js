import { createRequire as __WEBPACK_EXTERNAL_createRequire } from "module";
/******/ var __webpack_modules__ = ({

/***/ 730:
/***/ ((module, __unused_webpack___webpack_exports__, __nccwpck_require__) => {

__nccwpck_require__.a(module, async (__webpack_handle_async_dependencies__, __webpack_async_result__) => { try {
/* harmony import */ var _mint_step_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(73);

await (0,_mint_step_js__WEBPACK_IMPORTED_MODULE_0__/* .runMintStep */ .O)();

__webpack_async_result__();
} catch(e) { __webpack_async_result__(e); } }, 1);

/***/ }),

/***/ 73:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  O: () => (/* binding */ runMintStep)
});

;// CONCATENATED MODULE: ./src/expiry.ts
/**
 * The last day a token is valid, as YYYY-MM-DD: today in UTC plus `days`. Jenkins compares
 * against its own local date, so in any time zone the date is today or later there and
 * never rejected as past; the token lives at least `days - 1` and at most `days + 1` days.
 */
function expirationDate(days, now = new Date()) {
    const date = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + days));
    return date.toISOString().slice(0, 10);
}

;// CONCATENATED MODULE: external "node:crypto"
const external_node_crypto_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:crypto");
;// CONCATENATED MODULE: external "node:fs"
const external_node_fs_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:fs");
;// CONCATENATED MODULE: external "node:os"
const external_node_os_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:os");
;// CONCATENATED MODULE: ./src/github/core.ts
/**
 * The part of @actions/core 3.0.1 this action uses, ported line for line: same names, same
 * workflow-command escaping, same file-command format (random `ghadelimiter_<uuid>`, and the
 * same refusal when the name or value contains it). @actions/core itself imports its OIDC
 * client and @actions/exec at load, which bundle undici: about 1 MB of the dist/ entries
 * and 80 ms of every step's start, for functions this action never calls. See
 * docs/benchmarks.md; __tests__/unit/core.test.ts checks this module against @actions/core.
 */



/** The code to exit an action. */
var ExitCode;
(function (ExitCode) {
    ExitCode[ExitCode["Success"] = 0] = "Success";
    ExitCode[ExitCode["Failure"] = 1] = "Failure";
})(ExitCode || (ExitCode = {}));
// ---------------------------------------------------------------- inputs and state
/** The input `name` from INPUT_<NAME> (spaces become `_`), trimmed unless told not to. */
function getInput(name, options) {
    const val = process.env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] || '';
    if (options && options.trimWhitespace === false) {
        return val;
    }
    return val.trim();
}
/** A value the main step saved with saveState, as the runner passes it to post (STATE_<name>). */
function getState(name) {
    return process.env[`STATE_${name}`] || '';
}
// ---------------------------------------------------------------- file commands
function setOutput(name, value) {
    const filePath = process.env.GITHUB_OUTPUT || '';
    if (filePath) {
        issueFileCommand('OUTPUT', prepareKeyValueMessage(name, value));
        return;
    }
    process.stdout.write(external_node_os_namespaceObject.EOL);
    issueCommand('set-output', { name }, toCommandValue(value));
}
function saveState(name, value) {
    const filePath = process.env.GITHUB_STATE || '';
    if (filePath) {
        issueFileCommand('STATE', prepareKeyValueMessage(name, value));
        return;
    }
    issueCommand('save-state', { name }, toCommandValue(value));
}
/** Sets the variable for this step and, through GITHUB_ENV, for the rest of the job. */
function exportVariable(name, val) {
    const convertedVal = toCommandValue(val);
    process.env[name] = convertedVal;
    const filePath = process.env.GITHUB_ENV || '';
    if (filePath) {
        issueFileCommand('ENV', prepareKeyValueMessage(name, val));
        return;
    }
    issueCommand('set-env', { name }, convertedVal);
}
function issueFileCommand(command, message) {
    const filePath = process.env[`GITHUB_${command}`];
    if (!filePath) {
        throw new Error(`Unable to find environment variable for file command ${command}`);
    }
    if (!(0,external_node_fs_namespaceObject.existsSync)(filePath)) {
        throw new Error(`Missing file at path: ${filePath}`);
    }
    (0,external_node_fs_namespaceObject.appendFileSync)(filePath, `${toCommandValue(message)}${external_node_os_namespaceObject.EOL}`, { encoding: 'utf8' });
}
/** `name<<ghadelimiter_<uuid>` EOL value EOL delimiter: a value may hold any line but that. */
function prepareKeyValueMessage(key, value) {
    const delimiter = `ghadelimiter_${(0,external_node_crypto_namespaceObject.randomUUID)()}`;
    const convertedValue = toCommandValue(value);
    // These should realistically never happen, but just in case someone finds a way to
    // exploit uuid generation let's not allow keys or values that contain the delimiter.
    if (key.includes(delimiter)) {
        throw new Error(`Unexpected input: name should not contain the delimiter "${delimiter}"`);
    }
    if (convertedValue.includes(delimiter)) {
        throw new Error(`Unexpected input: value should not contain the delimiter "${delimiter}"`);
    }
    return `${key}<<${delimiter}${external_node_os_namespaceObject.EOL}${convertedValue}${external_node_os_namespaceObject.EOL}${delimiter}`;
}
// ---------------------------------------------------------------- log commands
/** Registers a secret: the runner masks it in every later line of the log. */
function setSecret(secret) {
    issueCommand('add-mask', {}, secret);
}
function isDebug() {
    return process.env.RUNNER_DEBUG === '1';
}
/** Shown only when debug logging is on (the runner filters it). */
function debug(message) {
    issueCommand('debug', {}, message);
}
function info(message) {
    process.stdout.write(message + external_node_os_namespaceObject.EOL);
}
function notice(message, properties = {}) {
    issueCommand('notice', toCommandProperties(properties), message instanceof Error ? message.toString() : message);
}
function warning(message, properties = {}) {
    issueCommand('warning', toCommandProperties(properties), message instanceof Error ? message.toString() : message);
}
function error(message, properties = {}) {
    issueCommand('error', toCommandProperties(properties), message instanceof Error ? message.toString() : message);
}
/** An error annotation, and exit code 1 when the step ends. */
function setFailed(message) {
    process.exitCode = ExitCode.Failure;
    error(message);
}
/** `::command key=value,key=value::message`, written to stdout on one line. */
function issueCommand(command, properties, message) {
    process.stdout.write(commandString(command, properties, message) + external_node_os_namespaceObject.EOL);
}
function commandString(command, properties, message) {
    let cmdStr = `::${command || 'missing.command'}`;
    if (properties && Object.keys(properties).length > 0) {
        cmdStr += ' ';
        let first = true;
        for (const key in properties) {
            if (Object.hasOwn(properties, key)) {
                const val = properties[key];
                if (val) {
                    if (first) {
                        first = false;
                    }
                    else {
                        cmdStr += ',';
                    }
                    cmdStr += `${key}=${escapeProperty(val)}`;
                }
            }
        }
    }
    cmdStr += `::${escapeData(message)}`;
    return cmdStr;
}
function escapeData(s) {
    return toCommandValue(s).replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}
function escapeProperty(s) {
    return toCommandValue(s)
        .replace(/%/g, '%25')
        .replace(/\r/g, '%0D')
        .replace(/\n/g, '%0A')
        .replace(/:/g, '%3A')
        .replace(/,/g, '%2C');
}
/** Strings as they are, null and undefined as '', anything else as JSON. */
function toCommandValue(input) {
    if (input === null || input === undefined) {
        return '';
    }
    if (typeof input === 'string' || input instanceof String) {
        return String(input);
    }
    return JSON.stringify(input);
}
function toCommandProperties(annotationProperties) {
    if (!Object.keys(annotationProperties).length) {
        return {};
    }
    return {
        title: annotationProperties.title,
        file: annotationProperties.file,
        line: annotationProperties.startLine,
        endLine: annotationProperties.endLine,
        col: annotationProperties.startColumn,
        endColumn: annotationProperties.endColumn
    };
}

;// CONCATENATED MODULE: ./src/inputs.ts

/** A bad input: the message names the input and says what is expected. */
class InputError extends Error {
    name = 'InputError';
}
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
    const user = read('user', true) || username;
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
        timeoutSeconds: integer(read, 'timeout-seconds', 30, 1, 600),
        retries: integer(read, 'retries', 3, 0, 10),
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
function normaliseJenkinsUrl(value) {
    let url;
    try {
        url = new URL(value);
    }
    catch {
        throw new InputError(`Input jenkins-url is not a URL: "${value}". Give the controller's root URL, e.g. https://ci.example.com/ or https://ci.example.com/jenkins/.`);
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') {
        throw new InputError(`Input jenkins-url must use http or https, not ${url.protocol.slice(0, -1)}.`);
    }
    if (url.username || url.password) {
        throw new InputError('Input jenkins-url must not contain credentials: pass them in the username and password or api-token inputs.');
    }
    if (url.search || url.hash) {
        throw new InputError("Input jenkins-url must not have a query or fragment: give the controller's root URL, e.g. https://ci.example.com/jenkins/.");
    }
    if (!url.pathname.endsWith('/'))
        url.pathname += '/';
    return url.toString();
}
/**
 * The default name tells an administrator looking at the user's tokens in Jenkins which
 * run owns a token: repository, run id and attempt, and job.
 */
function tokenName(given, env) {
    if (given !== '')
        return given;
    const repository = env.GITHUB_REPOSITORY || 'local';
    const runId = env.GITHUB_RUN_ID || String(Date.now());
    const attempt = env.GITHUB_RUN_ATTEMPT || '1';
    const job = env.GITHUB_JOB ? ` ${env.GITHUB_JOB}` : '';
    return `github-actions ${repository}#${runId}.${attempt}${job}`;
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
        if (days >= 1 && days <= 365)
            return days;
    }
    throw new InputError(`Input expiration-days must be a whole number of days from 1 to 365, or never; got "${value}".`);
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
function integer(read, name, fallback, min, max) {
    const value = read(name, true);
    if (value === '')
        return fallback;
    if (/^\d+$/.test(value)) {
        const number = Number(value);
        if (number >= min && number <= max)
            return number;
    }
    throw new InputError(`Input ${name} must be a whole number from ${min} to ${max}; got "${value}".`);
}
const PEM_BLOCK = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;
/** PEM text, or the base64 of PEM text (what fits in a single-line secret). */
function caCertificate(value) {
    if (value === '')
        return null;
    const pem = value.includes('-----BEGIN')
        ? value
        : Buffer.from(value.replace(/\s+/g, ''), 'base64').toString('utf8');
    const blocks = pem.match(PEM_BLOCK) ?? [];
    if (blocks.length === 0) {
        throw new InputError('Input ca-certificate must be PEM text (-----BEGIN CERTIFICATE----- …) or the base64 of it.');
    }
    for (const [index, block] of blocks.entries()) {
        try {
            new external_node_crypto_namespaceObject.X509Certificate(block);
        }
        catch {
            throw new InputError(`Input ca-certificate: certificate ${index + 1} of ${blocks.length} is not a valid PEM certificate.`);
        }
    }
    return blocks.join('\n');
}

;// CONCATENATED MODULE: ./src/jenkins/errors.ts
/**
 * Every failure the action reports is a JenkinsError or an InputError: a short message a
 * person can act on. Anything else reaching the entry points is a bug, reported without a
 * stack trace all the same.
 */
class JenkinsError extends Error {
    status;
    ambiguous;
    name = 'JenkinsError';
    constructor(message, 
    /** The HTTP status, when Jenkins (or something in front of it) answered. */
    status, 
    /**
     * True when the request may have reached Jenkins and been processed although no usable
     * answer came back: a mint that fails this way may have created a token.
     */
    ambiguous = false) {
        super(message);
        this.status = status;
        this.ambiguous = ambiguous;
    }
}
function errorMessage(error) {
    return error instanceof Error ? error.message : String(error);
}

;// CONCATENATED MODULE: ./src/jenkins/credentials.ts
/** The value Jenkins receives in the Authorization header, and that `curl -v` prints. */
function basicAuthValue(username, secret) {
    return Buffer.from(`${username}:${secret}`, 'utf8').toString('base64');
}
function credentials_authorization(username, secret) {
    return { authorization: `Basic ${basicAuthValue(username, secret)}` };
}
/**
 * The headers of a POST made as the login user: Basic auth, plus the crumb and session cookie
 * when a password login opened a session.
 */
async function postHeaders(credentials, url, session) {
    return {
        ...credentials_authorization(credentials.username, credentials.secret),
        ...(session ? await session.headersFor(url) : {})
    };
}

;// CONCATENATED MODULE: ./src/jenkins/responses.ts

/** The X-Jenkins header: sent on pages and api/* responses, never on 401s or token JSON. */
function jenkinsVersion(response) {
    const value = response.headers['x-jenkins'];
    return typeof value === 'string' && value !== '' ? value : undefined;
}
/** Compares dotted Jenkins versions numerically (2.541.3 < 2.548). */
function versionAtLeast(version, minimum) {
    const a = version.split('.').map((part) => Number.parseInt(part, 10) || 0);
    const b = minimum.split('.').map((part) => Number.parseInt(part, 10) || 0);
    for (let i = 0; i < Math.max(a.length, b.length); i++) {
        const diff = (a[i] ?? 0) - (b[i] ?? 0);
        if (diff !== 0)
            return diff > 0;
    }
    return true;
}
/** The context of a request sent with the login credentials. */
function loginContext(action, credentials) {
    return {
        action,
        username: credentials.username,
        credential: credentials.kind === 'password' ? 'password' : 'API token'
    };
}
/**
 * Turns any answer that is not a success into a message a person can act on. Jenkins
 * writes no useful text on 401 and 400/403 (bare Jetty pages), so the words are ours.
 */
function responses_failureFor(response, context) {
    const { status } = response;
    const what = `Jenkins refused ${context.action} (HTTP ${status})`;
    if (status === 401) {
        const hint = context.credential === 'new token'
            ? 'The new token does not authenticate: it was revoked, has expired, or the controller did not store it.'
            : `Check the username input and the ${context.credential === 'password' ? 'password' : 'api-token'} input: the ${context.credential} is wrong, revoked or expired, or "${context.username}" does not exist.`;
        return new JenkinsError(`${what}: the credentials of "${context.username}" were rejected. ${hint}`, status);
    }
    if (status === 403 && response.body.includes('No valid crumb')) {
        return new JenkinsError(`${what}: no valid CSRF crumb. Jenkins requires a crumb, tied to the session cookie, for POSTs authenticated with a password. A proxy that drops the JSESSIONID cookie causes this; an API token (api-token input) needs no crumb.`, status);
    }
    if (status === 403) {
        const required = header(response, 'x-required-permission');
        const as = header(response, 'x-you-are-authenticated-as');
        if (as === 'anonymous' || response.body.includes('Authentication required')) {
            return new JenkinsError(`${what}: Jenkins treated the request as anonymous. Something between the runner and Jenkins (a proxy or SSO gateway) may strip the Authorization header.`, status);
        }
        if (required) {
            return new JenkinsError(`${what}: "${as ?? context.username}" lacks the permission ${required}.`, status);
        }
        return new JenkinsError(`${what}: permission denied for "${context.username}".`, status);
    }
    if (status >= 300 && status < 400) {
        const location = header(response, 'location') ?? 'an unknown location';
        return new JenkinsError(`${what}: redirected to ${safeLocation(location)}. Check jenkins-url: the scheme (http/https), host and context path must be the controller's own root URL.`, status);
    }
    if (status === 404) {
        return new JenkinsError(`${what}: not found. Check jenkins-url, including the context path (e.g. https://ci.example.com/jenkins/).`, status);
    }
    if (status >= 500) {
        return new JenkinsError(`${what}: the controller failed or is unavailable. Try again later.`, status);
    }
    return new JenkinsError(`${what}.`, status);
}
/** A 405 to a POST: a redirect on the way turned it into a GET, which Jenkins refuses. */
function redirectedPostFailure(context) {
    return new JenkinsError(`Jenkins answered 405 (requires POST) ${context.action}: a redirect turned the POST into a GET. Use the controller's exact root URL as jenkins-url (scheme, host and context path).`, 405);
}
/** Parses a JSON body, or explains that whatever answered is not Jenkins's JSON API. */
function parseJson(response, context) {
    const type = header(response, 'content-type') ?? 'no content type';
    try {
        return JSON.parse(response.body);
    }
    catch {
        throw new JenkinsError(`Jenkins did not answer ${context.action} with JSON (got ${type.split(';')[0]}). Check jenkins-url: it must be the controller's root URL, including any context path.`, response.status);
    }
}
function header(response, name) {
    const value = response.headers[name];
    return Array.isArray(value) ? value[0] : value;
}
/** A redirect target without any userinfo or query, which might carry a secret. */
function safeLocation(location) {
    try {
        const url = new URL(location);
        return `${url.protocol}//${url.host}${url.pathname}`;
    }
    catch {
        return 'a relative location';
    }
}

;// CONCATENATED MODULE: ./src/jenkins/url.ts
/**
 * Jenkins's Util.rawEncode: the encoding Jenkins itself uses for user ids in URLs. Unlike
 * encodeURIComponent it keeps `! $ & ' ( ) * + , = @` and encodes `~`.
 */
function rawEncode(segment) {
    let out = '';
    for (const byte of Buffer.from(segment, 'utf8')) {
        const c = String.fromCharCode(byte);
        const keep = byte < 0x80 && byte > 32 && byte <= 0x7a && !`"#%/:;<>?[\\]^\``.includes(c);
        out += keep ? c : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
    }
    return out;
}
const DESCRIPTOR = 'descriptorByName/jenkins.security.ApiTokenProperty';
/**
 * The ApiTokenProperty descriptor URL of a user. The id is sent as given, not lowercased as
 * User#getUrl does: a controller with a case-sensitive id strategy needs the exact id, and
 * the default case-insensitive one resolves any case.
 */
function url_tokenEndpoint(root, user, method) {
    return `${root}user/${rawEncode(user)}/${DESCRIPTOR}/${method}`;
}
/** The user's Security page, where a person can see and revoke tokens by hand. */
function securityPage(root, user) {
    return `${root}user/${rawEncode(user)}/security/`;
}
function crumbEndpoint(root) {
    return `${root}crumbIssuer/api/json`;
}
function scriptTextEndpoint(root) {
    return `${root}scriptText`;
}
function whoAmIEndpoint(root) {
    return `${root}whoAmI/api/json`;
}
/** The part of a URL that is safe to log: no credentials, no query. */
function logPath(url) {
    return new URL(url).pathname;
}

;// CONCATENATED MODULE: ./src/jenkins/tokens.ts




const ADMIN_PROPERTY = 'jenkins.security.ApiTokenProperty.adminCanGenerateNewTokens';
/** The name of each attempt: a retry never reuses a name, so every token is traceable. */
function attemptName(name, attempt) {
    return attempt === 0 ? name : `${name} (attempt ${attempt + 1})`;
}
/**
 * Sends a mint, retried as the transport sees fit, each attempt under its own name and
 * reported to the observer before it is sent. Returns the answer and the name it answers.
 */
async function sendMintAttempts(transport, name, observer, build) {
    let sentName = name;
    const response = await transport.request((attempt) => {
        sentName = attemptName(name, attempt);
        observer.attempting?.(sentName, attempt);
        return build(sentName);
    }, (attempt) => observer.uncertain?.(attemptName(name, attempt)));
    return { response, sentName };
}
/**
 * POST generateNewToken. A password login passes its session (crumb and cookie); an
 * API-token login passes none. The token value is returned to the caller, which must mask
 * it before anything else happens.
 */
async function generateNewToken(root, credentials, request, transport, session, observer = {}) {
    const expiry = request.expiration
        ? // `custom` with an explicit date, so the action knows the exact last day instead of
            // parsing the locale-formatted date Jenkins echoes back. Before 2.548 both are ignored.
            { expirationDuration: 'custom', tokenExpiration: request.expiration }
        : {};
    const url = url_tokenEndpoint(root, request.user, 'generateNewToken');
    const headers = await postHeaders(credentials, url, session);
    const { response, sentName } = await sendMintAttempts(transport, request.name, observer, (name) => ({
        method: 'POST',
        url,
        headers,
        form: { newTokenName: name, ...expiry }
    }));
    const context = loginContext(`to create a token for "${request.user}"`, credentials);
    if (response.status !== 200)
        throw mintFailure(response, context, credentials, request);
    const json = parseJson(response, context);
    if (json.status === 'error') {
        const message = String(json.message);
        const hint = message.includes('in the past')
            ? " The controller's date is ahead of the runner's: check its clock, or raise expiration-days."
            : '';
        throw new JenkinsError(`Jenkins refused to create the token: ${message}${hint}`);
    }
    const data = json.data;
    if (json.status !== 'ok' ||
        typeof data?.tokenValue !== 'string' ||
        typeof data.tokenUuid !== 'string' ||
        data.tokenValue === '') {
        throw new JenkinsError('Jenkins answered generateNewToken without a token (unexpected JSON). Check jenkins-url: it must be the controller itself, not a proxy or mirror.');
    }
    return {
        uuid: data.tokenUuid,
        name: typeof data.tokenName === 'string' ? data.tokenName : sentName,
        value: data.tokenValue,
        expiryApplied: request.expiration !== null && data.expirationDate !== undefined
    };
}
function mintFailure(response, context, credentials, request) {
    const forOther = request.user.toLowerCase() !== credentials.username.toLowerCase();
    // hasCurrentUserRightToGenerateNewToken fails with a bare 403 and an empty body.
    if (response.status === 403 && response.body.trim() === '') {
        return new JenkinsError(forOther
            ? `Jenkins refused to let "${credentials.username}" create a token for "${request.user}" (HTTP 403). Creating tokens for another user over REST needs an administrator login AND a controller started with -D${ADMIN_PROPERTY}=true. To set it, add it to the controller's Java options and restart Jenkins: JAVA_OPTS="-D${ADMIN_PROPERTY}=true" for the Docker image or the Linux service (systemctl edit jenkins), or before -jar on a java command line. Without the property, use method: script-console (an administrator login, no property needed), or log in as "${request.user}" itself.`
            : `Jenkins refused to let "${credentials.username}" create a token for itself (HTTP 403).`, 403);
    }
    if (response.status === 404) {
        const version = jenkinsVersion(response);
        if (version && !versionAtLeast(version, '2.129')) {
            return new JenkinsError(`Jenkins ${version} cannot create API tokens through its API: generateNewToken needs Jenkins 2.129 or later. Upgrade the controller.`, 404);
        }
        if (version) {
            return new JenkinsError(`Jenkins ${version} answered 404 for the user "${request.user}": no such user (the id, not the full name), or a controller older than 2.129 (tokens need 2.129+). Check the user input.`, 404);
        }
    }
    if (response.status === 405)
        return redirectedPostFailure(context);
    return responses_failureFor(response, context);
}
/** GET whoAmI/api/json as the given credentials: proves who they authenticate as. */
async function whoAmI(root, username, secret, transport) {
    const response = await transport.request({
        method: 'GET',
        url: whoAmIEndpoint(root),
        headers: { ...credentials_authorization(username, secret), accept: 'application/json' }
    });
    const context = { action: 'the whoAmI check', username, credential: 'new token' };
    if (response.status !== 200)
        throw responses_failureFor(response, context);
    const json = parseJson(response, context);
    if (typeof json.name !== 'string' || json.anonymous !== false) {
        throw new JenkinsError(`Jenkins's whoAmI says the new token authenticates as ${typeof json.name === 'string' ? `"${json.name}"` : 'nobody'}${json.anonymous === true ? ' (anonymous)' : ''}, not as "${username}". A proxy in front of Jenkins may strip the Authorization header.`);
    }
    return { name: json.name, version: jenkinsVersion(response) };
}
/**
 * POST revoke, authenticated by the token itself: an API-token request needs no crumb, and
 * a user may always revoke their own tokens. Jenkins answers 200 for an unknown uuid, and a
 * token that no longer authenticates (revoked or expired) gets 401: both mean it is gone.
 */
async function revokeOwnToken(root, user, token, uuid, transport) {
    const response = await transport.request({
        method: 'POST',
        url: tokenEndpoint(root, user, 'revoke'),
        headers: authorization(user, token),
        form: { tokenUuid: uuid }
    });
    if (response.status === 200)
        return 'revoked';
    if (response.status === 401)
        return 'already-gone';
    throw failureFor(response, {
        action: 'to revoke the token',
        username: user,
        credential: 'new token'
    });
}

;// CONCATENATED MODULE: ./src/jenkins/script-console.ts
/**
 * Minting through the script console (POST scriptText). An administrator may create a token for
 * any user this way, without the adminCanGenerateNewTokens property, because the scripting API
 * of ApiTokenProperty checks no permission. The price: the script is arbitrary code that runs as
 * that administrator. So the action sends one fixed script in which only three literals vary,
 * the untrusted ones as inert base64 data, and it parses the script's output without ever
 * logging it, because the output holds the new token.
 */





/** The script's first line: names the script and its version in audit logs (and to the emulator). */
const SCRIPT_HEADER = '// jenkins-token-action mint-token script v1';
/** Starts the single line on which the script prints its result as JSON. */
const RESULT_PREFIX = 'jenkins-token-action-result ';
/**
 * Untrusted text as a Groovy expression: the base64 of its UTF-8 in a single-quoted literal,
 * decoded at run time by the script's `decode` closure. The literal holds only [A-Za-z0-9+/=]:
 * no quote, backslash, `$` or line break that could end it or interpolate, and no `\u` escape,
 * which Groovy (like Java) turns into a character before it even parses the string.
 */
function groovyText(value) {
    return `decode('${Buffer.from(value, 'utf8').toString('base64')}')`;
}
/**
 * The whole script for one mint. It picks the token API at run time rather than by version,
 * because an API-token login learns the controller's version only after the mint.
 */
function mintScript(request) {
    const { expiration } = request;
    // Our own value, not input; checked anyway because it is pasted into code.
    if (expiration !== null && !/^\d{4}-\d{2}-\d{2}$/.test(expiration)) {
        throw new Error(`The expiration date must be YYYY-MM-DD, not ${JSON.stringify(expiration)}.`);
    }
    return [
        SCRIPT_HEADER,
        '// Sent by the jenkins-token-action GitHub Action: creates one API token for one user and',
        '// prints one result line. The user id and the token name are base64 data, never code.',
        'import groovy.json.JsonOutput',
        'import hudson.model.User',
        'import java.time.LocalDate',
        'import java.util.Base64',
        'import jenkins.security.ApiTokenProperty',
        '',
        "def decode = { String base64 -> new String(Base64.getDecoder().decode(base64), 'UTF-8') }",
        `def userId = ${groovyText(request.user)}`,
        `def tokenName = ${groovyText(request.name)}`,
        `def expiration = ${expiration === null ? 'null' : `'${expiration}'`}`,
        `def emit = { Map result -> println('${RESULT_PREFIX}' + JsonOutput.toJson(result)) }`,
        '',
        'def user = User.getById(userId, false)',
        'if (user == null) {',
        "  emit([error: 'no-such-user'])",
        '  return',
        '}',
        'def property = user.getProperty(ApiTokenProperty)',
        'if (property == null) {',
        "  emit([error: 'no-api-token-property'])",
        '  return',
        '}',
        'def token',
        'def expiresOn = null',
        "if (expiration != null && property.metaClass.respondsTo(property, 'generateNewToken', String, LocalDate)) {",
        '  // 2.548 and later: a Jenkins-side expiry; the method saves the user.',
        '  token = property.generateNewToken(tokenName, LocalDate.parse(expiration))',
        '  expiresOn = expiration',
        "} else if (property.metaClass.respondsTo(property, 'generateNewToken', String)) {",
        '  // 2.260 and later: no expiry; the method saves the user.',
        '  token = property.generateNewToken(tokenName)',
        '} else {',
        '  // 2.129 to 2.259: only the token store, which leaves saving the user to its caller.',
        '  token = property.tokenStore.generateNewToken(tokenName)',
        '  user.save()',
        '}',
        'emit([user: user.id, name: tokenName, uuid: token.tokenUuid, value: token.plainValue, expiresOn: expiresOn])',
        ''
    ].join('\n');
}
/**
 * Reads what the script printed. Jenkins prints a stack trace, still with status 200, when the
 * script throws; only the exception's class is kept from it, since messages can quote values.
 */
function parseScriptOutput(output) {
    // println on a Windows controller ends lines with \r\n.
    const lines = output.split('\n').map((line) => line.replace(/\r$/, ''));
    const results = lines.filter((line) => line.startsWith(RESULT_PREFIX));
    const noResult = { kind: 'no-result', exception: exceptionClass(lines) };
    if (results.length !== 1)
        return noResult;
    let json;
    try {
        const parsed = JSON.parse((results[0] ?? '').slice(RESULT_PREFIX.length));
        if (typeof parsed !== 'object' || parsed === null)
            return noResult;
        json = parsed;
    }
    catch {
        return noResult;
    }
    if (json.error === 'no-such-user' || json.error === 'no-api-token-property') {
        return { kind: json.error };
    }
    const { user, name, uuid, value, expiresOn } = json;
    if (typeof user !== 'string' ||
        typeof name !== 'string' ||
        typeof uuid !== 'string' ||
        typeof value !== 'string' ||
        uuid === '' ||
        value === '' ||
        (expiresOn !== null && typeof expiresOn !== 'string')) {
        return noResult;
    }
    return { kind: 'minted', user, name, uuid, value, expiresOn };
}
const JAVA_EXCEPTION = /^((?:[A-Za-z_$][\w$]*\.)+[A-Za-z_$][\w$]*(?:Exception|Error))(?::|$)/;
function exceptionClass(lines) {
    for (const line of lines) {
        const match = JAVA_EXCEPTION.exec(line);
        if (match)
            return match[1] ?? null;
    }
    return null;
}
/**
 * POST the mint script to scriptText: a password login sends its crumb and session cookie, an
 * API-token login nothing more. Like generateNewToken, the token value goes back to the caller
 * unlogged, to be masked before anything else happens.
 */
async function generateTokenByScript(root, credentials, request, transport, session, observer = {}) {
    const url = scriptTextEndpoint(root);
    const headers = await postHeaders(credentials, url, session);
    // Running the script twice creates two tokens: as with REST, each attempt has its own name.
    const { response, sentName } = await sendMintAttempts(transport, request.name, observer, (name) => ({
        method: 'POST',
        url,
        headers,
        form: { script: mintScript({ ...request, name }) }
    }));
    const context = loginContext('the script console request', credentials);
    if (response.status !== 200)
        throw scriptConsoleFailure(response, context, request, url);
    const outcome = parseScriptOutput(response.body);
    switch (outcome.kind) {
        case 'minted':
            return {
                uuid: outcome.uuid,
                name: outcome.name,
                value: outcome.value,
                expiryApplied: request.expiration !== null && outcome.expiresOn === request.expiration
            };
        case 'no-such-user':
            throw new JenkinsError(`Jenkins has no user with the id "${request.user}" (the script console looks users up by id, not by full name; a user of an external security realm such as LDAP has one only once it has logged in). Check the user input.`);
        case 'no-api-token-property':
            throw new JenkinsError(`The Jenkins user "${request.user}" has no API token property (jenkins.security.ApiTokenProperty), so the script console cannot give it a token. method: rest adds the property when it creates a token (for another user it needs -D${ADMIN_PROPERTY}=true on the controller).`);
        case 'no-result': {
            const failure = noResultFailure(response, outcome.exception);
            if (failure.ambiguous)
                observer.uncertain?.(sentName);
            throw failure;
        }
    }
}
/** The permissions scriptText checks: Overall/Administer, or RunScripts before Jenkins 2.222. */
const SCRIPT_PERMISSIONS = new Set([
    'hudson.model.Hudson.Administer',
    'hudson.model.Hudson.RunScripts'
]);
function scriptConsoleFailure(response, context, request, url) {
    const what = `Jenkins refused ${context.action} (HTTP ${response.status})`;
    const required = header(response, 'x-required-permission');
    const as = header(response, 'x-you-are-authenticated-as');
    if (response.status === 403 &&
        as !== undefined &&
        as !== 'anonymous' &&
        required !== undefined &&
        SCRIPT_PERMISSIONS.has(required)) {
        return new JenkinsError(`${what}: the script console needs Overall/Administer, which "${as}" lacks. Log in as an administrator, or use method: rest and log in as "${request.user}" itself.`, 403);
    }
    // Jenkins itself explains every 403 it sends: a crumb, an anonymous caller or a permission.
    const explained = required !== undefined ||
        as !== undefined ||
        response.body.includes('No valid crumb') ||
        response.body.includes('Authentication required');
    if (response.status === 403 && !explained) {
        return new JenkinsError(`${what}: the script console is disabled or blocked for "${context.username}" (by a plugin, the authorization strategy or a proxy in front of Jenkins). Use method: rest instead (an administrator login and a controller started with -D${ADMIN_PROPERTY}=true), or have POST ${logPath(url)} allowed.`, 403);
    }
    if (response.status === 404) {
        return new JenkinsError(`${what}: no script console at ${logPath(url)}. Check jenkins-url, including the context path; if it is right, a plugin or a proxy in front of Jenkins hides the script console: use method: rest instead.`, 404);
    }
    if (response.status === 405)
        return redirectedPostFailure(context);
    return responses_failureFor(response, context);
}
function noResultFailure(response, exception) {
    if (exception !== null) {
        // The script may have failed after it created the token: ambiguous.
        return new JenkinsError(`Jenkins ran the action's script, but it failed with ${exception} (the script needs Jenkins 2.129 or later)`, 200, true);
    }
    if (response.body.trim() === '') {
        // scriptText answers an empty 200 only when no script parameter arrived: nothing ran.
        return new JenkinsError('Jenkins answered the script console request with nothing: the script did not arrive. Something between the runner and Jenkins may drop the body of POST requests.', 200);
    }
    const type = header(response, 'content-type')?.split(';')[0] ?? 'no content type';
    return new JenkinsError(`The answer to the script console request has no result from the action's script (got ${type}). Check jenkins-url: it must be the controller itself, not a proxy or a login page`, 200, true);
}

;// CONCATENATED MODULE: ./src/jenkins/session.ts




async function openSession(root, credentials, transport) {
    // Loaded here, not at the top: only a password login needs a cookie jar, and tough-cookie
    // (its public-suffix list) is most of the main bundle; ncc puts it in a chunk of its own.
    // Started before the crumb request, so that loading it overlaps the wait for Jenkins.
    const cookies = __nccwpck_require__.e(/* import() */ 380).then(__nccwpck_require__.bind(__nccwpck_require__, 380));
    cookies.catch(() => undefined); // awaited below, unless the crumb request fails first
    const url = crumbEndpoint(root);
    const response = await transport.request({
        method: 'GET',
        url,
        headers: {
            ...credentials_authorization(credentials.username, credentials.secret),
            accept: 'application/json'
        }
    });
    const version = jenkinsVersion(response);
    // DISABLE_CSRF_PROTECTION: no crumb issuer, no CSRF checks, nothing to send.
    if (response.status === 404 && version) {
        return { version, headersFor: async () => ({}) };
    }
    const context = loginContext('the CSRF crumb request', credentials);
    if (response.status !== 200)
        throw responses_failureFor(response, context);
    const json = parseJson(response, context);
    if (!version || typeof json.crumb !== 'string' || typeof json.crumbRequestField !== 'string') {
        throw new JenkinsError(`The answer to ${url.replace(root, '')} is not Jenkins's crumb issuer. Check jenkins-url: it must be the controller's root URL, including any context path.`);
    }
    const jar = new (await cookies).CookieJar();
    for (const cookie of setCookies(response.headers['set-cookie'])) {
        await jar.setCookie(cookie, url, { ignoreError: true });
    }
    const field = json.crumbRequestField;
    const crumb = json.crumb;
    return {
        version,
        headersFor: async (target) => {
            const cookie = await jar.getCookieString(target);
            return cookie ? { [field]: crumb, cookie } : { [field]: crumb };
        }
    };
}
function setCookies(value) {
    if (!value)
        return [];
    return Array.isArray(value) ? value : [value];
}

;// CONCATENATED MODULE: ./src/log-text.ts
/**
 * Free text from inputs or from Jenkins (token names, user ids) as it appears in a log line.
 * The runner reads any line that starts with `::` as a workflow command, so a line break in
 * such text must never reach stdout raw: JSON escaping turns it into `\n`. Plain names come
 * out unchanged.
 */
function quoted(text) {
    return JSON.stringify(text);
}
/** As `quoted`, without the quotes. */
function inline(text) {
    return quoted(text).slice(1, -1);
}

;// CONCATENATED MODULE: ./src/masking.ts


/**
 * Registers a secret and every form of it that can end up in a log: the Basic
 * Authorization value (printed by `curl -v`), plain base64, and the URL-encoded form.
 */
function maskSecret(secret, username) {
    const forms = new Set([
        secret,
        basicAuthValue(username, secret),
        Buffer.from(secret, 'utf8').toString('base64'),
        encodeURIComponent(secret)
    ]);
    for (const form of forms)
        setSecret(form);
}

;// CONCATENATED MODULE: ./src/may-exist.ts

/** Names a person may have to revoke by hand: Jenkins has no API to list tokens. */
function mayExist(names, where) {
    const list = names.map((name) => `"${name}"`).join(', ');
    return `Jenkins may also hold a token named ${list}, from an attempt whose answer was lost; the action cannot list tokens to revoke it. Check ${securityPage(where.jenkinsUrl, where.user)} and revoke it there if it exists.`;
}

;// CONCATENATED MODULE: ./src/state.ts

const MINTED = 'minted';
const ATTEMPTS = 'attempts';
function saveMinted(state) {
    saveState(MINTED, JSON.stringify(state));
}
function loadMinted() {
    return load(MINTED);
}
function saveAttempts(state) {
    saveState(ATTEMPTS, JSON.stringify(state));
}
function loadAttempts() {
    return load(ATTEMPTS);
}
function load(key) {
    const raw = core.getState(key);
    if (raw === '')
        return null;
    try {
        return JSON.parse(raw);
    }
    catch {
        return null;
    }
}

;// CONCATENATED MODULE: external "node:fs/promises"
const promises_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:fs/promises");
;// CONCATENATED MODULE: ./src/summary.ts

/**
 * A job summary of the token: everything an auditor needs, never the value. Written to
 * the file the runner names at call time, as a Markdown table.
 */
async function writeSummary(facts) {
    const file = process.env.GITHUB_STEP_SUMMARY;
    if (!file)
        return;
    const rows = [
        ['Token name', facts.tokenName],
        ['Token UUID', facts.tokenUuid],
        ['User', facts.user],
        ['Controller', facts.jenkinsUrl],
        ['Jenkins version', facts.jenkinsVersion || 'unknown'],
        ['Last valid day', facts.expirationDate]
    ];
    const table = rows.map(([name, value]) => `| ${name} | ${cell(value)} |`).join('\n');
    await (0,promises_namespaceObject.appendFile)(file, `### Jenkins API token\n\n| | |\n|---|---|\n${table}\n\n`);
}
/** Token names are free text: keep them from breaking the table or injecting HTML. */
function cell(text) {
    return text.replace(/[&<>"'|\\`*_[\]]/g, (c) => `&#${c.charCodeAt(0)};`).replace(/\r?\n/g, ' ');
}

;// CONCATENATED MODULE: external "node:http"
const external_node_http_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:http");
;// CONCATENATED MODULE: external "node:https"
const external_node_https_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:https");
;// CONCATENATED MODULE: external "node:tls"
const external_node_tls_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:tls");
;// CONCATENATED MODULE: ./src/jenkins/proxy.ts
/**
 * The proxy for a request, from the variables runners behind corporate proxies set:
 * HTTPS_PROXY for https URLs, HTTP_PROXY for http URLs (either case; lowercase wins, as in
 * curl), and NO_PROXY. As in curl, loopback is not exempt unless NO_PROXY says so.
 */
function proxyFor(target, env = process.env) {
    const value = target.protocol === 'https:'
        ? env.https_proxy || env.HTTPS_PROXY
        : env.http_proxy || env.HTTP_PROXY;
    if (!value || bypassesProxy(target, env.no_proxy || env.NO_PROXY || ''))
        return undefined;
    try {
        return new URL(value.includes('://') ? value : `http://${value}`);
    }
    catch {
        throw new Error(`the proxy variable for ${target.protocol.slice(0, -1)} is not a URL`);
    }
}
/**
 * NO_PROXY entries: `*`, a host name (which also covers its subdomains), `.domain`, an IP
 * address, each optionally with `:port`.
 */
function bypassesProxy(target, noProxy) {
    const host = target.hostname.replace(/^\[|\]$/g, '').toLowerCase();
    const port = target.port || (target.protocol === 'https:' ? '443' : '80');
    for (const raw of noProxy.split(/[\s,]+/)) {
        const entry = raw.trim().toLowerCase();
        if (entry === '')
            continue;
        if (entry === '*')
            return true;
        const { name, port: entryPort } = splitHostPort(entry);
        if (entryPort && entryPort !== port)
            continue;
        const bare = name.replace(/^\*?\./, '');
        if (host === bare || host.endsWith(`.${bare}`))
            return true;
    }
    return false;
}
/** `host`, `host:port`, `[v6]`, `[v6]:port`, or a bare IPv6 address (no port). */
function splitHostPort(entry) {
    const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(entry);
    if (bracketed)
        return { name: bracketed[1] ?? '', port: bracketed[2] };
    if ((entry.match(/:/g) ?? []).length > 1)
        return { name: entry };
    const [name = '', port] = entry.split(':');
    return { name, port };
}

;// CONCATENATED MODULE: ./src/jenkins/redirects.ts

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
// Paths that single sign-on gateways and Jenkins itself use for interactive login.
const LOGIN_PATH = /(^|\/)(login|signin|sign-in|sso|saml2?|oauth2?|openid|oidc|auth|adfs|cas)(\/|$)/i;
function isRedirect(status) {
    return REDIRECT_STATUSES.has(status);
}
/**
 * Where a redirect may be followed: the same host only (an http→https upgrade, a port
 * change, a missing trailing slash), never down to http, and never to a login page. Any
 * other target is an error, so credentials never go to another host.
 */
function redirectTarget(from, location, status) {
    if (!location) {
        throw new JenkinsError(`Jenkins answered HTTP ${status} without a Location header.`, status);
    }
    let to;
    try {
        to = new URL(location, from);
    }
    catch {
        throw new JenkinsError(`Jenkins answered HTTP ${status} with an invalid Location header.`, status);
    }
    const where = `${to.protocol}//${to.host}${to.pathname}`;
    if (LOGIN_PATH.test(to.pathname)) {
        throw new JenkinsError(`The request to ${from.pathname} was redirected to a login page (${where}): a single sign-on gateway or reverse proxy in front of Jenkins answered instead of Jenkins. Use a jenkins-url that reaches Jenkins directly, or ask for API clients with HTTP Basic auth to be let through.`, status);
    }
    if (to.hostname !== from.hostname) {
        throw new JenkinsError(`The request to ${from.pathname} was redirected to another host (${where}); the action does not send credentials to another host. If that is the controller's real address, set jenkins-url to it.`, status);
    }
    if (from.protocol === 'https:' && to.protocol !== 'https:') {
        throw new JenkinsError(`The request to ${from.pathname} was redirected from https to http (${where}); the action does not send credentials unencrypted. Fix the redirect on the server or proxy.`, status);
    }
    return to;
}

;// CONCATENATED MODULE: ./src/jenkins/transport.ts







class AttemptFailure extends Error {
    kind;
    constructor(message, kind) {
        super(message);
        this.kind = kind;
    }
}
const USER_AGENT = 'jenkins-token-action';
const MAX_REDIRECTS = 5;
const MAX_BODY_BYTES = 1024 * 1024;
const MAX_BACKOFF_MS = 10_000;
const MAX_RETRY_AFTER_MS = 30_000;
const UNSENT_CODES = new Set([
    'ECONNREFUSED',
    'ENOTFOUND',
    'EAI_AGAIN',
    'EHOSTUNREACH',
    'ENETUNREACH'
]);
const UNTRUSTED_CERT_CODES = new Set([
    'DEPTH_ZERO_SELF_SIGNED_CERT',
    'SELF_SIGNED_CERT_IN_CHAIN',
    'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
    'UNABLE_TO_GET_ISSUER_CERT',
    'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
    'CERT_SIGNATURE_FAILURE'
]);
class Transport {
    options;
    deadline;
    backoffMs;
    ca;
    constructor(options) {
        this.options = options;
        this.deadline = Date.now() + options.budgetMs;
        this.backoffMs = options.backoffMs ?? 500;
        this.ca = options.tls?.ca ? trustedCertificates(options.tls.ca) : undefined;
    }
    /**
     * Sends a request, retrying connection failures, timeouts, 5xx and 429 (honouring
     * Retry-After) but never 4xx. `build` may give each attempt a different request: a mint
     * names every attempt differently, so no retry can hide a token behind another's name.
     */
    async request(build, onUncertain) {
        let lastFailure = '';
        for (let attempt = 0;; attempt++) {
            const request = typeof build === 'function' ? build(attempt) : build;
            const path = new URL(request.url).pathname;
            const remaining = this.deadline - Date.now();
            if (remaining <= 0)
                throw this.outOfTime(attempt, lastFailure);
            const started = Date.now();
            let pause;
            try {
                const response = await this.followRedirects(request, Math.min(this.options.timeoutMs, remaining));
                this.options.debug(`${request.method} ${path} -> ${response.status} (${Date.now() - started} ms)`);
                if (!isTransientStatus(response.status) || attempt >= this.options.retries)
                    return response;
                // 503 and 429 say the request was not served; a 500 or a gateway error may follow work done.
                if (response.status !== 503 && response.status !== 429)
                    onUncertain?.(attempt);
                lastFailure = `HTTP ${response.status}`;
                pause = retryAfterMs(response.headers['retry-after']);
            }
            catch (error) {
                if (!(error instanceof AttemptFailure))
                    throw error;
                this.options.debug(`${request.method} ${path} failed: ${error.message} (${Date.now() - started} ms)`);
                if (error.kind === 'uncertain')
                    onUncertain?.(attempt);
                lastFailure = error.message;
                if (error.kind === 'permanent' || attempt >= this.options.retries) {
                    const tries = attempt + 1;
                    // An uncertain attempt was already reported to onUncertain above.
                    throw new JenkinsError(`Could not reach Jenkins (${request.method} ${path}${tries > 1 ? `, ${tries} attempts` : ''}): ${error.message}`);
                }
            }
            const wait = pause ?? this.backoff(attempt);
            if (Date.now() + wait >= this.deadline)
                throw this.outOfTime(attempt + 1, lastFailure);
            this.options.debug(`retrying ${request.method} ${path} in ${wait} ms`);
            await sleep(wait);
        }
    }
    outOfTime(attempts, lastFailure) {
        const seconds = Math.round(this.options.budgetMs / 1000);
        return new JenkinsError(`Timed out: gave up on Jenkins after ${attempts} attempt${attempts === 1 ? '' : 's'} and ${seconds} s${lastFailure ? ` (last: ${lastFailure})` : ''}. The step waits at most (retries + 1) × timeout-seconds.`);
    }
    backoff(attempt) {
        const ceiling = Math.min(MAX_BACKOFF_MS, this.backoffMs * 2 ** attempt);
        return Math.round(ceiling / 2 + Math.random() * (ceiling / 2));
    }
    async followRedirects(request, timeoutMs) {
        const until = Date.now() + timeoutMs;
        let url = new URL(request.url);
        let method = request.method;
        let body = request.form ? new URLSearchParams(request.form).toString() : null;
        for (let hop = 0;; hop++) {
            const response = await this.send(method, url, request.headers ?? {}, body, until - Date.now());
            if (!isRedirect(response.status))
                return response;
            if (hop >= MAX_REDIRECTS) {
                throw new JenkinsError(`Too many redirects, last to ${url.pathname}: check jenkins-url.`);
            }
            const location = response.headers.location;
            const next = redirectTarget(url, Array.isArray(location) ? location[0] : location, response.status);
            this.options.debug(`${method} ${url.pathname} redirected (${response.status}) to ${next.protocol}//${next.host}${next.pathname}`);
            if (response.status === 303) {
                method = 'GET';
                body = null;
            }
            url = next;
        }
    }
    /** One HTTP exchange, directly or through the proxy, bounded by timeoutMs. */
    async send(method, url, headers, body, timeoutMs) {
        if (timeoutMs <= 0)
            throw new AttemptFailure(timedOut(this.options.timeoutMs), 'uncertain');
        const abort = new AbortController();
        let connected = false;
        const timer = setTimeout(() => abort.abort(), timeoutMs);
        try {
            const proxy = this.proxyFor(url);
            const secure = url.protocol === 'https:';
            const tlsOptions = {
                ca: this.ca,
                rejectUnauthorized: this.options.tls?.rejectUnauthorized !== false,
                servername: url.hostname
            };
            const requestOptions = {
                method,
                agent: false,
                signal: abort.signal,
                headers: {
                    'user-agent': USER_AGENT,
                    ...headers,
                    host: url.host,
                    ...(body === null
                        ? {}
                        : {
                            'content-type': 'application/x-www-form-urlencoded',
                            'content-length': Buffer.byteLength(body)
                        })
                }
            };
            if (proxy && secure) {
                const socket = await openTunnel(proxy, url, abort.signal);
                connected = true;
                // Without an agent, so that Node uses createConnection rather than dialling the host.
                Object.assign(requestOptions, tlsOptions, {
                    agent: undefined,
                    path: url.pathname + url.search,
                    createConnection: () => external_node_tls_namespaceObject.connect({ ...tlsOptions, socket })
                });
            }
            else if (proxy) {
                Object.assign(requestOptions, {
                    host: proxy.hostname,
                    port: proxy.port || 80,
                    path: url.href
                });
                requestOptions.headers = { ...requestOptions.headers, ...proxyAuthorization(proxy) };
            }
            else {
                Object.assign(requestOptions, secure ? tlsOptions : {}, {
                    host: url.hostname.replace(/^\[|\]$/g, ''),
                    port: url.port || (secure ? 443 : 80),
                    path: url.pathname + url.search
                });
            }
            return await new Promise((resolve, reject) => {
                const req = (secure ? external_node_https_namespaceObject : external_node_http_namespaceObject).request(requestOptions, (res) => {
                    const chunks = [];
                    let size = 0;
                    res.on('data', (chunk) => {
                        size += chunk.length;
                        if (size > MAX_BODY_BYTES) {
                            req.destroy();
                            reject(new AttemptFailure('the answer was larger than 1 MiB', 'uncertain'));
                        }
                        else
                            chunks.push(chunk);
                    });
                    res.on('end', () => resolve({
                        status: res.statusCode ?? 0,
                        headers: res.headers,
                        body: Buffer.concat(chunks).toString('utf8')
                    }));
                    res.on('error', (error) => reject(this.failure(error, true, abort.signal)));
                    res.on('close', () => {
                        if (!res.complete)
                            reject(this.failure(new Error('socket hang up'), true, abort.signal));
                    });
                });
                req.on('socket', (socket) => {
                    if (!socket.connecting)
                        connected = true;
                    else
                        socket.once('connect', () => (connected = true));
                });
                req.on('error', (error) => reject(this.failure(error, connected, abort.signal)));
                req.end(body ?? undefined);
            });
        }
        catch (error) {
            throw error instanceof AttemptFailure || error instanceof JenkinsError
                ? error
                : this.failure(error, connected, abort.signal);
        }
        finally {
            clearTimeout(timer);
        }
    }
    proxyFor(url) {
        try {
            return proxyFor(url, this.options.env ?? process.env);
        }
        catch (error) {
            throw new AttemptFailure(error.message, 'permanent');
        }
    }
    failure(error, connected, signal) {
        if (signal.aborted) {
            return new AttemptFailure(timedOut(this.options.timeoutMs), connected ? 'uncertain' : 'unsent');
        }
        if (error instanceof AttemptFailure)
            return error;
        const code = error.code ?? '';
        if (UNTRUSTED_CERT_CODES.has(code)) {
            return new AttemptFailure(`the controller's TLS certificate is not signed by a trusted CA (${code}). Put the PEM certificate of the CA that signed it in the ca-certificate input.`, 'permanent');
        }
        if (code === 'CERT_HAS_EXPIRED') {
            return new AttemptFailure("the controller's TLS certificate has expired (CERT_HAS_EXPIRED). Renew it on the server.", 'permanent');
        }
        if (code === 'ERR_TLS_CERT_ALTNAME_INVALID') {
            return new AttemptFailure(`the controller's TLS certificate does not name this host (${code}). Use a jenkins-url host name that the certificate lists.`, 'permanent');
        }
        if (code === 'EPROTO' || code.startsWith('ERR_SSL')) {
            return new AttemptFailure(`the TLS handshake failed (${code}): does the URL's port serve https? Use http:// in jenkins-url for a plain-HTTP port.`, 'permanent');
        }
        if (UNSENT_CODES.has(code)) {
            const what = code === 'ECONNREFUSED'
                ? 'connection refused (is Jenkins running at this address?)'
                : code === 'ENOTFOUND' || code === 'EAI_AGAIN'
                    ? 'host name could not be resolved'
                    : `network unreachable (${code})`;
            return new AttemptFailure(what, 'unsent');
        }
        const what = code === 'ECONNRESET' || error.message === 'socket hang up'
            ? 'the connection was closed before Jenkins answered'
            : code
                ? `${code}: ${error.message}`
                : error.message;
        return new AttemptFailure(what, connected ? 'uncertain' : 'unsent');
    }
}
/** CONNECT through an http:// proxy, for an https target. */
function openTunnel(proxy, target, signal) {
    const authority = `${target.hostname}:${target.port || 443}`;
    return new Promise((resolve, reject) => {
        const req = external_node_http_namespaceObject.request({
            host: proxy.hostname,
            port: proxy.port || 80,
            method: 'CONNECT',
            path: authority,
            agent: false,
            signal,
            headers: { host: authority, ...proxyAuthorization(proxy) }
        });
        req.on('connect', (res, socket) => {
            if (res.statusCode === 200)
                return resolve(socket);
            socket.destroy();
            const hint = res.statusCode === 407
                ? ': the proxy requires authentication; put user:password in the proxy URL'
                : '';
            reject(new AttemptFailure(`the proxy ${proxy.host} refused to connect to ${authority} (HTTP ${res.statusCode})${hint}`, res.statusCode === 407 ? 'permanent' : 'unsent'));
        });
        req.on('error', (error) => {
            const code = error.code ?? error.message;
            reject(signal.aborted
                ? error
                : new AttemptFailure(`could not use the proxy ${proxy.host} (${code}); check HTTPS_PROXY`, 'unsent'));
        });
        req.end();
    });
}
function proxyAuthorization(proxy) {
    if (!proxy.username)
        return {};
    const credentials = `${decodeURIComponent(proxy.username)}:${decodeURIComponent(proxy.password)}`;
    return { 'proxy-authorization': `Basic ${Buffer.from(credentials).toString('base64')}` };
}
/**
 * The `ca` option replaces Node's trust store, so keep the default roots and any
 * NODE_EXTRA_CA_CERTS a self-hosted runner relies on beside the given certificates.
 */
function trustedCertificates(pem) {
    const extra = process.env.NODE_EXTRA_CA_CERTS;
    let extraPem = [];
    if (extra) {
        try {
            extraPem = [(0,external_node_fs_namespaceObject.readFileSync)(extra, 'utf8')];
        }
        catch {
            extraPem = [];
        }
    }
    return [...external_node_tls_namespaceObject.rootCertificates, ...extraPem, pem];
}
function isTransientStatus(status) {
    return status === 429 || status >= 500;
}
function timedOut(timeoutMs) {
    return `timed out: Jenkins did not answer within ${Math.round(timeoutMs / 100) / 10} s (timeout-seconds)`;
}
function retryAfterMs(value) {
    if (!value)
        return undefined;
    const seconds = Number(value);
    const ms = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(value) - Date.now();
    if (!Number.isFinite(ms) || ms < 0)
        return undefined;
    return Math.min(ms, MAX_RETRY_AFTER_MS);
}
function sleep(ms) {
    return new Promise((resolve) => setTimeout(resolve, ms));
}

;// CONCATENATED MODULE: ./src/transport-settings.ts


// The post step runs while the job is finishing: a hung Jenkins must not hold it up.
const POST_TIMEOUT_MS = 10_000;
const POST_RETRIES = 2;
const POST_BUDGET_MS = 20_000;
/** The main step's transport: the step as a whole waits at most (retries + 1) × timeout. */
function mainTransport(settings) {
    const timeoutMs = settings.timeoutSeconds * 1000;
    return transport(settings, timeoutMs, settings.retries, (settings.retries + 1) * timeoutMs);
}
/** The post step's transport: the same settings within a short budget of its own. */
function postTransport(settings) {
    const timeoutMs = Math.min(settings.timeoutSeconds * 1000, POST_TIMEOUT_MS);
    const retries = Math.min(settings.retries, POST_RETRIES);
    return transport(settings, timeoutMs, retries, Math.min((retries + 1) * timeoutMs, POST_BUDGET_MS));
}
function transport(settings, timeoutMs, retries, budgetMs) {
    return new Transport({
        timeoutMs,
        retries,
        budgetMs,
        debug: (message) => debug(message),
        tls: {
            ...(settings.caCertificate ? { ca: settings.caCertificate } : {}),
            ...(settings.insecureSkipTlsVerify ? { rejectUnauthorized: false } : {})
        }
    });
}

;// CONCATENATED MODULE: ./src/mint-step.ts













/** The main step: mint, mask, record for the post step, verify, then hand the token out. */
async function runMintStep() {
    try {
        await mint();
    }
    catch (error) {
        setFailed(errorMessage(error));
    }
}
async function mint() {
    // Mask the login secret before anything, including input validation, can print it.
    const username = getInput('username');
    for (const name of ['password', 'api-token']) {
        const secret = getInput(name, { trimWhitespace: name !== 'password' });
        if (secret !== '')
            maskSecret(secret, username);
    }
    const inputs = readInputs((name, trim) => getInput(name, { trimWhitespace: trim }), process.env);
    if (inputs.insecureSkipTlsVerify) {
        warning("insecure-skip-tls-verify is true: the controller's certificate is not checked, so anyone on the network path can read the login secret and the new token. Use ca-certificate instead.");
    }
    const transport = mainTransport(inputs);
    const credentials = {
        username: inputs.username,
        secret: inputs.secret,
        kind: inputs.credentialKind
    };
    const expiration = inputs.expirationDays === null ? null : expirationDate(inputs.expirationDays);
    const session = credentials.kind === 'password'
        ? await openSession(inputs.jenkinsUrl, credentials, transport)
        : undefined;
    let version = session?.version ?? '';
    const attempts = {
        jenkinsUrl: inputs.jenkinsUrl,
        user: inputs.user,
        sent: [],
        uncertain: []
    };
    let token;
    try {
        const generate = inputs.method === 'script-console' ? generateTokenByScript : generateNewToken;
        token = await generate(inputs.jenkinsUrl, credentials, { user: inputs.user, name: inputs.tokenName, expiration }, transport, session, {
            attempting: (name) => {
                attempts.sent.push(name);
                saveAttempts(attempts);
            },
            uncertain: (name) => {
                attempts.uncertain.push(name);
                saveAttempts(attempts);
            }
        });
    }
    catch (error) {
        if (attempts.uncertain.length > 0) {
            const message = errorMessage(error).replace(/([^.])$/, '$1.');
            throw new JenkinsError(`${message} ${mayExist(attempts.uncertain, inputs)}`);
        }
        throw error;
    }
    maskSecret(token.value, inputs.user);
    const state = {
        jenkinsUrl: inputs.jenkinsUrl,
        user: inputs.user,
        tokenName: token.name,
        tokenUuid: token.uuid,
        token: token.value,
        revoke: inputs.revoke,
        timeoutSeconds: inputs.timeoutSeconds,
        retries: inputs.retries,
        caCertificate: inputs.caCertificate,
        insecureSkipTlsVerify: inputs.insecureSkipTlsVerify
    };
    saveMinted(state);
    info(`Created Jenkins API token ${quoted(token.name)} (${inline(token.uuid)}) for ${inline(inputs.user)}.`);
    const lost = attempts.uncertain.filter((name) => name !== token.name);
    if (lost.length > 0)
        warning(mayExist(lost, inputs));
    const expires = expiryOutcome(inputs, expiration, token);
    if (inputs.verify) {
        const identity = await whoAmI(inputs.jenkinsUrl, inputs.user, token.value, transport);
        if (identity.name.toLowerCase() !== inputs.user.toLowerCase()) {
            // Jenkins resolved the user input by full name; tokens authenticate by id only.
            saveMinted({ ...state, user: identity.name });
            throw new JenkinsError(`The new token authenticates as "${identity.name}", not "${inputs.user}": set the user input to the Jenkins user id "${identity.name}", not the full name.`);
        }
        version = identity.version ?? version;
        info(`Verified: the token authenticates as ${inline(identity.name)}.`);
    }
    setOutput('token', token.value);
    setOutput('token-uuid', token.uuid);
    setOutput('token-name', token.name);
    setOutput('user', inputs.user);
    setOutput('jenkins-url', inputs.jenkinsUrl);
    setOutput('jenkins-version', version);
    setOutput('expiration-date', expires);
    if (inputs.exportEnv) {
        exportVariable('JENKINS_URL', inputs.jenkinsUrl);
        exportVariable('JENKINS_USER_ID', inputs.user);
        exportVariable('JENKINS_API_TOKEN', token.value);
    }
    await writeSummary({
        tokenName: token.name,
        tokenUuid: token.uuid,
        user: inputs.user,
        jenkinsUrl: inputs.jenkinsUrl,
        jenkinsVersion: version,
        expirationDate: expires
    }).catch((error) => debug(`No job summary: ${errorMessage(error)}`));
}
function expiryOutcome(inputs, expiration, token) {
    if (expiration === null)
        return 'never';
    if (token.expiryApplied)
        return expiration;
    notice(`This Jenkins ignores token expiry (it needs 2.548 or later), so "${token.name}" never expires on its own${inputs.revoke ? ': it lives until the post step revokes it' : ''}.`);
    return 'never';
}


/***/ })

/******/ });
/************************************************************************/
/******/ // The module cache
/******/ var __webpack_module_cache__ = {};
/******/ 
/******/ // The require function
/******/ function __nccwpck_require__(moduleId) {
/******/ 	// Check if module is in cache
/******/ 	var cachedModule = __webpack_module_cache__[moduleId];
/******/ 	if (cachedModule !== undefined) {
/******/ 		return cachedModule.exports;
/******/ 	}
/******/ 	// Create a new module (and put it into the cache)
/******/ 	var module = __webpack_module_cache__[moduleId] = {
/******/ 		// no module.id needed
/******/ 		// no module.loaded needed
/******/ 		exports: {}
/******/ 	};
/******/ 
/******/ 	// Execute the module function
/******/ 	var threw = true;
/******/ 	try {
/******/ 		__webpack_modules__[moduleId](module, module.exports, __nccwpck_require__);
/******/ 		threw = false;
/******/ 	} finally {
/******/ 		if(threw) delete __webpack_module_cache__[moduleId];
/******/ 	}
/******/ 
/******/ 	// Return the exports of the module
/******/ 	return module.exports;
/******/ }
/******/ 
/******/ // expose the modules object (__webpack_modules__)
/******/ __nccwpck_require__.m = __webpack_modules__;
/******/ 
/************************************************************************/
/******/ /* webpack/runtime/asset-relocator-loader */
/******/ if (typeof __nccwpck_require__ !== 'undefined') __nccwpck_require__.ab = decodeURIComponent(new URL('.', import.meta.url).pathname).slice(import.meta.url.match(/^file:\/\/\/\w:/) ? 1 : 0, -1) + "/";
/******/ 
/******/ /* webpack/runtime/async module */
/******/ (() => {
/******/ 	var webpackQueues = typeof Symbol === "function" ? Symbol("webpack queues") : "__webpack_queues__";
/******/ 	var webpackExports = typeof Symbol === "function" ? Symbol("webpack exports") : "__webpack_exports__";
/******/ 	var webpackError = typeof Symbol === "function" ? Symbol("webpack error") : "__webpack_error__";
/******/ 	var resolveQueue = (queue) => {
/******/ 		if(queue && queue.d < 1) {
/******/ 			queue.d = 1;
/******/ 			queue.forEach((fn) => (fn.r--));
/******/ 			queue.forEach((fn) => (fn.r-- ? fn.r++ : fn()));
/******/ 		}
/******/ 	}
/******/ 	var wrapDeps = (deps) => (deps.map((dep) => {
/******/ 		if(dep !== null && typeof dep === "object") {
/******/ 			if(dep[webpackQueues]) return dep;
/******/ 			if(dep.then) {
/******/ 				var queue = [];
/******/ 				queue.d = 0;
/******/ 				dep.then((r) => {
/******/ 					obj[webpackExports] = r;
/******/ 					resolveQueue(queue);
/******/ 				}, (e) => {
/******/ 					obj[webpackError] = e;
/******/ 					resolveQueue(queue);
/******/ 				});
/******/ 				var obj = {};
/******/ 				obj[webpackQueues] = (fn) => (fn(queue));
/******/ 				return obj;
/******/ 			}
/******/ 		}
/******/ 		var ret = {};
/******/ 		ret[webpackQueues] = x => {};
/******/ 		ret[webpackExports] = dep;
/******/ 		return ret;
/******/ 	}));
/******/ 	__nccwpck_require__.a = (module, body, hasAwait) => {
/******/ 		var queue;
/******/ 		hasAwait && ((queue = []).d = -1);
/******/ 		var depQueues = new Set();
/******/ 		var exports = module.exports;
/******/ 		var currentDeps;
/******/ 		var outerResolve;
/******/ 		var reject;
/******/ 		var promise = new Promise((resolve, rej) => {
/******/ 			reject = rej;
/******/ 			outerResolve = resolve;
/******/ 		});
/******/ 		promise[webpackExports] = exports;
/******/ 		promise[webpackQueues] = (fn) => (queue && fn(queue), depQueues.forEach(fn), promise["catch"](x => {}));
/******/ 		module.exports = promise;
/******/ 		body((deps) => {
/******/ 			currentDeps = wrapDeps(deps);
/******/ 			var fn;
/******/ 			var getResult = () => (currentDeps.map((d) => {
/******/ 				if(d[webpackError]) throw d[webpackError];
/******/ 				return d[webpackExports];
/******/ 			}))
/******/ 			var promise = new Promise((resolve) => {
/******/ 				fn = () => (resolve(getResult));
/******/ 				fn.r = 0;
/******/ 				var fnQueue = (q) => (q !== queue && !depQueues.has(q) && (depQueues.add(q), q && !q.d && (fn.r++, q.push(fn))));
/******/ 				currentDeps.map((dep) => (dep[webpackQueues](fnQueue)));
/******/ 			});
/******/ 			return fn.r ? promise : getResult();
/******/ 		}, (err) => ((err ? reject(promise[webpackError] = err) : outerResolve(exports)), resolveQueue(queue)));
/******/ 		queue && queue.d < 0 && (queue.d = 0);
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/define property getters */
/******/ (() => {
/******/ 	// define getter functions for harmony exports
/******/ 	__nccwpck_require__.d = (exports, definition) => {
/******/ 		for(var key in definition) {
/******/ 			if(__nccwpck_require__.o(definition, key) && !__nccwpck_require__.o(exports, key)) {
/******/ 				Object.defineProperty(exports, key, { enumerable: true, get: definition[key] });
/******/ 			}
/******/ 		}
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/ensure chunk */
/******/ (() => {
/******/ 	__nccwpck_require__.f = {};
/******/ 	// This file contains only the entry chunk.
/******/ 	// The chunk loading function for additional chunks
/******/ 	__nccwpck_require__.e = (chunkId) => {
/******/ 		return Promise.all(Object.keys(__nccwpck_require__.f).reduce((promises, key) => {
/******/ 			__nccwpck_require__.f[key](chunkId, promises);
/******/ 			return promises;
/******/ 		}, []));
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/get javascript chunk filename */
/******/ (() => {
/******/ 	// This function allow to reference async chunks
/******/ 	__nccwpck_require__.u = (chunkId) => {
/******/ 		// return url for filenames based on template
/******/ 		return "" + chunkId + ".index.js";
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/hasOwnProperty shorthand */
/******/ (() => {
/******/ 	__nccwpck_require__.o = (obj, prop) => (Object.prototype.hasOwnProperty.call(obj, prop))
/******/ })();
/******/ 
/******/ /* webpack/runtime/make namespace object */
/******/ (() => {
/******/ 	// define __esModule on exports
/******/ 	__nccwpck_require__.r = (exports) => {
/******/ 		if(typeof Symbol !== 'undefined' && Symbol.toStringTag) {
/******/ 			Object.defineProperty(exports, Symbol.toStringTag, { value: 'Module' });
/******/ 		}
/******/ 		Object.defineProperty(exports, '__esModule', { value: true });
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/import chunk loading */
/******/ (() => {
/******/ 	// no baseURI
/******/ 	
/******/ 	// object to store loaded and loading chunks
/******/ 	// undefined = chunk not loaded, null = chunk preloaded/prefetched
/******/ 	// [resolve, Promise] = chunk loading, 0 = chunk loaded
/******/ 	var installedChunks = {
/******/ 		792: 0
/******/ 	};
/******/ 	
/******/ 	var installChunk = (data) => {
/******/ 		var {ids, modules, runtime} = data;
/******/ 		// add "modules" to the modules object,
/******/ 		// then flag all "ids" as loaded and fire callback
/******/ 		var moduleId, chunkId, i = 0;
/******/ 		for(moduleId in modules) {
/******/ 			if(__nccwpck_require__.o(modules, moduleId)) {
/******/ 				__nccwpck_require__.m[moduleId] = modules[moduleId];
/******/ 			}
/******/ 		}
/******/ 		if(runtime) runtime(__nccwpck_require__);
/******/ 		for(;i < ids.length; i++) {
/******/ 			chunkId = ids[i];
/******/ 			if(__nccwpck_require__.o(installedChunks, chunkId) && installedChunks[chunkId]) {
/******/ 				installedChunks[chunkId][0]();
/******/ 			}
/******/ 			installedChunks[ids[i]] = 0;
/******/ 		}
/******/ 	
/******/ 	}
/******/ 	
/******/ 	__nccwpck_require__.f.j = (chunkId, promises) => {
/******/ 			// import() chunk loading for javascript
/******/ 			var installedChunkData = __nccwpck_require__.o(installedChunks, chunkId) ? installedChunks[chunkId] : undefined;
/******/ 			if(installedChunkData !== 0) { // 0 means "already installed".
/******/ 	
/******/ 				// a Promise means "currently loading".
/******/ 				if(installedChunkData) {
/******/ 					promises.push(installedChunkData[1]);
/******/ 				} else {
/******/ 					if(true) { // all chunks have JS
/******/ 						// setup Promise in chunk cache
/******/ 						var promise = import("./" + __nccwpck_require__.u(chunkId)).then(installChunk, (e) => {
/******/ 							if(installedChunks[chunkId] !== 0) installedChunks[chunkId] = undefined;
/******/ 							throw e;
/******/ 						});
/******/ 						var promise = Promise.race([promise, new Promise((resolve) => (installedChunkData = installedChunks[chunkId] = [resolve]))])
/******/ 						promises.push(installedChunkData[1] = promise);
/******/ 					}
/******/ 				}
/******/ 			}
/******/ 	};
/******/ 	
/******/ 	// no prefetching
/******/ 	
/******/ 	// no preloaded
/******/ 	
/******/ 	// no external install chunk
/******/ 	
/******/ 	// no on chunks loaded
/******/ })();
/******/ 
/************************************************************************/
/******/ 
/******/ // startup
/******/ // Load entry module and return exports
/******/ // This entry module used 'module' so it can't be inlined
/******/ var __webpack_exports__ = __nccwpck_require__(730);
/******/ __webpack_exports__ = await __webpack_exports__;
/******/ 

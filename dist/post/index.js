import { createRequire as __WEBPACK_EXTERNAL_createRequire } from "module";
/******/ var __webpack_modules__ = ({

/***/ 661:
/***/ ((module, __unused_webpack___webpack_exports__, __nccwpck_require__) => {

__nccwpck_require__.a(module, async (__webpack_handle_async_dependencies__, __webpack_async_result__) => { try {
/* harmony import */ var _revoke_step_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(914);

await (0,_revoke_step_js__WEBPACK_IMPORTED_MODULE_0__/* .runRevokeStep */ .u)();

__webpack_async_result__();
} catch(e) { __webpack_async_result__(e); } }, 1);

/***/ }),

/***/ 914:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  u: () => (/* binding */ runRevokeStep)
});

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
    process.stdout.write(EOL);
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
    if (!existsSync(filePath)) {
        throw new Error(`Missing file at path: ${filePath}`);
    }
    appendFileSync(filePath, `${toCommandValue(message)}${EOL}`, { encoding: 'utf8' });
}
/** `name<<ghadelimiter_<uuid>` EOL value EOL delimiter: a value may hold any line but that. */
function prepareKeyValueMessage(key, value) {
    const delimiter = `ghadelimiter_${randomUUID()}`;
    const convertedValue = toCommandValue(value);
    // These should realistically never happen, but just in case someone finds a way to
    // exploit uuid generation let's not allow keys or values that contain the delimiter.
    if (key.includes(delimiter)) {
        throw new Error(`Unexpected input: name should not contain the delimiter "${delimiter}"`);
    }
    if (convertedValue.includes(delimiter)) {
        throw new Error(`Unexpected input: value should not contain the delimiter "${delimiter}"`);
    }
    return `${key}<<${delimiter}${EOL}${convertedValue}${EOL}${delimiter}`;
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

;// CONCATENATED MODULE: ./src/jenkins/errors.ts
/**
 * Every failure the action reports is a JenkinsError or an InputError: a short message a
 * person can act on. Anything else reaching the entry points is a bug, reported without a
 * stack trace all the same.
 */
class errors_JenkinsError extends Error {
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
async function credentials_postHeaders(credentials, url, session) {
    return {
        ...credentials_authorization(credentials.username, credentials.secret),
        ...(session ? await session.headersFor(url) : {})
    };
}

;// CONCATENATED MODULE: ./src/jenkins/responses.ts

/** The X-Jenkins header: sent on pages and api/* responses, never on 401s or token JSON. */
function responses_jenkinsVersion(response) {
    const value = response.headers['x-jenkins'];
    return typeof value === 'string' && value !== '' ? value : undefined;
}
/** Compares dotted Jenkins versions numerically (2.541.3 < 2.548). */
function responses_versionAtLeast(version, minimum) {
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
function responses_loginContext(action, credentials) {
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
        return new errors_JenkinsError(`${what}: the credentials of "${context.username}" were rejected. ${hint}`, status);
    }
    if (status === 403 && response.body.includes('No valid crumb')) {
        return new errors_JenkinsError(`${what}: no valid CSRF crumb. Jenkins requires a crumb, tied to the session cookie, for POSTs authenticated with a password. A proxy that drops the JSESSIONID cookie causes this; an API token (api-token input) needs no crumb.`, status);
    }
    if (status === 403) {
        const required = header(response, 'x-required-permission');
        const as = header(response, 'x-you-are-authenticated-as');
        if (as === 'anonymous' || response.body.includes('Authentication required')) {
            return new errors_JenkinsError(`${what}: Jenkins treated the request as anonymous. Something between the runner and Jenkins (a proxy or SSO gateway) may strip the Authorization header.`, status);
        }
        if (required) {
            return new errors_JenkinsError(`${what}: "${as ?? context.username}" lacks the permission ${required}.`, status);
        }
        return new errors_JenkinsError(`${what}: permission denied for "${context.username}".`, status);
    }
    if (status >= 300 && status < 400) {
        const location = header(response, 'location') ?? 'an unknown location';
        return new errors_JenkinsError(`${what}: redirected to ${safeLocation(location)}. Check jenkins-url: the scheme (http/https), host and context path must be the controller's own root URL.`, status);
    }
    if (status === 404) {
        return new errors_JenkinsError(`${what}: not found. Check jenkins-url, including the context path (e.g. https://ci.example.com/jenkins/).`, status);
    }
    if (status >= 500) {
        return new errors_JenkinsError(`${what}: the controller failed or is unavailable. Try again later.`, status);
    }
    return new errors_JenkinsError(`${what}.`, status);
}
/** A 405 to a POST: a redirect on the way turned it into a GET, which Jenkins refuses. */
function responses_redirectedPostFailure(context) {
    return new JenkinsError(`Jenkins answered 405 (requires POST) ${context.action}: a redirect turned the POST into a GET. Use the controller's exact root URL as jenkins-url (scheme, host and context path).`, 405);
}
/** Parses a JSON body, or explains that whatever answered is not Jenkins's JSON API. */
function responses_parseJson(response, context) {
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
function url_whoAmIEndpoint(root) {
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
    const url = tokenEndpoint(root, request.user, 'generateNewToken');
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
    return failureFor(response, context);
}
/** GET whoAmI/api/json as the given credentials: proves who they authenticate as. */
async function whoAmI(root, username, secret, transport) {
    const response = await transport.request({
        method: 'GET',
        url: whoAmIEndpoint(root),
        headers: { ...authorization(username, secret), accept: 'application/json' }
    });
    const context = { action: 'the whoAmI check', username, credential: 'new token' };
    if (response.status !== 200)
        throw failureFor(response, context);
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
        url: url_tokenEndpoint(root, user, 'revoke'),
        headers: credentials_authorization(user, token),
        form: { tokenUuid: uuid }
    });
    if (response.status === 200)
        return 'revoked';
    if (response.status === 401)
        return 'already-gone';
    throw responses_failureFor(response, {
        action: 'to revoke the token',
        username: user,
        credential: 'new token'
    });
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
    core.saveState(MINTED, JSON.stringify(state));
}
function loadMinted() {
    return load(MINTED);
}
function saveAttempts(state) {
    core.saveState(ATTEMPTS, JSON.stringify(state));
}
function loadAttempts() {
    return load(ATTEMPTS);
}
function load(key) {
    const raw = getState(key);
    if (raw === '')
        return null;
    try {
        return JSON.parse(raw);
    }
    catch {
        return null;
    }
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
        throw new errors_JenkinsError(`Jenkins answered HTTP ${status} without a Location header.`, status);
    }
    let to;
    try {
        to = new URL(location, from);
    }
    catch {
        throw new errors_JenkinsError(`Jenkins answered HTTP ${status} with an invalid Location header.`, status);
    }
    const where = `${to.protocol}//${to.host}${to.pathname}`;
    if (LOGIN_PATH.test(to.pathname)) {
        throw new errors_JenkinsError(`The request to ${from.pathname} was redirected to a login page (${where}): a single sign-on gateway or reverse proxy in front of Jenkins answered instead of Jenkins. Use a jenkins-url that reaches Jenkins directly, or ask for API clients with HTTP Basic auth to be let through.`, status);
    }
    if (to.hostname !== from.hostname) {
        throw new errors_JenkinsError(`The request to ${from.pathname} was redirected to another host (${where}); the action does not send credentials to another host. If that is the controller's real address, set jenkins-url to it.`, status);
    }
    if (from.protocol === 'https:' && to.protocol !== 'https:') {
        throw new errors_JenkinsError(`The request to ${from.pathname} was redirected from https to http (${where}); the action does not send credentials unencrypted. Fix the redirect on the server or proxy.`, status);
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
                    throw new errors_JenkinsError(`Could not reach Jenkins (${request.method} ${path}${tries > 1 ? `, ${tries} attempts` : ''}): ${error.message}`);
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
        return new errors_JenkinsError(`Timed out: gave up on Jenkins after ${attempts} attempt${attempts === 1 ? '' : 's'} and ${seconds} s${lastFailure ? ` (last: ${lastFailure})` : ''}. The step waits at most (retries + 1) × timeout-seconds.`);
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
                throw new errors_JenkinsError(`Too many redirects, last to ${url.pathname}: check jenkins-url.`);
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
            throw error instanceof AttemptFailure || error instanceof errors_JenkinsError
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

;// CONCATENATED MODULE: ./src/revoke-step.ts









/**
 * The post step: revoke exactly the token the main step minted. It never fails the job: a
 * token it cannot revoke is a warning that names it, so a person can revoke it by hand.
 */
async function runRevokeStep() {
    const state = loadMinted();
    const attempts = loadAttempts();
    const lost = attempts?.uncertain.filter((name) => name !== state?.tokenName) ?? [];
    if (attempts && lost.length > 0)
        warning(mayExist(lost, attempts));
    if (!state) {
        info('No Jenkins token was created in this job: nothing to revoke.');
        return;
    }
    maskSecret(state.token, state.user);
    const label = `${quoted(state.tokenName)} (${inline(state.tokenUuid)}) of ${inline(state.user)} on ${state.jenkinsUrl}`;
    if (!state.revoke) {
        info(`revoke is false: leaving token ${label} valid until it expires.`);
        return;
    }
    try {
        const outcome = await revokeOwnToken(state.jenkinsUrl, state.user, state.token, state.tokenUuid, postTransport(state));
        info(outcome === 'revoked'
            ? `Revoked Jenkins API token ${label}.`
            : `Jenkins API token ${label} no longer authenticates (already revoked or expired): nothing to revoke.`);
    }
    catch (error) {
        warning(`Could not revoke Jenkins API token ${label}: ${errorMessage(error)} Revoke it by hand at ${securityPage(state.jenkinsUrl, state.user)} (token UUID ${state.tokenUuid}).`);
    }
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
/******/ /* webpack/runtime/hasOwnProperty shorthand */
/******/ (() => {
/******/ 	__nccwpck_require__.o = (obj, prop) => (Object.prototype.hasOwnProperty.call(obj, prop))
/******/ })();
/******/ 
/************************************************************************/
/******/ 
/******/ // startup
/******/ // Load entry module and return exports
/******/ // This entry module used 'module' so it can't be inlined
/******/ var __webpack_exports__ = __nccwpck_require__(661);
/******/ __webpack_exports__ = await __webpack_exports__;
/******/ 

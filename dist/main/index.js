import { createRequire as __WEBPACK_EXTERNAL_createRequire } from "module";
/******/ var __webpack_modules__ = ({

/***/ 8549:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   j: () => (/* binding */ HttpError)
/* harmony export */ });
/**
 * A failure of the carriage itself: the controller could not be reached, did not answer in
 * time, or answered in a way the action will not follow (a redirect to another origin). The
 * message names the cause and the fix, as every message the action prints does.
 */
class HttpError extends Error {
    status;
    name = 'HttpError';
    constructor(message, 
    /** The HTTP status of the answer that caused it, if one came. */
    status) {
        super(message);
        this.status = status;
    }
}


/***/ }),

/***/ 7856:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   i: () => (/* binding */ proxyFor)
/* harmony export */ });
/* unused harmony export supportsProxyAgent */
/* harmony import */ var _actions_http_client_lib_proxy__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(9783);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(8549);
/* harmony import */ var _sockets_js__WEBPACK_IMPORTED_MODULE_2__ = __nccwpck_require__(3174);



/**
 * Whether a request to `target` goes through a proxy and which: @actions/http-client's rules
 * (HTTPS_PROXY or HTTP_PROXY by the target's scheme, NO_PROXY, loopback never proxied), so
 * the action agrees with the runner and with every other action on the job.
 */
function proxyFor(target) {
    // jenkins-url loses a host name's trailing dot: a NO_PROXY entry written with it (the
    // runner matches entries as written) still names the host.
    if (!(0,_sockets_js__WEBPACK_IMPORTED_MODULE_2__/* .dialTarget */ .Yy)(target).ipAddress) {
        const written = new URL(target.href);
        written.hostname = `${target.hostname}.`;
        if ((0,_actions_http_client_lib_proxy__WEBPACK_IMPORTED_MODULE_0__/* .checkBypass */ .H)(written))
            return undefined;
    }
    const variable = proxyVariable(target);
    let url;
    const raw = process.env[variable] ?? '';
    try {
        url = (0,_actions_http_client_lib_proxy__WEBPACK_IMPORTED_MODULE_0__/* .getProxyUrl */ .s)(target);
    }
    catch {
        throw malformed(variable, raw);
    }
    if (!url) {
        // getProxyUrl also answers "no proxy" for a value it cannot decode (a % in the user or
        // password that starts no escape): going direct would quietly bypass the proxy the
        // runner was given.
        if (raw !== '' && !(0,_actions_http_client_lib_proxy__WEBPACK_IMPORTED_MODULE_0__/* .checkBypass */ .H)(target))
            throw unusable(variable);
        return undefined;
    }
    // A bare host:port, as many set it, parses as a URL whose scheme is the host name. Either
    // way a plain URL, credentials percent-encoded as written: getProxyUrl's own URL hands them
    // out decoded, and Node's agent decodes them once more. Bare is told by the scheme parsed,
    // not by the text: `http:/proxy:3128` (one slash) is an http URL to the host proxy, as
    // getProxyUrl reads it, and prefixed it would name a proxy at the host "http".
    const bare = !raw.includes('://') && url.protocol !== 'http:' && url.protocol !== 'https:';
    try {
        url = new URL(bare ? `http://${raw}` : url.href);
    }
    catch {
        throw malformed(variable, raw);
    }
    // Node's agent decodes the credentials as it is built: the bare form has not been through
    // getProxyUrl's check, and a failure there would say only "URI malformed".
    if (!decodable(url.username) || !decodable(url.password))
        throw unusable(variable);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .HttpError */ .j(`${variable} names a ${url.protocol.slice(0, -1)}:// proxy (${url.host}): the action can use only http:// and https:// proxies. Set ${variable} to an http(s) proxy, or add the controller's host to NO_PROXY.`);
    }
    if (!supportsProxyAgent(process.versions.node)) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .HttpError */ .j(`${variable} is set, and the action goes through a proxy with Node.js's own proxy support, which needs Node.js 24.5 or later; this runner runs it on Node.js ${process.versions.node}. Update the runner to version 2.328.0 or later (GitHub's hosted runners have it), or add the controller's host to NO_PROXY if it can be reached directly.`);
    }
    // The agent is told the proxy in an environment of its own, so that it never applies a
    // NO_PROXY of its own reading: the decision above is the only one.
    return { url, variable };
}
/**
 * A value that does not parse. With credentials in it, the likely fault is theirs (a % in the
 * user name): say how to write them, rather than a form without them.
 */
function malformed(variable, raw) {
    if (raw.includes('@'))
        return unusable(variable);
    return new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .HttpError */ .j(`${variable} is not a URL: give the proxy as http://host:port.`);
}
function unusable(variable) {
    return new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .HttpError */ .j(`${variable} is set but is not a proxy URL the action can use. Write it as http://user:password@host:port, with any special character in the user or password percent-encoded (% as %25, @ as %40).`);
}
function decodable(text) {
    try {
        decodeURIComponent(text);
        return true;
    }
    catch {
        return false;
    }
}
/** Which variable getProxyUrl read: the lowercase one wins, as in curl and the runner. */
function proxyVariable(target) {
    const name = target.protocol === 'https:' ? 'https_proxy' : 'http_proxy';
    return process.env[name] ? name : name.toUpperCase();
}
/** http.Agent's proxyEnv option came in Node.js 24.5.0. */
function supportsProxyAgent(version) {
    const [major = 0, minor = 0] = version.split('.').map((part) => Number.parseInt(part, 10));
    return major > 24 || (major === 24 && minor >= 5);
}


/***/ }),

/***/ 3174:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   $h: () => (/* binding */ closed),
/* harmony export */   EQ: () => (/* binding */ resumesAt),
/* harmony export */   ST: () => (/* binding */ onFirst),
/* harmony export */   Tu: () => (/* binding */ atMost),
/* harmony export */   Yy: () => (/* binding */ dialTarget)
/* harmony export */ });
/**
 * Calls `then` once, on the first of `events` the socket emits, and stops listening for the
 * others. `then` runs inside that emit, before the event loop can handle anything else.
 */
function onFirst(socket, events, then) {
    const done = () => {
        for (const event of events)
            socket.off(event, done);
        then();
    };
    for (const event of events)
        socket.once(event, done);
}
/** Settles when `promise` does, or after `ms`, whichever comes first; never holds the process. */
function atMost(ms, promise) {
    return new Promise((resolve) => {
        const timer = setTimeout(resolve, ms);
        timer.unref();
        void promise.then(() => {
            clearTimeout(timer);
            resolve();
        });
    });
}
/** A socket nothing more can be sent on: destroyed, or closed by either side. */
function closed(socket) {
    return socket.destroyed || socket.readableEnded || !socket.writable;
}
/**
 * Where to dial for `target`: the host without IPv6 brackets, the port with its scheme's
 * default, and whether the host is an IP address. The URL parser has written any IPv4 address
 * as four decimal numbers and put IPv6 in brackets, so this needs no net.isIP, whose IPv6
 * pattern costs milliseconds on a host name.
 */
function dialTarget(target) {
    return {
        host: target.hostname.replace(/^\[|\]$/g, ''),
        port: Number(target.port) || (target.protocol === 'https:' ? 443 : 80),
        ipAddress: target.hostname.startsWith('[') || /^[\d.]+$/.test(target.hostname)
    };
}
/**
 * Whether a TLS session made with `made` (its host and port) may be offered to `target`: only
 * an https URL at the same host and port. To any other server the session means nothing, and
 * it is as secret as the token it came with.
 */
function resumesAt(made, target) {
    const { host, port } = dialTarget(target);
    return target.protocol === 'https:' && host === made.host && port === made.port;
}


/***/ }),

/***/ 1730:
/***/ ((module, __unused_webpack___webpack_exports__, __nccwpck_require__) => {

__nccwpck_require__.a(module, async (__webpack_handle_async_dependencies__, __webpack_async_result__) => { try {
/* harmony import */ var _runner_warm_up_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(565);

// The connection first, then the rest of the action, loaded while the handshakes run.
const agents = await (0,_runner_warm_up_js__WEBPACK_IMPORTED_MODULE_0__/* .warmUpForMain */ .tw)();
const { runMintStep } = await (0,_runner_warm_up_js__WEBPACK_IMPORTED_MODULE_0__/* .loadedStep */ .kY)(() => Promise.all(/* import() */[__nccwpck_require__.e(779), __nccwpck_require__.e(143), __nccwpck_require__.e(136), __nccwpck_require__.e(974)]).then(__nccwpck_require__.bind(__nccwpck_require__, 5974)));
await runMintStep(agents);

__webpack_async_result__();
} catch(e) { __webpack_async_result__(e); } }, 1);

/***/ }),

/***/ 4033:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   K: () => (/* binding */ normaliseJenkinsUrl),
/* harmony export */   d: () => (/* binding */ InputError)
/* harmony export */ });
/** A bad input: the message names the input and says what is expected. */
class InputError extends Error {
    name = 'InputError';
}
function normaliseJenkinsUrl(value) {
    // On the text, before it is parsed: a password with a '/' in it, typed into the URL, turns
    // the rest into a path, and the host before it would get the request (and the message
    // would print it). That cannot be told from an '@' in a context path, which is refused too.
    if (value.includes('@')) {
        throw new InputError('Input jenkins-url must not contain credentials (it has an "@", which a context path may not have either): pass them in the username and password or api-token inputs.');
    }
    let url;
    try {
        url = new URL(value);
    }
    catch {
        throw new InputError(`Input jenkins-url is not a URL: "${value}". Give the controller's root URL, e.g. https://ci.example.com/ or https://ci.example.com/jenkins/.`);
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') {
        // `ci.example.com:8443` parses with the host name as its scheme.
        throw new InputError(value.includes('://')
            ? `Input jenkins-url must use http or https, not ${url.protocol.slice(0, -1)}.`
            : `Input jenkins-url has no scheme: write https:// (or http://) before it, as in https://${value}.`);
    }
    if (url.port === '0') {
        throw new InputError("Input jenkins-url has port 0, on which nothing can listen: give the controller's port, or none for the scheme's default.");
    }
    // The href, not search and hash: a bare '?' or '#' leaves those empty, but stays in the URL
    // every endpoint is built on, and each request would then go to the root page.
    if (/[?#]/.test(url.href)) {
        throw new InputError("Input jenkins-url must not have a query or fragment: give the controller's root URL, e.g. https://ci.example.com/jenkins/.");
    }
    // One trailing slash: `/jenkins//` would put `//` in every endpoint's path.
    url.pathname = url.pathname.replace(/\/*$/, '/');
    // A fully qualified name's dot would go into the TLS server name, which Java's TLS (a
    // controller's own https) refuses as illegal; tough-cookie never sends back a cookie set for
    // such a host, so a password login loses its session; and NO_PROXY entries do not match it.
    // Every trailing dot, so that the URL normalises to itself (post checks main's URL so).
    const undotted = url.hostname.replace(/\.+$/, '');
    if (undotted !== '' && undotted !== url.hostname)
        url.hostname = undotted;
    return url.toString();
}


/***/ }),

/***/ 565:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  kY: () => (/* binding */ loadedStep),
  tw: () => (/* binding */ warmUpForMain)
});

// UNUSED EXPORTS: warmUpForPost

// EXTERNAL MODULE: external "node:net"
var external_node_net_ = __nccwpck_require__(7030);
// EXTERNAL MODULE: ./src/http/proxy.ts
var proxy = __nccwpck_require__(7856);
// EXTERNAL MODULE: ./src/http/sockets.ts
var sockets = __nccwpck_require__(3174);
;// CONCATENATED MODULE: ./src/http/early-dial.ts



/**
 * Opens the TCP connection to a controller that is reached directly, before the step loads
 * TLS and the rest of its code, so that the TCP handshake overlaps that loading. Nothing is
 * written on it here; the agents put TLS over it later (Agents.warm). A controller behind a
 * proxy, or a proxy variable that cannot be used, gets no early connection: the agents dial
 * through the proxy themselves, and the first request reports a bad variable.
 */
function dialEarly(target) {
    try {
        if ((0,proxy/* proxyFor */.i)(target))
            return undefined;
    }
    catch {
        return undefined;
    }
    const { host, port } = (0,sockets/* dialTarget */.Yy)(target);
    const socket = (0,external_node_net_.connect)({ host, port });
    // Until a request takes it, it must not keep a step that stops early alive, nor crash it.
    socket.unref();
    socket.on('error', () => undefined);
    return socket;
}
/**
 * How long to wait for the connection attempt to start. Node starts it on a later turn of the
 * event loop (after a DNS lookup for a host name), and the step's next move is to load TLS,
 * which holds the loop for some 10 ms: without this wait the SYN would leave only after that.
 * A resolver slower than this overlaps the loading instead.
 */
const ATTEMPT_WAIT_MS = 25;
/** Resolves once the socket's connection attempt has started (the SYN is sent), or failed. */
function attemptStarted(socket) {
    return (0,sockets/* atMost */.Tu)(ATTEMPT_WAIT_MS, new Promise((resolve) => (0,sockets/* onFirst */.ST)(socket, ['connectionAttempt', 'error', 'close'], resolve)));
}

// EXTERNAL MODULE: ./src/runner/jenkins-url-input.ts
var jenkins_url_input = __nccwpck_require__(4033);
;// CONCATENATED MODULE: ./src/runner/warm-up.ts




/**
 * Starts the step's connection to the controller before the rest of the action loads: TCP
 * first, with nothing but node:net loaded, then TLS (warm-connection.ts), and only then
 * @actions/core and the step's code. Loading those (undici above all) takes about as long as
 * the handshakes to a controller tens of milliseconds away, so the two overlap instead of
 * adding up. What it reads, the variables in which the runner passes the inputs (or main's
 * state to post), is only a hint: every input is still read, checked and masked through
 * @actions/core before any request, and a hint it cannot use means no warm-up. Only the
 * handshakes happen here; no byte of HTTP, and so no secret, is sent.
 *
 * This module stays light (no TLS, no crypto, no @actions/core): its cost comes before the dial.
 */
function warmUpForMain(env = process.env) {
    return warmUp(hint(env['INPUT_JENKINS-URL'], env['INPUT_CA-CERTIFICATE'], env['INPUT_INSECURE-SKIP-TLS-VERIFY']));
}
/** The same for the post step, from the state main saved, when there is a token to revoke. */
function warmUpForPost(env = process.env) {
    let parsed;
    try {
        parsed = JSON.parse(env[`STATE_${MINTED_STATE}`] ?? '');
    }
    catch {
        return Promise.resolve(undefined);
    }
    // Whatever the file holds; a record the post step cannot read gets its warning there.
    if (typeof parsed !== 'object' || parsed === null)
        return Promise.resolve(undefined);
    const state = parsed;
    if (state.revoke !== true || state.revokedInMain === true)
        return Promise.resolve(undefined);
    return warmUp(hint(typeof state.jenkinsUrl === 'string' ? state.jenkinsUrl : undefined, typeof state.caCertificate === 'string' ? state.caCertificate : undefined, state.insecureSkipTlsVerify === true ? 'true' : undefined), readSessionRecord(env[`STATE_${TLS_SESSION_STATE}`]));
}
/**
 * The step's module once loaded, the event loop let to poll for I/O between the parts of the
 * load. Through a proxy, the proxy answers the CONNECT while the action loads, and Node's agent
 * reads that answer (and sends the TLS client hello) only when the loop polls. So the load comes
 * in two parts with a poll after each: @actions/http-client with undici first (most of the
 * load, and what @actions/core loads first), then @actions/core and the step's code. An answer
 * that came during the first part has the hello sent before the second, so the hello waits
 * for neither the rest of the load nor the step's own start (reading inputs, the cookie jar's
 * chunk, up to its first request). On a slower runner the load outlasts the proxy's round
 * trip, and every millisecond the hello waits past it is paid. Direct, the hello has long gone
 * and the polls cost nothing.
 */
async function loadedStep(load) {
    await __nccwpck_require__.e(/* import() */ 779).then(__nccwpck_require__.bind(__nccwpck_require__, 2779));
    await polled();
    const step = await load();
    await polled();
    return step;
}
/**
 * Two immediates: an immediate set while the loop handles I/O runs before it polls again; the
 * second comes after a poll whatever phase the load ended in.
 */
async function polled() {
    for (let turn = 0; turn < 2; turn++)
        await new Promise((resolve) => setImmediate(resolve));
}
async function warmUp(given, session) {
    if (!given)
        return undefined;
    const socket = dialEarly(given.url);
    if (socket)
        await attemptStarted(socket);
    const { openWarmConnection } = await Promise.all(/* import() */[__nccwpck_require__.e(136), __nccwpck_require__.e(514)]).then(__nccwpck_require__.bind(__nccwpck_require__, 9514));
    return openWarmConnection(given, socket, session);
}
function hint(url, ca, insecure) {
    try {
        return {
            url: new URL((0,jenkins_url_input/* normaliseJenkinsUrl */.K)((url ?? '').trim())),
            ca: (ca ?? '').trim(),
            // The spellings core.getBooleanInput takes as true.
            insecure: ['true', 'True', 'TRUE'].includes((insecure ?? '').trim())
        };
    }
    catch {
        return undefined;
    }
}


/***/ }),

/***/ 2613:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("assert");

/***/ }),

/***/ 5317:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("child_process");

/***/ }),

/***/ 6982:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("crypto");

/***/ }),

/***/ 4434:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("events");

/***/ }),

/***/ 9896:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("fs");

/***/ }),

/***/ 8611:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("http");

/***/ }),

/***/ 5692:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("https");

/***/ }),

/***/ 9278:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("net");

/***/ }),

/***/ 4589:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:assert");

/***/ }),

/***/ 6698:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:async_hooks");

/***/ }),

/***/ 4573:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:buffer");

/***/ }),

/***/ 7540:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:console");

/***/ }),

/***/ 7598:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:crypto");

/***/ }),

/***/ 3053:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:diagnostics_channel");

/***/ }),

/***/ 610:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:dns");

/***/ }),

/***/ 8474:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:events");

/***/ }),

/***/ 7067:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:http");

/***/ }),

/***/ 2467:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:http2");

/***/ }),

/***/ 4708:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:https");

/***/ }),

/***/ 7030:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:net");

/***/ }),

/***/ 643:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:perf_hooks");

/***/ }),

/***/ 1792:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:querystring");

/***/ }),

/***/ 7075:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:stream");

/***/ }),

/***/ 1692:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:tls");

/***/ }),

/***/ 3136:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:url");

/***/ }),

/***/ 7975:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:util");

/***/ }),

/***/ 3429:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:util/types");

/***/ }),

/***/ 5919:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:worker_threads");

/***/ }),

/***/ 8522:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:zlib");

/***/ }),

/***/ 857:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("os");

/***/ }),

/***/ 6928:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("path");

/***/ }),

/***/ 3193:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("string_decoder");

/***/ }),

/***/ 3557:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("timers");

/***/ }),

/***/ 4756:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("tls");

/***/ }),

/***/ 9023:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("util");

/***/ }),

/***/ 9783:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   H: () => (/* binding */ checkBypass),
/* harmony export */   s: () => (/* binding */ getProxyUrl)
/* harmony export */ });
function getProxyUrl(reqUrl) {
    const usingSsl = reqUrl.protocol === 'https:';
    if (checkBypass(reqUrl)) {
        return undefined;
    }
    const proxyVar = (() => {
        if (usingSsl) {
            return process.env['https_proxy'] || process.env['HTTPS_PROXY'];
        }
        else {
            return process.env['http_proxy'] || process.env['HTTP_PROXY'];
        }
    })();
    if (proxyVar) {
        try {
            return new DecodedURL(proxyVar);
        }
        catch (_a) {
            if (!proxyVar.startsWith('http://') && !proxyVar.startsWith('https://'))
                return new DecodedURL(`http://${proxyVar}`);
        }
    }
    else {
        return undefined;
    }
}
function checkBypass(reqUrl) {
    if (!reqUrl.hostname) {
        return false;
    }
    const reqHost = reqUrl.hostname;
    if (isLoopbackAddress(reqHost)) {
        return true;
    }
    const noProxy = process.env['no_proxy'] || process.env['NO_PROXY'] || '';
    if (!noProxy) {
        return false;
    }
    // Determine the request port
    let reqPort;
    if (reqUrl.port) {
        reqPort = Number(reqUrl.port);
    }
    else if (reqUrl.protocol === 'http:') {
        reqPort = 80;
    }
    else if (reqUrl.protocol === 'https:') {
        reqPort = 443;
    }
    // Format the request hostname and hostname with port
    const upperReqHosts = [reqUrl.hostname.toUpperCase()];
    if (typeof reqPort === 'number') {
        upperReqHosts.push(`${upperReqHosts[0]}:${reqPort}`);
    }
    // Compare request host against noproxy
    for (const upperNoProxyItem of noProxy
        .split(',')
        .map(x => x.trim().toUpperCase())
        .filter(x => x)) {
        if (upperNoProxyItem === '*' ||
            upperReqHosts.some(x => x === upperNoProxyItem ||
                x.endsWith(`.${upperNoProxyItem}`) ||
                (upperNoProxyItem.startsWith('.') &&
                    x.endsWith(`${upperNoProxyItem}`)))) {
            return true;
        }
    }
    return false;
}
function isLoopbackAddress(host) {
    const hostLower = host.toLowerCase();
    return (hostLower === 'localhost' ||
        hostLower.startsWith('127.') ||
        hostLower.startsWith('[::1]') ||
        hostLower.startsWith('[0:0:0:0:0:0:0:1]'));
}
class DecodedURL extends URL {
    constructor(url, base) {
        super(url, base);
        this._decodedUsername = decodeURIComponent(super.username);
        this._decodedPassword = decodeURIComponent(super.password);
    }
    get username() {
        return this._decodedUsername;
    }
    get password() {
        return this._decodedPassword;
    }
}
//# sourceMappingURL=proxy.js.map

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
/******/ /* webpack/runtime/compat get default export */
/******/ (() => {
/******/ 	// getDefaultExport function for compatibility with non-harmony modules
/******/ 	__nccwpck_require__.n = (module) => {
/******/ 		var getter = module && module.__esModule ?
/******/ 			() => (module['default']) :
/******/ 			() => (module);
/******/ 		__nccwpck_require__.d(getter, { a: getter });
/******/ 		return getter;
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/create fake namespace object */
/******/ (() => {
/******/ 	var getProto = Object.getPrototypeOf ? (obj) => (Object.getPrototypeOf(obj)) : (obj) => (obj.__proto__);
/******/ 	var leafPrototypes;
/******/ 	// create a fake namespace object
/******/ 	// mode & 1: value is a module id, require it
/******/ 	// mode & 2: merge all properties of value into the ns
/******/ 	// mode & 4: return value when already ns object
/******/ 	// mode & 16: return value when it's Promise-like
/******/ 	// mode & 8|1: behave like require
/******/ 	__nccwpck_require__.t = function(value, mode) {
/******/ 		if(mode & 1) value = this(value);
/******/ 		if(mode & 8) return value;
/******/ 		if(typeof value === 'object' && value) {
/******/ 			if((mode & 4) && value.__esModule) return value;
/******/ 			if((mode & 16) && typeof value.then === 'function') return value;
/******/ 		}
/******/ 		var ns = Object.create(null);
/******/ 		__nccwpck_require__.r(ns);
/******/ 		var def = {};
/******/ 		leafPrototypes = leafPrototypes || [null, getProto({}), getProto([]), getProto(getProto)];
/******/ 		for(var current = mode & 2 && value; typeof current == 'object' && !~leafPrototypes.indexOf(current); current = getProto(current)) {
/******/ 			Object.getOwnPropertyNames(current).forEach((key) => (def[key] = () => (value[key])));
/******/ 		}
/******/ 		def['default'] = () => (value);
/******/ 		__nccwpck_require__.d(ns, def);
/******/ 		return ns;
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
/******/ var __webpack_exports__ = __nccwpck_require__(1730);
/******/ __webpack_exports__ = await __webpack_exports__;
/******/ 

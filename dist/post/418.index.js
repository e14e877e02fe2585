export const id = 418;
export const ids = [418];
export const modules = {

/***/ 3022:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   P: () => (/* binding */ isGatewayStatus)
/* harmony export */ });
/**
 * The statuses only a gateway sends for an upstream it could not reach or that failed it:
 * nginx's and Apache's 502 for a refused or reset connection, a 504, and a CDN's 520-527
 * (521 "web server is down", 522 "connection timed out", …). Jenkins sends none of them
 * itself. Not 503: Jenkins's own loading page is a 503, and so is an ingress's with no endpoint.
 */
function isGatewayStatus(status) {
    return status === 502 || status === 504 || (status >= 520 && status <= 527);
}


/***/ }),

/***/ 4365:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   RI: () => (/* binding */ shownLocation),
/* harmony export */   Yb: () => (/* binding */ withholdFromMessages),
/* harmony export */   iz: () => (/* binding */ WITHHELD),
/* harmony export */   pS: () => (/* binding */ shownPath),
/* harmony export */   vV: () => (/* binding */ shownWhole)
/* harmony export */ });
/* unused harmony export shownPart */
/**
 * Text from a server's answer (a header: Location, WWW-Authenticate, Content-Type, Jenkins's
 * X- headers), as a message may show it. The runner masks a secret only where it appears as it
 * was registered, so text that a message cut short, decoded or normalised could show a secret
 * that a broken or hostile server echoed there in a form no mask matches. Such text is shown
 * whole and unchanged, or not at all: never when it holds one of the step's secrets in any form
 * this can recognise.
 */
const secrets = new Set();
/** What a message shows in place of text it withholds. */
const WITHHELD = '(not shown)';
/** Registers a secret of the step (the login secret, the new token): see above. */
function withholdFromMessages(secret) {
    if (secret !== '')
        secrets.add(secret.toLowerCase());
}
/**
 * `raw` as a message may show it: printable ASCII of at most `max` characters, holding no
 * secret of the step. Undefined otherwise.
 */
function shownWhole(raw, max = 200) {
    if (raw === undefined || raw.length > max || !/^[\x20-\x7e]*$/.test(raw))
        return undefined;
    return holdsSecret(raw) ? undefined : raw;
}
/**
 * A part of `raw` (a media type without its parameters, a URL's host or path), if `raw` holds
 * no secret of the step: a part of an echoed secret is still a part of it.
 */
function shownPart(raw, part) {
    if (!raw.includes(part) || !/^[\x21-\x7e]*$/.test(part))
        return undefined;
    return holdsSecret(raw) ? undefined : part;
}
/**
 * Where a redirect leads, as a message may show it: scheme, host and path, never userinfo or
 * query. The host and the path show only as `location` wrote them (URL lowercases a host and
 * percent-encodes a path), with no percent-encoding in them; `from`, the URL asked, gives the
 * host of a relative location.
 */
function shownLocation(to, location, from) {
    const ours = from !== undefined && to.host === from.host && !location.includes('//');
    const host = ours ? to.host : shownPart(location, to.host);
    const path = to.pathname.includes('%') ? undefined : shownPart(location, to.pathname);
    return `${to.protocol}//${host ?? WITHHELD}${path ?? `/${WITHHELD}`}`;
}
/**
 * A URL's path as a message may show it, or `/(not shown)` when it holds a secret of the step:
 * a same-origin redirect can lead anywhere its server likes, even to a path that echoes one.
 */
function shownPath(url) {
    const path = new URL(url).pathname;
    return holdsSecret(path) ? `/${WITHHELD}` : path;
}
function holdsSecret(raw) {
    if (secrets.size === 0)
        return false;
    const forms = [raw, decoded(raw), Buffer.from(raw, 'latin1').toString('utf8')].map((form) => form.toLowerCase());
    for (const secret of secrets)
        if (forms.some((form) => form.includes(secret)))
            return true;
    return false;
}
function decoded(raw) {
    try {
        return decodeURIComponent(raw.replace(/\+/g, ' '));
    }
    catch {
        return raw;
    }
}


/***/ }),

/***/ 6276:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  lt: () => (/* reexport */ Agents),
  oK: () => (/* binding */ Transport)
});

// UNUSED EXPORTS: tlsAlert

// EXTERNAL MODULE: external "node:http"
var external_node_http_ = __webpack_require__(7067);
// EXTERNAL MODULE: external "node:https"
var external_node_https_ = __webpack_require__(4708);
// EXTERNAL MODULE: external "node:net"
var external_node_net_ = __webpack_require__(7030);
// EXTERNAL MODULE: external "node:tls"
var external_node_tls_ = __webpack_require__(1692);
// EXTERNAL MODULE: ./src/http/proxy.ts
var http_proxy = __webpack_require__(7856);
// EXTERNAL MODULE: ./src/http/sockets.ts
var sockets = __webpack_require__(3174);
;// CONCATENATED MODULE: ./src/http/warm-agents.ts



/**
 * A connection opened before the step needs it, handed to the agent's first request for the
 * same host and port. Its TCP and TLS handshakes (and the CONNECT through a proxy) then run
 * while the rest of the action loads, instead of after it.
 */
class WarmConnection {
    key;
    tunnelled;
    socket;
    /**
     * The connection emitted an error. A TLS 1.3 server's alert (a client certificate it
     * wanted) comes after 'secureConnect', and the socket is destroyed only a little later: a
     * request given it meanwhile would wait for an error Node's HTTP client never reports,
     * since the socket had one already.
     */
    errored = false;
    /**
     * The connection once it is ready for a request (TLS handshake done); undefined if it
     * failed first. Why it failed is not kept: a request that needs it dials afresh and
     * meets (and reports) the failure itself.
     */
    ready;
    /** What the dial gave at once: the connection, or through a proxy the proxy's socket. */
    dialled;
    constructor(key, open, 
    /** Through a proxy the socket comes from the callback, once the tunnel is up. */
    tunnelled) {
        this.key = key;
        this.tunnelled = tunnelled;
        let dialled;
        this.ready = new Promise((resolve) => {
            const failed = () => resolve(undefined);
            const take = (socket) => {
                this.socket = socket;
                // Unreferenced until a request takes it: an unused warm connection (a step that
                // fails on its inputs) must not keep the process alive.
                unref(socket);
                socket.once('error', () => {
                    this.errored = true;
                    failed();
                });
                socket.once('close', failed);
                if (handshaking(socket))
                    socket.once('secureConnect', () => resolve(socket));
                else
                    resolve(socket);
            };
            dialled = open((error, socket) => {
                if (error)
                    failed();
                else if (socket && socket !== this.socket)
                    take(socket);
            });
            if (dialled && !tunnelled)
                take(dialled);
        });
        this.dialled = dialled;
    }
    /**
     * Gives the connection to the agent's callback once it is ready. One that failed, or that
     * the server has closed meanwhile, is replaced by a fresh one (`open`), so a request never
     * starts on a dead socket and the warm-up can never change how a failure is diagnosed.
     */
    handOver(created, open) {
        void this.ready.then((socket) => {
            if (!socket || this.errored || (0,sockets/* closed */.$h)(socket)) {
                this.discard();
                return dialAfresh(open, created, this.tunnelled);
            }
            ;
            socket.ref?.();
            created(null, socket);
        });
    }
    discard() {
        this.socket?.destroy();
    }
}
/**
 * As Node's agent does: a socket returned at once is the connection, else the callback gives
 * it. Through a proxy what comes back at once is the socket to the proxy, on which the tunnel
 * is still being opened: a request written there would reach the proxy in clear, so only
 * the callback's socket, the one inside the tunnel, is the connection.
 */
function dialAfresh(open, created, tunnelled) {
    const socket = open(created);
    if (socket && !tunnelled)
        created(null, socket);
}
function unref(socket) {
    ;
    socket.unref?.();
}
/** A TLS socket whose handshake has not finished: it has sent no Finished message yet. */
function handshaking(socket) {
    const tlsSocket = socket;
    return tlsSocket.encrypted === true && tlsSocket.getFinished?.() === undefined;
}
function keyOf(host, port) {
    return `${String(host)}:${String(port)}`;
}
/** The agents' shared part: keeps the warm connection and gives it to the matching socket. */
class WarmSlot {
    pending;
    /** Returns what the dial gave at once (WarmConnection.dialled). */
    fill(host, port, open, tunnelled) {
        this.pending?.discard();
        this.pending = new WarmConnection(keyOf(host, port), open, tunnelled);
        return this.pending.dialled;
    }
    /** True when the warm connection serves this socket (given to `created`, later). */
    serve(options, created, open) {
        const warm = this.pending;
        if (!warm || warm.key !== keyOf(options.host, options.port))
            return false;
        this.pending = undefined;
        warm.handOver(created, open);
        return true;
    }
    empty() {
        this.pending?.discard();
        this.pending = undefined;
    }
}
const atProxy = new WeakSet();
/**
 * Whether a connection failed on its leg to the proxy, not in the tunnel to the controller:
 * a certificate error is then the proxy's, and the message must name the proxy variable.
 */
function failedAtProxy(error) {
    return atProxy.has(error);
}
/**
 * What both agents add to Node's: the warm slot, served before the agent dials itself, and a
 * hold on every connection they open until it closes. Node's agent holds a connection only once
 * it is ready: through a proxy, not while the CONNECT and the TLS handshake in the tunnel are
 * under way, and never one whose request gave up waiting for it (a warm connection's handshake
 * that does not finish). Such a connection would keep a finished step from exiting.
 */
function withWarmSlot(BaseAgent) {
    return class extends BaseAgent {
        slot = new WarmSlot();
        opened = new Set();
        closed = false;
        createConnection(options, created) {
            const open = (done) => this.dial(options, done);
            if (this.slot.serve(options, created, open))
                return undefined;
            return open(created);
        }
        destroy() {
            this.closed = true;
            this.slot.empty();
            for (const socket of this.opened)
                socket.destroy();
            this.opened.clear();
            super.destroy();
        }
        dial(options, created) {
            // A warm connection that fails once the step has closed its agents (closing destroys
            // it) would otherwise be replaced by a fresh dial, for a request that is long gone: it
            // gets no connection, and holds nothing that could keep the step alive.
            if (this.closed)
                return undefined;
            // Through a proxy, Node's agent gives back the socket to the proxy at once and calls back
            // with the same socket when that leg fails (its TCP or TLS connection, or the CONNECT),
            // with the socket inside the tunnel when the handshake with the controller does.
            const socket = super.createConnection(options, (error, delivered) => {
                if (error && delivered !== undefined && delivered === socket)
                    atProxy.add(error);
                created(error, delivered);
            });
            if (socket && !socket.destroyed) {
                this.opened.add(socket);
                socket.once('close', () => this.opened.delete(socket));
            }
            return socket;
        }
    };
}
/** An https.Agent whose first connection can be opened ahead of its first request. */
class WarmHttpsAgent extends withWarmSlot(external_node_https_.Agent) {
    latest;
    /** Through a proxy, the socket the agent dials first is the proxy's (TLS to an https proxy). */
    tunnelled;
    /**
     * Through a proxy, the socket to the proxy of the newest connection dialled: the warm one, or
     * the one a request dialled itself (a step sends one request at a time). Node gives a request
     * nothing before the tunnel and the handshake in it are done, so this is all there is to see
     * of a connection that is not up yet.
     */
    toProxy;
    // Typed again: the mixin's constructor takes anything.
    constructor(options) {
        super(options);
        this.tunnelled = options.proxyEnv !== undefined;
    }
    /** The newest session the controller gave this agent's connections, if it gave one. */
    tlsSession() {
        return this.latest;
    }
    /**
     * Through a proxy, how far the newest connection got: its own connection to the proxy
     * ('proxy'), the CONNECT the proxy has not answered ('connect'), or the TLS handshake with
     * the controller inside the tunnel ('handshake'). Only watched, never read: Node reads the
     * proxy's answer from that socket (its bytesRead, which counts the cleartext for an https
     * proxy), and any answer but a 200 fails the connection at once. Undefined without a proxy.
     */
    tunnelStage() {
        const socket = this.toProxy;
        if (!socket)
            return undefined;
        if (socket.connecting || handshaking(socket))
            return 'proxy';
        return socket.bytesRead ? 'handshake' : 'connect';
    }
    dial(options, created) {
        const where = { host: String(options.host), port: Number(options.port) };
        const keep = (socket) => {
            // Node's agent keeps sessions too, but through a proxy it listens on the proxy's socket.
            socket?.on('session', (data) => {
                this.latest = { ...where, data };
            });
        };
        let first;
        first = super.dial(options, (error, delivered) => {
            // Through a proxy, the socket inside the tunnel: the one whose TLS is the controller's.
            // Node hands it over with its handshake done, and reports sessions only to a listener
            // there before they are made: TLS 1.3's come after the handshake, TLS 1.2's during it,
            // so that one is taken as it stands.
            if (this.tunnelled && !error && delivered !== first) {
                const tls = delivered;
                const data = tls?.getProtocol?.() === 'TLSv1.2' ? tls.getSession?.() : undefined;
                if (data)
                    this.latest = { ...where, data };
                keep(delivered);
            }
            created(error, delivered);
        });
        if (this.tunnelled)
            this.toProxy = first;
        else
            keep(first);
        return first;
    }
    /**
     * `tunnelled`: the agent goes through a proxy, so the socket comes after the CONNECT.
     * `socket`: a TCP connection to the host already under way, to put TLS over.
     * Returns the socket being dialled: through a proxy, the connection to the proxy.
     */
    warm(host, port, how) {
        const options = {
            ...this.options,
            host,
            port,
            ...(how.servername ? { servername: how.servername } : {}),
            ...(how.socket ? { socket: how.socket } : {}),
            ...(how.session ? { session: how.session } : {})
        };
        return this.slot.fill(host, port, (created) => this.dial(options, created), how.tunnelled);
    }
}
/** An http.Agent whose first connection can be opened ahead of its first request. */
class WarmHttpAgent extends withWarmSlot(external_node_http_.Agent) {
    constructor(options) {
        super(options);
    }
    /** `socket`: a TCP connection to the host already under way, to use as it is. */
    warm(host, port, socket) {
        // http.Agent keeps its constructor options as `options`, as https.Agent declares.
        const options = { ...this.options, host, port };
        return this.slot.fill(host, port, (created) => socket ?? this.dial(options, created), false);
    }
}

;// CONCATENATED MODULE: ./src/http/agents.ts





/**
 * Through an http:// proxy, no TLS starts until the proxy answers the CONNECT, which takes a
 * turn of the event loop at least: the roots (with a ca-certificate, 6 ms of parsing Node's
 * bundled ones, 20-25 ms with a system bundle in NODE_EXTRA_CA_CERTS) can then be set after
 * the dial instead of delaying it. Proxies need Node.js 24.5 (proxyFor), so the roots are the
 * process's defaults, which every TLS context created afterwards takes up. An https:// proxy
 * is dialled over TLS at once: not so.
 */
function rootsCanWait(proxy) {
    return proxy?.url.protocol === 'http:' && typeof external_node_tls_.setDefaultCACertificates === 'function';
}
/**
 * Settles once a client hello written now would leave at once: the TCP connection is up, or
 * it failed. Through a proxy it does not wait for the CONNECT's answer: on a network that
 * answer comes only after the proxy's own round trip to the controller, and waiting for it
 * would put the whole loading after that round trip instead of inside it.
 */
function helloCanGo(socket, tunnelled) {
    if (tunnelled || !(socket instanceof external_node_net_.Socket) || !socket.connecting)
        return Promise.resolve();
    return new Promise((resolve) => (0,sockets/* onFirst */.ST)(socket, ['connect', 'close'], resolve));
}
/**
 * The step's connections: one kept-alive agent per scheme and proxy, so every request of a
 * step rides one TCP connection and one TLS handshake (one CONNECT through a proxy). Node's
 * own agents carry the requests because @actions/http-client's tunnel agent opens a new
 * CONNECT per request and cannot bound a whole exchange in time or size.
 */
class Agents {
    settings;
    agents = new Map();
    secureContext;
    rootsSet = false;
    constructor(settings = {}) {
        this.settings = settings;
    }
    /** The agent for a request to `target`; throws an HttpError for an unusable proxy variable. */
    for(target, options = {}) {
        const proxy = (0,http_proxy/* proxyFor */.i)(target);
        const https = target.protocol === 'https:';
        const secureContext = https && !(options.rootsLater && rootsCanWait(proxy)) ? this.context() : undefined;
        // An https:// proxy is verified with the default roots, to which context() adds the
        // ca-certificate: for a plain-http controller behind it too.
        if (!https && proxy?.url.protocol === 'https:')
            this.context();
        const key = `${target.protocol}${proxy ? proxy.url.href : ''}`;
        let agent = this.agents.get(key);
        if (!agent) {
            const proxyEnv = proxy
                ? { [https ? 'HTTPS_PROXY' : 'HTTP_PROXY']: proxy.url.href }
                : undefined;
            const common = { keepAlive: true, maxSockets: 1, ...(proxyEnv ? { proxyEnv } : {}) };
            agent = https
                ? new WarmHttpsAgent({
                    ...common,
                    secureContext,
                    rejectUnauthorized: this.settings.rejectUnauthorized !== false
                })
                : new WarmHttpAgent(common);
            this.agents.set(key, agent);
        }
        return { agent, proxy };
    }
    /**
     * Opens the connection to `target` now, so that its TCP and TLS handshakes (and the CONNECT
     * through a proxy) overlap the rest of the step's start-up; the step's first request to that
     * origin takes it. Nothing is sent on it until then but the TLS handshake. `socket`, a TCP
     * connection to the target already under way (dialEarly), carries it when the target is
     * reached directly. Not for a plain-http request through a proxy, which the agent sends to
     * the proxy's address rather than dialling the host. Says whether `socket` was taken, and
     * when the connection is far enough for the client hello to leave at once (`helloCanGo`).
     */
    warm(target, socket, session) {
        const none = { tookSocket: false, helloCanGo: Promise.resolve() };
        let chosen;
        try {
            chosen = this.for(target, { rootsLater: true });
        }
        catch {
            return none; // an unusable proxy variable: the first request says so
        }
        const { agent, proxy } = chosen;
        const { host, port, ipAddress } = (0,sockets/* dialTarget */.Yy)(target);
        const early = proxy ? undefined : socket;
        let dialled;
        if (agent instanceof WarmHttpsAgent) {
            dialled = agent.warm(host, port, {
                // As the agent itself would: no TLS server name for an IP address.
                servername: ipAddress ? undefined : host,
                tunnelled: !!proxy,
                socket: early,
                session: session && (0,sockets/* resumesAt */.EQ)(session, target) ? session.data : undefined
            });
            if (rootsCanWait(proxy))
                this.rootsOnceConnectSent(dialled);
        }
        else if (agent instanceof WarmHttpAgent && !proxy) {
            dialled = agent.warm(host, port, early);
        }
        else
            return none;
        return { tookSocket: early !== undefined, helloCanGo: helloCanGo(early ?? dialled, !!proxy) };
    }
    /**
     * Sets the roots `for` left for later (rootsCanWait) as soon as the proxy is connected:
     * Node's agent writes the CONNECT in its own 'connect' listener, which runs before this one,
     * and the proxy's answer cannot be read, nor TLS start, before this listener has returned.
     * A dial that fails first sets them too, for the fresh dial of the first request.
     */
    rootsOnceConnectSent(proxySocket) {
        if (!(proxySocket instanceof external_node_net_.Socket) || !proxySocket.connecting)
            this.context();
        else
            (0,sockets/* onFirst */.ST)(proxySocket, ['connect', 'close'], () => this.context());
    }
    /**
     * The TLS session the controller gave these agents, for the next step to resume. A step
     * has one https agent (one origin, one proxy choice), so one session at most.
     */
    tlsSession() {
        for (const agent of this.agents.values()) {
            const session = agent instanceof WarmHttpsAgent ? agent.tlsSession() : undefined;
            if (session)
                return session;
        }
        return undefined;
    }
    /** Whether these agents verify certificates as `settings` asks, so a step may use them. */
    serves(settings) {
        return ((settings.ca ?? '') === (this.settings.ca ?? '') &&
            (settings.rejectUnauthorized !== false) === (this.settings.rejectUnauthorized !== false));
    }
    /** Closes the kept-alive connections, so that a finished step holds nothing open. */
    close() {
        for (const agent of this.agents.values())
            agent.destroy();
        this.agents.clear();
    }
    /**
     * Built once per step. The `ca` option would replace Node's roots, so the extra certificate
     * joins the default ones (which include NODE_EXTRA_CA_CERTS), as a default root of the
     * process: Node dials an https proxy with the default roots only, and the agents then need
     * no context of their own (parsing the 265 default roots into a second context cost 17 ms
     * of every step's start). Before Node 24.5, which cannot set the defaults, a context of the
     * agents' own carries them.
     */
    context() {
        if (!this.settings.ca || this.rootsSet)
            return this.secureContext;
        this.rootsSet = true;
        const roots = [...external_node_tls_.getCACertificates('default'), this.settings.ca];
        if (typeof external_node_tls_.setDefaultCACertificates === 'function')
            external_node_tls_.setDefaultCACertificates(roots);
        else
            this.secureContext = external_node_tls_.createSecureContext({ ca: roots });
        return this.secureContext;
    }
}

// EXTERNAL MODULE: ./src/http/errors.ts
var errors = __webpack_require__(8549);
// EXTERNAL MODULE: ./src/http/gateway.ts
var gateway = __webpack_require__(3022);
// EXTERNAL MODULE: ./src/http/server-text.ts
var server_text = __webpack_require__(4365);
;// CONCATENATED MODULE: ./src/http/redirects.ts


const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
// Paths that single sign-on gateways and Jenkins itself use for interactive login.
const LOGIN_PATH = /(^|\/)(login|signin|sign-in|sso|saml2?|oauth2?|openid|oidc|auth|adfs|cas)(\/|$)/i;
function isRedirect(status) {
    return REDIRECT_STATUSES.has(status);
}
/**
 * Where a redirect may be followed: the same origin (scheme, host and port: a missing trailing
 * slash, a path), or from http to https on the same host and port, as HSTS upgrades (80 to
 * 443, the default ports, or a port kept as it is). Every request carries the login secret,
 * and a POST the crumb and the session cookie, so any other target is an error: a different
 * port is a different origin, and may be a different server.
 */
function redirectTarget(from, location, status) {
    if (!location) {
        throw new errors/* HttpError */.j(`Jenkins answered HTTP ${status} without a Location header.`, status);
    }
    let to;
    try {
        to = new URL(location, from);
    }
    catch {
        throw new errors/* HttpError */.j(`Jenkins answered HTTP ${status} with an invalid Location header.`, status);
    }
    const where = (0,server_text/* shownLocation */.RI)(to, location, from);
    if (LOGIN_PATH.test(to.pathname)) {
        throw new errors/* HttpError */.j(`The request to ${(0,server_text/* shownPath */.pS)(from)} was redirected to a login page (${where}): a single sign-on gateway or reverse proxy in front of Jenkins answered instead of Jenkins. Use a jenkins-url that reaches Jenkins directly, or ask for API clients with HTTP Basic auth to be let through.`, status);
    }
    if (from.protocol === 'https:' && to.protocol !== 'https:') {
        throw new errors/* HttpError */.j(`The request to ${(0,server_text/* shownPath */.pS)(from)} was redirected from https to http (${where}); the action does not send credentials unencrypted. Fix the redirect on the server or proxy.`, status);
    }
    // URL leaves the port empty when it is the scheme's default.
    const upgrade = from.protocol === 'http:' &&
        to.protocol === 'https:' &&
        to.hostname === from.hostname &&
        to.port === from.port;
    if (!upgrade && to.origin !== from.origin) {
        throw new errors/* HttpError */.j(`The request to ${(0,server_text/* shownPath */.pS)(from)} was redirected to another origin (${where}); the action sends credentials only to the controller's own scheme, host and port. If that is the controller's real address, set jenkins-url to it.`, status);
    }
    return to;
}

;// CONCATENATED MODULE: ./src/http/tls-probe.ts


/** Connections a port resets or refuses say nothing of what it speaks once it listens. */
const NO_ANSWER_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'ETIMEDOUT']);
/**
 * Whether the host and port of a plain-http URL complete a TLS handshake: a port that serves
 * https, which closes a plain-HTTP request unanswered (Jetty) or answers it with bytes HTTP
 * cannot read. `no answer`: the connection was refused or reset, or the time ran out. Only
 * the handshake happens, and nothing is sent over it, so the certificate need not be
 * trusted: the answer only names the fix.
 */
function speaksTls(url, timeoutMs) {
    const { host, port, ipAddress } = (0,sockets/* dialTarget */.Yy)(url);
    return new Promise((resolve) => {
        const socket = (0,external_node_tls_.connect)({
            host,
            port,
            rejectUnauthorized: false,
            ...(ipAddress ? {} : { servername: host })
        });
        const done = (answer) => {
            clearTimeout(timer);
            socket.destroy();
            resolve(answer);
        };
        const timer = setTimeout(() => done('no answer'), timeoutMs);
        socket.once('secureConnect', () => done('tls'));
        socket.once('error', (error) => done(NO_ANSWER_CODES.has(error.code ?? '') ? 'no answer' : 'not tls'));
    });
}

;// CONCATENATED MODULE: ./src/http/transport.ts











// For a transport made without a step's settings (tests).
const NEUTRAL_LIMITS = {
    request: 'the limit per request',
    step: 'That is as long as this step tries.',
    starting: 'Try again once it has started.',
    gone: 'Try again once it answers again.'
};
class AttemptFailure extends Error {
    kind;
    stale;
    proxyFault;
    timedOut;
    maybeTlsPort;
    hopeless;
    answered;
    refused;
    dropped;
    constructor(message, kind, traits = {}) {
        super(message);
        this.kind = kind;
        this.stale = traits.stale ?? false;
        this.proxyFault = traits.proxyFault ?? false;
        this.timedOut = traits.timedOut ?? false;
        this.maybeTlsPort = traits.maybeTlsPort ?? false;
        this.hopeless = traits.hopeless ?? false;
        this.answered = traits.answered ?? false;
        this.refused = traits.refused ?? false;
        this.dropped = traits.dropped ?? false;
    }
}
const USER_AGENT = 'jenkins-token-action';
const MAX_REDIRECTS = 5;
const MAX_BODY_BYTES = 1024 * 1024;
const MAX_BACKOFF_MS = 10_000;
const TLS_PROBE_MS = 3_000;
const CLOSED_UNANSWERED = 'the connection was closed before Jenkins answered';
const CLOSED_MID_ANSWER = "the connection was closed in the middle of Jenkins's answer";
// When Jenkins answered, for a transport Jenkins has answered itself.
const IN_THIS_STEP = 'earlier in this step';
const STARTUP_POLL_MS = 2_000;
const PROGRESS_EVERY_MS = 10_000;
/**
 * A proxy's 4xx to the CONNECT that may pass, so the tunnel is asked for again: a timeout, a
 * rate limit, and Privoxy's 404 "No such domain" when its resolver failed. Any other is lasting.
 */
const TUNNEL_RETRIED_4XX = new Set([404, 408, 429]);
const UNSENT_CODES = new Set([
    'ECONNREFUSED',
    'ENOTFOUND',
    'EAI_AGAIN',
    'EHOSTUNREACH',
    'ENETUNREACH',
    'ERR_PROXY_TUNNEL'
]);
/**
 * What OpenSSL's verdict says about the chain beyond "untrusted". A trusted CA certificate
 * whose own issuer is missing ends no chain: OpenSSL verifies up to a root. A server that
 * sends its certificate alone leaves an intermediate to be found among the trusted ones.
 */
function chainHint(code) {
    if (code === 'UNABLE_TO_GET_ISSUER_CERT') {
        return ', with the root CA above it: a trusted intermediate CA alone ends no chain';
    }
    if (code === 'UNABLE_TO_VERIFY_LEAF_SIGNATURE') {
        return "; if it holds the root CA already, the server sends its certificate without the intermediate CA's: add the intermediate, or have the server send its full chain";
    }
    return '';
}
const UNTRUSTED_CERT_CODES = new Set([
    'DEPTH_ZERO_SELF_SIGNED_CERT',
    'SELF_SIGNED_CERT_IN_CHAIN',
    'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
    'UNABLE_TO_GET_ISSUER_CERT',
    'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
    'CERT_SIGNATURE_FAILURE'
]);
// OpenSSL's other names for a certificate it will not verify (X509_verify_cert_error_string).
const CERTIFICATE_VERDICTS = new Set([
    'INVALID_CA',
    'INVALID_PURPOSE',
    'PATH_LENGTH_EXCEEDED',
    'HOSTNAME_MISMATCH',
    'UNABLE_TO_DECRYPT_CERT_SIGNATURE',
    'UNABLE_TO_DECODE_ISSUER_PUBLIC_KEY',
    'ERROR_IN_CERT_NOT_BEFORE_FIELD',
    'ERROR_IN_CERT_NOT_AFTER_FIELD',
    'UNABLE_TO_GET_CRL',
    'KEYUSAGE_NO_CERTSIGN'
]);
// Node's codes for a header name or value it will not send.
const HEADER_CODES = new Set([
    'ERR_INVALID_CHAR',
    'ERR_INVALID_HTTP_TOKEN',
    'ERR_HTTP_INVALID_HEADER_VALUE'
]);
class Transport {
    options;
    started = Date.now();
    deadline;
    backoffMs;
    agents;
    waitStarted;
    /**
     * The wait under way began with Jenkins's own page for starting or restarting. Jenkins#restart
     * shows its restarting page, then the process is gone and the port refuses connections (a
     * reverse proxy or CDN in front answers for it: isGoneStatus), then the new one loads: those
     * refusals are a phase of the restart, not a wrong URL or a broken gateway.
     */
    sawStartingPage = false;
    /**
     * Jenkins answered a request of this step (with anything but a proxy's 5xx for a controller
     * it cannot reach): its address is right.
     */
    answeredHere = false;
    /**
     * A connection was refused after Jenkins answered the step, or a reverse proxy answered for it
     * and a GET at the root confirmed it (confirmedGone), and none has answered since: no wrong
     * URL to fail fast on, but a controller that went away, restarting without its restarting page
     * (a container or pod restarted, a supervisor restarting a crashed process) or crashed. Like
     * the restarting page, it makes the refused and dropped connections, and the proxy's 5xx,
     * that follow a phase of a restart, waited for as long as its pages are. A reset alone does
     * not: a proxy or Jenkins may close one request's connection while serving all others.
     */
    wentAway = false;
    /**
     * The wait for a controller gone behind its proxy ran out: from then its proxy's 5xx are
     * retried as any 5xx, with the request's retries, until Jenkins answers again.
     */
    waitedOut = false;
    lastProgress = 0;
    /** The wait and reason the last progress line gave: a new one is said at once. */
    lastWhy;
    /** What a failed plain-http request's port answered when asked for TLS (tlsPortFailure). */
    tlsAnswer;
    constructor(options) {
        this.options = options;
        this.deadline = Date.now() + options.budgetMs;
        this.backoffMs = options.backoffMs ?? 500;
        this.agents =
            options.agents?.serves(options.tls ?? {}) === true ? options.agents : new Agents(options.tls);
        if (options.agents && options.agents !== this.agents)
            options.agents.close();
    }
    get limits() {
        return this.options.limits ?? NEUTRAL_LIMITS;
    }
    /** The TLS session the controller gave this step, for the next step to resume. */
    tlsSession() {
        return this.agents.tlsSession();
    }
    /** Ends the step's kept-alive connection. */
    close() {
        this.agents.close();
    }
    /**
     * Sends a request, retrying connection failures, timeouts, 5xx and 429 (honouring
     * Retry-After) but never 4xx, and waiting for a controller that is starting. `build` may
     * give each attempt a different request: a mint names every attempt differently, so no
     * retry can hide a token behind another's name.
     */
    async request(build, observer = {}) {
        let lastFailure = '';
        let retriesUsed = 0;
        let staleRetried = false;
        // Where to ask, with GETs without credentials, whether a restart met by a POST is over
        // before the POST goes again: between the restarting page and the loading one there is no
        // Jenkins, and through a proxy a POST sent then gets a 502 after which nobody can say
        // whether a token was made.
        let probeAt;
        // One GET at the root per request tells a controller gone from a gateway failing this path
        // only: the retries of a path-only failure need no second one.
        let rootAsked = false;
        if (this.options.triesPerRequest) {
            this.deadline = Math.max(this.deadline, Date.now() + this.triesAllowance());
        }
        for (let attempt = 0;; attempt++) {
            // Before the request is built: building a mint's attempt records it as possibly made.
            if (probeAt) {
                const stillStarting = await this.untilServing(probeAt);
                probeAt = undefined;
                if (stillStarting)
                    return stillStarting;
            }
            const remaining = this.deadline - Date.now();
            if (remaining <= 0)
                throw this.outOfTime(attempt, lastFailure);
            const request = typeof build === 'function' ? build(attempt) : build;
            const idempotent = request.method === 'GET';
            const path = (0,server_text/* shownPath */.pS)(request.url);
            const started = Date.now();
            let askedPause;
            try {
                const response = await this.followRedirects(request, Math.min(this.options.timeoutMs, remaining));
                this.options.debug(`${request.method} ${path} -> ${response.status} (${Date.now() - started} ms)`);
                let verdict = this.options.judge?.(response);
                const starting = verdict !== 'starting' ? await this.startingBehind(response) : undefined;
                if (starting)
                    verdict = 'starting';
                if (verdict === 'starting' || !isGoneStatus(response.status)) {
                    this.answeredHere = true;
                    this.waitedOut = false;
                }
                if (verdict === 'starting') {
                    // A 5xx may follow work done before the controller began to restart.
                    if (starting && this.mayFollowWork(response))
                        observer.uncertain?.(attempt);
                    else
                        observer.unprocessed?.(attempt);
                    this.sawStartingPage = true;
                    const wait = this.startupPause('loading', startingReason(response.status, starting));
                    // Out of time: the page itself says what the controller is doing.
                    if (wait === undefined)
                        return starting ?? response;
                    if (!idempotent)
                        probeAt = response.url;
                    await sleep(wait);
                    continue;
                }
                // After a starting page, a proxy's 5xx is the restart's phase without a process: the
                // proxy cannot reach Jenkins. So is one without Jenkins's header after Jenkins answered
                // this step, once the root fails too, as the refused connections are. A bare one is
                // not: a wrong URL or a broken gateway; nor one on this path only.
                const gone = verdict === undefined && isGoneStatus(response.status);
                // Asked only where its answer changes what follows: a POST with no retry left is
                // answered with this 5xx either way.
                const goesAgain = idempotent || retriesUsed < this.options.retries;
                if (gone && goesAgain && !rootAsked && this.gatewayFor(response)) {
                    rootAsked = true;
                    if (await this.confirmedGone())
                        this.wentAway = true;
                }
                const proxyBetween = gone && (this.sawStartingPage || this.wentAway);
                if (!proxyBetween)
                    this.endWait();
                if (!isTransientStatus(response.status))
                    return response;
                if (this.mayFollowWork(response))
                    observer.uncertain?.(attempt);
                else
                    observer.unprocessed?.(attempt);
                if (verdict === 'final')
                    return response;
                if (proxyBetween) {
                    // A GET is its own poll. A POST so answered may have been taken: it counts as a
                    // retry, and only a GET goes while the wait lasts.
                    const waitingFor = this.waitingFor(true);
                    const wait = goesAgain
                        ? this.startupPause('loading', goneReason({ status: response.status }, waitingFor), waitingFor)
                        : undefined;
                    if (wait !== undefined) {
                        if (!idempotent) {
                            retriesUsed++;
                            probeAt = response.url;
                        }
                        lastFailure = `HTTP ${response.status}`;
                        await sleep(wait);
                        continue;
                    }
                    this.waitedOut = this.wentAway;
                    this.endWait();
                }
                if (retriesUsed >= this.options.retries)
                    return response;
                lastFailure = `HTTP ${response.status}`;
                // Waited in full: an earlier retry only meets the same refusal (or a rate limiter's
                // harsher one). A wait past the step's time ends the step at once, saying so.
                askedPause = retryAfterMs(response.headers['retry-after']);
            }
            catch (error) {
                // A redirect the action will not follow: the server answered without acting on it.
                if (error instanceof errors/* HttpError */.j)
                    observer.unprocessed?.(attempt);
                if (!(error instanceof AttemptFailure))
                    throw error;
                this.options.debug(`${request.method} ${path} failed: ${error.message} (${Date.now() - started} ms)`);
                if (error.kind === 'uncertain')
                    observer.uncertain?.(attempt);
                else if (error.kind === 'unsent' && observer.unsent)
                    observer.unsent(attempt);
                else
                    observer.unprocessed?.(attempt);
                if (error.kind === 'unbuildable') {
                    throw new errors/* HttpError */.j(`Could not send ${request.method} ${path}: ${error.message}`);
                }
                lastFailure = error.message;
                if (error.stale && !staleRetried) {
                    staleRetried = true;
                    continue;
                }
                // A service container refuses or drops connections until Jenkins listens; a controller
                // that showed its restarting page, or answered in this step, and then does is restarting
                // (or crashed), and is waited for as long as its pages are, wait-seconds or not.
                const startup = this.options.startup;
                if (this.served && error.refused)
                    this.wentAway = true;
                const gone = this.sawStartingPage || (this.wentAway && error.dropped);
                const waitable = !error.proxyFault && !error.hopeless && !error.timedOut && !error.answered;
                let phase;
                if (waitable && gone) {
                    // Sent again only if it cannot have been acted on, or acts on nothing: a POST that may
                    // have been taken counts as a retry (below).
                    if (error.kind === 'unsent' || (error.kind === 'uncertain' && idempotent)) {
                        phase = 'loading';
                    }
                }
                else if (waitable && startup?.unreachableMs) {
                    // A reset after the request was sent is waited for only when wait-seconds asks: a
                    // mint sent again into it may make one more token each time.
                    if (error.kind === 'unsent' ||
                        (error.kind === 'uncertain' && startup.unreachableAfterSend)) {
                        phase = 'unreachable';
                    }
                }
                // A POST to a controller gone, waited for or sent again as a retry, goes only once GETs
                // without credentials find Jenkins serving, so that it is not spent on one still gone.
                if (gone && waitable && !idempotent && startup?.loadingMs)
                    probeAt = request.url;
                if (phase) {
                    const wait = this.startupPause(phase, `its connection fails: ${error.message}`, this.waitingFor(gone));
                    if (wait !== undefined) {
                        await sleep(wait);
                        continue;
                    }
                }
                if (error.kind === 'permanent' || error.hopeless || retriesUsed >= this.options.retries) {
                    const tries = attempt + 1;
                    throw new errors/* HttpError */.j(`Could not reach Jenkins (${request.method} ${path}${tries > 1 ? `, ${tries} attempts` : ''}): ${error.message}${this.goneSince(error)}`);
                }
            }
            retriesUsed++;
            const wait = askedPause ?? this.backoff(retriesUsed - 1);
            if (Date.now() + wait >= this.deadline) {
                throw this.outOfTime(attempt + 1, lastFailure, askedPause);
            }
            this.options.debug(`retrying ${request.method} ${path} in ${wait} ms`);
            await sleep(wait);
        }
    }
    /** Jenkins answered at this address, in this step or before it (answeredEarlier). */
    get served() {
        return this.answeredHere || this.options.answeredEarlier !== undefined;
    }
    /** When Jenkins last answered, as the messages say it: after "Jenkins answered". */
    get answeredWhen() {
        return this.answeredHere ? IN_THIS_STEP : (this.options.answeredEarlier ?? IN_THIS_STEP);
    }
    /** mayFollowWork, unless the answer's own words say the controller acted on nothing. */
    mayFollowWork(response) {
        return mayFollowWork(response) && !this.options.actedOnNothing?.(response);
    }
    /**
     * The answer, judged `starting`, of the one request askAnonymously names for this response:
     * undefined when there is none, or it fails, or it says anything else.
     */
    async startingBehind(response) {
        const url = this.options.askAnonymously?.(response);
        const left = this.deadline - Date.now();
        if (!url || left <= 0)
            return undefined;
        try {
            const answer = await this.followRedirects({ method: 'GET', url, headers: {} }, Math.min(this.options.timeoutMs, left));
            this.options.debug(`GET ${(0,server_text/* shownPath */.pS)(url)} -> ${answer.status} (without credentials)`);
            return this.options.judge?.(answer) === 'starting' ? answer : undefined;
        }
        catch {
            return undefined;
        }
    }
    /**
     * Asks `url` with GETs without credentials, as startingBehind does, until the controller seen
     * starting or restarting serves again: an answer that is not its starting page, nor a
     * proxy's 5xx, nor a failed connection. Once Jenkins is up, such a GET acts on nothing, and
     * it carries no secret. Returns the starting page if the wait ran out on it (the caller says
     * the controller is still starting), undefined once the request may go; throws if the wait
     * ran out while the controller was gone. A failure that says nothing about a restart (a
     * proxy's own, a timeout, a certificate) ends the polls: the request meets it and says so.
     */
    async untilServing(url) {
        const path = (0,server_text/* shownPath */.pS)(url);
        for (;;) {
            const polled = await this.pollServing(url);
            if (polled === undefined)
                return undefined;
            const { page, gone } = polled;
            const waitingFor = this.waitingFor(gone !== undefined);
            const why = gone
                ? goneReason(gone, waitingFor)
                : startingReason(page?.status ?? 503, undefined);
            const wait = this.startupPause('loading', why, waitingFor);
            if (wait === undefined) {
                if (!gone)
                    return page;
                if (this.sawStartingPage) {
                    throw new errors/* HttpError */.j(`Jenkins did not come back from its restart within the wait: ${why}. Nothing more was sent to ${path}. ${this.limits.starting}`);
                }
                // No restarting page: Jenkins was last seen answering this step.
                const stopped = 'status' in gone ? 'then stopped answering' : 'then stopped taking connections';
                throw new errors/* HttpError */.j(`Jenkins answered ${this.answeredWhen}, ${stopped} (it is restarting, or it crashed), and did not come back within the wait: ${why}. Nothing more was sent to ${path}. ${this.limits.gone}`);
            }
            await sleep(wait);
        }
    }
    /**
     * One GET of untilServing's: the starting page (`page`), or how the controller is `gone`
     * with the proxy's answer if one came; undefined once Jenkins serves, the step's time is up,
     * or the failure says nothing about a restart.
     */
    async pollServing(url) {
        const path = (0,server_text/* shownPath */.pS)(url);
        const left = this.deadline - Date.now();
        if (left <= 0)
            return undefined;
        const started = Date.now();
        try {
            const answer = await this.followRedirects({ method: 'GET', url, headers: {} }, Math.min(this.options.timeoutMs, left));
            this.options.debug(`GET ${path} -> ${answer.status} (${Date.now() - started} ms, without credentials)`);
            const verdict = this.options.judge?.(answer);
            if (verdict === 'starting')
                return { page: answer };
            if (verdict === undefined && isGoneStatus(answer.status)) {
                return { gone: { status: answer.status }, answer };
            }
            return undefined;
        }
        catch (error) {
            if (!(error instanceof AttemptFailure))
                return undefined;
            this.options.debug(`GET ${path} failed: ${error.message} (${Date.now() - started} ms, without credentials)`);
            if (error.proxyFault ||
                error.hopeless ||
                error.timedOut ||
                (error.kind !== 'unsent' && error.kind !== 'uncertain')) {
                return undefined;
            }
            return { gone: { failure: error.message } };
        }
    }
    /**
     * Whether a gateway's 5xx met after Jenkins answered the step is for a controller gone: the
     * root, asked once as untilServing asks, is not served either (its starting page, a proxy's
     * 5xx without Jenkins's header, a refused or dropped connection). Jenkins answering there,
     * with any status, leaves the failure to that path (a lasting 504 on one slow endpoint),
     * whose retries end it, not a wait of up to wait-seconds.
     */
    async confirmedGone() {
        const { root, startup } = this.options;
        // No wait could follow: nothing to ask.
        if (!root || !startup?.loadingMs)
            return false;
        const polled = await this.pollServing(root);
        if (polled === undefined)
            return false;
        return polled.answer === undefined || !hasJenkinsHeader(polled.answer.headers);
    }
    /**
     * What a failed connection means once Jenkins has answered in this step: not a wrong address
     * (the bare refusal's hint), but a controller that went away.
     */
    goneSince(error) {
        if (!this.wentAway || !error.dropped)
            return '';
        return `. Jenkins answered at this address ${this.answeredWhen}, then stopped taking connections: it is restarting, or it crashed. ${this.limits.gone}`;
    }
    /**
     * What may be a reverse proxy's answer for a controller that answered this step and is now
     * gone, or its answer for one path only (confirmedGone tells them apart): a 5xx of
     * isGoneStatus without Jenkins's own headers (Jenkins's own 5xx carry them, unless a
     * hardened proxy strips them), unless a wait is already under way (its restarting page, or a
     * controller already gone) or the wait for it ran out. Not a 503 that says when to come back
     * (Retry-After): a limit or maintenance, whose wait is honoured as it asks.
     */
    gatewayFor(response) {
        const limited = response.headers['retry-after'] !== undefined;
        const waiting = this.sawStartingPage || this.wentAway;
        return (this.served && !waiting && !this.waitedOut && !hasJenkinsHeader(response.headers) && !limited);
    }
    /**
     * What a wait for a controller that is `gone` (no connection, or a proxy answering for it) is
     * for: it may be a restart's phase after its page, or a controller that went away unannounced.
     */
    waitingFor(gone) {
        return gone && this.wentAway && !this.sawStartingPage ? 'return' : 'start';
    }
    /** An answer that is no phase of a start or restart: the next wait starts afresh. */
    endWait() {
        this.waitStarted = undefined;
        this.sawStartingPage = false;
        this.wentAway = false;
    }
    /**
     * The pause before asking a starting controller again, or undefined once the wait is over
     * (or none was allowed). Says every ten seconds how long the step has waited.
     */
    startupPause(kind, why, waitingFor = 'start') {
        const startup = this.options.startup;
        const limit = kind === 'loading' ? startup?.loadingMs : startup?.unreachableMs;
        if (!startup || !limit)
            return undefined;
        const now = Date.now();
        this.waitStarted ??= now;
        const waited = now - this.waitStarted;
        const left = Math.min(limit - waited, this.deadline - now - this.options.timeoutMs);
        if (left <= 0)
            return undefined;
        // A restart's phases each say why at once: its page, the proxy's 502, the loading page.
        const said = `${waitingFor}: ${why}`;
        if (waited === 0 || said !== this.lastWhy || now - this.lastProgress >= PROGRESS_EVERY_MS) {
            this.lastProgress = now;
            this.lastWhy = said;
            startup.progress(waited, limit, why, waitingFor, this.answeredWhen);
        }
        return Math.min(STARTUP_POLL_MS, left);
    }
    /**
     * The step's time is up, or will be before the next attempt could start. `retryAfterMs`: the
     * wait Jenkins asked for, which is then the reason, not the time spent.
     */
    outOfTime(attempts, lastFailure, retryAfterMs) {
        const spent = Date.now() - this.started;
        if (attempts === 0) {
            // The requests before this one (or a wait for a starting controller) used the time up.
            return new errors/* HttpError */.j(`Timed out: the step's time ran out (${Math.round(spent / 1000)} s) before its next request to Jenkins could be sent. ${this.limits.step}`);
        }
        const tried = `after ${attempts} attempt${attempts === 1 ? '' : 's'} and ${Math.round(spent / 1000)} s${lastFailure ? ` (last: ${lastFailure})` : ''}`;
        if (retryAfterMs !== undefined) {
            return new errors/* HttpError */.j(`Gave up on Jenkins ${tried}: it asked to be tried again in ${Math.round(retryAfterMs / 1000)} s (Retry-After), later than this step's time allows. ${this.limits.step}`);
        }
        return new errors/* HttpError */.j(`Timed out: gave up on Jenkins ${tried}. ${this.limits.step}`);
    }
    /** How long a request's attempts and the pauses between them take at most. */
    triesAllowance() {
        let pauses = 0;
        for (let retry = 0; retry < this.options.retries; retry++)
            pauses += this.backoffCeiling(retry);
        return (this.options.retries + 1) * this.options.timeoutMs + pauses;
    }
    backoffCeiling(retry) {
        return Math.min(MAX_BACKOFF_MS, this.backoffMs * 2 ** retry);
    }
    backoff(retry) {
        const ceiling = this.backoffCeiling(retry);
        return Math.round(ceiling / 2 + Math.random() * (ceiling / 2));
    }
    async followRedirects(request, timeoutMs) {
        const until = Date.now() + timeoutMs;
        // The step's time, not timeout-seconds, set this attempt's limit: messages must say so.
        const limit = { ms: timeoutMs, cut: timeoutMs < this.options.timeoutMs };
        let url = new URL(request.url);
        let method = request.method;
        let body = request.form ? new URLSearchParams(request.form).toString() : null;
        // Where the last redirect led, as a message may show it (server-text.ts).
        let shown = (0,server_text/* shownPath */.pS)(url);
        for (let hop = 0;; hop++) {
            const cookie = await request.cookies?.header(url.href);
            const headers = { ...request.headers, ...(cookie ? { cookie } : {}) };
            const response = await this.send(method, url, headers, body, until - Date.now(), limit).catch((error) => this.tlsPortFailure(error, url, until));
            const setCookie = response.headers['set-cookie'];
            if (setCookie && request.cookies)
                await request.cookies.store(url.href, setCookie);
            if (!isRedirect(response.status))
                return response;
            if (hop >= MAX_REDIRECTS) {
                throw new errors/* HttpError */.j(`Too many redirects, last to ${shown}: check jenkins-url.`);
            }
            const location = response.headers.location;
            const next = redirectTarget(url, location, response.status);
            const from = shown;
            shown = (0,server_text/* shownLocation */.RI)(next, location ?? '', url);
            this.options.debug(`${method} ${from} redirected (${response.status}) to ${shown}`);
            if (response.status === 303) {
                method = 'GET';
                body = null;
            }
            url = next;
        }
    }
    /** One HTTP exchange on the step's connection, bounded by timeoutMs from start to end. */
    send(method, url, headers, body, timeoutMs, limit) {
        if (timeoutMs <= 0) {
            return Promise.reject(new AttemptFailure(timedOut(this.within(limit), undefined), 'uncertain', {
                timedOut: true
            }));
        }
        let agent;
        let proxy;
        try {
            ;
            ({ agent, proxy } = this.agents.for(url));
        }
        catch (error) {
            return Promise.reject(new AttemptFailure(error.message, 'permanent'));
        }
        let req;
        try {
            req = (url.protocol === 'https:' ? external_node_https_ : external_node_http_).request(url, {
                method,
                agent,
                headers: {
                    'user-agent': USER_AGENT,
                    ...headers,
                    ...(body === null
                        ? {}
                        : {
                            'content-type': 'application/x-www-form-urlencoded',
                            'content-length': Buffer.byteLength(body)
                        })
                }
            });
        }
        catch (error) {
            // Thrown before a socket is asked for: nothing can have gone out.
            return Promise.reject(new AttemptFailure(unbuildable(error), 'unbuildable'));
        }
        return new Promise((resolve, reject) => {
            // Whether the request can have reached the controller: its connection (for https, its
            // TLS session; through a proxy, the tunnel) was up, so the bytes may have gone out.
            let connected = false;
            let closedBeforeSend = false;
            // The answer's head had come: a connection lost now cut the answer off.
            let answered = false;
            const plainHttp = url.protocol === 'http:';
            const fail = (error) => {
                clearTimeout(timer);
                reject(this.failure(error, {
                    connected,
                    closedBeforeSend,
                    answered,
                    proxy,
                    plainHttp,
                    target: url
                }));
            };
            const timer = setTimeout(() => {
                // The attempt ends here, before destroy(): a request still waiting for its connection
                // (a TLS handshake or a proxy's CONNECT that never completes) gets no 'error' from
                // destroy() until a socket comes, if one ever does, and the connection is closed with
                // the agents. Whatever error destroy() brings later finds the attempt settled.
                const stage = agent instanceof WarmHttpsAgent ? agent.tunnelStage() : undefined;
                reject(this.timedOut({ connected, answered, proxy, plainHttp, target: url, stage }, limit));
                req.destroy();
            }, timeoutMs);
            req.on('socket', (socket) => {
                if (!req.reusedSocket) {
                    if (!socket.connecting)
                        connected = true;
                    // TLS to the controller, or to an https:// proxy in front of a plain-http one: up
                    // only once its handshake is.
                    else
                        socket.once(socket.encrypted ? 'secureConnect' : 'connect', () => {
                            connected = true;
                        });
                    req.end(body ?? undefined);
                    return;
                }
                // A kept-alive socket: the server may have closed it while it was idle, its FIN not
                // read yet. The event loop reads it (a poll phase) before anything is written, so a
                // closed one fails with the request unsent (and is tried again at once) instead of
                // taking a POST into a connection the server had closed, after which nobody could
                // say whether Jenkins acted on it.
                closedBeforeSend = true;
                afterPendingEvents(() => {
                    if ((0,sockets/* closed */.$h)(socket)) {
                        req.destroy(new Error('the kept-alive connection had been closed'));
                        return;
                    }
                    closedBeforeSend = false;
                    connected = true;
                    req.end(body ?? undefined);
                });
            });
            // An answer the exchange stops reading: the connection goes, and so does the timer.
            const abandon = (failure) => {
                req.destroy();
                clearTimeout(timer);
                reject(failure);
            };
            const tooLarge = () => abandon(new AttemptFailure('the answer was larger than 1 MiB', 'uncertain'));
            req.on('response', (res) => {
                // Jenkins never asks for proxy credentials: a plain-http request that a proxy carries
                // gets this from the proxy, which forwarded nothing.
                if (proxy && res.statusCode === 407) {
                    return abandon(new AttemptFailure(`${namedProxy(proxy)} asked for credentials (HTTP 407): ${proxyCredentialsHint(proxy)}`, 'permanent'));
                }
                // A plain-http request goes to the proxy whole, and the proxy dials the controller: its
                // own page saying that dial failed is no answer of Jenkins's (see proxyDialFailure).
                const dialFailed = proxy && url.protocol === 'http:' ? proxyDialFailure(res) : undefined;
                if (proxy && dialFailed) {
                    return abandon(new AttemptFailure(proxyUnreached(proxy, url, dialFailed), 'unsent'));
                }
                if (Number(res.headers['content-length']) > MAX_BODY_BYTES)
                    return tooLarge();
                answered = true;
                const chunks = [];
                let size = 0;
                res.on('data', (chunk) => {
                    size += chunk.length;
                    if (size > MAX_BODY_BYTES)
                        tooLarge();
                    else
                        chunks.push(chunk);
                });
                res.on('end', () => {
                    clearTimeout(timer);
                    resolve({
                        status: res.statusCode ?? 0,
                        headers: res.headers,
                        body: Buffer.concat(chunks).toString('utf8'),
                        url: url.href
                    });
                });
                res.on('error', (error) => fail(error));
                res.on('close', () => {
                    if (!res.complete)
                        fail(new Error('socket hang up'));
                });
            });
            req.on('error', (error) => fail(error));
        });
    }
    timedOut(at, limit) {
        const within = this.within(limit);
        if (at.answered) {
            return new AttemptFailure(unfinished(within, at.proxy), 'uncertain', { timedOut: true });
        }
        return at.connected
            ? new AttemptFailure(timedOut(within, at.proxy), 'uncertain', { timedOut: true })
            : new AttemptFailure(notConnected(within, at), 'unsent');
    }
    /** The limit an attempt ran out of, in words. */
    within(limit) {
        return limit.cut
            ? `within the ${seconds(limit.ms)} s left of the step's time`
            : `within ${seconds(this.options.timeoutMs)} s (${this.limits.request})`;
    }
    failure(error, exchange) {
        const { connected, proxy } = exchange;
        if (error instanceof AttemptFailure)
            return error;
        const code = error.code ?? '';
        if (exchange.closedBeforeSend) {
            return new AttemptFailure('the kept-alive connection had been closed', 'unsent', {
                stale: true
            });
        }
        // Before the connection is up, a network error is the proxy's when there is one.
        if (proxy && !connected && code !== 'ERR_PROXY_TUNNEL' && !isCertificateCode(code)) {
            return new AttemptFailure(`could not use ${namedProxy(proxy)} (${code || error.message}). Check ${proxy.variable}, or ${bypassing(exchange.target)}.`, 'unsent', { proxyFault: true });
        }
        const alert = tlsAlert(code, error.message);
        // A TLS failure is the proxy's own when its leg failed, or when only the proxy speaks TLS.
        const atTheProxy = proxy && (exchange.plainHttp || failedAtProxy(error)) ? proxy : undefined;
        if (alert === 'client certificate') {
            // TLS 1.3: the client counts the handshake done before the server has checked its
            // certificate, so this alert comes after 'secureConnect', yet nothing was taken.
            const who = atTheProxy ? namedProxy(atTheProxy) : 'the controller, or what is in front of it,';
            return new AttemptFailure(`${who} asks for a client certificate (mutual TLS) and refused the connection without one (${code}); the action does not send one. Reach Jenkins by a way that does not require it.`, 'permanent');
        }
        if (alert && connected) {
            // The server refused a record it could not read (damaged on the way): the request, or
            // the handshake's last message before it, was not taken, so it may be sent again.
            return new AttemptFailure(`the server refused the TLS connection after its handshake (${code}): a record was damaged on the way, by something between the runner and Jenkins (a proxy, a load balancer or a network appliance)`, 'unsent');
        }
        // Any other TLS error once the handshake had finished may come after the request went out
        // and Jenkins acted on it.
        if (!alert && isTlsError(code) && connected) {
            return new AttemptFailure(`the TLS connection failed after its handshake (${code}), once the request may have gone out: something between the runner and Jenkins (a proxy, a load balancer or a network appliance) broke the encrypted stream`, 'uncertain');
        }
        if (atTheProxy && isCertificateCode(code))
            return proxyTlsFailure(code, atTheProxy);
        if (UNTRUSTED_CERT_CODES.has(code)) {
            return new AttemptFailure(`the controller's TLS certificate is not signed by a trusted CA (${code}). Put the PEM certificate of the CA that signed it in the ca-certificate input${chainHint(code)}.`, 'permanent');
        }
        if (code === 'CERT_HAS_EXPIRED') {
            return new AttemptFailure("the controller's TLS certificate has expired (CERT_HAS_EXPIRED). Renew it on the server.", 'permanent');
        }
        if (code === 'ERR_TLS_CERT_ALTNAME_INVALID') {
            return new AttemptFailure(`the controller's TLS certificate does not name this host (${code}). Use a jenkins-url host name that the certificate lists.`, 'permanent');
        }
        if (code === 'CERT_NOT_YET_VALID') {
            return new AttemptFailure("the controller's TLS certificate is not valid yet (CERT_NOT_YET_VALID): it starts later than the runner's clock says. Check the certificate's dates on the server, and the clocks.", 'permanent');
        }
        if (alert) {
            // An alert is TLS: the port serves https, but the server ended the handshake, most
            // often as it shares no TLS version or cipher suite with the runner's Node.js. Other
            // alerts (an unrecognized name, an internal error) say so in the words shown.
            return new AttemptFailure(`the controller's TLS server ended the handshake with an alert (${code}${alertWords(error.message)}): the port serves https, but the server refused the handshake, most often as it shares no TLS version or cipher suite with the runner's Node.js (which needs TLS 1.2 or later). Have the server accept TLS 1.2 or 1.3 with current cipher suites, or fix what the alert names.`, 'permanent');
        }
        if (isTlsError(code)) {
            return new AttemptFailure(`the TLS handshake failed (${code}): does the URL's port serve https? Use http:// in jenkins-url for a plain-HTTP port.`, 'permanent');
        }
        // Any other verdict on the certificate: a retry meets the same certificate.
        if (isCertificateVerdict(code)) {
            return new AttemptFailure(`the controller's TLS certificate was refused (${code}: ${error.message}). Fix the certificate on the server; for one from a private CA, put that CA's PEM certificate in the ca-certificate input.`, 'permanent');
        }
        if (code === 'ERR_PROXY_TUNNEL') {
            const status = error.statusCode;
            // A CONNECT's answer is the proxy's own; tinyproxy answers 401, not 407, to credentials
            // it turns down.
            const refused = status === 407 || status === 401;
            const hint = !proxy
                ? ''
                : refused
                    ? `: ${namedProxy(proxy)} requires authentication; ${proxyCredentialsHint(proxy)}`
                    : tunnelFailedHint(proxy, exchange.target);
            // 403: the proxy's rules forbid the tunnel (tinyproxy's ConnectPort, Squid's default
            // `http_access deny CONNECT !SSL_ports`, which allows port 443 alone). Its own decision,
            // made before it dialled anything: asking again meets the same rules.
            if (status === 403 && proxy)
                return tunnelForbidden(proxy, exchange.target);
            // Any other 4xx (405 from a server that takes no CONNECT, 400 from one that cannot read
            // it) is as much the proxy's own answer, and as lasting, but for TUNNEL_RETRIED_4XX.
            if (status &&
                status >= 400 &&
                status < 500 &&
                !TUNNEL_RETRIED_4XX.has(status) &&
                !refused &&
                proxy) {
                return tunnelRefused(proxy, exchange.target, status);
            }
            // A 5xx is the proxy failing to reach the controller, which may be restarting; any other
            // answer, or none, is the proxy's own doing.
            return new AttemptFailure(`the proxy did not open a tunnel to the controller (${status ? `HTTP ${status}` : error.message})${hint}`, refused ? 'permanent' : 'unsent', { proxyFault: !(status && status >= 500) });
        }
        if (UNSENT_CODES.has(code)) {
            const what = code === 'ECONNREFUSED'
                ? // Once Jenkins answered at this address, the hint would mislead (goneSince).
                    this.served
                        ? 'connection refused'
                        : 'connection refused (is Jenkins running at this address?)'
                : code === 'ENOTFOUND' || code === 'EAI_AGAIN'
                    ? 'host name could not be resolved'
                    : `network unreachable (${code})`;
            const refused = code === 'ECONNREFUSED';
            return new AttemptFailure(what, 'unsent', { refused, dropped: refused });
        }
        const lost = code === 'ECONNRESET' || error.message === 'socket hang up';
        const what = lost
            ? exchange.answered
                ? CLOSED_MID_ANSWER
                : CLOSED_UNANSWERED
            : code.startsWith('HPE_')
                ? // Node's HTTP parser: an answer came, but not one HTTP can read.
                    `the answer was not valid HTTP (${code}): something between the runner and Jenkins may be mangling it`
                : code
                    ? `${code}: ${error.message}`
                    : error.message;
        const maybeTlsPort = exchange.plainHttp && !proxy && (what === CLOSED_UNANSWERED || code.startsWith('HPE_'));
        return new AttemptFailure(what, connected ? 'uncertain' : 'unsent', {
            maybeTlsPort,
            answered: exchange.answered,
            dropped: what === CLOSED_UNANSWERED
        });
    }
    /**
     * Rethrows an attempt's failure, named as a port that serves https when a plain-http request
     * failed as such a port makes it fail and a TLS handshake there succeeds. Asked until the
     * port answers either way (a starting service container's port resets connections, which
     * says nothing), then no more: the answer does not change, and each asking is a connection.
     */
    async tlsPortFailure(error, url, until) {
        if (!(error instanceof AttemptFailure) || !error.maybeTlsPort || this.tlsAnswer)
            throw error;
        const left = Math.min(TLS_PROBE_MS, until - Date.now());
        if (left <= 0)
            throw error;
        const answer = await speaksTls(url, left);
        if (answer !== 'no answer')
            this.tlsAnswer = answer;
        if (answer !== 'tls')
            throw error;
        // Kept as uncertain as it was: a port that takes both plain HTTP and TLS (sslh, Jetty's
        // detecting connector) may have carried the request to Jenkins, and a mint so sent may
        // have made a token.
        throw new AttemptFailure(`${error.message}, and the port ${url.port || '80'} of ${url.hostname} serves https (it answers a TLS handshake): the request was plain HTTP. If the port serves only https, use https:// in jenkins-url.`, error.kind, { hopeless: true });
    }
}
/**
 * Runs `then` once the events that had arrived by now (a FIN, data) have been handled: a
 * first setImmediate may run before the loop's next poll phase, the one it schedules after.
 */
function afterPendingEvents(then) {
    setImmediate(() => setImmediate(then));
}
/**
 * A TLS alert the server sent, and whether it is about a client certificate it wanted (or
 * refused). Node names an alert in its code (ERR_SSL_TLSV13_ALERT_…, and with OpenSSL 3.2 and
 * later ERR_SSL_SSL/TLS_ALERT_…), or gives EPROTO with OpenSSL's words ("… alert bad
 * certificate …").
 */
function tlsAlert(code, message) {
    const text = `${code} ${message}`.toLowerCase();
    if (!code.includes('_ALERT_') && !(code === 'EPROTO' && text.includes(' alert '))) {
        return undefined;
    }
    return /alert[ _](certificate[ _]required|bad[ _]certificate)/.test(text)
        ? 'client certificate'
        : 'other';
}
/** OpenSSL's words for an alert, e.g. `: alert protocol version`, or nothing. */
function alertWords(message) {
    const words = /alert ([a-z ]+?)(?::|$)/i.exec(message)?.[1];
    return words ? `: alert ${words.toLowerCase()}` : '';
}
/** OpenSSL's own failures, as Node reports them: a handshake, a record, an alert. */
function isTlsError(code) {
    return code === 'EPROTO' || code.startsWith('ERR_SSL');
}
function isCertificateCode(code) {
    return (UNTRUSTED_CERT_CODES.has(code) ||
        isCertificateVerdict(code) ||
        code.startsWith('ERR_TLS') ||
        isTlsError(code));
}
/**
 * OpenSSL's verdicts on a certificate chain, as Node gives them for a server it will not
 * trust: CERT_NOT_YET_VALID, CERT_REVOKED, INVALID_CA, … Not ERR_TLS_HANDSHAKE_TIMEOUT and
 * its like, which are no verdict on the certificate.
 */
function isCertificateVerdict(code) {
    return code.startsWith('CERT_') || CERTIFICATE_VERDICTS.has(code);
}
/**
 * Why Node refused to build a request, in words a person can act on. Of its headers, only a
 * crumb or a cookie comes from an answer rather than from the action itself.
 */
function unbuildable(error) {
    const code = error?.code ?? '';
    if (HEADER_CODES.has(code)) {
        return 'a header of the request holds characters HTTP does not allow, so nothing was sent to Jenkins. Such a header is a crumb or cookie from an earlier answer: check jenkins-url, which must be the controller itself, not a proxy or another application.';
    }
    return `Node.js refused to build the request (${code || 'no error code'}), so nothing was sent to Jenkins. This is a bug in the action: please report it.`;
}
/** Why the step waits for a starting controller, for its progress line. */
function startingReason(status, askedWithout) {
    if (!askedWithout)
        return 'it answers with the page it shows while it starts or restarts (HTTP 503)';
    const refusal = status === 401
        ? 'it refuses the credentials (HTTP 401)'
        : status >= 500
            ? `it fails the request (HTTP ${status})`
            : `it refuses the request (HTTP ${status})`;
    return `${refusal}, and asked without credentials answers with the page it shows while it starts`;
}
/**
 * A gateway's answer for an upstream it cannot reach or that failed it (gateway.ts), or a 503
 * that is not Jenkins's own page (an ingress's with no endpoints).
 */
function isGoneStatus(status) {
    return status === 503 || (0,gateway/* isGatewayStatus */.P)(status);
}
/** An answer with Jenkins's own headers: Jenkins wrote it, not a proxy in its place. */
function hasJenkinsHeader(headers) {
    return headers['x-jenkins'] !== undefined || headers['x-hudson'] !== undefined;
}
/**
 * Why the step waits while a restarting controller is gone, for its progress line. One that
 * went away without its restarting page may as well have crashed: its proxy answers in its place.
 */
function goneReason(gone, waitingFor = 'start') {
    if (!('status' in gone))
        return `its connection fails: ${gone.failure}`;
    const how = waitingFor === 'return' ? 'in its place' : 'while it restarts';
    return `a proxy in front of it answers HTTP ${gone.status} ${how}`;
}
/**
 * Whether the controller may have acted on a request answered with this transient status. Any
 * 5xx may follow work done: a 500, a gateway's 502 or 504, a CDN's 520 or 524 (the origin took
 * the request, then reset or did not answer in time), a bare 503 (Envoy sends one when the
 * upstream resets after taking the request). Jenkins's own 503, its loading page, is judged
 * `starting` before this; a 503 or 429 that says when to come back (Retry-After) says the
 * request was not taken.
 */
function mayFollowWork(response) {
    if (response.status < 500)
        return false;
    return !(response.status === 503 && response.headers['retry-after'] !== undefined);
}
/** The proxy as messages name it: its host, and the variable that chose it. */
function namedProxy(proxy) {
    return `the proxy ${proxy.url.host} named by ${proxy.variable}`;
}
/** The way around a proxy, for a runner that reaches the controller without it. */
function bypassing(target) {
    return `add ${target.hostname} to NO_PROXY if the runner reaches Jenkins directly`;
}
/** A TLS failure on the leg to an https:// proxy: the proxy's certificate, not the controller's. */
function proxyTlsFailure(code, proxy) {
    const named = namedProxy(proxy);
    const why = UNTRUSTED_CERT_CODES.has(code)
        ? `the TLS certificate of ${named} is not signed by a trusted CA (${code}). Put the PEM certificate of the CA that signed it in the ca-certificate input${chainHint(code)}.`
        : code === 'CERT_HAS_EXPIRED'
            ? `the TLS certificate of ${named} has expired (${code}). Renew it on the proxy.`
            : code === 'ERR_TLS_CERT_ALTNAME_INVALID'
                ? `the TLS certificate of ${named} does not name that host (${code}). Write the proxy's host in ${proxy.variable} as its certificate names it.`
                : isCertificateVerdict(code)
                    ? `the TLS certificate of ${named} was refused (${code}). Fix it on the proxy; for one from a private CA, put that CA's PEM certificate in the ca-certificate input.`
                    : `the TLS handshake with ${named} failed (${code}): does it serve https? Write ${proxy.variable} as http://host:port for a proxy that speaks plain HTTP.`;
    return new AttemptFailure(why, 'permanent');
}
/** A proxy whose rules refuse the CONNECT to the controller's host and port (HTTP 403). */
function tunnelForbidden(proxy, target) {
    const { port } = (0,sockets/* dialTarget */.Yy)(target);
    return new AttemptFailure(`${namedProxy(proxy)} refused to open a tunnel to ${target.hostname}:${port} (HTTP 403): its rules do not allow a CONNECT to that host and port. Have the proxy allow CONNECT to port ${port} (Squid allows only 443 by default), or ${bypassing(target)}.`, 'permanent', { proxyFault: true });
}
/** What to check when the proxy could not open the tunnel: most often it cannot reach the controller. */
function tunnelFailedHint(proxy, target) {
    const { port } = (0,sockets/* dialTarget */.Yy)(target);
    return `: ${namedProxy(proxy)} could not reach ${target.hostname}:${port}. Check the host and port in jenkins-url and that the proxy reaches them, or ${bypassing(target)}`;
}
/** A proxy that turns down the CONNECT to the controller with a 4xx of its own, not 403's. */
function tunnelRefused(proxy, target, status) {
    const { port } = (0,sockets/* dialTarget */.Yy)(target);
    return new AttemptFailure(`${namedProxy(proxy)} turned down the tunnel to ${target.hostname}:${port} (HTTP ${status}), its own answer, which asking again does not change. Check that ${proxy.variable} names a forward proxy that allows CONNECT to that host and port, or ${bypassing(target)}.`, 'permanent', { proxyFault: true });
}
/**
 * A forward proxy's own page saying it could not reach the controller, in words it alone
 * writes: tinyproxy's status line `500 Unable to connect` with its Server header (written when
 * its getaddrinfo or connect fails, before it forwards a byte; a page it relays carries the
 * controller's Server header, or Jetty's, not tinyproxy's), and Squid's `X-Squid-Error`
 * ERR_CONNECT_FAIL and ERR_DNS_FAIL (only on pages Squid makes, and the same "nothing
 * reached" if a Squid in front of Jenkins made it). Such an answer means the request did not
 * reach Jenkins, so a mint so answered leaves no token and is no "may exist".
 *
 * Only such a positive statement counts, never a sign: any other 5xx through a proxy (a 502
 * after the controller took the request and reset) may follow work. Neither the lack of
 * X-Jenkins (Jenkins's own 500 pages and hardened controllers have none) nor a reset after
 * the answer's headers tells it: tinyproxy resets because it closes with the POST body unread,
 * but a proxy that closes its connections abortively (HAProxy's `option nolinger`) resets one
 * after relaying a gateway's 502 too. An answer that carries X-Jenkins or X-Hudson is
 * Jenkins's, whatever else it says.
 */
function proxyDialFailure(res) {
    const status = res.statusCode ?? 0;
    if (status < 500 || hasJenkinsHeader(res.headers))
        return undefined;
    const server = String(res.headers.server ?? '');
    if (/^tinyproxy\//i.test(server) && /^unable to connect$/i.test(res.statusMessage ?? '')) {
        return `HTTP ${status} "Unable to connect"`;
    }
    const squid = /^(ERR_CONNECT_FAIL|ERR_DNS_FAIL)\b/.exec(String(res.headers['x-squid-error'] ?? ''));
    return squid ? `HTTP ${status}, X-Squid-Error ${squid[1]}` : undefined;
}
/** The proxy's own page: it could not resolve the controller's host, or connect to it. */
function proxyUnreached(proxy, target, answer) {
    const { port } = (0,sockets/* dialTarget */.Yy)(target);
    return `${namedProxy(proxy)} answered in Jenkins's place (${answer}): it could not resolve ${target.hostname} or connect to its port ${port}, so nothing reached Jenkins. Check the host and port in jenkins-url, and that the proxy can reach them, or ${bypassing(target)}.`;
}
/** What to do about a proxy's 407: give credentials, or check the ones it turned down. */
function proxyCredentialsHint(proxy) {
    return proxy.url.username
        ? `it turned down the user and password in ${proxy.variable}; check them`
        : `put user:password in ${proxy.variable}, percent-encoded (${proxy.url.protocol}//user:password@${proxy.url.host})`;
}
function isTransientStatus(status) {
    return status === 429 || status >= 500;
}
/**
 * A time-out after the request went out. Through a proxy, the proxy is named: it holds the
 * request too, and may be the one that hangs (or waits on a controller that does).
 */
function timedOut(within, proxy) {
    const through = proxy ? ` through ${namedProxy(proxy)}` : '';
    return `timed out: Jenkins did not answer${through} ${within}`;
}
/**
 * A time-out after the answer's status line and headers came, its body not all there: Jenkins
 * answered (and took the request), so it is no "did not answer".
 */
function unfinished(within, proxy) {
    const through = proxy ? ` through ${namedProxy(proxy)}` : '';
    return `timed out: Jenkins's answer began${through} but did not finish ${within}`;
}
/**
 * A time-out before the connection was up: nothing was sent, and no answer was awaited.
 * Through a proxy to an https controller, the half that did not come up is named, as each has
 * its own fix: a proxy that never answers the CONNECT cannot reach the controller (or hangs);
 * one that opened the tunnel reached something at that port that does not finish a TLS
 * handshake (a plain-http or agent port, or a controller too loaded to answer).
 */
function notConnected(within, at) {
    const { proxy, target } = at;
    if (!proxy) {
        return `timed out: no connection to Jenkins ${within}: the TCP or TLS handshake did not finish`;
    }
    const failed = `timed out: no connection to Jenkins through ${namedProxy(proxy)} ${within}`;
    const { port } = (0,sockets/* dialTarget */.Yy)(target);
    const where = `${target.hostname}:${port}`;
    // A plain-http request goes to the proxy whole: there is no tunnel.
    if (at.plainHttp || at.stage === 'proxy') {
        return `${failed}: the connection to the proxy did not come up`;
    }
    if (at.stage === 'handshake') {
        return `${failed}: the proxy opened the tunnel to ${where}, but the TLS handshake with the server there did not finish. Check that port ${port} is the controller's https port (not its http or agent port), and that the controller is not overloaded`;
    }
    if (at.stage === 'connect') {
        return `${failed}: the proxy did not answer the CONNECT to ${where}: it cannot reach that host and port (a firewall that drops the connection leaves it waiting), or it hangs. Check that the proxy reaches ${where}, or ${bypassing(target)}`;
    }
    // No connection through the proxy was seen: which half failed is unknown.
    return `${failed}: the proxy did not open the tunnel, or the TLS handshake in it did not finish`;
}
function seconds(ms) {
    return Math.round(ms / 100) / 10;
}
function retryAfterMs(value) {
    if (!value)
        return undefined;
    const seconds = Number(value);
    const ms = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(value) - Date.now();
    return Number.isFinite(ms) && ms >= 0 ? ms : undefined;
}
function sleep(ms) {
    return new Promise((resolve) => setTimeout(resolve, ms));
}


/***/ }),

/***/ 9019:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Hi: () => (/* binding */ isWholeIn),
/* harmony export */   Zs: () => (/* binding */ RETRIES),
/* harmony export */   yj: () => (/* binding */ TIMEOUT_SECONDS)
/* harmony export */ });
/* unused harmony exports WAIT_SECONDS, EXPIRATION_DAYS */
const TIMEOUT_SECONDS = { min: 1, max: 600 };
const RETRIES = { min: 0, max: 10 };
const WAIT_SECONDS = { min: 0, max: 3600 };
const EXPIRATION_DAYS = { min: 1, max: 365 };
function isWholeIn(value, range) {
    return Number.isInteger(value) && value >= range.min && value <= range.max;
}


/***/ })

};

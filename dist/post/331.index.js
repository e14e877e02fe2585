export const id = 331;
export const ids = [331];
export const modules = {

/***/ 8331:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  runRevokeStep: () => (/* binding */ runRevokeStep)
});

// EXTERNAL MODULE: external "node:util"
var external_node_util_ = __webpack_require__(7975);
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
/** An error's message; an error made in another realm (a vm context) counts as one too. */
function errors_errorMessage(error) {
    return error instanceof Error || external_node_util_.types.isNativeError(error) ? error.message : String(error);
}

;// CONCATENATED MODULE: ./src/jenkins/credentials.ts
/** The value Jenkins receives in the Authorization header, and that `curl -v` prints. */
function credentials_basicAuthValue(username, secret) {
    return Buffer.from(`${username}:${secret}`, 'utf8').toString('base64');
}
function authorization(username, secret) {
    return { authorization: `Basic ${credentials_basicAuthValue(username, secret)}` };
}
/** Jenkins's API tokens: `11` and 32 hex digits (2.129+), or 32 hex digits (legacy). */
function looksLikeApiToken(secret) {
    return /^(11)?[0-9a-f]{32}$/.test(secret);
}

;// CONCATENATED MODULE: ./src/jenkins/answers.ts
/**
 * A controller that is loading (HudsonIsLoading) or restarting (HudsonIsRestarting): every path
 * answers 503 with a page that says so, and acts on nothing. Its words are translated, and the
 * English changed in 2.477 ("Please wait while Jenkins is getting ready to work" became "Jenkins
 * is getting ready to work"), so the page is known by its markup, the same from 2.129 to now:
 * the spinner's heading and the script that reloads the page once Jenkins is up. Never by words
 * alone: a proxy's maintenance page saying "Jenkins is restarting" may follow a request Jenkins
 * took, and a mint answered so must count as one that may have made a token.
 */
function isStarting(response) {
    const body = response.body;
    return (response.status === 503 &&
        body.includes('<h1 class="loading">') &&
        body.includes('/scripts/loading.js'));
}
/** How a message names that page. */
const STARTING_PAGE = 'the page it shows while it starts or restarts (HTTP 503)';
/**
 * Jenkins's own error page (oops.jelly): an exception inside Jenkins, such as the failed
 * impersonation of a user the security realm no longer knows. Unlike a gateway's 500, a
 * retry meets the same exception, so it is not retried. Its words are translated, so the page
 * is known by its markup, the same from 2.129 to now: the error description's block and the
 * "rage" image (a PNG, later an SVG).
 */
function isJenkinsException(response) {
    const body = response.body;
    return (response.status === 500 &&
        body.includes('<div id="error-description"') &&
        /\/rage\.(?:svg|png)"/.test(body));
}
// oops.jelly writes `Logging ID=${jenkins.exception.id}</p>` (2.224 and later), the id being
// InstallUncaughtExceptionHandler's UUID.randomUUID(), logged with the stack trace as "Caught
// unhandled exception with ID <id>". The web.xml error page leaves it empty, and older pages
// have none. Only a whole UUID, right before its closing tag, is taken, and only from the
// first "Logging ID=", the page's own (a stack trace shown below it may hold others): nothing
// else on the page reaches the log.
const LOGGING_ID = /^Logging ID=([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})</i;
/**
 * The Logging ID on Jenkins's own error page, under which the controller's log holds the
 * exception's stack trace; undefined on any other answer, or when the page has none.
 */
function loggingId(response) {
    if (!isJenkinsException(response))
        return undefined;
    const { body } = response;
    const at = body.indexOf('Logging ID=', body.indexOf('<div id="error-description"'));
    return at < 0 ? undefined : LOGGING_ID.exec(body.slice(at))?.[1];
}
/**
 * Jenkins's error page for CrumbFilter's failure while Jenkins loads, before its plugins are
 * prepared: from 2.222 the crumb issuer (a DefaultCrumbIssuer until the configuration loads)
 * exists from the start, and CrumbFilter asks it for its descriptor on every POST, which
 * Jenkins#getDescriptorOrDie fails with this AssertionError until the descriptors are found. A
 * loading Jenkins hands every request its filters let through to its loading page, so nothing
 * acted on a request so answered. Only a page that prints the stack trace says so (2.222 and
 * 2.223, later only with -Djenkins.model.Jenkins.SHOW_STACK_TRACE=true): without it, the page
 * is the same as for any exception, one thrown after a token was made too.
 */
function isLoadingCrumbFailure(response) {
    return isJenkinsException(response) && response.body.includes(UNDESCRIBED_CRUMB_ISSUER);
}
/** Functions#printThrowable's line for that AssertionError, the same in every locale. */
const UNDESCRIBED_CRUMB_ISSUER = 'java.lang.AssertionError: class hudson.security.csrf.DefaultCrumbIssuer is missing its descriptor';
/**
 * Where to ask, without credentials, whether a refusal came from a controller still starting:
 * its filters answer before the loading page does. Until the security filter is installed
 * (from 2.376 with the configuration, before only when loading ends) every request is
 * anonymous, and CrumbFilter refuses a POST without a valid crumb, an API token's too: 403 "No
 * valid crumb". Before the plugins are prepared it fails instead (no crumb issuer descriptor
 * yet), and UncaughtExceptionFilter answers with Jenkins's error page, 500. From 2.376 the
 * users load only after the jobs: meanwhile every API token and every password of its own user
 * database fails with the 401 of wrong credentials. A GET without credentials gets the loading
 * page all along. That page answers every path, so the request's own URL does; once Jenkins is
 * up, a GET there without credentials acts on nothing. The 401 and the 403 stopped the request
 * in a filter; the error page may also be an exception after Jenkins acted (Transport counts
 * such an attempt as one that may have made a token).
 */
function askIfStarting(response) {
    const refused = response.status === 401 || isCrumbRefusal(response) || isJenkinsException(response);
    return refused ? response.url : undefined;
}
/** CrumbFilter's refusal of a POST without a crumb valid for its user and session. */
function isCrumbRefusal(response) {
    return response.status === 403 && response.body.includes('No valid crumb');
}
/** What Jenkins's answers mean beyond their status, for the transport's retries. */
function judgeJenkinsAnswer(response) {
    if (isStarting(response))
        return 'starting';
    if (isJenkinsException(response))
        return 'final';
    return undefined;
}
/**
 * Whether a JSON answer is Jenkins's own: its `_class` names a Jenkins class. Operators strip
 * the X-Jenkins headers, so the JSON is how the action recognises Jenkins.
 */
function isJenkinsClass(json, expected) {
    const cls = json?._class;
    return typeof cls === 'string' && expected.test(cls);
}

// EXTERNAL MODULE: ./src/http/gateway.ts
var gateway = __webpack_require__(3022);
// EXTERNAL MODULE: ./src/http/server-text.ts
var server_text = __webpack_require__(4365);
;// CONCATENATED MODULE: ./src/jenkins/version.ts
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
 * The ApiTokenProperty descriptor URL of a user. The id is sent as Jenkins gave it, not
 * lowercased as User#getUrl does: a controller with a case-sensitive id strategy needs the
 * exact id.
 */
function tokenEndpoint(root, owner, method) {
    const base = owner.me ? 'me' : `user/${rawEncode(owner.id)}`;
    return `${root}${base}/${DESCRIPTOR}/${method}`;
}
/** A page of the user by id: `${root}user/<id>/${path}`. */
function userPage(root, user, path) {
    return `${root}user/${rawEncode(user)}/${path}`;
}
function userApiEndpoint(root, user) {
    return userPage(root, user, 'api/json');
}
/** The Jenkins version whose Security page (UserPropertyCategorySecurityAction) lists tokens. */
const SECURITY_PAGE_SINCE = '2.468';
/**
 * The user's page that lists their API tokens, where a person can revoke one by hand: Security
 * since 2.468, Configure before. An unknown version (a proxy that strips X-Jenkins) gets
 * today's page.
 */
function securityPage(root, user, version = '') {
    const before = version !== '' && !versionAtLeast(version, SECURITY_PAGE_SINCE);
    return userPage(root, user, before ? 'configure' : 'security/');
}
/**
 * Where to revoke a token by hand, in words: securityPage's page, and beside it the page before
 * 2.468 when the version is not known. `show` writes each URL (as a link, in the summary).
 */
function revokePage(root, user, version = '', show = (url) => url) {
    const page = show(securityPage(root, user, version));
    if (version !== '')
        return page;
    return `${page} (before Jenkins ${SECURITY_PAGE_SINCE}: ${show(userPage(root, user, 'configure'))})`;
}
function crumbEndpoint(root) {
    return `${root}crumbIssuer/api/json`;
}
function scriptTextEndpoint(root) {
    return `${root}scriptText`;
}
/** Only the field the action reads: the root's whole api/json lists every job. */
function securityFlagEndpoint(root) {
    return `${root}api/json?tree=useSecurity`;
}
function url_whoAmIEndpoint(root) {
    return `${root}whoAmI/api/json`;
}
/** The part of a URL that is safe to log: no credentials, no query, no secret of the step. */
function url_logPath(url) {
    return (0,server_text/* shownPath */.pS)(url);
}

;// CONCATENATED MODULE: ./src/jenkins/responses.ts





/**
 * The X-Jenkins header: sent on pages and api/* responses, never on 401s or token JSON. It
 * is Jenkins's version (2.479.3, 2.480-SNAPSHOT), and the step hands it out and shows it, so
 * a value of another shape, or holding a secret of the step, is not taken as one.
 */
function jenkinsVersion(response) {
    const value = response.headers['x-jenkins'];
    return typeof value === 'string' && /^\d+(?:\.\d+)*(?:[-+ .]|$)/.test(value)
        ? shownWhole(value, 100)
        : undefined;
}
/** Whether the answer carries X-Jenkins, whatever its value: a sign that Jenkins sent it. */
function fromJenkins(response) {
    return typeof response.headers['x-jenkins'] === 'string';
}
/** The context of a request sent with the login credentials; `first`: the first such request. */
function loginContext(action, method, credentials, first = false) {
    const password = credentials.kind === 'password';
    return {
        action,
        method,
        username: credentials.username,
        credential: password ? 'password' : 'API token',
        ...(first && password
            ? { firstWithPassword: { padded: credentials.secret !== credentials.secret.trim() } }
            : {})
    };
}
/**
 * How a failed answer opens its message. A 5xx is not a refusal: a gateway may send one after
 * Jenkins acted, and the step then names the token that may exist.
 */
function failedAnswer(action, status) {
    if (status < 500)
        return `Jenkins refused ${action} (HTTP ${status})`;
    return `Jenkins answered ${requestNamed(action)} with an error (HTTP ${status})`;
}
/** The opening for a gateway's 502 or 504: not Jenkins's own answer. */
function gatewayAnswered(action, status) {
    return `A proxy or gateway in front of Jenkins most likely answered ${requestNamed(action)} (HTTP ${status}, without Jenkins's X-Jenkins header)`;
}
/** The opening for a 5xx without X-Jenkins, whose sender is unsure; what it is not follows. */
function unmarked(action, status) {
    const request = requestNamed(action);
    return `${request.charAt(0).toUpperCase()}${request.slice(1)} got an error (HTTP ${status}) without Jenkins's X-Jenkins header, and not `;
}
// "to create a token for …" reads as the request it names.
function requestNamed(action) {
    return action.startsWith('to ') ? `the request ${action}` : action;
}
/**
 * Turns any answer that is not a success into a message a person can act on. Jenkins
 * writes no useful text on 401 and 400/403 (bare Jetty pages), so the words are ours.
 */
function failureFor(response, context) {
    const { status } = response;
    const what = failedAnswer(context.action, status);
    const challenge = foreignChallenge(response);
    // The request went where the mint had just gone through, as it did: that way in, and that
    // URL, are the right ones.
    const sinceMint = context.credential === 'new token' || context.afterMint === true;
    const wayIn = sinceMint
        ? 'It let the mint through at the same jenkins-url: have it let this request through as well.'
        : 'Point jenkins-url at a way in that passes HTTP Basic authentication through to Jenkins.';
    if (challenge) {
        return new errors_JenkinsError(`${what}: the answer asks for an authentication that is not Jenkins's (WWW-Authenticate: ${challenge}, where Jenkins asks for Basic realm="Jenkins"). Something in front of Jenkins (a proxy or gateway) wants credentials of its own, so Jenkins never checked those of "${context.username}". ${wayIn}`, status);
    }
    if (status === 401) {
        if (context.afterMint && context.credential !== 'new token') {
            // The same credentials had just made the token: the inputs are not what is wrong.
            return new errors_JenkinsError(`${what}: the credentials of "${context.username}" were rejected, though Jenkins had just taken them to create the token. The controller may be restarting (until it has loaded its users it rejects every login), the ${context.credential} may have been changed or revoked meanwhile, or something between the runner and Jenkins altered the request.`, status);
        }
        const hint = context.credential === 'new token'
            ? 'The new token does not authenticate: it was revoked, has expired, or the controller did not store it.'
            : `Check the username input and the ${context.credential === 'password' ? 'password' : 'api-token'} input: the ${context.credential} is wrong, revoked or expired, or "${context.username}" does not exist.`;
        const first = context.firstWithPassword;
        const padded = first?.padded
            ? ' The password input begins or ends with a space or a line break, which Jenkins takes as part of it; a secret saved from a file often ends with one.'
            : '';
        const singleSignOn = first
            ? ' Under single sign-on (SAML, OpenID Connect), Jenkins takes no password over HTTP Basic: log in with an API token (api-token input).'
            : '';
        return new errors_JenkinsError(`${what}: the credentials of "${context.username}" were rejected. ${hint}${padded}${singleSignOn}`, status);
    }
    if (isCrumbRefusal(response)) {
        // Jenkins asks no crumb of a request an API token authenticates, and answers a token it
        // does not take with 401 before the crumb check: this one reached it without the new token.
        if (context.credential === 'new token') {
            return new errors_JenkinsError(`${what}: Jenkins asked for a CSRF crumb, which it never asks of a request its API token authenticates, so the request reached Jenkins without the new token's Authorization header. Something between the runner and Jenkins (a reverse proxy or gateway) most likely removes it from POST requests: configure it to pass the Authorization header through to Jenkins.`, status);
        }
        // Jenkins answers 404 at crumbIssuer only with CSRF protection off, and then asks no crumb.
        if (context.noCrumbIssuer) {
            return new errors_JenkinsError(`${what}: Jenkins asked for a CSRF crumb, though its crumb issuer (crumbIssuer/api/json) had answered 404, as Jenkins does only with CSRF protection off: something in front of Jenkins (a proxy or firewall rule) hides the crumb issuer from the runner. Have it let through, or log in with an API token (api-token input), which needs no crumb.`, status);
        }
        return new errors_JenkinsError(`${what}: no valid CSRF crumb. Jenkins requires a crumb for POSTs authenticated with a password, tied to the session cookie (from Jenkins 2.192) and, before 2.543, to the client's IP address (the first X-Forwarded-For entry). A proxy that drops the JSESSIONID cookie causes this, and so, before 2.543, do requests that reach Jenkins from different addresses (a NAT pool, or a proxy that opens a connection per request; "Enable proxy compatibility" under Manage Jenkins › Security › CSRF Protection lifts that, as does Jenkins 2.543 or later; not the Strict Crumb Issuer plugin's "Check the client IP"). An API token (api-token input) needs no crumb.`, status);
    }
    if (status === 403) {
        const required = header(response, 'x-required-permission');
        const as = header(response, 'x-you-are-authenticated-as');
        if (as === 'anonymous' || response.body.includes('Authentication required')) {
            return new errors_JenkinsError(`${what}: Jenkins treated the request as anonymous. Something between the runner and Jenkins (a proxy or SSO gateway) may strip the Authorization header.`, status);
        }
        if (required) {
            const who = (0,server_text/* shownWhole */.vV)(as) ?? context.username;
            return new errors_JenkinsError(`${what}: "${who}" lacks the permission ${permissionName(required)}. Have a Jenkins administrator grant it to "${who}" (Manage Jenkins › Security, under Authorization), or log in as a user who has it.`, status);
        }
        // Jenkins reports a refused permission with both headers (AccessDeniedException3's
        // reportAsHeaders): the user alone is not its permission check's refusal.
        if (as !== undefined) {
            const who = (0,server_text/* shownWhole */.vV)(as) ?? context.username;
            return new errors_JenkinsError(`${what}: Jenkins refused "${who}" (X-You-Are-Authenticated-As) without naming a permission, which its own permission checks always name (X-Required-Permission): a plugin most likely refused the request by a rule of its own, or a proxy removed that header. ${askAnAdministrator(who)}`, status);
        }
        // AccessDeniedHandlerImpl names who asked only when a permission was denied
        // (AccessDeniedException2/3); any other AccessDeniedException, a plugin's say, gets Jenkins's
        // "Access Denied" page bare, with X-Jenkins as every page of Jenkins has.
        if (fromJenkins(response)) {
            return new errors_JenkinsError(`${what}: Jenkins refused "${context.username}" (the answer carries its X-Jenkins header) without naming a permission or the user, which its permission checks always name (X-Required-Permission, X-You-Are-Authenticated-As): a check of another kind most likely refused it, such as a plugin's. ${askAnAdministrator(context.username)}`, status);
        }
        // Without X-Jenkins either: not Jenkins's page, or known above.
        return new errors_JenkinsError(`${what}, without the X-You-Are-Authenticated-As header that Jenkins sends with a refusal of its own: something in front of Jenkins (a sign-in or single sign-on proxy, a firewall rule) most likely refused it, before Jenkins saw the credentials of "${context.username}". ${wayIn}`, status);
    }
    if (status === 429) {
        return new errors_JenkinsError(`${what}: too many requests. Jenkins, or a proxy or firewall in front of it, limits how often this runner may call it, and let none of the step's attempts through. Wait for the limit to pass, or have it lifted for the runner.`, status);
    }
    if (status >= 300 && status < 400) {
        const location = header(response, 'location') ?? 'an unknown location';
        return new errors_JenkinsError(`${what}: redirected to ${safeLocation(location)}. Check jenkins-url: the scheme (http/https), host and context path must be the controller's own root URL.`, status);
    }
    if (status === 404 && sinceMint) {
        return new errors_JenkinsError(`${what}: not found, at the root URL where Jenkins had just created the token. Something between the runner and Jenkins (a proxy or gateway) now sends the request elsewhere, or the controller moved.`, status);
    }
    // The action's requests are small, so a size limit that refuses one was set low on the way,
    // most often in a reverse proxy; the setting to raise is the useful part. A GET has no body:
    // what a server measured was its headers (cookies among them) or, less likely, its URL.
    if (status === 413) {
        return new errors_JenkinsError(context.method === 'GET'
            ? `${what}: the request is over a size limit on the way, and a GET has no body: its headers are, or less likely its URL, most likely over a limit of a reverse proxy in front of Jenkins (nginx: large_client_header_buffers; Apache: LimitRequestFieldSize, LimitRequestLine). Cookies count toward the headers: a large one for Jenkins's host, set by a proxy or single sign-on, can pass it. Raise that limit for Jenkins's URL.`
            : `${what}: the request's body is over a size limit on the way, most likely that of a reverse proxy in front of Jenkins (nginx: client_max_body_size; Apache: LimitRequestBody). Raise that limit for Jenkins's URL.`, status);
    }
    if (status === 431 || (status === 400 && HEADERS_TOO_LARGE.test(response.body))) {
        return new errors_JenkinsError(`${what}: the request's headers are over a size limit on the way, most likely that of a reverse proxy in front of Jenkins (nginx: large_client_header_buffers; Apache: LimitRequestFieldSize). Cookies count toward it: a large one for Jenkins's host, set by a proxy or single sign-on, can pass it. Raise that limit for Jenkins's URL.`, status);
    }
    // nginx's answer to plain HTTP on a port it serves https on.
    if (status === 400 && response.body.includes('plain HTTP request was sent to HTTPS port')) {
        return new errors_JenkinsError(`${what}: the answer says the port serves https ("The plain HTTP request was sent to HTTPS port"). Use https:// in jenkins-url.`, status);
    }
    if (status === 404) {
        return new errors_JenkinsError(`${what}: not found. Check jenkins-url, including the context path (e.g. https://ci.example.com/jenkins/).`, status);
    }
    if (status === 400)
        return badRequest(response, what);
    // Jenkins answers a request that is not a POST at a POST-only endpoint with 405 and its page
    // "This URL requires POST" (CrumbFilter's retry.jelly, X-Jenkins, Allow: POST): the action's
    // POST reached it as another method. Without that, something in front refused the POST.
    if (status === 405 && context.method === 'POST') {
        if (fromJenkins(response) || response.body.includes('requires POST')) {
            return new errors_JenkinsError(`${what}: Jenkins says the URL requires POST, so the action's POST reached it as another method: a redirect on the way (HTTP 303) or a proxy turned it into a GET. Set jenkins-url to the controller's exact root URL (scheme, host and context path), or have the proxy pass POST requests through unchanged.`, status);
        }
        return new errors_JenkinsError(`${what}, without Jenkins's X-Jenkins header or its "requires POST" page: something in front of Jenkins (a proxy, firewall rule or web application firewall) most likely refuses POST requests to this URL. ${sinceMint ? "It let the mint's POST through at the same jenkins-url: have it let this one through as well." : 'Have it let POST requests to Jenkins through for the runner.'}`, status);
    }
    // Jenkins takes GET at every URL the action reads (crumbIssuer, whoAmI, a user's api/json),
    // and refuses a method only as @RequirePOST does: this 405, to a GET, is not that.
    if (status === 405)
        return getRefused(response, what, sinceMint);
    if (status === 414)
        return uriTooLong(response, what);
    if (status === 409) {
        return new errors_JenkinsError(`${what}${titled(response)}: a conflict, which Jenkins itself sends to none of the action's requests. ${whereToLook(response)}`, status);
    }
    // 502 and 504 (and a CDN's 520-527) are a gateway's words for an upstream that did not
    // answer in full; Jenkins sends none itself, and its own answers carry X-Jenkins.
    if ((0,gateway/* isGatewayStatus */.P)(status) && !fromJenkins(response)) {
        return new errors_JenkinsError(`${gatewayAnswered(context.action, status)}: it got no answer from the controller (down, restarting, too slow, or out of its reach). Try again later; if it lasts, check the gateway's route to Jenkins.`, status);
    }
    // Jenkins's own 500, its error page (oops), carries X-Jenkins, and the action knows it by its
    // markup too; its 503 is the page it shows while it starts. Anything else is most likely, not
    // surely, a proxy's 500 or a load balancer's or ingress's 503 (no healthy controller behind
    // it), or the servlet container's while Jenkins is not deployed.
    if (status >= 500 &&
        !fromJenkins(response) &&
        !isJenkinsException(response) &&
        !isStarting(response)) {
        return new errors_JenkinsError(status === 503
            ? `${unmarked(context.action, status)}the page Jenkins shows while it starts: most likely a proxy, load balancer or ingress in front of Jenkins answered, with no controller to send it to (down, restarting, or failing a health check), or Jenkins's web server did, with Jenkins itself not running. Check that the controller is up (its log), then the gateway's route and health check for it. Try again later.`
            : `${unmarked(context.action, status)}Jenkins's own error page: most likely a proxy or gateway in front of Jenkins failed. Check its log for the request, then the controller's log at that time. Try again later.`, status);
    }
    if (isJenkinsException(response))
        return jenkinsException(response, what);
    if (status >= 500) {
        return new errors_JenkinsError(`${what}: the controller failed or is unavailable. Try again later.`, status);
    }
    // A status none of the above explains (406, 410, 422, a 2xx that is not 200, …): who
    // sent it is the one lead, and the page's title the one reason, the action has.
    return new errors_JenkinsError(`${what}${titled(response)}: an answer the action has no explanation for. ${whereToLook(response)}`, status);
}
/** A 405 to a GET: a plugin's with X-Jenkins; else whatever is at jenkins-url, or in front. */
function getRefused(response, what, sinceMint) {
    const refused = `${what}${titled(response)}`;
    const takesGet = 'Jenkins takes GET requests at every URL the action reads';
    if (fromJenkins(response)) {
        return new errors_JenkinsError(`${refused}: ${takesGet}, yet the answer carries its X-Jenkins header: a plugin most likely refused the method. Find the request in the controller's log at that time.`, 405);
    }
    // After the mint went through, jenkins-url is proven to be Jenkins's.
    return new errors_JenkinsError(sinceMint
        ? `${refused}, without Jenkins's X-Jenkins header: ${takesGet}, so something in front of Jenkins (a proxy, firewall rule or web application firewall) refused the method. It let the mint through at the same jenkins-url: have it let GET requests to Jenkins through as well.`
        : `${refused}, without Jenkins's X-Jenkins header: ${takesGet}, so something that is not Jenkins refused the method: jenkins-url most likely points at another application (one that takes only POST there, such as a webhook receiver), or a proxy, firewall rule or web application firewall in front of Jenkins refuses GET requests to this URL. Check that jenkins-url is the controller's root URL (where its dashboard is), then that proxy's rules for the runner.`, 405);
}
/**
 * Half the 8 KiB that servers and proxies take for a request line by default (nginx, Apache,
 * Jetty): a URL below it was refused by a limit someone set lower.
 */
const LONG_URL = 4096;
/**
 * A 414. The action's URLs are the root, a fixed path and at most one user id, so only a long
 * context path or user id makes one long; a short one met a limit set low on the way.
 */
function uriTooLong(response, what) {
    const length = requestTargetLength(response.url);
    return new errors_JenkinsError(length < LONG_URL
        ? `${what}: the request's URL is over a length limit on the way ("URI Too Long"), though it is only ${length} characters long, far below the 8 KiB that web servers and proxies take by default: a limit was set low, most likely in a reverse proxy in front of Jenkins (nginx: large_client_header_buffers; Apache: LimitRequestLine). Raise it for Jenkins's URL.`
        : `${what}: the request's URL, ${length} characters long, is over a length limit on the way ("URI Too Long"), which web servers and proxies set at about 8 KiB by default (Jenkins's own Jetty too; nginx: large_client_header_buffers; Apache: LimitRequestLine). The action's URLs hold only jenkins-url's path, a fixed path and the id of the user input (percent-encoded: up to 12 characters for each character that is not ASCII): shorten the one that is long, or raise that limit for Jenkins's URL.`, 414);
}
/** The length of the request line's target (path and query), which URL limits measure. */
function requestTargetLength(url) {
    try {
        const { pathname, search } = new URL(url);
        return pathname.length + search.length;
    }
    catch {
        return url.length;
    }
}
/**
 * Jenkins's own error page: an exception inside Jenkins, which a retry most likely meets again,
 * so waiting is no help. The stack trace that names its cause is in the controller's log, under
 * the page's Logging ID when it has one.
 */
function jenkinsException(response, what) {
    const id = loggingId(response);
    const where = id
        ? `Jenkins logged it with Logging ID=${id}: an administrator finds its stack trace in the controller's log under that ID ("Caught unhandled exception with ID ${id}").`
        : "An administrator finds its stack trace in the controller's log at the time of this request.";
    return new errors_JenkinsError(`${what}: an exception inside Jenkins (its own error page), from a bug in Jenkins or a plugin or a setting it cannot handle, which trying again most likely meets again. ${where} Fix the cause it names, then re-run the job.`, response.status);
}
/**
 * A 400 by what its page says. Jenkins's own 400s to the action's requests are the servlet
 * container's pages (sendError, no X-Jenkins) with its words: SuspiciousRequestFilter's for a
 * ';' in the path, and the revoke's for a missing tokenUuid or a user without tokens.
 */
function badRequest(response, what) {
    const { body } = response;
    if (body.includes('The tokenUuid cannot be empty')) {
        // The action always sends the UUID, in the POST's form body (never in the URL).
        return new errors_JenkinsError(`${what}: Jenkins says "The tokenUuid cannot be empty", though the action sends the token's UUID in the POST's form body: something between the runner and Jenkins (a proxy or gateway) dropped or altered that body. Have it pass POST bodies (application/x-www-form-urlencoded) through to Jenkins unchanged.`, 400);
    }
    if (body.includes('does not have any ApiToken yet')) {
        return new errors_JenkinsError(`${what}: Jenkins says the user "does not have any ApiToken yet": it holds no API token of that user at all, so the token is most likely gone already, the user's record replaced or reset since the mint (a restore, or configuration as code). Check the user's Security page for it.`, 400);
    }
    if (body.includes('Semicolons are not allowed')) {
        return new errors_JenkinsError(`${what}: Jenkins refuses a ";" in a request's path ("Semicolons are not allowed in the request URI"). Remove it from jenkins-url (a ;jsessionid=… copied from a browser, say); if jenkins-url has none, a redirect on the way added it: fix that redirect.`, 400);
    }
    return new errors_JenkinsError(`${what}${titled(response)}: the request was refused as malformed, for none of the reasons Jenkins has to refuse the action's requests so (a ";" in the path, a missing tokenUuid), which its page would name. ${whereToLook(response)}`, 400);
}
/**
 * The title of an HTML answer, where servers put their reason ("Error 400 Invalid SNI"), as a
 * message may show it: whole, or not at all.
 */
function titled(response) {
    const title = (0,server_text/* shownWhole */.vV)(/<title>([^<]*)<\/title>/i.exec(response.body)?.[1]?.trim(), 120);
    return title ? ` ("${title}")` : '';
}
/** The fix for a refusal Jenkins did not explain: only its log, and its administrator, can. */
function askAnAdministrator(who) {
    return `Have a Jenkins administrator find the refusal in the controller's log and check what "${who}" may do (Manage Jenkins › Security), or log in as a user who may.`;
}
/** Where to look for the cause of an answer the action cannot tell: who sent it decides. */
function whereToLook(response) {
    return fromJenkins(response)
        ? "The answer carries Jenkins's X-Jenkins header, so Jenkins or a plugin in it sent it: find the request in the controller's log at that time."
        : "The answer has no X-Jenkins header, so most likely something in front of Jenkins (a proxy, load balancer or web application firewall) sent it: find the request in its log, then in the controller's, at that time.";
}
/**
 * nginx answers headers over large_client_header_buffers with a 400 of its own words, not a
 * 431; Apache's (LimitRequestFieldSize) is a 400 too.
 */
const HEADERS_TOO_LARGE = /Request Header Or Cookie Too Large|request header field exceeds server limit/i;
/**
 * The JSON object of an answer. Jenkins's API answers every request the action makes with an
 * object; anything else (no JSON, or `null`, a number, a string, an array) comes from
 * something else, and is refused here, so that no caller reads a field of it.
 */
function readJsonObject(response, context, request) {
    const json = parseJson(response, context);
    if (isJsonObject(json))
        return json;
    throw new JenkinsError(`Jenkins answered ${request.method} ${logPath(request.url)} with JSON that is not an object (${jsonKind(json)}). Check jenkins-url: it must be the controller itself, not a proxy or another application.`, response.status);
}
function isJsonObject(json) {
    return typeof json === 'object' && json !== null && !Array.isArray(json);
}
/** Parses a JSON body, or explains that whatever answered is not Jenkins's JSON API. */
function parseJson(response, context) {
    try {
        return JSON.parse(response.body);
    }
    catch {
        const { mediaType, shown } = contentType(response);
        // A body labelled JSON that does not parse is broken, not some other page.
        const broken = /[/+]json$/i.test(mediaType);
        const got = broken ? `got ${shown} that does not parse as JSON` : `got ${shown}`;
        const page = broken ? '' : ', and reach Jenkins itself, not a sign-in page in front of it';
        throw new JenkinsError(`Jenkins did not answer ${context.action} with JSON (${got}). Check jenkins-url: it must be the controller's root URL, including any context path${page}.`, response.status);
    }
}
function jsonKind(json) {
    if (json === null)
        return 'null';
    if (Array.isArray(json))
        return 'an array';
    return typeof json === 'boolean' ? json.toString() : `a ${typeof json}`;
}
/**
 * The challenge of a 401 that is not Jenkins's, as it may be shown: Jenkins's own asks for
 * `Basic realm="Jenkins"` (BasicAuthenticationEntryPoint; `, charset="UTF-8"` follows from
 * 2.569), or `Basic realm="Jenkins user"` (LegacySecurityRealm). Undefined for Jenkins's, or
 * for a 401 without a challenge, which proves nothing either way: Jenkins's own login error
 * pages and oic-auth's failed token refresh send none. Node joins several WWW-Authenticate
 * headers with commas, and a server in front may add its own before Jenkins's.
 */
function foreignChallenge(response) {
    const challenge = response.status === 401 ? header(response, 'www-authenticate') : undefined;
    if (challenge === undefined || /(?:^|,)\s*Basic\s+realm="Jenkins[" ]/i.test(challenge))
        return undefined;
    return (0,server_text/* shownWhole */.vV)(challenge.trim()) ?? server_text/* WITHHELD */.iz;
}
/** The answer's media type (without parameters), and how a message may show it. */
function contentType(response) {
    const type = header(response, 'content-type') ?? 'no content type';
    const mediaType = type.split(';')[0]?.trim() ?? '';
    return { mediaType, shown: shownPart(type, mediaType) ?? `a content type ${WITHHELD}` };
}
/** The names Jenkins's own pages give the Overall permissions, beside the id. */
const OVERALL_PERMISSIONS = new Map([
    ['hudson.model.Hudson.Read', 'Overall/Read'],
    ['hudson.model.Hudson.SystemRead', 'Overall/SystemRead'],
    ['hudson.model.Hudson.Administer', 'Overall/Administer'],
    ['hudson.model.Hudson.RunScripts', 'Overall/RunScripts']
]);
function permissionName(id) {
    const shown = (0,server_text/* shownWhole */.vV)(id);
    if (shown === undefined)
        return server_text/* WITHHELD */.iz;
    const name = OVERALL_PERMISSIONS.get(shown);
    return name ? `${name} (${shown})` : shown;
}
function header(response, name) {
    const value = response.headers[name];
    return Array.isArray(value) ? value[0] : value;
}
/** A redirect target without any userinfo or query, which might carry a secret. */
function safeLocation(location) {
    try {
        return (0,server_text/* shownLocation */.RI)(new URL(location), location);
    }
    catch {
        return 'a relative location';
    }
}

;// CONCATENATED MODULE: ./src/jenkins/diagnose.ts





const WHO_AM_I = /^hudson\.security\.WhoAmI$/;
const JENKINS_ROOT = /^hudson\.model\.Hudson$/;
/**
 * The cause of a failed answer when a second look can prove it: a controller still starting,
 * a user the security realm no longer knows, a wrong context path, an Authorization header
 * that never arrived, a password given as an API token. Undefined: the usual message fits.
 * Each cause stops a request before Jenkins acts on it, so a mint it explains made no token:
 * keep it so for any cause added here (the mints rely on it).
 */
async function diagnose(response, context, probe) {
    // A 5xx opens as an error, not a refusal, as failureFor's messages do.
    const what = failedAnswer(context.action, response.status);
    if (isStarting(response)) {
        return new errors_JenkinsError(`Jenkins at ${probe.root} is still starting: it answered ${context.action} with ${STARTING_PAGE}. ${probe.transport.limits.starting}`, 503);
    }
    if (isLoadingCrumbFailure(response)) {
        return new errors_JenkinsError(`Jenkins at ${probe.root} is still starting: it answered ${context.action} with its error page (HTTP 500) for a CSRF filter whose crumb issuer "is missing its descriptor", as only while it loads, before it acts on any request. ${probe.transport.limits.starting}`, 500);
    }
    if (response.status === 500 &&
        context.credential !== 'password' &&
        (await impersonationFails(probe))) {
        return new errors_JenkinsError(`${what}: Jenkins matched the API token of "${context.username}", but its security realm no longer knows that user, so Jenkins cannot act as them (every request with this token fails with HTTP 500, while Jenkins answers others). The user exists in Jenkins but not in its security realm (LDAP, Active Directory, …): restore the account in the realm, or use a user the realm knows.`, 500);
    }
    // Without security, /me/ fails with Jenkins's error page (getMe throws for anonymous, and no
    // security filter turns that into a 403): a password login's mint there made nothing.
    if (response.status === 500 && context.credential !== 'new token') {
        const identity = await whoAmI(probe);
        if (identity?.anonymous && (await securityOff(probe)))
            return noSecurity(what, probe.root, response.status);
    }
    // The new token's requests go to the root that answered the mint: no wrong jenkins-url.
    if (response.status === 404 && context.credential !== 'new token') {
        if (await answersAtRoot(probe))
            return undefined;
        const nearby = await jenkinsNearby(probe);
        return new errors_JenkinsError(nearby
            ? `${what}: not found at ${probe.root}, and Jenkins answers at ${nearby}: set jenkins-url to it.`
            : `${what}: no Jenkins answers at ${probe.root}. Check jenkins-url: it must be the controller's root URL, including any context path (e.g. https://ci.example.com/jenkins/).`, 404);
    }
    if (unmarkedPostRefusal(response, context)) {
        if (await answersAtRoot(probe))
            return undefined;
        const nearby = await jenkinsNearby(probe);
        return new errors_JenkinsError(nearby
            ? `${what}, without Jenkins's X-Jenkins header, and Jenkins answers not at ${probe.root} but at ${nearby}: the server at jenkins-url refused the POST. Set jenkins-url to ${nearby}.`
            : `${what}, without Jenkins's X-Jenkins header, and no Jenkins answers at ${probe.root}: a server that is not Jenkins (a static site, another application) refused the POST, as such servers refuse POSTs they do not take. Check jenkins-url: it must be the controller's root URL, including any context path (e.g. https://ci.example.com/jenkins/).`, 405);
    }
    if (response.status === 403) {
        const identity = await whoAmI(probe);
        if (identity?.anonymous && (await securityOff(probe)))
            return noSecurity(what, probe.root, response.status);
        if (identity?.anonymous) {
            return new errors_JenkinsError(`${what}: the Authorization header did not reach Jenkins. Jenkins's whoAmI, asked with the same credentials, answers as anonymous, so something between the runner and Jenkins (a reverse proxy or gateway) removes the header. Configure it to pass the Authorization header through to Jenkins.`, 403);
        }
        // Only the api-token input can be a password given as a token: the new token is Jenkins's own.
        if (identity && context.credential === 'API token' && isCrumbRefusal(response)) {
            return new errors_JenkinsError(`${what}: Jenkins did not take the api-token input as an API token (tokens are 34 characters starting with 11, or a legacy 32-hex token), so it asked for a CSRF crumb as for a password. It is probably "${context.username}"'s password: put it in the password input instead.`, 403);
        }
    }
    if (response.status === 401 &&
        context.credential === 'API token' &&
        !looksLikeApiToken(probe.credentials.secret)) {
        return new errors_JenkinsError(`${what}: Jenkins did not take the api-token input as an API token of "${context.username}". API tokens are 34 characters starting with 11, or a legacy 32-hex token, and this secret is not: if it is the user's password, put it in the password input; otherwise create a new API token on the user's Security page.`, 401);
    }
    return undefined;
}
/** Whether Jenkins answers at the root: what the step already knows, else one GET. */
async function answersAtRoot(probe) {
    return probe.known?.atRoot ?? jenkinsAt(probe.root, probe);
}
/**
 * A 405 to a POST that is not Jenkins's (neither X-Jenkins nor its "requires POST" page), from
 * a root no request of the step has yet shown to be Jenkins's: a proxy in front of Jenkins
 * refusing POSTs there, or, when Jenkins does not answer at the root, another server (an
 * API-token login's mint is its first request, so a wrong jenkins-url first shows here).
 */
function unmarkedPostRefusal(response, context) {
    return (response.status === 405 &&
        context.method === 'POST' &&
        context.credential !== 'new token' &&
        context.afterMint !== true &&
        !fromJenkins(response) &&
        !response.body.includes('requires POST'));
}
/**
 * Whether Jenkins has no security set up (Jenkins#isUseSecurity false: no security realm and
 * anyone may do anything), as a controller started without its setup wizard and without a
 * script that sets security up is. It reads no Authorization header, so every request is
 * anonymous: from outside, the same as a proxy that strips the header, but for this flag.
 */
async function securityOff(probe) {
    const response = await ask(securityFlagEndpoint(probe.root), probe);
    if (response?.status !== 200)
        return false;
    try {
        const json = JSON.parse(response.body);
        return (isJenkinsClass(json, JENKINS_ROOT) &&
            json.useSecurity === false);
    }
    catch {
        return false;
    }
}
/**
 * `what`: the refusal, or what whoAmI said, that security being off explains; `status`: the
 * refusal's.
 */
function noSecurity(what, root, status) {
    return new errors_JenkinsError(`${what}: Jenkins at ${root} has no security set up (its api/json says useSecurity: false), so it reads no credentials: every request is anonymous, and no user can log in to be given a token. Set up security (Manage Jenkins › Security: a security realm that knows this user); for a service container, check that the script that sets it up ran.`, status);
}
/**
 * The name Jenkins logs the login credentials in as (whoAmI), when it answers one: under a
 * realm that takes other names for a user (Active Directory's DOMAIN\user), the user's id.
 */
async function loginKnownAs(probe) {
    const identity = await whoAmI(probe);
    return identity && !identity.anonymous ? identity.name : undefined;
}
/** Jenkins's whoAmI as the login credentials, or undefined if it did not answer as Jenkins. */
async function whoAmI(probe) {
    if (probe.known)
        return probe.known.identity;
    return identityIn(await ask(url_whoAmIEndpoint(probe.root), probe));
}
/** Whether Jenkins answers at the root, and as whom it takes the credentials: one GET. */
async function askRoot(probe) {
    const response = await ask(whoAmIEndpoint(probe.root), probe);
    const identity = identityIn(response);
    return { atRoot: isJenkinsAnswer(response), ...(identity ? { identity } : {}) };
}
function identityIn(response) {
    const json = jenkinsJson(response);
    if (!json)
        return undefined;
    const { anonymous, name } = json;
    return { anonymous: anonymous === true, name: typeof name === 'string' ? name : undefined };
}
/**
 * Whether Jenkins fails to act as the token's user: whoAmI with the token answers 500, and
 * without it 200. Jenkins checks an API token before anything else, so only a failed
 * impersonation makes the same page fail for the token alone.
 */
async function impersonationFails(probe) {
    const withToken = await ask(url_whoAmIEndpoint(probe.root), probe);
    if (withToken?.status !== 500)
        return false;
    const anonymous = await ask(url_whoAmIEndpoint(probe.root), probe, false);
    return anonymous?.status === 200;
}
/**
 * Whether Jenkins answers at `base`, judged by its whoAmI page (whose API answer carries
 * X-Jenkins in every version). Jenkins 2.421 and later send X-Jenkins with a 404 for a path
 * outside it too, and earlier ones none, so a 404 proves no Jenkins root at `base`.
 */
async function jenkinsAt(base, probe) {
    return isJenkinsAnswer(await ask(url_whoAmIEndpoint(base), probe));
}
function isJenkinsAnswer(response) {
    return (response !== undefined &&
        response.status !== 404 &&
        (jenkinsJson(response) !== undefined || fromJenkins(response)));
}
/** A GET as the login user; a probe that fails itself proves nothing, so it answers nothing. */
async function ask(url, probe, authenticated = true) {
    const credentials = authenticated
        ? authorization(probe.credentials.username, probe.credentials.secret)
        : {};
    try {
        return await probe.transport.request({
            method: 'GET',
            url,
            headers: { ...credentials, accept: 'application/json' }
        });
    }
    catch {
        return undefined;
    }
}
/**
 * The first path segments of Jenkins's pages (Stapler's getJob, getView, getUser, …): a
 * jenkins-url copied from the address bar on one of them has Jenkins's root before the first,
 * at any depth of folders and under any context path.
 */
const PAGE_SEGMENTS = new Set([
    'job',
    'view',
    'user',
    'me',
    'computer',
    'label',
    'blue',
    'manage',
    'pluginManager',
    'credentials'
]);
/**
 * Jenkins at the root of the page that the given URL is, one level above it, or at /jenkins/
 * below it: the usual mix-ups, the likeliest first. Each is a round trip, so there are at most
 * three, and the first that answers ends the search.
 */
async function jenkinsNearby(probe) {
    const root = new URL(probe.root);
    const candidates = new Set();
    const add = (path) => {
        const candidate = onSameOrigin(root, path);
        if (candidate)
            candidates.add(candidate);
    };
    const segments = root.pathname.split('/');
    const page = segments.findIndex((segment) => PAGE_SEGMENTS.has(segment));
    if (page > 0)
        add(`${segments.slice(0, page).join('/')}/`);
    if (root.pathname !== '/')
        add(new URL('..', root).pathname);
    if (!root.pathname.endsWith('/jenkins/'))
        add(`${root.pathname}jenkins/`);
    for (const candidate of candidates) {
        if (await jenkinsAt(candidate, probe))
            return candidate;
    }
    return undefined;
}
/**
 * The root's origin with another path, the slashes of an empty segment collapsed. Never text
 * resolved against the root: a path that begins with `//` (a jenkins-url built as
 * "$JENKINS_URL/job/x/") resolves as another host, and the probe carries the credentials.
 */
function onSameOrigin(root, path) {
    const url = new URL(root.href);
    url.pathname = path.replace(/\/{2,}/g, '/');
    url.search = '';
    url.hash = '';
    return url.origin === root.origin && url.pathname !== root.pathname ? url.href : undefined;
}
function jenkinsJson(response) {
    if (response?.status !== 200)
        return undefined;
    try {
        const json = JSON.parse(response.body);
        return isJenkinsClass(json, WHO_AM_I) ? json : undefined;
    }
    catch {
        return undefined;
    }
}

;// CONCATENATED MODULE: ./src/jenkins/revoke.ts





/**
 * POST revoke, authenticated by the token itself, at /me/: the token's own user, whatever
 * its record. An API-token request needs no crumb, and a user may always revoke their own
 * tokens. Jenkins answers 200 for an unknown uuid too.
 */
async function revokeOwnToken(root, user, token, uuid, transport) {
    const url = tokenEndpoint(root, { me: true }, 'revoke');
    const response = await transport.request({
        method: 'POST',
        url,
        headers: authorization(user, token),
        form: { tokenUuid: uuid }
    });
    if (response.status === 200) {
        confirmRevoke(response, url, root);
        return 'revoked';
    }
    // Only Jenkins's own 401 says the token does not log in; a proxy's never reached it.
    if (response.status === 401 && !foreignChallenge(response))
        return 'rejected';
    const context = {
        action: 'to revoke the token',
        method: 'POST',
        username: user,
        credential: 'new token'
    };
    const probe = {
        root,
        credentials: { username: user, secret: token, kind: 'api-token' },
        transport
    };
    throw (await diagnose(response, context, probe)) ?? failureFor(response, context);
}
/**
 * Throws unless a 200 to a revoke is Jenkins's: HttpResponses.ok(), a 200 with no body, from the
 * revoke endpoint. A single sign-on proxy's sign-in page, or the page a redirect led to,
 * answers 200 too, having revoked nothing. A redirect (always to the same origin) that kept the
 * endpoint's path below the root, only under another context path, reached Jenkins moved.
 */
function confirmRevoke(response, url, root) {
    const answered = new URL(response.url).pathname;
    const endpoint = new URL(url).pathname.slice(new URL(root).pathname.length - 1);
    const why = !answered.endsWith(endpoint)
        ? `the request was redirected to ${url_logPath(response.url)}, whose page answered HTTP 200`
        : response.body.trim() !== ''
            ? 'the answer was HTTP 200 with a page, where Jenkins answers a revoke with an empty 200'
            : undefined;
    if (why) {
        throw new errors_JenkinsError(`Jenkins did not confirm that it revoked the token: ${why}. Something between the runner and Jenkins (a single sign-on proxy or gateway) answered in its place.`, 200);
    }
}

// EXTERNAL MODULE: ./src/http/proxy.ts
var proxy = __webpack_require__(7856);
;// CONCATENATED MODULE: ./src/runner/cleartext.ts

/**
 * Loopback: the only place an http:// controller's traffic cannot be read on the way.
 * `hostname` as a URL gives it, so an IPv4-mapped 127.x.y.z is in hex (`[::ffff:7f00:1]`).
 */
function isLoopback(hostname) {
    const host = hostname.toLowerCase();
    return (host === 'localhost' ||
        host === '[::1]' ||
        /^127(\.\d{1,3}){3}$/.test(host) ||
        /^\[::ffff:7f[0-9a-f]{2}:[0-9a-f]{1,4}\]$/.test(host));
}
/**
 * The warning for secrets about to travel in clear text, or null when the controller is
 * reached over https or on loopback. `secretsTravel` names them, with the verb: e.g.
 * `the password of "alice" and the new API token travel`.
 */
function cleartextWarning(jenkinsUrl, secretsTravel) {
    const url = new URL(jenkinsUrl);
    if (url.protocol !== 'http:' || (isLoopback(url.hostname) && !throughProxy(url)))
        return null;
    return `jenkins-url ${url.origin} is plain http and not on this machine: ${secretsTravel} unencrypted: anyone on the network path can read and use what is sent. Give the controller's https:// URL (http:// is safe only on loopback: localhost, 127.0.0.0/8, ::1).`;
}
/**
 * Whether requests to `url` go through a proxy. The runner's rules never proxy localhost,
 * 127.x or ::1, but they do proxy an IPv4-mapped 127.x ([::ffff:7f00:1]): the secrets then
 * reach the proxy in clear. A proxy variable the transport refuses sends nothing at all.
 */
function throughProxy(url) {
    try {
        return (0,proxy/* proxyFor */.i)(url) !== undefined;
    }
    catch {
        return false;
    }
}

// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 12 modules
var lib_core = __webpack_require__(143);
;// CONCATENATED MODULE: ./src/jenkins/token-form.ts
/**
 * The forms of what Jenkins's ApiTokenStore makes (2.129 and later), to tell its own values
 * from ones altered on the way. A token's value: the version "11" and 16 random bytes in
 * lowercase hex. Its UUID: java.util.UUID.randomUUID(), in the usual 8-4-4-4-12 hex form.
 */
const TOKEN_VALUE = /^11[0-9a-f]{32}$/;
const TOKEN_UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

// EXTERNAL MODULE: ./src/runner/minted-record.ts
var minted_record = __webpack_require__(603);
// EXTERNAL MODULE: ./src/runner/input-limits.ts
var input_limits = __webpack_require__(9019);
// EXTERNAL MODULE: ./src/runner/jenkins-url-input.ts
var jenkins_url_input = __webpack_require__(4033);
;// CONCATENATED MODULE: ./src/runner/state.ts







/** Names Jenkins may hold a token under: every attempt sent and not settled either way. */
function possiblyCreated(state, except) {
    return state.attempts.filter((a) => a.outcome !== 'not-created' &&
        a.outcome !== 'created' &&
        a.outcome !== 'revoked' &&
        a.name !== except);
}
/** The state key of the attempts record; the runner hands it to post as STATE_attempts. */
const ATTEMPTS_STATE = 'attempts';
/**
 * Throws, saving nothing, when the record would not reach the post step (see
 * MAX_RECORD_BYTES): the step then revokes the token itself, as for any record it cannot save.
 */
function saveMinted(state) {
    const record = JSON.stringify(state);
    if (Buffer.byteLength(record) > MAX_RECORD_BYTES) {
        throw new Error(`its record, ${Math.ceil(Buffer.byteLength(record) / 1024)} KiB with what Jenkins answered, would not fit the one environment variable in which the runner hands it to the post step (at most 128 KiB)`);
    }
    core.saveState(MINTED_STATE, record);
}
/**
 * Hands the controller's TLS session to the post step, to resume (tls-session-record.ts).
 * Masked first, as the runner's debug log prints what is saved. Only a shortcut: a session
 * that cannot be saved costs post a full handshake, so nothing here may fail the step.
 */
function saveTlsSession(resumable, jenkinsUrl) {
    // A session post would not offer is a secret kept for nothing.
    if (!resumable || !offeredAt(resumable, jenkinsUrl))
        return;
    try {
        const { record, secret } = sessionRecord(resumable);
        core.setSecret(secret);
        core.saveState(TLS_SESSION_STATE, record);
    }
    catch (error) {
        core.debug(`The TLS session was not saved for the post step: ${errorMessage(error)}`);
    }
}
/**
 * The token main saved; null when it saved none; 'unreadable' when what it saved is not such
 * a record (edited, or cut short), which the post step must not take for "no token".
 */
function loadMinted() {
    if (lib_core/* getState */.Gu(minted_record/* MINTED_STATE */.I) === '')
        return null;
    const state = load(minted_record/* MINTED_STATE */.I);
    return state && isMintedState(state) ? state : 'unreadable';
}
/**
 * Only what main saves passes: values of the right type that main never writes (a URL it did
 * not normalise, a timeout the inputs refuse, `"revokedInMain": "no"`) would send the post
 * step astray, or call a live token revoked.
 */
function isMintedState(state) {
    const strings = [state.jenkinsUrl, state.user, state.tokenName, state.tokenUuid, state.token];
    return (strings.every((value) => typeof value === 'string' && value !== '') &&
        isNormalisedUrl(state.jenkinsUrl) &&
        typeof state.revoke === 'boolean' &&
        (0,input_limits/* isWholeIn */.Hi)(state.timeoutSeconds, input_limits/* TIMEOUT_SECONDS */.yj) &&
        (0,input_limits/* isWholeIn */.Hi)(state.retries, input_limits/* RETRIES */.Zs) &&
        (state.caCertificate === null || typeof state.caCertificate === 'string') &&
        typeof state.insecureSkipTlsVerify === 'boolean' &&
        (state.revokedInMain === undefined || typeof state.revokedInMain === 'boolean') &&
        (state.jenkinsVersion === undefined || typeof state.jenkinsVersion === 'string') &&
        (state.expirationDate === undefined || typeof state.expirationDate === 'string'));
}
/** The URL as main saves it: the jenkins-url input after normaliseJenkinsUrl. */
function isNormalisedUrl(url) {
    try {
        return (0,jenkins_url_input/* normaliseJenkinsUrl */.K)(url) === url;
    }
    catch {
        return false;
    }
}
/**
 * The runner hands each saved record to the post step in an environment variable, at most
 * 128 KiB on Linux (MAX_ARG_STRLEN): one larger would keep post from starting at all. The
 * attempts grow with every mint whose answer is lost (a controller that keeps dropping
 * connections while wait-seconds lasts), so past this the step sends no further attempt; the
 * token's record grows only with what Jenkins answered, and past this main revokes the token.
 */
const MAX_RECORD_BYTES = (/* unused pure expression or super */ null && (120 * 1024));
function saveAttempts(state) {
    const record = JSON.stringify(state);
    if (Buffer.byteLength(record) > MAX_RECORD_BYTES) {
        throw new Error(`The record of ${state.attempts.length} mint attempts would not fit the one environment variable in which the runner hands it to the post step (at most 128 KiB), so the step sends no further attempt. Jenkins may hold a token of each name the warnings give.`);
    }
    core.saveState(ATTEMPTS_STATE, record);
}
/**
 * The record of mint attempts; null when main saved none or when it is not one main writes
 * (cut short, a URL it did not normalise, an attempt without a name), which the post step
 * reads as damaged (damaged-records.ts): taken as it stands, a list lost to damage would read
 * as no attempt made, and a URL main never saves would be a page to send a person to.
 */
function loadAttempts() {
    const state = load(ATTEMPTS_STATE);
    if (!state || !isAttemptsState(state))
        return null;
    // An outcome it does not know counts as sent and unsettled: better a needless warning than a
    // lost token.
    const attempts = state.attempts.map(({ name, outcome, uuid }) => ({
        name,
        outcome,
        // Named as a token Jenkins certainly holds: only a UUID of Jenkins's form.
        ...(typeof uuid === 'string' && TOKEN_UUID.test(uuid) ? { uuid } : {})
    }));
    const version = typeof state.jenkinsVersion === 'string' ? state.jenkinsVersion : '';
    return {
        jenkinsUrl: state.jenkinsUrl,
        user: state.user,
        ...(version ? { jenkinsVersion: version } : {}),
        attempts
    };
}
function isAttemptsState(state) {
    const { jenkinsUrl, user, attempts } = state;
    return (typeof jenkinsUrl === 'string' &&
        isNormalisedUrl(jenkinsUrl) &&
        typeof user === 'string' &&
        user !== '' &&
        Array.isArray(attempts) &&
        attempts.every((a) => typeof a?.name === 'string' && a.name !== ''));
}
function load(key) {
    const raw = lib_core/* getState */.Gu(key);
    if (raw === '')
        return null;
    try {
        return JSON.parse(raw);
    }
    catch {
        return null;
    }
}

;// CONCATENATED MODULE: ./src/runner/damaged-records.ts




const FIELDS = ['tokenName', 'tokenUuid', 'user', 'jenkinsUrl', 'jenkinsVersion'];
/** The remains of main's token record, when post cannot read it. */
function mintedRemains() {
    return remainsIn(lib_core/* getState */.Gu(minted_record/* MINTED_STATE */.I), FIELDS);
}
/**
 * Where the tokens of a record of mint attempts that post cannot read are: its controller, user
 * and version, as far as they can still be read. Its entries have no field of these names.
 */
function attemptsRemains() {
    return remainsIn(lib_core/* getState */.Gu(ATTEMPTS_STATE), ['user', 'jenkinsUrl', 'jenkinsVersion']);
}
function remainsIn(raw, fields) {
    const json = parsedJson(raw);
    const record = asObject(json?.value);
    const remains = {};
    for (const field of fields) {
        // From the JSON if it parses (nothing from JSON that is no object), else from the text.
        const value = json ? record?.[field] : quotedField(raw, field);
        if (typeof value === 'string' && value !== '')
            remains[field] = value;
    }
    if (remains.tokenUuid !== undefined && !TOKEN_UUID.test(remains.tokenUuid))
        delete remains.tokenUuid;
    if (remains.jenkinsUrl !== undefined && !isNormalisedUrl(remains.jenkinsUrl)) {
        delete remains.jenkinsUrl;
    }
    return remains;
}
/**
 * The token names a record of mint attempts that post cannot read still holds, in order; null
 * when main saved no such record. Main saves it before its first mint is sent.
 */
function attemptNamesIn() {
    const raw = lib_core/* getState */.Gu(ATTEMPTS_STATE);
    if (raw === '')
        return null;
    const listed = listedAttempts(raw);
    if (listed)
        return listed;
    const names = [];
    for (const match of raw.matchAll(/"name"\s*:\s*("(?:[^"\\]|\\.)*")/g)) {
        const name = parseString(match[1] ?? '');
        if (name && !names.includes(name))
            names.push(name);
    }
    return names;
}
/**
 * The names of a record that parses but is not whole (its user lost, say): all but those
 * whose outcome says Jenkins made nothing that is left. Undefined when it does not parse.
 */
function listedAttempts(raw) {
    const attempts = namedAttempts(parsedJson(raw)?.value);
    if (!attempts)
        return undefined;
    const names = [];
    for (const { name, outcome } of attempts) {
        if (names.includes(name) || outcome === 'not-created' || outcome === 'revoked')
            continue;
        names.push(name);
    }
    return names;
}
/**
 * The attempts of a record that parses, those with a name; undefined when its `attempts` is no
 * list. Entries without a name tell nothing a person can look for.
 */
function namedAttempts(value) {
    const attempts = asObject(value)?.attempts;
    if (!Array.isArray(attempts))
        return undefined;
    return attempts.flatMap((attempt) => {
        const name = attempt?.name;
        return typeof name === 'string' && name !== '' ? [{ name, outcome: attempt?.outcome }] : [];
    });
}
/**
 * The name of the attempt a damaged record of attempts says Jenkins created, if it still says
 * so of exactly one: main saves that outcome before it saves the token's record, and sends no
 * mint after one that made a token, so an unreadable token record is of that token.
 */
function createdAttemptIn() {
    const raw = lib_core/* getState */.Gu(ATTEMPTS_STATE);
    const json = parsedJson(raw);
    const created = new Set();
    if (json) {
        for (const { name, outcome } of namedAttempts(json.value) ?? []) {
            if (outcome === 'created')
                created.add(name);
        }
    }
    else {
        // Cut short: main writes an attempt's name, then its outcome.
        const pattern = /"name"\s*:\s*("(?:[^"\\]|\\.)*")\s*,\s*"outcome"\s*:\s*"created"/g;
        for (const match of raw.matchAll(pattern)) {
            const name = parseString(match[1] ?? '');
            if (name)
                created.add(name);
        }
    }
    return created.size === 1 ? [...created][0] : undefined;
}
/** The record's JSON value, boxed so that `null` is told from text that does not parse. */
function parsedJson(raw) {
    try {
        return { value: JSON.parse(raw) };
    }
    catch {
        return undefined;
    }
}
function asObject(value) {
    return typeof value === 'object' && value !== null && !Array.isArray(value)
        ? value
        : undefined;
}
/** A field's string value in a record cut short: its key, then a whole JSON string. */
function quotedField(raw, field) {
    const match = raw.match(new RegExp(`"${field}"\\s*:\\s*("(?:[^"\\\\]|\\\\.)*")`));
    return match ? parseString(match[1] ?? '') : undefined;
}
function parseString(json) {
    try {
        const value = JSON.parse(json);
        return typeof value === 'string' ? value : undefined;
    }
    catch {
        return undefined;
    }
}

;// CONCATENATED MODULE: ./src/runner/log-text.ts
/**
 * Text from outside (inputs, Jenkins's answers, error messages) as it may appear in a log
 * line, an annotation or the job summary. The runner reads any stdout line that starts with
 * `::` as a workflow command, and a line break in a summary cell ends the table and lets the
 * rest render as new Markdown; so no control character from outside is ever written raw.
 *
 * Control characters: C0 (with CR, LF and TAB), DEL, C1, and the Unicode line and paragraph
 * separators. Each becomes a visible escape: `\r`, `\n`, `\t`, or `\uXXXX`.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching them is the point.
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;
const SHORT = { '\r': '\\r', '\n': '\\n', '\t': '\\t' };
function escapeControl(c) {
    return SHORT[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
}
/** The text with every control character replaced by a visible escape; all else unchanged. */
function plain(text) {
    return text.replace(CONTROL, escapeControl);
}
/** Free text in double quotes, with quotes, backslashes and control characters escaped. */
function quoted(text) {
    return `"${inline(text)}"`;
}
/** As `quoted`, without the surrounding quotes. Plain names come out unchanged. */
function inline(text) {
    return plain(text.replace(/["\\]/g, (c) => `\\${c}`));
}
/**
 * Free text as HTML text: control characters made visible (a line break would end the
 * table and let the rest render as Markdown), and every character that means something to
 * HTML or Markdown written as an entity.
 */
function cell(text) {
    return plain(text).replace(/[&<>"'|\\`*_[\]~]/g, (c) => `&#${c.charCodeAt(0)};`);
}

;// CONCATENATED MODULE: ./src/runner/log.ts


/**
 * The only way the action writes to the job log and annotations. Every message, whole, goes
 * through `plain`: whatever part of it came from outside, no control character reaches the
 * runner, so no line break can start a `::command::` line or split an annotation.
 */
const log = {
    debug: (message) => lib_core/* debug */.Yz(plain(message)),
    info: (message) => lib_core/* info */.pq(plain(message)),
    notice: (message) => lib_core/* notice */.lm(plain(message)),
    warning: (message) => lib_core/* warning */.$e(plain(message)),
    error: (message) => lib_core/* error */.z3(plain(message)),
    /** An error annotation, and the step fails (exit code 1). */
    fail: (message) => lib_core/* setFailed */.C1(plain(message))
};

;// CONCATENATED MODULE: ./src/runner/masking.ts




/**
 * Registers a secret and every form of it that can end up in a log: the Basic
 * Authorization value (printed by `curl -v`), plain base64, the URL-encoded form, and the
 * forms the action's own log and summary write it in, should an answer echo it back (a
 * control character, quote or backslash escaped, or HTML's entities), which the runner,
 * matching the raw value, would not find. It never throws: it runs once a token exists,
 * before anything else may fail.
 */
function maskSecret(secret, username) {
    // encodeURIComponent throws on a lone surrogate; every other encoder (Buffer, URLSearchParams,
    // the log's own UTF-8) writes it as U+FFFD, as toWellFormed does.
    const wellFormed = secret.toWellFormed();
    const forms = new Set([
        secret,
        wellFormed,
        credentials_basicAuthValue(username, secret),
        Buffer.from(secret, 'utf8').toString('base64'),
        encodeURIComponent(wellFormed),
        plain(secret),
        inline(secret),
        cell(secret),
        // The summary's notes are log sentences (names quoted) written as HTML text.
        cell(inline(secret))
    ]);
    for (const form of forms)
        lib_core/* setSecret */.Pq(form);
    (0,server_text/* withholdFromMessages */.Yb)(wellFormed);
}
/**
 * The Basic value of a secret for another spelling of its user: Jenkins's own id, which the
 * outputs hand out, when the login was typed in another case (user ids are case-insensitive).
 */
function maskBasicAuth(username, secret) {
    core.setSecret(basicAuthValue(username, secret));
}

;// CONCATENATED MODULE: ./src/runner/may-exist.ts


/**
 * Where to revoke a token of `where` by hand (revokePage), read from the one record that
 * names its controller, user and version: every message passes the record, not three fields
 * that could be taken from different places. `show` writes each URL (a link, in the summary).
 */
function revokePageFor(where, show) {
    return revokePage(where.jenkinsUrl, where.user, where.jenkinsVersion, show);
}
/** The words a person is sent to when a damaged record does not say which page to open. */
const TOKENS_ON_THE_CONTROLLER = "the user's API tokens on the controller";
/** The page of revokePageFor, when a damaged record still names the controller and user. */
function knownPage(where, show) {
    const { jenkinsUrl, user } = where;
    return jenkinsUrl && user ? revokePageFor({ ...where, jenkinsUrl, user }, show) : null;
}
/** Where a warning sends a person to revoke a token of a damaged record by hand. */
function may_exist_whereToLook(where) {
    const page = knownPage(where);
    return page ? `open ${page}` : `check ${TOKENS_ON_THE_CONTROLLER}`;
}
/** Why Jenkins may hold a token of this name, in words for the log and the summary. */
function whyItMayExist(attempt) {
    if (attempt.uuid) {
        return 'Jenkins answered that it created it, but without a token value the action could use, and the action could not revoke it';
    }
    return attempt.outcome === 'pending'
        ? 'the step stopped while the request that creates it was under way'
        : 'the answer to the request that creates it was lost or unclear';
}
/**
 * One warning for one token a person may have to revoke by hand: Jenkins has no API to
 * list tokens, so the name, the user and the page are all the action can give.
 */
function mayExistWarning(attempt, where) {
    const name = quoted(attempt.name);
    const page = revokePageFor(where);
    if (attempt.uuid) {
        return `Jenkins holds an API token named ${name} (token UUID ${attempt.uuid}) for the user ${quoted(where.user)}: ${whyItMayExist(attempt)}. Open ${page} and revoke ${name} there.`;
    }
    return `Jenkins may hold an API token named ${name} for the user ${quoted(where.user)}: ${whyItMayExist(attempt)}, so the action does not know whether it was created and cannot revoke it. Open ${page} and revoke ${name} there if it is listed.`;
}
/** Why a token Jenkins made cannot be revoked, in words for the summary. */
function whyRecordLost(lost) {
    return lost === 'unreadable'
        ? 'Jenkins created it, but the record the main step saved of it cannot be read'
        : 'Jenkins created it, but the main step stopped before it saved a record of it';
}
/** One warning for a token Jenkins made whose record (its UUID and value) is lost. */
function lostRecordWarning(attempt, where, lost, uuid) {
    const name = uuid ? `${quoted(attempt.name)} (token UUID ${uuid})` : quoted(attempt.name);
    const page = revokePageFor(where);
    // Main revokes a token it cannot record, if it can, but then cannot record that either.
    const why = lost === 'unreadable'
        ? `the record the main step saved of it cannot be read. Open ${page}`
        : `the main step saved no record of it (its UUID and value): it stopped first, or could not write its state. Unless the main step's log says it revoked the token, open ${page}`;
    return `Jenkins created an API token named ${name} for the user ${quoted(where.user)} that this step cannot revoke: ${why} and revoke ${quoted(attempt.name)} there.`;
}

// EXTERNAL MODULE: ./src/runner/stop-signals.ts
var stop_signals = __webpack_require__(4312);
;// CONCATENATED MODULE: ./src/runner/summary.ts



/** This step's summary, written or being written (a process runs one step). */
let written;
/**
 * The step's part of the job summary, through the runner's own library. Nothing is written
 * when there is nothing to say or the runner gave no summary file. One summary per step: a
 * later one (a stop's, while the step's own is written) waits for the earlier write and
 * replaces it, so it must say all the earlier did.
 */
function writeSummary(content) {
    const earlier = written;
    written = (async () => {
        await earlier?.catch(() => undefined);
        await write(content, earlier !== undefined);
    })();
    return written;
}
async function write(content, replace) {
    const { token, notes = [], checkByHand } = content;
    const lost = checkByHand?.tokens ?? [];
    if (!token && notes.length === 0 && lost.length === 0)
        return;
    if (!process.env.GITHUB_STEP_SUMMARY)
        return;
    const summary = lib_core/* summary */.z.emptyBuffer().addHeading('Jenkins API token', 3);
    if (token) {
        summary.addTable([
            ['Token name', token.tokenName],
            ['Token UUID', token.tokenUuid],
            ['User', token.user],
            ['Controller', token.jenkinsUrl],
            ['Jenkins version', token.jenkinsVersion || 'unknown'],
            ['Last valid day', token.expirationDate]
        ].map(([name, value]) => [{ data: cell(name ?? ''), header: true }, cell(value ?? '')]));
    }
    for (const note of notes)
        summary.addRaw(`<p>${cell(note)}</p>`, true);
    if (checkByHand && lost.length > 0) {
        const { where } = checkByHand;
        const link = (url) => `<a href="${cell(url)}">${cell(url)}</a>`;
        const ofUser = where.user ? ` of the user ${cell(where.user)}` : '';
        const pages = knownPage(where, link);
        // A damaged record may have lost the controller or the user: the warnings' words, then.
        const revoke = pages
            ? `Revoke any that is listed on ${pages}.`
            : `Check ${cell(TOKENS_ON_THE_CONTROLLER)} and revoke any that is listed.`;
        summary.addRaw(`<p><strong>Check by hand:</strong> Jenkins may hold ${lost.length === 1 ? 'this token' : 'these tokens'}${ofUser}, and the action could not revoke ${lost.length === 1 ? 'it' : 'them'}. ${revoke}</p>`, true);
        // Jenkins lists a token by name and shows no UUID, but an auditor matches it in the logs.
        const withUuid = lost.some((token) => token.uuid);
        summary.addTable([
            [
                { data: 'Token name', header: true },
                ...(withUuid ? [{ data: 'Token UUID', header: true }] : []),
                { data: 'Why it needs checking', header: true }
            ],
            ...lost.map((token) => [
                cell(token.name ?? (token.mayBeListed ? MAYBE_LISTED : NO_NAME)),
                ...(withUuid ? [cell(token.uuid ?? 'not known')] : []),
                cell(token.why)
            ])
        ]);
    }
    await summary.write({ overwrite: replace });
}
/** A token a damaged record no longer names: the action names every token after its run. */
const NO_NAME = 'not known: the one named after this run';
/** A token a damaged record no longer names, which may be one of those other rows name. */
const MAYBE_LISTED = 'not known: the one named after this run, perhaps one of those listed here';

// EXTERNAL MODULE: ./src/http/transport.ts + 4 modules
var transport = __webpack_require__(6276);
;// CONCATENATED MODULE: ./src/runner/transport-settings.ts



// A controller showing its getting-ready page is worth waiting for even unasked.
const DEFAULT_LOADING_WAIT_MS = 120_000;
// The post step runs while the job is finishing: a hung Jenkins must not hold it up.
const POST_TIMEOUT_MS = 10_000;
const POST_RETRIES = 2;
const POST_BUDGET_MS = 20_000;
const MAIN_LIMITS = {
    request: 'timeout-seconds',
    step: 'Each request is tried at most retries + 1 times, for timeout-seconds each, and the step waits at most wait-seconds (120 s when it is not set) for a starting controller.',
    starting: 'Set wait-seconds to wait longer for it (for a service container, 180 or more).',
    gone: 'Set wait-seconds to wait longer for it to come back, or re-run the job once Jenkins answers again.'
};
/**
 * The main step's transport: (retries + 1) × timeout, plus the wait for a starting controller,
 * as one budget: a step that spent none of it waiting may spend it on slow answers instead.
 * Each request may still make all its attempts, whatever the ones before it spent.
 * Refused and dropped connections before Jenkins has answered are waited for only when
 * wait-seconds asks for it, so a wrong URL still fails within seconds; after an answer they
 * are a controller gone (restarting, or crashed), waited for as long as its pages are.
 */
function mainTransport(settings, agents) {
    const timeoutMs = settings.timeoutSeconds * 1000;
    const waitMs = settings.waitSeconds === null || settings.waitSeconds === undefined
        ? null
        : settings.waitSeconds * 1000;
    const loadingMs = waitMs ?? DEFAULT_LOADING_WAIT_MS;
    return new Transport({
        ...common(settings, agents),
        timeoutMs,
        retries: settings.retries,
        budgetMs: (settings.retries + 1) * timeoutMs + loadingMs,
        triesPerRequest: true,
        startup: {
            loadingMs,
            unreachableMs: waitMs ?? 0,
            unreachableAfterSend: true,
            progress: waitingLine
        },
        limits: MAIN_LIMITS
    });
}
/**
 * The post step's transport: main's settings within limits of its own, 20 s in all, since
 * wait-seconds is main's alone. A controller restarting as the job ends is waited for within
 * those 20 s, whatever retries says, as long as one more request still fits: while it refuses
 * connections as well as while it shows its getting-ready page. Main reached it at this URL,
 * so a refused connection here, or a gateway's 5xx the root confirms, is a controller that went
 * away, not a wrong URL to fail fast on nor a 5xx to retry blindly (answeredEarlier). The revoke
 * then goes again only once GETs without credentials find Jenkins serving: the token travels
 * only to a Jenkins that can act on it, and post's few retries are not spent on a proxy's 502s.
 */
function postTransport(settings, agents) {
    const timeoutMs = Math.min(settings.timeoutSeconds * 1000, POST_TIMEOUT_MS);
    const retries = Math.min(settings.retries, POST_RETRIES);
    const loadingMs = POST_BUDGET_MS - timeoutMs;
    return new transport/* Transport */.oK({
        ...common(settings, agents),
        timeoutMs,
        retries,
        budgetMs: POST_BUDGET_MS,
        // Post runs only for a token main minted: Jenkins answered main at this very URL.
        answeredEarlier: "in this job's main step",
        // Refused connections, not requests Jenkins took and left unanswered: a hung controller
        // must not hold the job up for all 20 s.
        startup: {
            loadingMs,
            unreachableMs: loadingMs,
            unreachableAfterSend: false,
            progress: waitingLine
        },
        limits: {
            request: timeoutMs < settings.timeoutSeconds * 1000
                ? `the post step's limit per request, ${POST_TIMEOUT_MS / 1000} s at most`
                : 'timeout-seconds',
            step: `The post step tries for at most ${POST_BUDGET_MS / 1000} s, with at most ${POST_TIMEOUT_MS / 1000} s per request and ${POST_RETRIES} retries, whatever the inputs say.`,
            starting: `The post step waits at most ${Math.round(loadingMs / 1000)} s for a starting controller.`,
            gone: `The post step waits at most ${Math.round(loadingMs / 1000)} s for it to come back.`
        }
    });
}
/** The progress line of both waits; one that went away is not said to be starting. */
function waitingLine(waitedMs, limitMs, why, waitingFor, answered) {
    const [goal, reason] = waitingFor === 'return'
        ? ['come back', `it answered ${answered}, and now ${why}`]
        : ['start', why];
    log.info(`Waiting for Jenkins to ${goal} (${Math.round(waitedMs / 1000)} s of up to ${Math.round(limitMs / 1000)} s): ${reason.replace(/\.$/, '')}.`);
}
function common(settings, agents) {
    return {
        ...(agents ? { agents } : {}),
        debug: (message) => log.debug(message),
        judge: judgeJenkinsAnswer,
        askAnonymously: askIfStarting,
        actedOnNothing: isLoadingCrumbFailure,
        root: settings.jenkinsUrl,
        tls: {
            ...(settings.caCertificate ? { ca: settings.caCertificate } : {}),
            ...(settings.insecureSkipTlsVerify ? { rejectUnauthorized: false } : {})
        }
    };
}

;// CONCATENATED MODULE: ./src/runner/revoke-step.ts













/**
 * The post step: revoke exactly the token the main step minted, and name every token it
 * cannot account for. It never fails the job, and never calls a token gone unless Jenkins
 * said so: anything uncertain is a warning that names the token, the user and the page
 * where a person revokes it.
 */
async function runRevokeStep(agents, held) {
    const known = { accounted: false, check: [], notes: [], stopped: false };
    const stopHandling = (0,stop_signals/* onStopSignal */.Ki)(0, (signal) => reportStop(signal, known));
    // A signal that came while the step loaded reaches the handler now.
    held?.replay();
    try {
        await revokeStep(known, agents);
    }
    catch (error) {
        // A bug, not a Jenkins answer: still no stack trace and no failed job, and the token
        // this step was about is named for a person to revoke.
        log.warning(unexpectedFailure(error, known));
    }
    finally {
        stopHandling();
        agents?.close();
    }
}
/**
 * A job cancelled while the revoke is under way: the token may outlive the job, so it is
 * named with the page to revoke it on, as when the revoke fails. The post step still passes.
 */
async function reportStop(signal, known) {
    known.stopped = true;
    const token = known.minted;
    let message;
    if (token && !known.accounted) {
        message = `${(0,stop_signals/* stoppedBy */.$)(signal)} before Jenkins confirmed the revoke of ${tokenLabel(token)}: it may still be valid. ${revokeByHand(token)}`;
        log.warning(message);
        known.check.push({
            name: token.tokenName,
            uuid: token.tokenUuid,
            why: 'the job stopped before Jenkins confirmed the revoke'
        });
    }
    else {
        message = `${(0,stop_signals/* stoppedBy */.$)(signal)}, after the lines above.`;
        log.info(message);
    }
    await summarise(known, [...known.notes, message]);
}
async function summarise(known, notes) {
    const where = known.minted ?? known.attempts ?? known.damagedWhere ?? {};
    await writeSummary({ notes, checkByHand: { tokens: known.check, where } }).catch((error) => log.debug(`No job summary: ${errors_errorMessage(error)}`));
}
async function revokeStep(known, agents) {
    const saved = loadMinted();
    const minted = saved === 'unreadable' ? null : saved;
    const attempts = loadAttempts();
    known.attempts = attempts;
    if (minted)
        known.minted = minted;
    const check = known.check;
    if (attempts) {
        for (const attempt of possiblyCreated(attempts, minted?.tokenName)) {
            log.warning(mayExistWarning(attempt, attempts));
            check.push({
                name: attempt.name,
                ...(attempt.uuid ? { uuid: attempt.uuid } : {}),
                why: whyItMayExist(attempt)
            });
        }
    }
    // A token Jenkins made, with no record of it to revoke it by: main's record is unreadable,
    // or main stopped before it saved one.
    const made = minted ? [] : (attempts?.attempts.filter((a) => a.outcome === 'created') ?? []);
    const lost = saved === 'unreadable' ? 'unreadable' : 'unsaved';
    // What the damaged record still holds: the UUID above all, which only it has.
    const remains = saved === 'unreadable' ? mintedRemains() : {};
    for (const attempt of made) {
        const uuid = remains.tokenName === attempt.name ? remains.tokenUuid : undefined;
        log.warning(lostRecordWarning(attempt, attempts, lost, uuid));
        check.push({ name: attempt.name, ...(uuid ? { uuid } : {}), why: whyRecordLost(lost) });
    }
    // Main saves its attempts before the first mint is sent: a record post cannot read is no
    // sign that none was sent.
    const unreadNames = attempts
        ? null
        : (attemptNamesIn()?.filter((name) => name !== minted?.tokenName) ?? null);
    const where = minted ?? attempts ?? damagedWhere(remains, unreadNames !== null);
    if (!minted && !attempts)
        known.damagedWhere = where;
    if (saved === 'unreadable' && made.length === 0) {
        const beside = unreadNames ?? (attempts ? possiblyCreated(attempts).map((a) => a.name) : []);
        checkUnreadableToken(unreadableToken(remains, unreadNames), beside, check);
    }
    if (unreadNames && (saved === null || unreadNames.length > 0)) {
        log.warning(unreadableAttemptsWarning(unreadNames, where));
        const why = 'the record of the requests that create it cannot be read';
        for (const name of unreadNames)
            toCheck(check, { name, why });
        if (unreadNames.length === 0)
            toCheck(check, { why });
    }
    if (minted) {
        const unsure = await revokeMinted(minted, known.notes, agents);
        known.accounted = true;
        if (unsure)
            check.push({ name: minted.tokenName, uuid: minted.tokenUuid, why: unsure });
    }
    else if (saved === null && made.length === 0 && !unreadNames) {
        log.info(noTokenMessage(attempts, check.length > 0));
    }
    // Written once: after a stop signal, by its handler.
    if (!known.stopped)
        await summarise(known, known.notes);
}
/**
 * Where the tokens of damaged records are, as far as they tell: the token record's remains, or
 * those of the attempts when they name the page and the token's do not.
 */
function damagedWhere(remains, attemptsDamaged) {
    const fromAttempts = attemptsDamaged ? attemptsRemains() : {};
    const { user, jenkinsUrl, jenkinsVersion } = (remains.jenkinsUrl && remains.user) || !(fromAttempts.jenkinsUrl && fromAttempts.user)
        ? { ...fromAttempts, ...remains }
        : fromAttempts;
    return {
        ...(user ? { user } : {}),
        ...(jenkinsUrl ? { jenkinsUrl } : {}),
        ...(jenkinsVersion ? { jenkinsVersion } : {})
    };
}
/**
 * Adds a token to the summary's list once: a token two damaged records name is one row, with
 * the UUID either gives. One row too for the token no record names any more.
 */
function toCheck(check, token) {
    const same = check.find((listed) => listed.name === token.name);
    if (!same)
        check.push(token);
    else if (!same.uuid && token.uuid)
        same.uuid = token.uuid;
}
/**
 * Warns of the token of an unreadable record and lists it. Without its name it may be one of
 * the `beside` names the attempts give, which are listed too: its row must not read as one more.
 */
function checkUnreadableToken(token, beside, check) {
    const { tokenName, tokenUuid } = token;
    const among = tokenName ? [] : beside;
    log.warning(unreadableRecordWarning(token, among));
    toCheck(check, {
        ...(tokenName ? { name: tokenName } : {}),
        ...(tokenName && tokenUuid ? { uuid: tokenUuid } : {}),
        ...(among.length > 0 ? { mayBeListed: true } : {}),
        why: whyRecordLost('unreadable')
    });
}
/**
 * What an unreadable token record still tells of its token; its name, when only the damaged
 * attempts still hold it, from the attempt they say Jenkins created: main saves that outcome
 * before the token's record, and sends no mint after the one that made a token.
 */
function unreadableToken(remains, unreadNames) {
    if (remains.tokenName || !unreadNames?.length)
        return remains;
    const created = createdAttemptIn();
    return created ? { ...remains, tokenName: created } : remains;
}
/**
 * A token record post cannot read: it names what the record still holds. A token it no longer
 * names may be one of the `beside` names other warnings give, or another: a record of attempts
 * cut short loses its last attempt first, and the token is the last.
 */
function unreadableRecordWarning(remains, beside) {
    const cannot = 'The main step saved a record of a Jenkins API token that this step cannot read';
    const { tokenName, tokenUuid, user } = remains;
    if (!tokenName) {
        const which = beside.length > 0
            ? `, perhaps ${beside.map((name) => quoted(name)).join(' or ')}, perhaps another`
            : '';
        return `${cannot}, so it cannot revoke it: ${may_exist_whereToLook(remains)} and revoke the one named after this run${which}.`;
    }
    const token = `${quoted(tokenName)}${tokenUuid ? ` (token UUID ${tokenUuid})` : ''}${user ? ` of ${quoted(user)}` : ''}`;
    return `${cannot}, token ${token}, so it cannot revoke it: ${may_exist_whereToLook(remains)} and revoke ${quoted(tokenName)} there if it is listed.`;
}
/** A record of mint attempts post cannot read: any of them may have made a token. */
function unreadableAttemptsWarning(names, where) {
    const which = names.length > 0
        ? `any named ${names.map((name) => quoted(name)).join(' or ')}`
        : 'any named after this run';
    return `The main step saved a record of its requests to create a Jenkins API token that this step cannot read, so it cannot tell whether Jenkins made one: ${may_exist_whereToLook(where)} and revoke ${which}.`;
}
function unexpectedFailure(error, known) {
    let reason;
    try {
        reason = errors_errorMessage(error).replace(/\.$/, '');
    }
    catch {
        reason = 'an error that cannot be shown';
    }
    const failed = `The post step hit an unexpected error (${reason}), a bug in the action to report`;
    const token = known.minted;
    if (token && !known.accounted) {
        return `${failed}, before it could revoke ${tokenLabel(token)}. ${revokeByHand(token)}`;
    }
    if (token) {
        return `${failed}, after the lines above about Jenkins API token ${quoted(token.tokenName)}.`;
    }
    // Damaged records may still name the controller and user: the page the warnings gave.
    const where = known.attempts ?? known.damagedWhere ?? {};
    return `${failed}. If the main step created a Jenkins API token, ${may_exist_whereToLook(where)} and revoke the one named after this run.`;
}
function tokenLabel(token) {
    return `Jenkins API token ${quoted(token.tokenName)} (token UUID ${inline(token.tokenUuid)}) of ${quoted(token.user)}`;
}
/** Where and what to revoke by hand; `withUuid` when the line before has not given the UUID. */
function revokeByHand(token, withUuid = false) {
    const what = withUuid
        ? `${quoted(token.tokenName)} (token UUID ${inline(token.tokenUuid)})`
        : quoted(token.tokenName);
    return `Open ${revokePageFor(token)} and revoke ${what} there if it is listed.`;
}
function noTokenMessage(attempts, lost) {
    if (lost) {
        return 'The main step got no token from Jenkins, so there is none for this step to revoke; the warnings above name each token Jenkins may hold all the same.';
    }
    if (!attempts || attempts.attempts.length === 0) {
        return 'No Jenkins token was created in this job: the main step never asked for one. Nothing to revoke.';
    }
    if (attempts.attempts.some((attempt) => attempt.outcome === 'revoked')) {
        return 'No Jenkins token is left from this job: the main step revoked the one Jenkins made, whose value it could not use. Nothing to revoke.';
    }
    return 'No Jenkins token was created in this job: Jenkins answered every request to create one without making it. Nothing to revoke.';
}
/** Revokes the minted token; returns why a person must check it by hand, or null. */
async function revokeMinted(state, notes, agents) {
    maskSecret(state.token, state.user);
    const name = quoted(state.tokenName);
    const label = `${name} (${inline(state.tokenUuid)}) of ${quoted(state.user)} on ${state.jenkinsUrl}`;
    const byHand = revokeByHand(state, true);
    if (state.revokedInMain) {
        const message = `The main step revoked Jenkins API token ${label} before it failed: nothing to revoke.`;
        log.info(message);
        notes.push(message);
        return null;
    }
    if (!state.revoke) {
        const message = `revoke is false: leaving Jenkins API token ${label} ${(0,minted_record/* validUntil */.x)(state)}.`;
        log.info(message);
        notes.push(message);
        return null;
    }
    const cleartext = cleartextWarning(state.jenkinsUrl, `the new API token of ${quoted(state.user)}, which authenticates its own revocation, travels`);
    if (cleartext)
        log.warning(cleartext);
    const transport = postTransport(state, agents);
    try {
        const outcome = await revokeOwnToken(state.jenkinsUrl, state.user, state.token, state.tokenUuid, transport);
        if (outcome === 'revoked') {
            log.info(`Revoked Jenkins API token ${label}.`);
            notes.push(`Revoked Jenkins API token ${label}.`);
            return null;
        }
        // A 401 proves only that the token does not log in as this user id; not that it is gone.
        log.warning(`Jenkins API token ${label} was not revoked: Jenkins did not accept it as a login for ${quoted(state.user)} (HTTP 401), so it could not revoke itself. Most likely it has expired or was revoked already, but a 401 does not prove that Jenkins deleted it. ${byHand}`);
        return `the revoke request got HTTP 401: the token no longer logs in as ${quoted(state.user)}, which does not prove it is gone`;
    }
    catch (error) {
        const reason = errors_errorMessage(error).replace(/([^.])$/, '$1.');
        log.warning(`Could not revoke Jenkins API token ${label}: ${reason} ${byHand}`);
        return `the revoke request failed: ${reason}`;
    }
    finally {
        transport.close();
    }
}


/***/ })

};

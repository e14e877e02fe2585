export const id = 974;
export const ids = [974];
export const modules = {

/***/ 5974:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  runMintStep: () => (/* binding */ runMintStep)
});

// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 12 modules
var lib_core = __webpack_require__(143);
// EXTERNAL MODULE: external "node:util"
var external_node_util_ = __webpack_require__(7975);
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
/** An error's message; an error made in another realm (a vm context) counts as one too. */
function errorMessage(error) {
    return error instanceof Error || external_node_util_.types.isNativeError(error) ? error.message : String(error);
}

// EXTERNAL MODULE: ./src/http/server-text.ts
var server_text = __webpack_require__(4365);
// EXTERNAL MODULE: ./src/http/gateway.ts
var gateway = __webpack_require__(3022);
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
function url_tokenEndpoint(root, owner, method) {
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
function whoAmIEndpoint(root) {
    return `${root}whoAmI/api/json`;
}
/** The part of a URL that is safe to log: no credentials, no query, no secret of the step. */
function logPath(url) {
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
        ? (0,server_text/* shownWhole */.vV)(value, 100)
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
function responses_failureFor(response, context) {
    const { status } = response;
    const what = failedAnswer(context.action, status);
    const challenge = responses_foreignChallenge(response);
    // The request went where the mint had just gone through, as it did: that way in, and that
    // URL, are the right ones.
    const sinceMint = context.credential === 'new token' || context.afterMint === true;
    const wayIn = sinceMint
        ? 'It let the mint through at the same jenkins-url: have it let this request through as well.'
        : 'Point jenkins-url at a way in that passes HTTP Basic authentication through to Jenkins.';
    if (challenge) {
        return new JenkinsError(`${what}: the answer asks for an authentication that is not Jenkins's (WWW-Authenticate: ${challenge}, where Jenkins asks for Basic realm="Jenkins"). Something in front of Jenkins (a proxy or gateway) wants credentials of its own, so Jenkins never checked those of "${context.username}". ${wayIn}`, status);
    }
    if (status === 401) {
        if (context.afterMint && context.credential !== 'new token') {
            // The same credentials had just made the token: the inputs are not what is wrong.
            return new JenkinsError(`${what}: the credentials of "${context.username}" were rejected, though Jenkins had just taken them to create the token. The controller may be restarting (until it has loaded its users it rejects every login), the ${context.credential} may have been changed or revoked meanwhile, or something between the runner and Jenkins altered the request.`, status);
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
        return new JenkinsError(`${what}: the credentials of "${context.username}" were rejected. ${hint}${padded}${singleSignOn}`, status);
    }
    if (isCrumbRefusal(response)) {
        // Jenkins asks no crumb of a request an API token authenticates, and answers a token it
        // does not take with 401 before the crumb check: this one reached it without the new token.
        if (context.credential === 'new token') {
            return new JenkinsError(`${what}: Jenkins asked for a CSRF crumb, which it never asks of a request its API token authenticates, so the request reached Jenkins without the new token's Authorization header. Something between the runner and Jenkins (a reverse proxy or gateway) most likely removes it from POST requests: configure it to pass the Authorization header through to Jenkins.`, status);
        }
        // Jenkins answers 404 at crumbIssuer only with CSRF protection off, and then asks no crumb.
        if (context.noCrumbIssuer) {
            return new JenkinsError(`${what}: Jenkins asked for a CSRF crumb, though its crumb issuer (crumbIssuer/api/json) had answered 404, as Jenkins does only with CSRF protection off: something in front of Jenkins (a proxy or firewall rule) hides the crumb issuer from the runner. Have it let through, or log in with an API token (api-token input), which needs no crumb.`, status);
        }
        return new JenkinsError(`${what}: no valid CSRF crumb. Jenkins requires a crumb for POSTs authenticated with a password, tied to the session cookie (from Jenkins 2.192) and, before 2.543, to the client's IP address (the first X-Forwarded-For entry). A proxy that drops the JSESSIONID cookie causes this, and so, before 2.543, do requests that reach Jenkins from different addresses (a NAT pool, or a proxy that opens a connection per request; "Enable proxy compatibility" under Manage Jenkins › Security › CSRF Protection lifts that, as does Jenkins 2.543 or later; not the Strict Crumb Issuer plugin's "Check the client IP"). An API token (api-token input) needs no crumb.`, status);
    }
    if (status === 403) {
        const required = header(response, 'x-required-permission');
        const as = header(response, 'x-you-are-authenticated-as');
        if (as === 'anonymous' || response.body.includes('Authentication required')) {
            return new JenkinsError(`${what}: Jenkins treated the request as anonymous. Something between the runner and Jenkins (a proxy or SSO gateway) may strip the Authorization header.`, status);
        }
        if (required) {
            const who = (0,server_text/* shownWhole */.vV)(as) ?? context.username;
            return new JenkinsError(`${what}: "${who}" lacks the permission ${permissionName(required)}. Have a Jenkins administrator grant it to "${who}" (Manage Jenkins › Security, under Authorization), or log in as a user who has it.`, status);
        }
        // Jenkins reports a refused permission with both headers (AccessDeniedException3's
        // reportAsHeaders): the user alone is not its permission check's refusal.
        if (as !== undefined) {
            const who = (0,server_text/* shownWhole */.vV)(as) ?? context.username;
            return new JenkinsError(`${what}: Jenkins refused "${who}" (X-You-Are-Authenticated-As) without naming a permission, which its own permission checks always name (X-Required-Permission): a plugin most likely refused the request by a rule of its own, or a proxy removed that header. ${askAnAdministrator(who)}`, status);
        }
        // AccessDeniedHandlerImpl names who asked only when a permission was denied
        // (AccessDeniedException2/3); any other AccessDeniedException, a plugin's say, gets Jenkins's
        // "Access Denied" page bare, with X-Jenkins as every page of Jenkins has.
        if (fromJenkins(response)) {
            return new JenkinsError(`${what}: Jenkins refused "${context.username}" (the answer carries its X-Jenkins header) without naming a permission or the user, which its permission checks always name (X-Required-Permission, X-You-Are-Authenticated-As): a check of another kind most likely refused it, such as a plugin's. ${askAnAdministrator(context.username)}`, status);
        }
        // Without X-Jenkins either: not Jenkins's page, or known above.
        return new JenkinsError(`${what}, without the X-You-Are-Authenticated-As header that Jenkins sends with a refusal of its own: something in front of Jenkins (a sign-in or single sign-on proxy, a firewall rule) most likely refused it, before Jenkins saw the credentials of "${context.username}". ${wayIn}`, status);
    }
    if (status === 429) {
        return new JenkinsError(`${what}: too many requests. Jenkins, or a proxy or firewall in front of it, limits how often this runner may call it, and let none of the step's attempts through. Wait for the limit to pass, or have it lifted for the runner.`, status);
    }
    if (status >= 300 && status < 400) {
        const location = header(response, 'location') ?? 'an unknown location';
        return new JenkinsError(`${what}: redirected to ${safeLocation(location)}. Check jenkins-url: the scheme (http/https), host and context path must be the controller's own root URL.`, status);
    }
    if (status === 404 && sinceMint) {
        return new JenkinsError(`${what}: not found, at the root URL where Jenkins had just created the token. Something between the runner and Jenkins (a proxy or gateway) now sends the request elsewhere, or the controller moved.`, status);
    }
    // The action's requests are small, so a size limit that refuses one was set low on the way,
    // most often in a reverse proxy; the setting to raise is the useful part. A GET has no body:
    // what a server measured was its headers (cookies among them) or, less likely, its URL.
    if (status === 413) {
        return new JenkinsError(context.method === 'GET'
            ? `${what}: the request is over a size limit on the way, and a GET has no body: its headers are, or less likely its URL, most likely over a limit of a reverse proxy in front of Jenkins (nginx: large_client_header_buffers; Apache: LimitRequestFieldSize, LimitRequestLine). Cookies count toward the headers: a large one for Jenkins's host, set by a proxy or single sign-on, can pass it. Raise that limit for Jenkins's URL.`
            : `${what}: the request's body is over a size limit on the way, most likely that of a reverse proxy in front of Jenkins (nginx: client_max_body_size; Apache: LimitRequestBody). Raise that limit for Jenkins's URL.`, status);
    }
    if (status === 431 || (status === 400 && HEADERS_TOO_LARGE.test(response.body))) {
        return new JenkinsError(`${what}: the request's headers are over a size limit on the way, most likely that of a reverse proxy in front of Jenkins (nginx: large_client_header_buffers; Apache: LimitRequestFieldSize). Cookies count toward it: a large one for Jenkins's host, set by a proxy or single sign-on, can pass it. Raise that limit for Jenkins's URL.`, status);
    }
    // nginx's answer to plain HTTP on a port it serves https on.
    if (status === 400 && response.body.includes('plain HTTP request was sent to HTTPS port')) {
        return new JenkinsError(`${what}: the answer says the port serves https ("The plain HTTP request was sent to HTTPS port"). Use https:// in jenkins-url.`, status);
    }
    if (status === 404) {
        return new JenkinsError(`${what}: not found. Check jenkins-url, including the context path (e.g. https://ci.example.com/jenkins/).`, status);
    }
    if (status === 400)
        return badRequest(response, what);
    // Jenkins answers a request that is not a POST at a POST-only endpoint with 405 and its page
    // "This URL requires POST" (CrumbFilter's retry.jelly, X-Jenkins, Allow: POST): the action's
    // POST reached it as another method. Without that, something in front refused the POST.
    if (status === 405 && context.method === 'POST') {
        if (fromJenkins(response) || response.body.includes('requires POST')) {
            return new JenkinsError(`${what}: Jenkins says the URL requires POST, so the action's POST reached it as another method: a redirect on the way (HTTP 303) or a proxy turned it into a GET. Set jenkins-url to the controller's exact root URL (scheme, host and context path), or have the proxy pass POST requests through unchanged.`, status);
        }
        return new JenkinsError(`${what}, without Jenkins's X-Jenkins header or its "requires POST" page: something in front of Jenkins (a proxy, firewall rule or web application firewall) most likely refuses POST requests to this URL. ${sinceMint ? "It let the mint's POST through at the same jenkins-url: have it let this one through as well." : 'Have it let POST requests to Jenkins through for the runner.'}`, status);
    }
    // Jenkins takes GET at every URL the action reads (crumbIssuer, whoAmI, a user's api/json),
    // and refuses a method only as @RequirePOST does: this 405, to a GET, is not that.
    if (status === 405)
        return getRefused(response, what, sinceMint);
    if (status === 414)
        return uriTooLong(response, what);
    if (status === 409) {
        return new JenkinsError(`${what}${titled(response)}: a conflict, which Jenkins itself sends to none of the action's requests. ${whereToLook(response)}`, status);
    }
    // 502 and 504 (and a CDN's 520-527) are a gateway's words for an upstream that did not
    // answer in full; Jenkins sends none itself, and its own answers carry X-Jenkins.
    if ((0,gateway/* isGatewayStatus */.P)(status) && !fromJenkins(response)) {
        return new JenkinsError(`${gatewayAnswered(context.action, status)}: it got no answer from the controller (down, restarting, too slow, or out of its reach). Try again later; if it lasts, check the gateway's route to Jenkins.`, status);
    }
    // Jenkins's own 500, its error page (oops), carries X-Jenkins, and the action knows it by its
    // markup too; its 503 is the page it shows while it starts. Anything else is most likely, not
    // surely, a proxy's 500 or a load balancer's or ingress's 503 (no healthy controller behind
    // it), or the servlet container's while Jenkins is not deployed.
    if (status >= 500 &&
        !fromJenkins(response) &&
        !isJenkinsException(response) &&
        !isStarting(response)) {
        return new JenkinsError(status === 503
            ? `${unmarked(context.action, status)}the page Jenkins shows while it starts: most likely a proxy, load balancer or ingress in front of Jenkins answered, with no controller to send it to (down, restarting, or failing a health check), or Jenkins's web server did, with Jenkins itself not running. Check that the controller is up (its log), then the gateway's route and health check for it. Try again later.`
            : `${unmarked(context.action, status)}Jenkins's own error page: most likely a proxy or gateway in front of Jenkins failed. Check its log for the request, then the controller's log at that time. Try again later.`, status);
    }
    if (isJenkinsException(response))
        return jenkinsException(response, what);
    if (status >= 500) {
        return new JenkinsError(`${what}: the controller failed or is unavailable. Try again later.`, status);
    }
    // A status none of the above explains (406, 410, 422, a 2xx that is not 200, …): who
    // sent it is the one lead, and the page's title the one reason, the action has.
    return new JenkinsError(`${what}${titled(response)}: an answer the action has no explanation for. ${whereToLook(response)}`, status);
}
/** A 405 to a GET: a plugin's with X-Jenkins; else whatever is at jenkins-url, or in front. */
function getRefused(response, what, sinceMint) {
    const refused = `${what}${titled(response)}`;
    const takesGet = 'Jenkins takes GET requests at every URL the action reads';
    if (fromJenkins(response)) {
        return new JenkinsError(`${refused}: ${takesGet}, yet the answer carries its X-Jenkins header: a plugin most likely refused the method. Find the request in the controller's log at that time.`, 405);
    }
    // After the mint went through, jenkins-url is proven to be Jenkins's.
    return new JenkinsError(sinceMint
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
    return new JenkinsError(length < LONG_URL
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
    return new JenkinsError(`${what}: an exception inside Jenkins (its own error page), from a bug in Jenkins or a plugin or a setting it cannot handle, which trying again most likely meets again. ${where} Fix the cause it names, then re-run the job.`, response.status);
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
        return new JenkinsError(`${what}: Jenkins says "The tokenUuid cannot be empty", though the action sends the token's UUID in the POST's form body: something between the runner and Jenkins (a proxy or gateway) dropped or altered that body. Have it pass POST bodies (application/x-www-form-urlencoded) through to Jenkins unchanged.`, 400);
    }
    if (body.includes('does not have any ApiToken yet')) {
        return new JenkinsError(`${what}: Jenkins says the user "does not have any ApiToken yet": it holds no API token of that user at all, so the token is most likely gone already, the user's record replaced or reset since the mint (a restore, or configuration as code). Check the user's Security page for it.`, 400);
    }
    if (body.includes('Semicolons are not allowed')) {
        return new JenkinsError(`${what}: Jenkins refuses a ";" in a request's path ("Semicolons are not allowed in the request URI"). Remove it from jenkins-url (a ;jsessionid=… copied from a browser, say); if jenkins-url has none, a redirect on the way added it: fix that redirect.`, 400);
    }
    return new JenkinsError(`${what}${titled(response)}: the request was refused as malformed, for none of the reasons Jenkins has to refuse the action's requests so (a ";" in the path, a missing tokenUuid), which its page would name. ${whereToLook(response)}`, 400);
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
function responses_foreignChallenge(response) {
    const challenge = response.status === 401 ? header(response, 'www-authenticate') : undefined;
    if (challenge === undefined || /(?:^|,)\s*Basic\s+realm="Jenkins[" ]/i.test(challenge))
        return undefined;
    return (0,server_text/* shownWhole */.vV)(challenge.trim()) ?? server_text/* WITHHELD */.iz;
}
/** The answer's media type (without parameters), and how a message may show it. */
function contentType(response) {
    const type = header(response, 'content-type') ?? 'no content type';
    const mediaType = type.split(';')[0]?.trim() ?? '';
    return { mediaType, shown: (0,server_text/* shownPart */.JV)(type, mediaType) ?? `a content type ${server_text/* WITHHELD */.iz}` };
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

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
;// CONCATENATED MODULE: ./src/jenkins/seal.ts

function newSeal() {
    const { publicKey, privateKey } = (0,external_node_crypto_.generateKeyPairSync)('rsa', { modulusLength: 2048 });
    return {
        publicKey: publicKey.export({ type: 'spki', format: 'der' }).toString('base64'),
        open(sealed) {
            try {
                const opened = (0,external_node_crypto_.privateDecrypt)({ key: privateKey, padding: external_node_crypto_.constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256' }, Buffer.from(sealed, 'base64'));
                return opened.toString('utf8');
            }
            catch {
                return undefined;
            }
        }
    };
}

;// CONCATENATED MODULE: ./src/jenkins/credentials.ts
/** The value Jenkins receives in the Authorization header, and that `curl -v` prints. */
function basicAuthValue(username, secret) {
    return Buffer.from(`${username}:${secret}`, 'utf8').toString('base64');
}
function credentials_authorization(username, secret) {
    return { authorization: `Basic ${basicAuthValue(username, secret)}` };
}
/** Jenkins's API tokens: `11` and 32 hex digits (2.129+), or 32 hex digits (legacy). */
function looksLikeApiToken(secret) {
    return /^(11)?[0-9a-f]{32}$/.test(secret);
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
async function diagnose_diagnose(response, context, probe) {
    // A 5xx opens as an error, not a refusal, as failureFor's messages do.
    const what = failedAnswer(context.action, response.status);
    if (isStarting(response)) {
        return new JenkinsError(`Jenkins at ${probe.root} is still starting: it answered ${context.action} with ${STARTING_PAGE}. ${probe.transport.limits.starting}`, 503);
    }
    if (isLoadingCrumbFailure(response)) {
        return new JenkinsError(`Jenkins at ${probe.root} is still starting: it answered ${context.action} with its error page (HTTP 500) for a CSRF filter whose crumb issuer "is missing its descriptor", as only while it loads, before it acts on any request. ${probe.transport.limits.starting}`, 500);
    }
    if (response.status === 500 &&
        context.credential !== 'password' &&
        (await impersonationFails(probe))) {
        return new JenkinsError(`${what}: Jenkins matched the API token of "${context.username}", but its security realm no longer knows that user, so Jenkins cannot act as them (every request with this token fails with HTTP 500, while Jenkins answers others). The user exists in Jenkins but not in its security realm (LDAP, Active Directory, …): restore the account in the realm, or use a user the realm knows.`, 500);
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
        return new JenkinsError(nearby
            ? `${what}: not found at ${probe.root}, and Jenkins answers at ${nearby}: set jenkins-url to it.`
            : `${what}: no Jenkins answers at ${probe.root}. Check jenkins-url: it must be the controller's root URL, including any context path (e.g. https://ci.example.com/jenkins/).`, 404);
    }
    if (unmarkedPostRefusal(response, context)) {
        if (await answersAtRoot(probe))
            return undefined;
        const nearby = await jenkinsNearby(probe);
        return new JenkinsError(nearby
            ? `${what}, without Jenkins's X-Jenkins header, and Jenkins answers not at ${probe.root} but at ${nearby}: the server at jenkins-url refused the POST. Set jenkins-url to ${nearby}.`
            : `${what}, without Jenkins's X-Jenkins header, and no Jenkins answers at ${probe.root}: a server that is not Jenkins (a static site, another application) refused the POST, as such servers refuse POSTs they do not take. Check jenkins-url: it must be the controller's root URL, including any context path (e.g. https://ci.example.com/jenkins/).`, 405);
    }
    if (response.status === 403) {
        const identity = await whoAmI(probe);
        if (identity?.anonymous && (await securityOff(probe)))
            return noSecurity(what, probe.root, response.status);
        if (identity?.anonymous) {
            return new JenkinsError(`${what}: the Authorization header did not reach Jenkins. Jenkins's whoAmI, asked with the same credentials, answers as anonymous, so something between the runner and Jenkins (a reverse proxy or gateway) removes the header. Configure it to pass the Authorization header through to Jenkins.`, 403);
        }
        // Only the api-token input can be a password given as a token: the new token is Jenkins's own.
        if (identity && context.credential === 'API token' && isCrumbRefusal(response)) {
            return new JenkinsError(`${what}: Jenkins did not take the api-token input as an API token (tokens are 34 characters starting with 11, or a legacy 32-hex token), so it asked for a CSRF crumb as for a password. It is probably "${context.username}"'s password: put it in the password input instead.`, 403);
        }
    }
    if (response.status === 401 &&
        context.credential === 'API token' &&
        !looksLikeApiToken(probe.credentials.secret)) {
        return new JenkinsError(`${what}: Jenkins did not take the api-token input as an API token of "${context.username}". API tokens are 34 characters starting with 11, or a legacy 32-hex token, and this secret is not: if it is the user's password, put it in the password input; otherwise create a new API token on the user's Security page.`, 401);
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
    return new JenkinsError(`${what}: Jenkins at ${root} has no security set up (its api/json says useSecurity: false), so it reads no credentials: every request is anonymous, and no user can log in to be given a token. Set up security (Manage Jenkins › Security: a security realm that knows this user); for a service container, check that the script that sets it up ran.`, status);
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
    return identityIn(await ask(whoAmIEndpoint(probe.root), probe));
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
    const withToken = await ask(whoAmIEndpoint(probe.root), probe);
    if (withToken?.status !== 500)
        return false;
    const anonymous = await ask(whoAmIEndpoint(probe.root), probe, false);
    return anonymous?.status === 200;
}
/**
 * Whether Jenkins answers at `base`, judged by its whoAmI page (whose API answer carries
 * X-Jenkins in every version). Jenkins 2.421 and later send X-Jenkins with a 404 for a path
 * outside it too, and earlier ones none, so a 404 proves no Jenkins root at `base`.
 */
async function jenkinsAt(base, probe) {
    return isJenkinsAnswer(await ask(whoAmIEndpoint(base), probe));
}
function isJenkinsAnswer(response) {
    return (response !== undefined &&
        response.status !== 404 &&
        (jenkinsJson(response) !== undefined || fromJenkins(response)));
}
/** A GET as the login user; a probe that fails itself proves nothing, so it answers nothing. */
async function ask(url, probe, authenticated = true) {
    const credentials = authenticated
        ? credentials_authorization(probe.credentials.username, probe.credentials.secret)
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
        ? `the request was redirected to ${logPath(response.url)}, whose page answered HTTP 200`
        : response.body.trim() !== ''
            ? 'the answer was HTTP 200 with a page, where Jenkins answers a revoke with an empty 200'
            : undefined;
    if (why) {
        throw new JenkinsError(`Jenkins did not confirm that it revoked the token: ${why}. Something between the runner and Jenkins (a single sign-on proxy or gateway) answered in its place.`, 200);
    }
}

// EXTERNAL MODULE: external "node:http"
var external_node_http_ = __webpack_require__(7067);
;// CONCATENATED MODULE: ./src/jenkins/session.ts







const CRUMB_ISSUER = /CrumbIssuer/;
/**
 * The headers, cookies and form of a POST made as the login user. The crumb goes in both the
 * headers and the form, as Jenkins's own forms send it: CrumbFilter takes a header or a
 * parameter, and a proxy may drop the header. nginx does by default when the field's name (set
 * with -Dhudson.security.csrf.requestfield, e.g. the old default `.crumb`) holds a '.' or '_'.
 */
function loginPost(credentials, session, form) {
    const headers = {
        ...credentials_authorization(credentials.username, credentials.secret),
        ...session?.crumb,
        // The Strict Crumb Issuer plugin, set to "check the same source", binds a crumb to the URL
        // it was issued at and checks a POST's Referer against it. The controller's own URL, sent
        // only to the controller.
        ...(session?.issuedAt ? { referer: session.issuedAt } : {})
    };
    return {
        headers,
        ...(session ? { cookies: session.cookies } : {}),
        form: { ...session?.crumb, ...form }
    };
}
/**
 * `forgotten`: the session Jenkins forgot, which this one renews, so the password is known to
 * work, and what it proved of the root is known too.
 */
async function openSession(root, credentials, transport, forgotten) {
    // Loaded here, not at the top: only a password login needs a cookie jar, and tough-cookie
    // (its public-suffix list) is a large part of the main bundle; ncc puts it in a chunk of its
    // own. Started before the crumb request, so that loading it overlaps the wait for Jenkins.
    const toughCookie = __webpack_require__.e(/* import() */ 380).then(__webpack_require__.bind(__webpack_require__, 7380));
    toughCookie.catch(() => undefined); // awaited below, unless the crumb request fails first
    toughCookie.then(warmUpCookies).catch(() => undefined);
    const cookies = new OriginCookies(async () => new (await toughCookie).CookieJar());
    const url = crumbEndpoint(root);
    const response = await transport.request({
        method: 'GET',
        url,
        headers: {
            ...credentials_authorization(credentials.username, credentials.secret),
            accept: 'application/json'
        },
        cookies
    });
    const version = jenkinsVersion(response);
    const context = loginContext('the CSRF crumb request', 'GET', credentials, !forgotten);
    const probe = { root, credentials, transport };
    if (response.status === 404) {
        // No crumb issuer: CSRF protection is off, if Jenkins answers at this root. X-Jenkins on
        // the 404 alone does not prove it: Jenkins 2.421 and later send it for paths outside it
        // too (a wrong context path), and the mint would then fail for want of a crumb, not of a
        // path; before 2.421 its 404 carries no X-Jenkins at all. Asked once: the diagnosis of
        // this 404 below, and of any later one, takes the answer from here.
        probe.known = forgotten?.known ?? (await askRoot(probe));
        if (probe.known.atRoot) {
            return { crumb: {}, cookies, ...(version ? { version } : {}), known: probe.known };
        }
    }
    if (response.status !== 200) {
        throw (await diagnose_diagnose(response, context, probe)) ?? responses_failureFor(response, context);
    }
    const json = readJsonObject(response, context, { method: 'GET', url });
    const { crumb, crumbRequestField: field } = json;
    if (typeof crumb !== 'string' ||
        typeof field !== 'string' ||
        !(version || isJenkinsClass(json, CRUMB_ISSUER))) {
        throw new JenkinsError(`The answer to ${url.replace(root, '')} is not Jenkins's crumb issuer. Check jenkins-url: it must be the controller's root URL, including any context path.`);
    }
    // Checked where the answer is read, so that the message can name it: Node would refuse the
    // header only later, when it builds the mint.
    const unsendable = !isHeaderName(field)
        ? 'crumbRequestField'
        : !isHeaderValue(crumb)
            ? 'crumb'
            : undefined;
    if (unsendable) {
        throw new JenkinsError(`The crumb issuer's answer (GET ${logPath(url)}) has a ${unsendable} that cannot be sent as an HTTP header. Check jenkins-url: it must be the controller itself, not a proxy or another application; an API token (api-token input) needs no crumb.`);
    }
    return {
        crumb: { [field]: crumb },
        // The URL that issued it, after any redirect (an http → https upgrade), as the plugin saw it.
        issuedAt: response.url,
        cookies,
        ...(version ? { version } : {})
    };
}
/**
 * Sends a POST made with the login session, and once more in a new session when CrumbFilter
 * refuses its crumb. Jenkins keeps sessions in memory: a controller that restarted since the
 * crumb was issued (while the step waited for it to start, say) has forgotten the session the
 * crumb belongs to. A refusal stops the request before Jenkins acts, so the POST may go again.
 * Only once: behind a proxy that drops the session cookie, the second refusal is the answer.
 * The second time, `send` gets what the first one returned.
 */
async function inLiveSession(root, credentials, transport, session, send) {
    const sent = await send();
    if (!session || !isCrumbRefusal(sent.response))
        return sent;
    Object.assign(session, await openSession(root, credentials, transport, session));
    return send(sent);
}
function isHeaderName(name) {
    try {
        (0,external_node_http_.validateHeaderName)(name);
        return true;
    }
    catch {
        return false;
    }
}
function isHeaderValue(value) {
    try {
        (0,external_node_http_.validateHeaderValue)('Jenkins-Crumb', value);
        return true;
    }
    catch {
        return false;
    }
}
/**
 * A cookie jar per origin (scheme, host and port). Jenkins marks its session cookie Secure
 * whenever its configured root URL is https, also when the runner reaches it over an internal
 * http:// port behind a TLS-terminating proxy; a browser-rule jar would then never send it
 * back. Kept per origin, a cookie goes back exactly to the origin that set it, and nowhere
 * else, so its Secure flag can be dropped for an http origin without sending it anywhere new.
 */
class OriginCookies {
    newJar;
    jars = new Map();
    constructor(newJar) {
        this.newJar = newJar;
    }
    async header(url) {
        const jar = this.jars.get(new URL(url).origin);
        if (!jar)
            return undefined;
        return (await (await jar).getCookieString(url)) || undefined;
    }
    async store(url, setCookie) {
        const origin = new URL(url).origin;
        let jar = this.jars.get(origin);
        if (!jar) {
            jar = this.newJar();
            this.jars.set(origin, jar);
        }
        const insecure = url.startsWith('http:');
        for (const line of setCookie) {
            await (await jar).setCookie(insecure ? withoutSecure(line) : line, url, { ignoreError: true });
        }
    }
}
/**
 * tough-cookie's first setCookie and getCookieString take some 6 ms between them: the pattern
 * that tells an IPv6 address from a domain is compiled on first use. A jar of its own, for a
 * name that cannot exist, pays for that while the crumb request waits for Jenkins, instead of
 * after the answer, on the way to the mint. It sends nothing and is thrown away.
 */
async function warmUpCookies({ CookieJar }) {
    const jar = new CookieJar();
    await jar.setCookie('warm=up', 'https://warm-up.invalid/');
    await jar.getCookieString('https://warm-up.invalid/');
}
/** A Set-Cookie line without its Secure attribute. */
function withoutSecure(line) {
    return line
        .split(';')
        .filter((part, index) => index === 0 || part.trim().toLowerCase() !== 'secure')
        .join(';');
}

;// CONCATENATED MODULE: ./src/jenkins/token-form.ts
/**
 * The forms of what Jenkins's ApiTokenStore makes (2.129 and later), to tell its own values
 * from ones altered on the way. A token's value: the version "11" and 16 random bytes in
 * lowercase hex. Its UUID: java.util.UUID.randomUUID(), in the usual 8-4-4-4-12 hex form.
 */
const TOKEN_VALUE = /^11[0-9a-f]{32}$/;
const token_form_TOKEN_UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

;// CONCATENATED MODULE: ./src/jenkins/tokens.ts










const ADMIN_PROPERTY = 'jenkins.security.ApiTokenProperty.adminCanGenerateNewTokens';
/**
 * The name of each attempt: a mint that may have reached Jenkins never shares its name with
 * another, so every token is traceable. `number` counts from 0 the mints before this one that
 * may have reached Jenkins; one that did not (a refused connection, a TLS record refused unread)
 * leaves its name to the next.
 */
function attemptName(name, number) {
    return number === 0 ? name : `${name} (attempt ${number + 1})`;
}
/**
 * Sends a mint, retried as the transport sees fit, each attempt reported to the observer under
 * its name before it is sent. Names are numbered from `first` by the mints that may have
 * reached Jenkins, not by the transport's attempts: one that did not (the transport's
 * `unsent`) leaves its name to the next, so a restart's refused connections do not count. A
 * mint sent again after a refusal (a new session) goes on from the names before it, so no two
 * share a name.
 */
async function sendMintAttempts(transport, name, observer, build, first = 0) {
    let sentName = name;
    // The number of the next attempt's name, and the number each attempt was sent under.
    let next = first;
    const numbers = [];
    const nameOf = (attempt) => attemptName(name, numbers[attempt] ?? next);
    const response = await transport.request((attempt) => {
        numbers[attempt] = next;
        sentName = attemptName(name, next);
        observer.attempting?.(sentName, next);
        next++;
        return build(sentName);
    }, {
        uncertain: (attempt) => observer.uncertain?.(nameOf(attempt)),
        unprocessed: (attempt) => observer.answered?.(nameOf(attempt), false),
        unsent: (attempt) => {
            observer.answered?.(nameOf(attempt), false);
            // Reported before the next attempt is built: that one takes this name.
            next = numbers[attempt] ?? next;
        }
    });
    // The transport reported 5xx and 429 answers itself; any other refusal made nothing.
    if (response.status !== 200 && response.status < 500 && response.status !== 429) {
        observer.answered?.(sentName, false);
    }
    return { response, sentName, next };
}
/**
 * POSTs a mint to `url` as the login user, its form built for each attempt's name: sent as
 * sendMintAttempts sends it, and again in a new session when Jenkins refuses the crumb.
 */
function postMint(sender, url, name, form) {
    const { root, credentials, transport, session, observer } = sender;
    return inLiveSession(root, credentials, transport, session, (refused) => sendMintAttempts(transport, name, observer, (sent) => ({
        method: 'POST',
        url,
        ...loginPost(credentials, session, form(sent))
    }), refused?.next));
}
/**
 * The cause a second look proves of a mint's failed answer (diagnose), with the attempt
 * settled as one that made nothing: every such cause stopped the request before Jenkins acted
 * on it. But the getting-ready page may stand for an answer that may follow work
 * (Transport), which the transport has already reported.
 */
async function provenMintCause(sender, sent, context) {
    const { root, credentials, transport, session, observer } = sender;
    const cause = await diagnose_diagnose(sent.response, context, {
        root,
        credentials,
        transport,
        known: session?.known
    });
    if (cause && !isStarting(sent.response))
        observer.answered?.(sent.sentName, false);
    return cause;
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
    const url = url_tokenEndpoint(root, request.owner, 'generateNewToken');
    const sender = { root, credentials, transport, session, observer };
    const sent = await postMint(sender, url, request.name, (name) => ({
        newTokenName: name,
        ...expiry
    }));
    const { response, sentName } = sent;
    const context = {
        ...loginContext(`to create a token for "${request.user}"`, 'POST', credentials),
        ...(session && Object.keys(session.crumb).length === 0 ? { noCrumbIssuer: true } : {})
    };
    if (response.status !== 200) {
        const cause = await provenMintCause(sender, sent, context);
        throw cause ?? mintFailure(response, context, credentials, request, session?.version);
    }
    const answer = readMintAnswer(response, context, url, request.laterAllowed === true, sentName);
    if (answer.kind === 'refused')
        observer.answered?.(sentName, false);
    // An answer the action cannot read does not prove Jenkins made nothing.
    if (answer.kind === 'unreadable')
        observer.uncertain?.(sentName, answer.uuid);
    if (answer.kind !== 'token')
        throw answer.error;
    const { token } = answer;
    observer.answered?.(sentName, true);
    return {
        uuid: token.tokenUuid,
        // The name Jenkins stored, unless its answer gives none to show or record.
        name: typeof token.tokenName === 'string' && token.tokenName !== '' ? token.tokenName : sentName,
        value: token.tokenValue,
        expiryApplied: request.expiration !== null && token.expirationDate !== undefined
    };
}
/**
 * Jenkins's answer gave the new token's UUID, but no value the action can use: the token
 * exists, and the login can still revoke it by that UUID.
 */
class UnusableTokenError extends JenkinsError {
    tokenName;
    tokenUuid;
    constructor(message, tokenName, tokenUuid) {
        super(message);
        this.tokenName = tokenName;
        this.tokenUuid = tokenUuid;
    }
}
function readMintAnswer(response, context, url, laterAllowed, sentName) {
    let json;
    try {
        json = readJsonObject(response, context, { method: 'POST', url });
    }
    catch (error) {
        if (!(error instanceof JenkinsError))
            throw error;
        return { kind: 'unreadable', error };
    }
    if (json.status === 'error') {
        return { kind: 'refused', error: refusal(json.message, url, laterAllowed) };
    }
    const data = isJsonObject(json.data) ? json.data : {};
    if (json.status !== 'ok' ||
        typeof data.tokenValue !== 'string' ||
        typeof data.tokenUuid !== 'string' ||
        data.tokenValue === '' ||
        data.tokenUuid === '') {
        // Only Jenkins's answer for a token it made carries a tokenUuid, beside the name it was
        // sent, verbatim. An answer altered on the way may have altered the UUID too: trusted
        // only with that name, since a revoke by another UUID would hit another token (Jenkins
        // answers a revoke of any UUID alike) and leave this one unnamed.
        if (typeof data.tokenUuid === 'string' &&
            token_form_TOKEN_UUID.test(data.tokenUuid) &&
            data.tokenName === sentName) {
            return {
                kind: 'unreadable',
                error: new UnusableTokenError(`Jenkins created the token (token UUID ${data.tokenUuid}), but its answer to generateNewToken holds no token value the action can use (unexpected JSON): something between the runner and Jenkins may have altered it.`, sentName, data.tokenUuid),
                uuid: data.tokenUuid
            };
        }
        return {
            kind: 'unreadable',
            error: new JenkinsError('Jenkins answered generateNewToken without a token (unexpected JSON). Check jenkins-url: it must be the controller itself, not a proxy or mirror.')
        };
    }
    return { kind: 'token', token: data };
}
/** Jenkins's refusal in its own words, which its answer has only as text. */
function refusal(message, url, laterAllowed) {
    if (typeof message !== 'string' || message.trim() === '') {
        return new JenkinsError(`Jenkins refused to create the token, and its answer (POST ${logPath(url)}) gives no reason as text. Check jenkins-url: it must be the controller itself, not a proxy or mirror.`);
    }
    const hint = message.includes('in the past')
        ? ` The controller's date is ahead of the runner's: check its clock${laterAllowed ? ', or raise expiration-days' : ''}.`
        : '';
    return new JenkinsError(`Jenkins refused to create the token: ${message}${hint}`);
}
/** Why a mint that Jenkins has an endpoint for is answered 404: something keeps it from there. */
const MINT_HIDDEN = 'something in front of Jenkins (a proxy or firewall rule) or a plugin hides POST …/descriptorByName/jenkins.security.ApiTokenProperty/generateNewToken';
/** `knownVersion`: the version the login session saw, for an answer without X-Jenkins. */
function mintFailure(response, context, credentials, request, knownVersion) {
    const forOther = request.user !== credentials.username;
    // hasCurrentUserRightToGenerateNewToken fails with a bare 403 and an empty body.
    if (response.status === 403 && response.body.trim() === '') {
        return new JenkinsError(forOther
            ? `Jenkins refused to let "${credentials.username}" create a token for "${request.user}" (HTTP 403). Creating tokens for another user over REST needs an administrator login AND a controller started with -D${ADMIN_PROPERTY}=true. To set it, add it to the controller's Java options and restart Jenkins: JAVA_OPTS="-D${ADMIN_PROPERTY}=true" for the Docker image or the Linux service (systemctl edit jenkins), or before -jar on a java command line. Without the property, use method: script-console (an administrator login, no property needed), or log in as "${request.user}" itself.`
            : // At /me/ the user is the token's owner, which Jenkins's own check always lets by.
                `The request for "${credentials.username}" to create a token for itself was refused (HTTP 403, with no text), though Jenkins lets every user create its own tokens: something in front of Jenkins (a proxy or firewall rule) or a plugin blocks POST requests to generateNewToken. Have them let through for the runner.`, 403);
    }
    if (response.status === 404) {
        // Before 2.421 Jenkins's 404 is the servlet container's page, without X-Jenkins.
        const version = jenkinsVersion(response) ?? knownVersion;
        if (version && !versionAtLeast(version, '2.129')) {
            return new JenkinsError(`Jenkins ${version} cannot create API tokens through its API: generateNewToken needs Jenkins 2.129 or later. Upgrade the controller.`, 404);
        }
        // Jenkins answers at the root (diagnose asked it before this), /me/ is there for any user it
        // authenticates, and a user the look-up found is there: with a version that has the
        // endpoint, something hides it.
        if (version && (request.owner.me || request.found)) {
            const who = request.owner.me
                ? 'the login user itself,'
                : `"${request.user}", whom it had just found,`;
            return new JenkinsError(`Jenkins ${version} answered 404 to generateNewToken for ${who} though it has generateNewToken (from 2.129): ${MINT_HIDDEN}. Have it let through for the runner.`, 404);
        }
        if (request.found && !request.owner.me) {
            return new JenkinsError(`Jenkins answered 404 to generateNewToken for "${request.user}", whom it had just found: a controller older than 2.129 (tokens need 2.129+; upgrade it), or ${MINT_HIDDEN}.`, 404);
        }
        if (request.owner.me) {
            return new JenkinsError(`Jenkins answered 404 to generateNewToken for the login user itself: its API has no generateNewToken, which needs Jenkins 2.129 or later. Upgrade the controller.`, 404);
        }
        // The user, or the version.
        const jenkins = version ? `Jenkins ${version}` : 'Jenkins';
        return new JenkinsError(`${jenkins} answered 404 for the user "${request.user}": no such user (the id, not the full name), or a controller older than 2.129 (tokens need 2.129+). Check the user input.`, 404);
    }
    return responses_failureFor(response, context);
}
/** Jenkins answers for the root but has no user by that id or full name. */
class NoSuchUserError extends JenkinsError {
    constructor(message) {
        super(message, 404);
    }
}
/**
 * The id of the user a token is for, as Jenkins knows it. Jenkins resolves /user/<x>/ by id,
 * then by full name, but Basic authentication looks users up by id only: a token minted
 * through a full name would belong to someone the action cannot authenticate as. So the
 * action learns the id first and uses only that. `session`: a password login's, which may
 * already know what whoAmI at the root answered the login.
 */
async function resolveUserId(root, user, credentials, transport, session) {
    const url = userApiEndpoint(root, user);
    const response = await transport.request({
        method: 'GET',
        url,
        headers: {
            ...credentials_authorization(credentials.username, credentials.secret),
            accept: 'application/json'
        }
    });
    const context = loginContext(`to look up the user "${user}"`, 'GET', credentials);
    const probe = {
        root,
        credentials,
        transport,
        known: session?.known
    };
    if (response.status === 404) {
        const cause = await diagnose_diagnose(response, context, probe);
        throw (cause ??
            new NoSuchUserError(`Jenkins has no user "${user}" (HTTP 404 for its id or full name). Check the user input; a user of an external security realm (LDAP, Active Directory) has a Jenkins user record only once it has logged in to Jenkins, so log in as that user once, or mint with that user's own login.`));
    }
    if (response.status !== 200) {
        throw (await diagnose_diagnose(response, context, probe)) ?? responses_failureFor(response, context);
    }
    const json = readJsonObject(response, context, { method: 'GET', url });
    if (typeof json.id !== 'string' || json.id === '' || !isJenkinsClass(json, /User$/)) {
        throw new JenkinsError(`The answer to the user look-up of "${user}" is not Jenkins's user JSON. Check jenkins-url: it must be the controller's root URL, including any context path.`);
    }
    const version = jenkinsVersion(response);
    return version ? { id: json.id, version } : { id: json.id };
}
/**
 * GET whoAmI/api/json as the given credentials: proves who they authenticate as. `credential`:
 * whose secret it is, the new token's or the login's API token, for the messages.
 */
async function tokens_whoAmI(root, username, secret, transport, credential = 'new token') {
    const url = whoAmIEndpoint(root);
    const response = await transport.request({
        method: 'GET',
        url,
        headers: { ...credentials_authorization(username, secret), accept: 'application/json' }
    });
    const context = {
        action: 'the whoAmI check',
        method: 'GET',
        username,
        credential
    };
    const probe = {
        root,
        credentials: { username, secret, kind: 'api-token' },
        transport
    };
    if (response.status !== 200) {
        throw (await diagnose_diagnose(response, context, probe)) ?? responses_failureFor(response, context);
    }
    const json = readJsonObject(response, context, { method: 'GET', url });
    if (typeof json.name !== 'string' || json.anonymous !== false) {
        const said = `Jenkins's whoAmI says the ${credential === 'new token' ? 'new token' : `API token of "${username}"`} authenticates as ${typeof json.name === 'string' ? `"${json.name}"` : 'nobody'}${json.anonymous === true ? ' (anonymous)' : ''}, not as "${username}"`;
        if (json.anonymous === true && (await securityOff(probe)))
            throw noSecurity(said, root);
        throw new JenkinsError(`${said}. A proxy in front of Jenkins may strip the Authorization header.`);
    }
    const version = jenkinsVersion(response);
    return version ? { name: json.name, version } : { name: json.name };
}
/**
 * POST revoke as the login user, for a token the action must not leave behind (one that
 * failed verification, or that no step could be given): the login credential is still at
 * hand in the main step.
 */
async function revokeAsLogin(root, credentials, owner, uuid, transport, session) {
    const url = url_tokenEndpoint(root, owner, 'revoke');
    const { response } = await inLiveSession(root, credentials, transport, session, async () => ({
        response: await transport.request({
            method: 'POST',
            url,
            ...loginPost(credentials, session, { tokenUuid: uuid })
        })
    }));
    if (response.status !== 200) {
        throw responses_failureFor(response, {
            ...loginContext('to revoke the new token', 'POST', credentials),
            afterMint: true
        });
    }
    confirmRevoke(response, url, root);
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
const SCRIPT_HEADER = '// jenkins-token-action mint-token script v2';
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
function mintScript(request, seal) {
    const { expiration } = request;
    // Our own value, not input; checked anyway because it is pasted into code.
    if (expiration !== null && !/^\d{4}-\d{2}-\d{2}$/.test(expiration)) {
        throw new Error(`The expiration date must be YYYY-MM-DD, not ${JSON.stringify(expiration)}.`);
    }
    if (!/^[A-Za-z0-9+/=]+$/.test(seal.publicKey))
        throw new Error('The seal key must be base64.');
    return [
        SCRIPT_HEADER,
        '// Sent by the jenkins-token-action GitHub Action: creates one API token for one user and',
        '// prints one result line. The user id and the token name are base64 data, never code.',
        '// The token is printed sealed with a one-time public key of the action, never in plain.',
        'import groovy.json.JsonOutput',
        'import hudson.model.User',
        'import java.security.KeyFactory',
        'import java.security.spec.MGF1ParameterSpec',
        'import java.security.spec.X509EncodedKeySpec',
        'import java.time.LocalDate',
        'import java.util.Base64',
        'import javax.crypto.Cipher',
        'import javax.crypto.spec.OAEPParameterSpec',
        'import javax.crypto.spec.PSource',
        'import jenkins.security.ApiTokenProperty',
        '',
        "def decode = { String base64 -> new String(Base64.getDecoder().decode(base64), 'UTF-8') }",
        `def userId = ${groovyText(request.user)}`,
        `def tokenName = ${groovyText(request.name)}`,
        `def expiration = ${expiration === null ? 'null' : `'${expiration}'`}`,
        `def emit = { Map result -> println('${RESULT_PREFIX}' + JsonOutput.toJson(result)) }`,
        `def sealKey = KeyFactory.getInstance('RSA').generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode('${seal.publicKey}')))`,
        '// Ready before any token exists: a JVM that refuses the cipher fails here, having made none.',
        "def cipher = Cipher.getInstance('RSA/ECB/OAEPPadding')",
        "cipher.init(Cipher.ENCRYPT_MODE, sealKey, new OAEPParameterSpec('SHA-256', 'MGF1', MGF1ParameterSpec.SHA256, PSource.PSpecified.DEFAULT))",
        "def seal = { String text -> Base64.getEncoder().encodeToString(cipher.doFinal(text.getBytes('UTF-8'))) }",
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
        'emit([user: user.id, name: tokenName, uuid: token.tokenUuid, sealed: seal(token.plainValue), expiresOn: expiresOn])',
        ''
    ].join('\n');
}
/**
 * Reads what the script printed. Jenkins prints a stack trace, still with status 200, when the
 * script throws; only the exception's class is kept from it, since messages can quote values.
 */
function parseScriptOutput(output, seal) {
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
    const { user, name, uuid, sealed, expiresOn } = json;
    if (typeof user !== 'string' ||
        typeof name !== 'string' ||
        typeof uuid !== 'string' ||
        typeof sealed !== 'string' ||
        uuid === '' ||
        (expiresOn !== null && typeof expiresOn !== 'string')) {
        return noResult;
    }
    // A value not sealed with this step's key is not the answer of this step's script.
    const value = seal.open(sealed);
    if (!value)
        return noResult;
    return { kind: 'minted', user, name, uuid, value, expiresOn };
}
const JAVA_EXCEPTION = /^((?:[A-Za-z_$][\w$]*\.)+[A-Za-z_$][\w$]*(?:Exception|Error)\d*)(?::|$)/;
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
    const seal = newSeal();
    // Running the script twice creates two tokens: as with REST, each attempt has its own name.
    const sender = { root, credentials, transport, session, observer };
    const sent = await postMint(sender, url, request.name, (name) => ({
        script: mintScript({ ...request, name }, seal)
    }));
    const { response, sentName } = sent;
    const context = loginContext('the script console request', 'POST', credentials);
    if (response.status !== 200) {
        const cause = await provenMintCause(sender, sent, context);
        throw cause ?? scriptConsoleFailure(response, context, request, url);
    }
    const outcome = parseScriptOutput(response.body, seal);
    switch (outcome.kind) {
        case 'minted':
            observer.answered?.(sentName, true);
            return {
                uuid: outcome.uuid,
                name: outcome.name,
                value: outcome.value,
                user: outcome.user,
                expiryApplied: request.expiration !== null && outcome.expiresOn === request.expiration
            };
        case 'no-such-user':
            observer.answered?.(sentName, false);
            throw new JenkinsError(`Jenkins has no user with the id "${request.user}" (the script console looks users up by id, not by full name; a user of an external security realm such as LDAP has one only once it has logged in). Check the user input.`);
        case 'no-api-token-property':
            observer.answered?.(sentName, false);
            throw new JenkinsError(`The Jenkins user "${request.user}" has no API token property (jenkins.security.ApiTokenProperty), so the script console cannot give it a token. method: rest adds the property when it creates a token (for another user it needs -D${ADMIN_PROPERTY}=true on the controller).`);
        case 'no-result': {
            const failure = noResultFailure(response, outcome.exception);
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
    const what = failedAnswer(context.action, response.status);
    const required = header(response, 'x-required-permission');
    const as = header(response, 'x-you-are-authenticated-as');
    if (response.status === 403 &&
        as !== undefined &&
        as !== 'anonymous' &&
        required !== undefined &&
        SCRIPT_PERMISSIONS.has(required)) {
        return new JenkinsError(`${what}: the script console needs ${required === 'hudson.model.Hudson.RunScripts' ? 'Overall/RunScripts' : 'Overall/Administer'}, which "${(0,server_text/* shownWhole */.vV)(as) ?? context.username}" lacks. Log in as an administrator, or use method: rest ${as === request.user ? '(with which a user creates its own tokens)' : `and log in as "${request.user}" itself`}.`, 403);
    }
    // Jenkins itself explains every 403 it sends: a crumb, an anonymous caller or a permission.
    const explained = required !== undefined ||
        as !== undefined ||
        response.body.includes('No valid crumb') ||
        response.body.includes('Authentication required');
    if (response.status === 403 && !explained) {
        return new JenkinsError(`${what}: the script console is disabled or blocked for "${context.username}" (by a plugin, the authorization strategy or a proxy in front of Jenkins). Use method: rest instead (an administrator login and a controller started with -D${ADMIN_PROPERTY}=true), or have POST ${logPath(url)} allowed.`, 403);
    }
    // diagnose found Jenkins answering at the root before this: the URL is right.
    if (response.status === 404) {
        return new JenkinsError(`${what}: no script console at ${logPath(url)}, though Jenkins answers at jenkins-url: a plugin or a proxy in front of Jenkins hides it. Use method: rest instead, or have POST ${logPath(url)} let through for the runner.`, 404);
    }
    return responses_failureFor(response, context);
}
function noResultFailure(response, exception) {
    if (exception !== null) {
        // The script may have failed after it created the token: ambiguous. Only Groovy's missing
        // property or method is a controller too old for the script (its token store came in 2.129).
        const tooOld = /^groovy\.lang\.Missing(Property|Method)Exception$/.test(exception);
        return new JenkinsError(`Jenkins ran the action's script, but it failed with ${exception}${tooOld ? ' (the script needs Jenkins 2.129 or later)' : ''}`, 200, true);
    }
    if (response.body.trim() === '') {
        // scriptText answers an empty 200 when no script arrived, but something that drops bodies
        // may as well have dropped the answer of a script that ran: a token may exist.
        return new JenkinsError('Jenkins answered the script console request with nothing: the script did not arrive, or its answer was lost on the way. Something between the runner and Jenkins may drop the body of POST requests or answers.', 200, true);
    }
    const { shown } = contentType(response);
    return new JenkinsError(`The answer to the script console request has no result from the action's script (got ${shown}). Check jenkins-url: it must be the controller itself, not a proxy or a login page`, 200, true);
}

// EXTERNAL MODULE: ./src/runner/input-limits.ts
var input_limits = __webpack_require__(9019);
;// CONCATENATED MODULE: ./src/runner/minted-record.ts
// Kept apart from state.ts, which loads @actions/core: the post step's warm-up reads this
// record before anything else loads.
/** How long a token that is not revoked stays valid, in words. */
function validUntil(state) {
    const date = state.expirationDate;
    if (date === 'never')
        return 'valid: it never expires, so revoke it by hand once it is no longer needed';
    return date ? `valid until it expires (its last day is ${date})` : 'valid until it expires';
}
/** The state key main saves it under; the runner hands it to post as STATE_minted. */
const minted_record_MINTED_STATE = 'minted';

// EXTERNAL MODULE: ./src/http/sockets.ts
var sockets = __webpack_require__(3174);
;// CONCATENATED MODULE: ./src/runner/tls-session-record.ts
// Kept apart from state.ts, which loads @actions/core: the post step's warm-up reads this
// record before anything else loads.

/**
 * The state key of the TLS session main hands to post (STATE_tls-session). Post's one
 * connection then resumes main's session: the controller sends no certificate and post checks
 * none, which the session's secret makes safe, since only the server main verified holds it.
 * A record post cannot use (none saved, the server forgot it, another host) means a full
 * handshake, as without it.
 */
const TLS_SESSION_STATE = 'tls-session';
/**
 * Whether post, which dials the token's `jenkinsUrl`, would offer the session there (not, say,
 * at an http URL main was redirected from to https, which post follows afresh).
 */
function offeredAt(resumable, jenkinsUrl) {
    try {
        return (0,sockets/* resumesAt */.EQ)(resumable, new URL(jenkinsUrl));
    }
    catch {
        return false;
    }
}
function sessionRecord(resumable) {
    const secret = resumable.data.toString('base64');
    return {
        record: JSON.stringify({ host: resumable.host, port: resumable.port, session: secret }),
        secret
    };
}
/** The session in a saved record, or undefined for anything that is not such a record. */
function readSessionRecord(text) {
    let parsed;
    try {
        parsed = JSON.parse(text ?? '');
    }
    catch {
        return undefined;
    }
    if (typeof parsed !== 'object' || parsed === null)
        return undefined;
    const { host, port, session } = parsed;
    if (typeof host !== 'string' || typeof port !== 'number' || typeof session !== 'string') {
        return undefined;
    }
    if (!/^[A-Za-z0-9+/]+={0,2}$/.test(session))
        return undefined;
    return { host, port, data: Buffer.from(session, 'base64') };
}

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
    lib_core/* saveState */.LZ(minted_record_MINTED_STATE, record);
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
        lib_core/* setSecret */.Pq(secret);
        lib_core/* saveState */.LZ(TLS_SESSION_STATE, record);
    }
    catch (error) {
        lib_core/* debug */.Yz(`The TLS session was not saved for the post step: ${errorMessage(error)}`);
    }
}
/**
 * The token main saved; null when it saved none; 'unreadable' when what it saved is not such
 * a record (edited, or cut short), which the post step must not take for "no token".
 */
function loadMinted() {
    if (core.getState(MINTED_STATE) === '')
        return null;
    const state = load(MINTED_STATE);
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
        isWholeIn(state.timeoutSeconds, TIMEOUT_SECONDS) &&
        isWholeIn(state.retries, RETRIES) &&
        (state.caCertificate === null || typeof state.caCertificate === 'string') &&
        typeof state.insecureSkipTlsVerify === 'boolean' &&
        (state.revokedInMain === undefined || typeof state.revokedInMain === 'boolean') &&
        (state.jenkinsVersion === undefined || typeof state.jenkinsVersion === 'string') &&
        (state.expirationDate === undefined || typeof state.expirationDate === 'string'));
}
/** The URL as main saves it: the jenkins-url input after normaliseJenkinsUrl. */
function isNormalisedUrl(url) {
    try {
        return normaliseJenkinsUrl(url) === url;
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
const MAX_RECORD_BYTES = 120 * 1024;
function saveAttempts(state) {
    const record = JSON.stringify(state);
    if (Buffer.byteLength(record) > MAX_RECORD_BYTES) {
        throw new Error(`The record of ${state.attempts.length} mint attempts would not fit the one environment variable in which the runner hands it to the post step (at most 128 KiB), so the step sends no further attempt. Jenkins may hold a token of each name the warnings give.`);
    }
    lib_core/* saveState */.LZ(ATTEMPTS_STATE, record);
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

;// CONCATENATED MODULE: ./src/runner/attempts.ts

/**
 * The main step's record of its mint attempts, saved for the post step at every change, so
 * whatever stops the step (an error, a cancelled job, a killed process) leaves the truth.
 */
class AttemptRecord {
    state;
    constructor(where) {
        this.state = { ...where, attempts: [] };
    }
    /** The observer the mint reports to. */
    observer = {
        attempting: (name) => {
            const attempt = { name, outcome: 'pending' };
            // A name given again: its attempt did not reach Jenkins (tokens.ts), and the record keeps
            // one entry a name, the one whose outcome is still to come.
            const before = this.state.attempts.findIndex((a) => a.name === name && a.outcome === 'not-created');
            const earlier = before >= 0 ? this.state.attempts.splice(before, 1)[0] : undefined;
            this.state.attempts.push(attempt);
            try {
                this.save();
            }
            catch (error) {
                // Nothing goes out unrecorded: the request is not sent, so no token can follow it.
                this.state.attempts.splice(this.state.attempts.indexOf(attempt), 1);
                if (earlier)
                    this.state.attempts.splice(before, 0, earlier);
                throw error;
            }
        },
        uncertain: (name, uuid) => this.settle(name, 'may-exist', uuid),
        answered: (name, created) => this.settle(name, created ? 'created' : 'not-created')
    };
    settle(name, outcome, uuid) {
        const attempt = this.state.attempts.find((a) => a.name === name);
        // A token in hand is a fact no later report can undo.
        if (!attempt || attempt.outcome === 'created')
            return;
        attempt.outcome = outcome;
        if (uuid)
            attempt.uuid = uuid;
        // Once a request is sent, a failed write (a full disk) must not throw away what the step
        // holds in hand: the record in memory stays the step's truth. The post step reads the last
        // record saved, whose attempt is still pending, which it names as a token to check.
        try {
            this.save();
        }
        catch {
            // The save before the request (attempting) throws instead: nothing goes out unrecorded.
        }
    }
    /**
     * Attempts Jenkins may hold a token for: sent, and settled neither way. A `pending` one
     * stays `pending` in the state when the step stops; the post step reads it the same way.
     */
    possiblyCreated() {
        return possiblyCreated(this.state);
    }
    get where() {
        const { attempts: _, ...where } = this.state;
        return where;
    }
    /**
     * Saved without the attempts Jenkins certainly did not act on, but the last: a controller
     * that starts slowly answers a new attempt every few seconds, and the post step gets the
     * record in one environment variable (at most 128 KiB). It needs only the names Jenkins may
     * hold, and whether any request was answered at all.
     */
    save() {
        const last = this.state.attempts.filter((a) => a.outcome === 'not-created').at(-1);
        saveAttempts({
            ...this.state,
            attempts: this.state.attempts.filter((a) => a.outcome !== 'not-created' || a === last)
        });
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

;// CONCATENATED MODULE: ./src/runner/expiry.ts
/**
 * The last day a token is valid, as YYYY-MM-DD: today in UTC plus `days`. Jenkins compares
 * against its own local date, so in any time zone the date is today or later there and
 * never rejected as past; the token lives at least `days - 1` and at most `days + 1` days.
 */
function expirationDate(days, now = new Date()) {
    const date = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + days));
    return date.toISOString().slice(0, 10);
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
function log_text_quoted(text) {
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
    const name = log_text_quoted(attempt.name);
    const page = revokePageFor(where);
    if (attempt.uuid) {
        return `Jenkins holds an API token named ${name} (token UUID ${attempt.uuid}) for the user ${log_text_quoted(where.user)}: ${whyItMayExist(attempt)}. Open ${page} and revoke ${name} there.`;
    }
    return `Jenkins may hold an API token named ${name} for the user ${log_text_quoted(where.user)}: ${whyItMayExist(attempt)}, so the action does not know whether it was created and cannot revoke it. Open ${page} and revoke ${name} there if it is listed.`;
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

;// CONCATENATED MODULE: ./src/runner/revoke-in-main.ts





/**
 * A recorded token that must not outlive the step (it failed verification, or no step could
 * be given it): revoked here, with the login, and the record told so, since the post step
 * may not manage with the token itself. Returns what became of the token, as sentences to
 * follow the one that says why the step fails.
 */
async function revokeRecorded(login, progress, state) {
    const refused = await revokeRefused(login, state);
    if (refused !== undefined) {
        // The saved record still asks post to revoke it, when revoke is true.
        const byHand = `revoke token ${log_text_quoted(state.tokenName)} (${state.tokenUuid}) by hand at ${revokePageFor(state)}`;
        const next = state.revoke
            ? `the post step tries again when the job ends; if it cannot either, ${byHand}`
            : byHand;
        return `The action could not revoke it either (${refused}): ${next}.`;
    }
    progress.minted = { ...state, revoke: false, revokedInMain: true };
    try {
        saveMinted(progress.minted);
    }
    catch (error) {
        // The saved record still asks post to revoke it: Jenkins no longer takes the token (401),
        // and post warns that this does not prove it gone, naming it. With revoke false, post
        // reports it left valid, and this is the line that says otherwise.
        const post = state.revoke
            ? 'will try to revoke it again'
            : 'will report it left valid (revoke is false); it is not';
        return `The action revoked it (token UUID ${state.tokenUuid}). The post step could not be told so (${errorMessage(error)}), and ${post}.`;
    }
    return `The action revoked it (token UUID ${state.tokenUuid}).`;
}
/** A token the step could not record for the post step, which will never have its UUID. */
async function revokeUnrecorded(login, state, cause) {
    const failure = `Created token ${log_text_quoted(state.tokenName)} (${state.tokenUuid}), but could not record it for the post step (${errorMessage(cause)}).`;
    const refused = await revokeRefused(login, state);
    if (refused !== undefined) {
        return new JenkinsError(`${failure} The action could not revoke it either (${refused}): revoke it by hand at ${revokePageFor(state)}.`);
    }
    // No record that it is revoked: writing the state is what failed, and an empty 200 from
    // something in front of Jenkins would look the same. The post step names the token from the
    // attempt record, for a person to check.
    return new JenkinsError(`${failure} The action revoked it.`);
}
/**
 * A token Jenkins made whose value its answer did not give usably: no step can use it, and
 * the post step could not revoke it with it, so it is revoked here by its UUID. The attempt
 * keeps the UUID while the token may still exist, for the warnings that name it.
 */
async function revokeUnusable(login, attempts, unusable) {
    const refused = await revokeRefused(login, { tokenUuid: unusable.tokenUuid });
    if (refused !== undefined) {
        return new JenkinsError(`${unusable.message} The action could not revoke it (${refused}).`);
    }
    attempts.settle(unusable.tokenName, 'revoked');
    return new JenkinsError(`${unusable.message} The action revoked it.`);
}
/** Revokes the token with the login: undefined when Jenkins confirmed it, else why not. */
async function revokeRefused(login, state) {
    const { inputs, credentials, transport, session, owner } = login;
    try {
        await revokeAsLogin(inputs.jenkinsUrl, credentials, owner, state.tokenUuid, transport, session);
        return undefined;
    }
    catch (error) {
        // It goes in parentheses inside a sentence: its own full stop would read ").)".
        return errorMessage(error).replace(/\.$/, '');
    }
}

;// CONCATENATED MODULE: ./src/runner/hand-out.ts





/**
 * Hands the verified token to the job's later steps: the step's outputs, then, with
 * export-env, the job's environment. A write that fails (a full disk) fails the step with a
 * token no step was sure to get: main revokes it with the login, and names the write and the
 * token. `state` is the record the post step has of it.
 */
async function handOut(login, progress, state, facts) {
    let write = "the step's outputs (GITHUB_OUTPUT)";
    try {
        lib_core/* setOutput */.uH('token', state.token);
        lib_core/* setOutput */.uH('token-uuid', facts.tokenUuid);
        lib_core/* setOutput */.uH('token-name', facts.tokenName);
        lib_core/* setOutput */.uH('user', facts.user);
        lib_core/* setOutput */.uH('jenkins-url', facts.jenkinsUrl);
        lib_core/* setOutput */.uH('jenkins-version', facts.jenkinsVersion);
        lib_core/* setOutput */.uH('expiration-date', facts.expirationDate);
        if (login.inputs.exportEnv) {
            write = "the job's environment (GITHUB_ENV, for export-env)";
            lib_core/* exportVariable */.dN('JENKINS_URL', facts.jenkinsUrl);
            lib_core/* exportVariable */.dN('JENKINS_USER_ID', facts.user);
            lib_core/* exportVariable */.dN('JENKINS_API_TOKEN', state.token);
        }
    }
    catch (error) {
        const failure = `Created token ${log_text_quoted(facts.tokenName)}, but could not hand it out: writing ${write} failed (${errorMessage(error)}).`;
        // No step got it, so revoke false keeps it for nobody: the post step must try too, should
        // the revoke here fail or be cut short by a stop.
        const record = state.revoke ? state : keptForPost(progress, state);
        progress.notHandedOut = { token: record, write };
        throw new JenkinsError(`${failure} ${await revokeRecorded(login, progress, record)}`);
    }
    progress.token = facts;
}
/** The record with revoke true, saved for the post step if it can be; else as it was. */
function keptForPost(progress, state) {
    const record = { ...state, revoke: true };
    try {
        saveMinted(record);
    }
    catch {
        return state;
    }
    progress.minted = record;
    return record;
}

// EXTERNAL MODULE: ./src/runner/inputs.ts
var runner_inputs = __webpack_require__(9205);
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
        basicAuthValue(username, secret),
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
    lib_core/* setSecret */.Pq(basicAuthValue(username, secret));
}

;// CONCATENATED MODULE: ./src/runner/stop-signals.ts
/**
 * A cancelled job, or one past timeout-minutes, gets SIGINT, then SIGTERM 7.5 s later, then is
 * killed (on Windows CTRL_C, then CTRL_BREAK, which Node reports as SIGINT and SIGBREAK).
 * Node's default is to die at the first signal, printing nothing, which would leave a
 * token that may exist unnamed. On the first signal `report` gets the step's last word in (its
 * log lines first, then the job summary), and the step exits with `exitCode` before the kill;
 * a second signal exits at once, whatever the report is waiting for. Returns the undo.
 */
function onStopSignal(exitCode, report) {
    let stopping = false;
    return listen((signal) => {
        if (stopping)
            process.exit(exitCode);
        stopping = true;
        void report(signal)
            .catch(() => undefined)
            .finally(() => process.exit(exitCode));
    });
}
/**
 * Holds a stop signal that comes while the step is still loading, before its handler listens:
 * Node's default would end the step at once and in silence. `replay` hands the held signal to
 * the step's own handler (onStopSignal) once it is in place, on a later turn of the event loop
 * as a signal would come; a second signal before then ends the step with `exitCode`, as a
 * second signal always does. It is emitted, not sent again: on Windows process.kill ends the
 * process for any of these signals, without a handler running.
 */
function holdStopSignals(exitCode) {
    let held;
    const stopListening = listen((signal) => {
        if (held)
            process.exit(exitCode);
        held = signal;
    });
    return {
        replay() {
            stopListening();
            const signal = held;
            if (signal)
                setImmediate(() => process.emit(signal, signal));
        }
    };
}
/** Listens for the signals the runner stops a step with; returns the undo. */
function listen(handler) {
    const signals = process.platform === 'win32' ? ['SIGINT', 'SIGTERM', 'SIGBREAK'] : ['SIGINT', 'SIGTERM'];
    for (const signal of signals)
        process.on(signal, handler);
    return () => {
        for (const signal of signals)
            process.off(signal, handler);
    };
}
/** The start of every message about a stop signal. */
function stoppedBy(signal) {
    return `Stopped by ${signal} (the job was cancelled or ran past timeout-minutes)`;
}

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

;// CONCATENATED MODULE: ./src/runner/mint-progress.ts







/** What the main step has done so far: what an error or a stop signal must account for. */
class Progress {
    attempts;
    minted;
    /** A token Jenkins made that the step could not record for the post step. */
    unrecorded;
    /** A recorded token the step could not write to its outputs or the job's environment. */
    notHandedOut;
    token;
    stopping = false;
    warned = new Set();
    /** One warning per token Jenkins may hold, each printed once; returns them for the summary. */
    warnPossiblyCreated() {
        const record = this.attempts;
        if (!record)
            return [];
        const lost = record.possiblyCreated().filter((a) => a.name !== this.minted?.tokenName);
        for (const attempt of lost) {
            if (this.warned.has(attempt.name))
                continue;
            this.warned.add(attempt.name);
            log.warning(mayExistWarning(attempt, record.where));
        }
        return lost.map((attempt) => ({
            name: attempt.name,
            ...(attempt.uuid ? { uuid: attempt.uuid } : {}),
            why: whyItMayExist(attempt)
        }));
    }
    async summarise(notes = []) {
        const tokens = this.warnPossiblyCreated();
        // Stopped while revoking a token it could not record: a created attempt, so not among the
        // possibly created, but just as much one to check.
        if (this.unrecorded) {
            tokens.push({
                name: this.unrecorded.tokenName,
                uuid: this.unrecorded.tokenUuid,
                why: 'the step could not record it for the post step, and stopped while revoking it'
            });
        }
        const lines = [...notes];
        const left = this.notHandedOut;
        if (left) {
            const { tokenName, tokenUuid, user, revoke } = left.token;
            const failed = `writing ${left.write} failed, so no later step was sure to get it`;
            if (this.minted?.revokedInMain) {
                lines.push(`The step created token ${log_text_quoted(tokenName)} (${tokenUuid}) of ${log_text_quoted(user)}, but ${failed}: the action revoked it.`);
            }
            else {
                const post = revoke ? '; the post step tries again' : '';
                tokens.push({ name: tokenName, uuid: tokenUuid, why: `${failed}${post}` });
            }
        }
        await writeSummary({
            ...(this.token ? { token: this.token } : {}),
            notes: lines,
            ...(this.attempts ? { checkByHand: { tokens, where: this.attempts.where } } : {})
        }).catch((error) => log.debug(`No job summary: ${errorMessage(error)}`));
    }
}
/**
 * The attempts are already saved; on a stop signal the step names every token Jenkins may
 * hold, and fails.
 */
function handleStopSignals(progress) {
    return onStopSignal(1, (signal) => {
        progress.stopping = true;
        const lost = progress.warnPossiblyCreated();
        const message = stopMessage(signal, progress, lost.length > 0);
        log.fail(message);
        return progress.summarise([message]);
    });
}
function stopMessage(signal, progress, lost) {
    const stopped = stoppedBy(signal);
    const unrecorded = progress.unrecorded;
    if (unrecorded) {
        return `${stopped} while revoking token ${log_text_quoted(unrecorded.tokenName)} (${unrecorded.tokenUuid}), which the step could not record for the post step: it may still be valid; revoke it by hand at ${revokePageFor(unrecorded)}.`;
    }
    const minted = progress.minted;
    const left = progress.notHandedOut;
    if (left && !minted?.revokedInMain) {
        // Stopped while revoking a token no step was given: with revoke false, post leaves it.
        const { tokenName, tokenUuid, revoke } = left.token;
        const next = revoke
            ? 'the post step tries to revoke it'
            : `revoke it by hand at ${revokePageFor(left.token)}`;
        return `${stopped} while revoking token ${log_text_quoted(tokenName)} (${tokenUuid}), which no later step was sure to get (writing ${left.write} failed): it may still be valid; ${next}.`;
    }
    if (minted?.revokedInMain) {
        return `${stopped} after the action had revoked token ${log_text_quoted(minted.tokenName)} (${minted.tokenUuid}).`;
    }
    if (minted) {
        // With revoke false this line is the only error-level mention of a token left valid.
        return `${stopped} after token ${log_text_quoted(minted.tokenName)} (${minted.tokenUuid}) was created: ${minted.revoke ? 'the post step revokes it' : `revoke is false, so it stays ${validUntil(minted)}`}.`;
    }
    if (lost) {
        return `${stopped} before Jenkins confirmed a token: it may have created one; the warnings above name each token to check and the page to revoke it on.`;
    }
    return `${stopped} before any token was created.`;
}

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
    return new transport/* Transport */.oK({
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
    return new Transport({
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

;// CONCATENATED MODULE: ./src/runner/verify-token.ts






/**
 * Proves the new token authenticates as its user. A token that does not is revoked here, with
 * the login credential the main step still holds, before the step fails: the post step could
 * not revoke it with the token itself.
 */
async function verified(login, progress, state) {
    const checked = await verification(login, state);
    if (typeof checked !== 'string')
        return checked;
    throw new JenkinsError(`${checked} ${await revokeRecorded(login, progress, state)}`);
}
/**
 * whoAmI with the new token: the identity when it authenticates as its user, else why not, as
 * a sentence of its own (what the step did about the token follows it).
 */
async function verification(login, state) {
    const { inputs, credentials, transport } = login;
    try {
        const identity = await tokens_whoAmI(inputs.jenkinsUrl, state.user, state.token, transport);
        if (identity.name.toLowerCase() === state.user.toLowerCase())
            return identity;
        return `The new token authenticates as ${log_text_quoted(identity.name)}, not ${log_text_quoted(state.user)}.`;
    }
    catch (error) {
        if (error instanceof JenkinsError && error.status === 401 && !TOKEN_VALUE.test(state.token)) {
            return `The new token could not be verified: Jenkins did not accept it (HTTP 401), and its value in Jenkins's answer is not of the form Jenkins makes ("11" and 32 hex digits), so something between the runner and Jenkins most likely altered the answer.`;
        }
        const known = await loggedInAs(login, state, error);
        if (known !== undefined) {
            return `The new token does not authenticate as ${log_text_quoted(state.user)}: Jenkins logs ${log_text_quoted(credentials.username)} in as the user ${log_text_quoted(known)} (whoAmI), and a token authenticates only with the user's id. Set username to ${log_text_quoted(known)}.`;
        }
        return `The new token could not be verified: ${errorMessage(error).replace(/([^.])$/, '$1.')}`;
    }
}
/**
 * The id a login by another name is known by, when that is why a token minted at /me/ gets
 * 401: a realm that maps other names to a user (Active Directory takes DOMAIN\user and
 * user@domain) logs the password in as the id, and /me/ mints for that id, but a token is
 * looked up by id only (BasicApiTokenHelper). A password login without a crumb issuer asked
 * whoAmI already, and its answer stands.
 */
async function loggedInAs(login, state, error) {
    const { inputs, credentials, transport, owner, session } = login;
    if (!owner.me || !(error instanceof JenkinsError) || error.status !== 401)
        return undefined;
    const known = await loginKnownAs({
        root: inputs.jenkinsUrl,
        credentials,
        transport,
        known: session?.known
    });
    return known !== undefined && known.toLowerCase() !== state.user.toLowerCase() ? known : undefined;
}

;// CONCATENATED MODULE: ./src/runner/mint-step.ts



















const MAY_HOLD_TOKENS = 'Jenkins may hold a token from this step: the warnings above name each one, its user and the page to revoke it on.';
/** The main step: mint, mask, record for the post step, verify, then hand the token out. */
async function runMintStep(agents) {
    const progress = new Progress();
    const stopHandling = handleStopSignals(progress);
    try {
        await mint(progress, agents);
    }
    catch (error) {
        // A stop signal's handler reports and ends the step itself.
        if (progress.stopping)
            return;
        const lost = progress.warnPossiblyCreated();
        const message = errorMessage(error).replace(/([^.])$/, '$1.');
        log.fail(lost.length > 0 ? `${message} ${MAY_HOLD_TOKENS}` : message);
        await progress.summarise();
    }
    finally {
        stopHandling();
        // The warm connection of a step that stopped before its first request.
        agents?.close();
    }
}
async function mint(progress, agents) {
    // Mask the login secret before anything, including input validation, can print it.
    const username = lib_core/* getInput */.V4('username');
    for (const name of ['password', 'api-token']) {
        const secret = lib_core/* getInput */.V4(name, { trimWhitespace: name !== 'password' });
        if (secret !== '')
            maskSecret(secret, username);
    }
    const inputs = (0,runner_inputs/* readInputs */.Ko)((name, trim) => lib_core/* getInput */.V4(name, { trimWhitespace: trim }), process.env);
    if (inputs.insecureSkipTlsVerify) {
        log.warning("insecure-skip-tls-verify is true: the controller's certificate is not checked, so anyone on the network path can read the login secret and the new token. Use ca-certificate instead.");
    }
    const cleartext = cleartextWarning(inputs.jenkinsUrl, `the ${inputs.credentialKind === 'password' ? 'password' : 'API token'} of ${log_text_quoted(inputs.username)} (in every request) and the new API token (in Jenkins's answer) travel`);
    if (cleartext)
        log.warning(cleartext);
    const transport = mainTransport(inputs, agents);
    try {
        await mintWith(inputs, transport, progress);
    }
    finally {
        // Post revokes over one connection, whose handshake resuming this session makes short.
        // Only then: a session is as secret as the token, and not kept where it serves nothing.
        const minted = progress.minted;
        if (minted?.revoke === true)
            saveTlsSession(transport.tlsSession(), minted.jenkinsUrl);
        transport.close();
    }
}
async function mintWith(inputs, transport, progress) {
    const credentials = {
        username: inputs.username,
        secret: inputs.secret,
        kind: inputs.credentialKind
    };
    const expiration = inputs.expirationDays === null ? null : expirationDate(inputs.expirationDays);
    const session = credentials.kind === 'password'
        ? await openSession(inputs.jenkinsUrl, credentials, transport)
        : undefined;
    const { userId, owner, asked, version: seen } = await tokenOwner(inputs, credentials, transport, session);
    // The version names the page a token is revoked on: learnt from the first answer that has it.
    let version = session?.version || seen || '';
    if (credentials.kind === 'api-token' && !asked && inputs.waitSeconds) {
        version = (await whoAmIFirst(inputs, credentials, transport)) ?? version;
    }
    const attempts = new AttemptRecord({
        jenkinsUrl: inputs.jenkinsUrl,
        user: userId,
        ...(version ? { jenkinsVersion: version } : {})
    });
    progress.attempts = attempts;
    const login = { inputs, credentials, transport, session, owner };
    const generate = inputs.method === 'script-console' ? generateTokenByScript : generateNewToken;
    const token = await generate(inputs.jenkinsUrl, credentials, {
        user: userId,
        owner,
        found: asked,
        name: inputs.tokenName,
        expiration,
        laterAllowed: inputs.expirationDays !== null && inputs.expirationDays < input_limits/* EXPIRATION_DAYS */.cQ.max
    }, transport, session, attempts.observer).catch(async (error) => {
        throw error instanceof UnusableTokenError ? await revokeUnusable(login, attempts, error) : error;
    });
    // The script console reports the id Jenkins stores, whatever case the input used.
    const tokenUser = token.user ?? userId;
    const state = {
        jenkinsUrl: inputs.jenkinsUrl,
        user: tokenUser,
        tokenName: token.name,
        tokenUuid: token.uuid,
        token: token.value,
        revoke: inputs.revoke,
        timeoutSeconds: inputs.timeoutSeconds,
        retries: inputs.retries,
        caCertificate: inputs.caCertificate,
        insecureSkipTlsVerify: inputs.insecureSkipTlsVerify,
        ...(version ? { jenkinsVersion: version } : {}),
        expirationDate: expiration !== null && token.expiryApplied ? expiration : 'never'
    };
    // Masked before it is saved: without GITHUB_STATE, core writes the record to the log.
    maskSecret(token.value, tokenUser);
    try {
        // The token exists: whatever fails from here on, the post step must know it.
        saveMinted(state);
    }
    catch (error) {
        // The post step will never have its UUID and value: revoke it now, with the login.
        progress.unrecorded = state;
        const failure = await revokeUnrecorded(login, state, error);
        progress.unrecorded = undefined;
        throw failure;
    }
    progress.minted = state;
    attempts.settle(token.name, 'created');
    log.info(`Created Jenkins API token ${log_text_quoted(token.name)} (${inline(token.uuid)}) for ${inline(tokenUser)}.`);
    progress.warnPossiblyCreated();
    const expires = expiryOutcome(inputs, expiration, token);
    let user = tokenUser;
    if (inputs.verify) {
        const identity = await verified(login, progress, state);
        user = identity.name;
        // Before it is printed or handed out: `curl -u "$user:$token"` sends this Basic value.
        if (user !== tokenUser)
            maskBasicAuth(user, token.value);
        version = identity.version ?? version;
        log.info(`Verified: the token authenticates as ${inline(identity.name)}.`);
    }
    if (version && !state.jenkinsVersion) {
        // An API-token login learns the version only now (whoAmI): the record gains it, so that
        // post names the one page that lists the tokens. A failed save keeps the record as it was.
        progress.minted = { ...state, jenkinsVersion: version };
        try {
            saveMinted(progress.minted);
        }
        catch { }
    }
    await handOut(login, progress, progress.minted, {
        tokenName: token.name,
        tokenUuid: token.uuid,
        user,
        jenkinsUrl: inputs.jenkinsUrl,
        jenkinsVersion: version,
        expirationDate: expires
    });
    await progress.summarise();
}
/**
 * Whose token it is: the login user itself mints through /me/ (which also serves realm users
 * without a user record); anyone else by the id Jenkins knows them by, learned first, since
 * only the id authenticates. Only the same spelling is the login user: under a case-sensitive
 * id strategy (LDAP can be set so) `Ops` and `ops` are two users, and /me/ would mint the
 * login's own token. Minting at /user/<id>/ leaves the decision to Jenkins's id strategy.
 */
async function tokenOwner(inputs, credentials, transport, session) {
    const self = { userId: inputs.username, owner: { me: true }, asked: false };
    if (inputs.user === inputs.username)
        return self;
    // The script console looks the user up by id only, and reports the id it used.
    if (inputs.method === 'script-console') {
        return { userId: inputs.user, owner: { me: false, id: inputs.user }, asked: false };
    }
    const { id, version } = await resolveUserId(inputs.jenkinsUrl, inputs.user, credentials, transport, session).catch((error) => {
        throw sameButForCase(inputs, error) ?? error;
    });
    const seen = { asked: true, ...(version ? { version } : {}) };
    if (id === inputs.username)
        return { ...self, ...seen };
    if (id !== inputs.user) {
        log.info(`Jenkins knows the user ${log_text_quoted(inputs.user)} by the id ${log_text_quoted(id)}.`);
    }
    return { userId: id, owner: { me: false, id }, ...seen };
}
/**
 * With wait-seconds, a controller that may still be starting is waited for with a GET, never
 * with the mint: a service container's published port accepts connections and drops them until
 * Jenkins listens, and a mint sent there may or may not have made a token. A password login
 * asks for its crumb first, and a mint for another user looks the user up first; an API-token
 * login for itself asks whoAmI, and learns the version from it. Returns that version.
 */
async function whoAmIFirst(inputs, credentials, transport) {
    const identity = await tokens_whoAmI(inputs.jenkinsUrl, credentials.username, credentials.secret, transport, 'API token');
    return identity.version;
}
/**
 * A user spelt like the login but for case, whom Jenkins has no record of: most likely the
 * login itself, a realm user (LDAP) who has no record yet, which only /me/ serves. Minting
 * there anyway would, under a case-sensitive id strategy, hand out the login's own token.
 */
function sameButForCase(inputs, error) {
    if (!(error instanceof NoSuchUserError))
        return undefined;
    if (inputs.user.toLowerCase() !== inputs.username.toLowerCase())
        return undefined;
    return new JenkinsError(`Jenkins has no user record ${log_text_quoted(inputs.user)} (HTTP 404). If it is the login user ${log_text_quoted(inputs.username)} itself, spell the user input exactly as username, or leave it out: the login user's own token is minted through /me/, which needs no record.`, 404);
}
function expiryOutcome(inputs, expiration, token) {
    if (expiration === null)
        return 'never';
    if (token.expiryApplied)
        return expiration;
    log.notice(`This Jenkins ignores token expiry (it needs 2.548 or later), so "${token.name}" never expires on its own${inputs.revoke ? ': it lives until the post step revokes it' : ''}.`);
    return 'never';
}


/***/ })

};

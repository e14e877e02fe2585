export const id = 514;
export const ids = [514];
export const modules = {

/***/ 9514:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   openWarmConnection: () => (/* binding */ openWarmConnection)
/* harmony export */ });
/* harmony import */ var _http_sockets_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(3174);
/* harmony import */ var _http_transport_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6276);
/* harmony import */ var _inputs_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(9205);



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
        const pem = (0,_inputs_js__WEBPACK_IMPORTED_MODULE_1__/* .caCertificate */ .WY)(hint.ca);
        agents = new _http_transport_js__WEBPACK_IMPORTED_MODULE_0__/* .Agents */ .lt({
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
    await (0,_http_sockets_js__WEBPACK_IMPORTED_MODULE_2__/* .atMost */ .Tu)(CONNECT_WAIT_MS, warmed.helloCanGo);
    // A turn of the event loop, so the client hello goes out before the long load begins.
    await new Promise((resolve) => setImmediate(resolve));
    return agents;
}


/***/ })

};

/**
 * Stand-in for `https://connect.facebook.net/<locale>/sdk.js`: defines `window.FB` with `init`,
 * `login`, `getLoginStatus`, `logout`, `AppEvents` and `XFBML`, then calls `window.fbAsyncInit` like
 * the real SDK. `FB.login` opens the simulated Embedded Signup dialog in a popup and calls back with
 * `{status:"connected", authResponse:{code}}`, or `{status:"unknown", authResponse:null}` when the
 * popup closes without finishing. The simulator's origin is read from this script's own URL.
 */
export const SDK_SCRIPT = String.raw`
(function () {
  "use strict";
  if (window.FB && window.FB.__simulator) return;
  var script = document.currentScript;
  var base = script && script.src ? script.src.replace(/\/sdk\.js(\?.*)?$/, "") : "";
  var simOrigin = new URL(base, window.location.href).origin;
  var settings = { appId: null, version: "v25.0" };

  function login(callback, options) {
    options = options || {};
    var requestId = Math.random().toString(36).slice(2) + Date.now().toString(36);
    var params = new URLSearchParams({
      app_id: String(settings.appId || ""),
      config_id: String(options.config_id || ""),
      response_type: String(options.response_type || "token"),
      override_default_response_type: String(!!options.override_default_response_type),
      extras: JSON.stringify(options.extras || {}),
      origin: window.location.origin,
      request_id: requestId
    });
    var url = base + "/facebook/" + settings.version + "/dialog/embedded_signup?" + params.toString();
    var width = 640, height = 760;
    var left = Math.max(0, (window.screenX || 0) + (window.outerWidth - width) / 2);
    var top = Math.max(0, (window.screenY || 0) + (window.outerHeight - height) / 2);
    var popup = window.open(url, "fb_embedded_signup_" + requestId, "popup,width=" + width + ",height=" + height + ",left=" + left + ",top=" + top);
    var done = false;
    function finish(response) {
      if (done) return;
      done = true;
      window.removeEventListener("message", onMessage);
      clearInterval(timer);
      if (typeof callback === "function") callback(response);
    }
    function onMessage(event) {
      if (event.origin !== simOrigin) return;
      var data = event.data;
      if (!data || typeof data !== "object" || data.type !== "SIMULATOR_FB_LOGIN" || data.requestId !== requestId) return;
      finish({ status: "connected", authResponse: { code: data.authResponse.code, userID: data.authResponse.userID, expiresIn: 30 } });
    }
    window.addEventListener("message", onMessage);
    var timer = setInterval(function () {
      // A message posted just before the popup closed may still be queued: give it a moment.
      if (!popup || popup.closed) setTimeout(function () { finish({ status: "unknown", authResponse: null }); }, 200);
    }, 250);
    if (!popup) finish({ status: "unknown", authResponse: null });
  }

  window.FB = {
    __simulator: true,
    init: function (options) {
      options = options || {};
      settings.appId = options.appId || null;
      if (options.version) settings.version = options.version;
    },
    login: login,
    getLoginStatus: function (callback) { callback({ status: "unknown", authResponse: null }); },
    logout: function (callback) { if (callback) callback({ status: "unknown", authResponse: null }); },
    AppEvents: { logPageView: function () {} },
    XFBML: { parse: function () {} }
  };
  if (typeof window.fbAsyncInit === "function") setTimeout(window.fbAsyncInit, 0);
})();
`;

// The page's first script. Written in ES3 on purpose (no let/const, arrow functions, reserved words as property
// names, forEach, textContent or addEventListener without a fallback): IE in 360's compatibility mode must parse
// it, so that a browser which cannot run the application shows a readable message instead of a blank page.
//
// 1. Tests what the application needs: ES modules, dynamic import, the syntax of the boot code, WebAssembly with
//    exactly the features the built module uses, and storage.
// 2. Inserts the Content-Security-Policy given in its data-csp attribute, before any other script runs, with the
//    strictest source each engine allows for compiling WebAssembly: 'wasm-unsafe-eval' where the engine knows it
//    (Chromium 97+, Firefox 102+, Safari 16+), 'unsafe-eval' only where it does not (e.g. 360 极速模式 =
//    Chromium 86). The syntax tests below use Function() and so must run before the policy exists.
// 3. Shows the message when the browser lacks something, when the boot code fails to load or parse, or when the
//    application has not started long after the page loaded; shows the crash notice when the WebAssembly module
//    traps later (a panic aborts as a WebAssembly.RuntimeError).
(function () {
  var w = window;
  var d = document;
  var started = false;
  var shown = false;

  // Texts of the crash notice: a copy of CrashTitle, CrashBody and CrashReload in crates/core/src/i18n.rs,
  // checked against the catalogue by e2e/compat.test.js.
  var CRASH = {
    zh: ['页面出错了', '很抱歉，程序遇到意外错误。已填写的内容都已自动保存在本机，请刷新页面继续。', '刷新页面'],
    en: ['Something went wrong',
      'Sorry, the program hit an unexpected error. Everything you entered was saved on this computer; reload the page to continue.',
      'Reload']
  };
  var ADVICE = '请改用新版 Chrome、Edge、Firefox 浏览器打开；使用 360 安全浏览器或 QQ 浏览器时，请点地址栏右侧的闪电图标切换到' +
    '“极速模式”（不要用“兼容模式”）。如果是学校统一管理的电脑，请联系电教管理员升级浏览器。';
  var ADVICE_EN = 'Open this page in a recent Chrome, Edge or Firefox. In 360 Secure Browser or QQ Browser, switch to the fast (极速) mode, not the compatibility mode.';

  function parses(source) {
    try {
      new Function(source);
      return true;
    } catch (e) {
      return false;
    }
  }

  // A module with one instruction of each post-MVP feature the build enables (see WASM_FEATURES in
  // scripts/postbuild.mjs): sign-ext (i32.extend8_s), nontrapping-fptoint (i32.trunc_sat_f32_s), bulk-memory
  // (memory.fill, memory.copy) and mutable-globals (an exported mutable global). An engine that lacks one of
  // them rejects the module.
  var PROBE = [0, 97, 115, 109, 1, 0, 0, 0, 1, 4, 1, 96, 0, 0, 3, 2, 1, 0, 5, 3, 1, 0, 1, 6, 6, 1, 127, 1, 65, 0, 11,
    7, 5, 1, 1, 103, 3, 0, 10, 35, 1, 33, 0, 65, 0, 192, 26, 67, 0, 0, 0, 0, 252, 0, 26, 65, 0, 65, 0, 65, 0, 252,
    11, 0, 65, 0, 65, 0, 65, 0, 252, 10, 0, 0, 11];

  function wasmMissing() {
    if (typeof WebAssembly !== 'object' || typeof WebAssembly.instantiate !== 'function' ||
        typeof WebAssembly.validate !== 'function' || typeof Uint8Array === 'undefined') {
      return 'WebAssembly';
    }
    try {
      if (!WebAssembly.validate(new Uint8Array(PROBE))) return 'WebAssembly (bulk-memory, sign-ext, nontrapping-fptoint)';
    } catch (e) {
      return 'WebAssembly';
    }
    return '';
  }

  /** What the application needs and this browser lacks, or '' when nothing is missing. */
  function missing() {
    if (!('noModule' in d.createElement('script'))) return 'ES modules';
    // The boot code and the module glue use async functions, optional chaining, ?? and dynamic import().
    if (!parses('async function f(a) { return a?.b ?? (await import("./x.js")); }')) return 'ES2020';
    if (typeof Promise === 'undefined' || typeof w.TextDecoder === 'undefined' || typeof w.TextEncoder === 'undefined') {
      return 'TextDecoder';
    }
    return wasmMissing();
  }

  function storageBlocked() {
    try {
      var s = w.localStorage;
      var k = 'xzzp.check';
      s.setItem(k, '1');
      s.removeItem(k);
      return false;
    } catch (e) {
      return true;
    }
  }

  function findLast() {
    return typeof Array.prototype.findLast === 'function';
  }

  /** 'wasm-unsafe-eval' where the engine knows it, else 'unsafe-eval' (required there to compile WebAssembly). */
  function evalSource() {
    var ua = navigator.userAgent;
    // Safari knows 'wasm-unsafe-eval' from 16 (and already has findLast in 15.4).
    var safari = /Version\/(\d+)[.\d]* (Mobile\/\S+ )?Safari\//.exec(ua);
    if (safari && !/Chrom(e|ium)\//.test(ua) && +safari[1] < 16) return "'unsafe-eval'";
    // Chromium ships 'wasm-unsafe-eval' and Array.prototype.findLast in the same release (97); a feature cannot
    // be faked by a user-agent string, and 360 and QQ browsers often report a misleading one.
    return findLast() ? "'wasm-unsafe-eval'" : "'unsafe-eval'";
  }

  function insertPolicy() {
    var me = d.currentScript;
    var template = me && me.getAttribute('data-csp');
    if (!template) return;
    var meta = d.createElement('meta');
    meta.httpEquiv = 'Content-Security-Policy';
    meta.content = template.replace('{eval}', evalSource());
    (d.head || d.getElementsByTagName('head')[0]).appendChild(meta);
    w.xzzpPolicy = meta.content;
  }

  function el(tag, text, lang) {
    var e = d.createElement(tag);
    e.appendChild(d.createTextNode(text));
    if (lang) e.setAttribute('lang', lang);
    return e;
  }

  function onReady(f) {
    if (d.body) f();
    else if (d.addEventListener) d.addEventListener('DOMContentLoaded', f, false);
    else w.attachEvent('onload', f);
  }

  /** The full-page message; `id` is "unsupported" (cannot run) or "not-started" (did not start). */
  function message(id, title, text, en) {
    shown = true;
    onReady(function () {
      if (d.getElementById('unsupported') || d.getElementById('not-started')) return;
      var box = d.createElement('div');
      box.id = id;
      box.className = 'fallback';
      box.setAttribute('role', 'alert');
      box.appendChild(el('h1', title));
      box.appendChild(el('p', text));
      box.appendChild(el('p', en, 'en'));
      d.body.appendChild(box);
    });
  }

  function notStarted(reason) {
    if (started || shown) return;
    if (w.console && console.error) console.error('学校质量自评 did not start: ' + reason);
    var blocked = storageBlocked();
    message('not-started', '学校质量自评没有启动成功',
      (blocked ? '这个浏览器禁用了本地存储，请在浏览器设置中允许本网站保存数据（或退出无痕/隐私模式）后刷新页面。' :
        '请刷新页面重试；如果仍然打不开，可能是文件不完整或浏览器不支持。') + ADVICE +
        '已填写的内容保存在本机，不会丢失。',
      'The application did not start. Reload the page; if it still fails, ' + ADVICE_EN);
  }

  /** The same notice as the Rust panic hook (crates/app/src/panic.rs) when the module traps after starting. */
  function crashNotice() {
    if (d.getElementById('crash') || !d.body) return;
    var t = CRASH[(d.documentElement.getAttribute('lang') || '').indexOf('en') === 0 ? 'en' : 'zh'];
    var box = d.createElement('div');
    box.id = 'crash';
    box.setAttribute('role', 'alertdialog');
    box.setAttribute('aria-labelledby', 'crash-title');
    var h = el('h2', t[0]);
    h.id = 'crash-title';
    var a = el('a', t[2]);
    a.setAttribute('href', location.pathname + location.search);
    a.className = 'button primary';
    box.appendChild(h);
    box.appendChild(el('p', t[1]));
    box.appendChild(a);
    d.body.appendChild(box);
    a.focus();
  }

  function isTrap(error) {
    return !!error && typeof WebAssembly === 'object' && error instanceof WebAssembly.RuntimeError;
  }

  var lacking = missing();
  // A policy is only worth inserting where the application can run; an old engine may not even know the meta.
  if (!lacking) {
    try {
      insertPolicy();
    } catch (e) {
      lacking = 'Content-Security-Policy';
    }
  }
  if (lacking) {
    w.xzzpUnsupported = true;
    message('unsupported', '学校质量自评：浏览器版本过旧',
      '这个浏览器缺少本工具需要的功能（' + lacking + '），所以无法打开。' + ADVICE,
      'This browser cannot run this tool (missing: ' + lacking + '). ' + ADVICE_EN);
    return;
  }

  /** Called by the boot code once the module runs; removes a "did not start" message shown too early. */
  w.xzzpStarted = function () {
    started = true;
    var late = d.getElementById('not-started');
    if (late) late.parentNode.removeChild(late);
    shown = false;
  };
  /** Called by the boot code when loading or starting the module failed. */
  w.xzzpFailed = function (error) {
    notStarted(String(error && error.message || error));
  };

  // Capture phase: a <script> that fails to load fires "error" on the element, which does not bubble.
  w.addEventListener('error', function (event) {
    var target = event.target;
    if (!started && target && target.tagName === 'SCRIPT') {
      notStarted('cannot load ' + target.src);
    } else if (!started && event.error instanceof SyntaxError) {
      notStarted(String(event.error));
    } else if (started && isTrap(event.error)) {
      crashNotice();
    }
  }, true);
  w.addEventListener('unhandledrejection', function (event) {
    if (started && isTrap(event.reason)) crashNotice();
  });
  // The last resort: nothing reported, but the application has not started long after the page loaded.
  w.addEventListener('load', function () {
    setTimeout(function () {
      notStarted('timeout');
    }, w.xzzpStartTimeout || 20000);
  });
})();

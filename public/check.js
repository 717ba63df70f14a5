// Runs before the application: a browser that cannot run it gets a readable message instead of a blank page.
(function () {
  var ok = typeof WebAssembly === 'object' && typeof WebAssembly.instantiate === 'function' &&
    'noModule' in document.createElement('script');
  if (ok) return;
  window.xzzpUnsupported = true;
  function show() {
    if (document.getElementById('unsupported')) return;
    var box = document.createElement('div');
    box.id = 'unsupported';
    box.className = 'fallback';
    box.setAttribute('role', 'alert');
    var h = document.createElement('h1');
    h.textContent = '学校质量自评：浏览器版本过旧';
    var p = document.createElement('p');
    p.textContent = '这个浏览器不支持本工具需要的 WebAssembly 功能，所以无法打开。请改用新版 Chrome、Edge、Firefox，' +
      '或 360 安全浏览器、QQ 浏览器的“极速模式”打开本页面；如果是学校统一管理的电脑，请联系电教管理员升级浏览器。';
    var en = document.createElement('p');
    en.lang = 'en';
    en.textContent = 'This browser cannot run WebAssembly. Open this page in a recent Chrome, Edge or Firefox.';
    box.appendChild(h);
    box.appendChild(p);
    box.appendChild(en);
    document.body.appendChild(box);
  }
  if (document.body) show(); else document.addEventListener('DOMContentLoaded', show);
})();

// The consent banner of deaf.news.test and deafer.news.test: tarteaucitron's markup (autoconsent's "tarteaucitron deny"
// rule knows it) whose buttons do not heed their first clicks, as a CMP that shows its buttons before it listens to
// them. How many clicks go unheard is the script tag's data-unheard; the choice is kept in the cookie named by its
// data-cookie, and analytics load only once accepted. Drawn where the script tag stands, as static markup would be.
(function () {
  var me = document.currentScript;
  var unheard = Number(me.getAttribute('data-unheard')) || 1;
  var cookieName = me.getAttribute('data-cookie');
  var style = document.createElement('style');
  style.textContent = '#tarteaucitronAlertBig { position: fixed; bottom: 0; left: 0; right: 0; padding: 12px; background: #333; color: #fff; z-index: 1000; }'
    + ' #tarteaucitronAlertBig button { font-size: 16px; margin: 0 8px; padding: 6px 12px; }';
  document.head.appendChild(style);
  var root = document.createElement('div');
  root.id = 'tarteaucitronRoot';
  root.innerHTML = '<div id="tarteaucitronAlertBig" role="dialog" aria-label="Cookies">'
    + '<span>This site uses cookies for audience measurement and gives you control over what you want to activate.</span>'
    + '<button type="button" id="tarteaucitronPersonalize2">OK, accept all</button>'
    + '<button type="button" id="tarteaucitronAllDenied2">Deny all cookies</button></div>';
  me.parentNode.insertBefore(root, me);
  var banner = document.getElementById('tarteaucitronAlertBig');
  var choice = (document.cookie.match(new RegExp('(?:^|; )' + cookieName + '=([^;]*)')) || [])[1];
  function analytics() { var s = document.createElement('script'); s.src = 'https://metrics.tracker.test/t.js'; document.head.appendChild(s); }
  function choose(value) {
    document.cookie = cookieName + '=' + value + '; path=/; max-age=' + 60 * 60 * 24 * 180;
    banner.style.display = 'none';
    if (value === 'all') analytics();
  }
  if (choice) { banner.style.display = 'none'; if (choice === 'all') analytics(); return; }
  [['tarteaucitronPersonalize2', 'all'], ['tarteaucitronAllDenied2', 'none']].forEach(function (pair) {
    var clicks = 0;
    document.getElementById(pair[0]).addEventListener('click', function () {
      if (++clicks > unheard) choose(pair[1]);
    });
  });
})();

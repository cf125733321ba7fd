/* A typical analytics tag: a first-party visitor id under Google Analytics' cookie names, and a beacon to the
   collector, which answers with a cross-site identifier (SameSite=None; Secure). */
(function () {
  var year = 60 * 60 * 24 * 365;
  document.cookie = '_ga=GA1.1.' + Math.floor(Math.random() * 1e9) + '.' + Math.floor(Date.now() / 1000) + '; path=/; max-age=' + 2 * year;
  document.cookie = '__utma=1.' + Math.floor(Math.random() * 1e9) + '; path=/; max-age=' + 2 * year;
  try { localStorage.setItem('_tt_visitor', String(Date.now())); sessionStorage.setItem('_tt_session', '1'); } catch (e) {}
  var img = new Image(1, 1);
  img.src = 'https://collect.tracker.test/c?cid=1&dl=' + encodeURIComponent(location.href);
})();

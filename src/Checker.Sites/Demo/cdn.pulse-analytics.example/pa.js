/* Pulse Analytics tag (demo): a visitor id in a first-party cookie, and a page-view beacon to the collector,
   which answers with a cross-site identifier cookie of its own. Runs on load, before any consent. */
(function () {
  var id = (document.cookie.match(/(?:^|; )_pa_id=([^;]*)/) || [])[1];
  if (!id) {
    id = 'PA1.' + Math.floor(Math.random() * 1e10) + '.' + Math.floor(Date.now() / 1000);
    document.cookie = '_pa_id=' + id + '; path=/; max-age=' + 60 * 60 * 24 * 395 + '; SameSite=Lax';
  }
  var beacon = new Image(1, 1);
  beacon.src = 'https://collect.pulse-analytics.example/collect?v=1&t=pageview&cid=' + encodeURIComponent(id)
    + '&dl=' + encodeURIComponent(location.href);
})();

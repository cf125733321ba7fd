// Resolves once the DOM has not changed for quietMs, or after maxMs at the latest: late banners and
// article widgets are usually inserted right after the network goes idle. Returns how long it waited.
// sinceNow: the quiet window starts now (after a click, whose effect is still to come). Otherwise quiet time that
// already passed counts, as appearance.js recorded it (__checkerChangedAt): after the network was idle for half a
// second with an unchanged DOM, the page is settled at once instead of after another window.
({ quietMs, maxMs, sinceNow }) => new Promise((resolve) => {
  const start = performance.now();
  const recorded = window.__checkerChangedAt;
  let changedAt = sinceNow || typeof recorded !== 'number' ? start : recorded;
  let timer;
  const finish = () => { observer.disconnect(); clearTimeout(timer); clearTimeout(cap); resolve(Math.round(performance.now() - start)); };
  const check = () => {
    const quietFor = performance.now() - changedAt;
    if (quietFor >= quietMs) finish();
    else timer = setTimeout(check, quietMs - quietFor);
  };
  // The ids our banner detector gives elements (it may look while this waits) are not the page changing.
  const observer = new MutationObserver((records) => {
    if (records.some((r) => r.type !== 'attributes' || r.attributeName !== 'data-checker-id')) changedAt = performance.now();
  });
  observer.observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
  const cap = setTimeout(finish, maxMs);
  check();
})

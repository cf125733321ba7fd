// Installed before any page script, in every frame: remembers when elements were put into the document after the
// load event, so that the banner detector can tell a box that appeared late (how CMPs show their banner) from
// page furniture that was there all along. Only top-level inserted elements are timed; the detector walks up
// from a candidate (and out of shadow roots) to the nearest timed ancestor. Holds references weakly.
// Also keeps the time of the last change of any kind (__checkerChangedAt), so that waiting for a quiet DOM after the
// network went idle can count the quiet time that already passed instead of starting a new window (the ids our
// banner detector sets are not changes of the page).
(() => {
  if (window.__checkerInsertedAt) return;
  const insertedAt = new WeakMap();
  Object.defineProperty(window, '__checkerInsertedAt', { value: insertedAt, enumerable: false });
  const start = () => {
    const loadAt = performance.now();
    Object.defineProperty(window, '__checkerLoadAt', { value: loadAt, enumerable: false });
    Object.defineProperty(window, '__checkerChangedAt', { value: loadAt, enumerable: false, writable: true });
    new MutationObserver((records) => {
      const now = performance.now();
      // The ids our banner detector gives elements are not the page changing.
      if (records.some((r) => r.type !== 'attributes' || r.attributeName !== 'data-checker-id')) window.__checkerChangedAt = now;
      for (const record of records)
        for (const node of record.addedNodes)
          if (node.nodeType === 1 && !insertedAt.has(node)) insertedAt.set(node, now - loadAt);
    }).observe(document, { childList: true, subtree: true, attributes: true, characterData: true });
  };
  if (document.readyState === 'complete') start();
  else window.addEventListener('load', start, { once: true });
})();

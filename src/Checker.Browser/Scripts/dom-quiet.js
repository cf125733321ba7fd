// Resolves once the DOM has not changed for quietMs, or after maxMs at the latest: late banners and
// article widgets are usually inserted right after the network goes idle. Returns how long it waited.
({ quietMs, maxMs }) => new Promise((resolve) => {
  const start = performance.now();
  let timer;
  const finish = () => { observer.disconnect(); clearTimeout(cap); resolve(Math.round(performance.now() - start)); };
  const observer = new MutationObserver(() => { clearTimeout(timer); timer = setTimeout(finish, quietMs); });
  observer.observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
  timer = setTimeout(finish, quietMs);
  const cap = setTimeout(finish, maxMs);
})

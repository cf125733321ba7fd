// Runs before autoconsent's content script in every frame, as the function it sends its messages through. Each message
// that crosses to the tool is a binding call: a round trip through Playwright's driver, two DevTools calls and the
// tool's dispatcher. autoconsent reports its whole state at every change of it (a dozen times a visit in every frame,
// twice even in a frame held back without rules); the tool reads three things of it (AutoconsentDriver.HandleAsync):
// how many looks for CMPs it began, how many clicks it made, and that the main frame gave up. Only a report that
// changes one of these crosses, with only these; messages the tool never reads (a visual delay, done, a self-test)
// stay in the page. Everything else crosses as it is.
(() => {
  let attempts = 0, clicks = 0, gaveUp = false;
  const ignored = new Set(['visualDelay', 'autoconsentDone', 'selfTestResult']);
  window.autoconsentSendMessage = (message) => {
    if (!message || typeof message !== 'object' || ignored.has(message.type)) return;
    if (message.type === 'report') {
      const state = message.state || {};
      const nowAttempts = state.findCmpAttempts || 0, nowClicks = state.clicks || 0, nowGaveUp = state.lifecycle === 'nothingDetected';
      if (nowAttempts === attempts && nowClicks === clicks && nowGaveUp === gaveUp) return;
      attempts = nowAttempts; clicks = nowClicks; gaveUp = nowGaveUp;
      message = { type: 'report', mainFrame: message.mainFrame, state: { findCmpAttempts: nowAttempts, clicks: nowClicks, lifecycle: state.lifecycle } };
    }
    return window.__checkerAutoconsentMessage(message);
  };
})();

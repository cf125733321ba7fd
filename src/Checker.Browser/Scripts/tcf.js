// Asks the page's TCF v2 consent platform for its current TC data, the way vendors' scripts do. Resolves with null
// when there is no __tcfapi; bounded in time, since a broken CMP may never call back.
({ timeoutMs }) => new Promise((resolve) => {
  if (typeof window.__tcfapi !== 'function') { resolve(null); return; }
  let done = false;
  const finish = (value) => { if (!done) { done = true; clearTimeout(timer); resolve(value); } };
  const timer = setTimeout(() => finish({ apiPresent: true, error: 'no answer from __tcfapi within ' + timeoutMs + ' ms' }), timeoutMs);
  try {
    window.__tcfapi('addEventListener', 2, (tcData, success) => {
      if (!success || !tcData) { finish({ apiPresent: true, error: '__tcfapi reported no success' }); return; }
      finish({
        apiPresent: true,
        tcString: typeof tcData.tcString === 'string' ? tcData.tcString : null,
        eventStatus: tcData.eventStatus || null,
        cmpStatus: tcData.cmpStatus || null,
        gdprApplies: typeof tcData.gdprApplies === 'boolean' ? tcData.gdprApplies : null,
        cmpId: typeof tcData.cmpId === 'number' ? tcData.cmpId : null,
      });
      try { if (tcData.listenerId !== undefined) window.__tcfapi('removeEventListener', 2, () => {}, tcData.listenerId); } catch (e) { /* ignore */ }
    });
  } catch (e) {
    finish({ apiPresent: true, error: String(e && e.message || e) });
  }
})

// Generic consent-banner detection, run in every frame of the page after it settled.
// A candidate is a rendered fixed, sticky or overlaid element (open shadow roots included) whose text holds one
// strong consent word or two supporting ones. The best candidate by score wins; its buttons and links are read.
// Returns plain data only: nothing of the page is evaluated by us.
(args) => {
  const norm = (s) => (s || '').toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, '')
    .replace(/[\u2018\u2019]/g, "'").replace(/\s+/g, ' ').trim();
  const escapeRe = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const wordRe = (words) => words.map(norm).filter(Boolean)
    .map((w) => new RegExp('(^|[^\\p{L}\\p{N}])' + escapeRe(w) + '($|[^\\p{L}\\p{N}])', 'u'));
  const strong = wordRe(args.strong);
  const supporting = wordRe(args.supporting);
  const hits = (text, res) => res.filter((re) => re.test(text)).length;

  const elements = [];
  const walk = (root, inShadow) => {
    for (const el of root.querySelectorAll('*')) {
      elements.push([el, inShadow]);
      if (el.shadowRoot) walk(el.shadowRoot, true);
    }
  };
  walk(document, false);

  const visible = (el) => {
    const cs = getComputedStyle(el);
    if (cs.display === 'none' || cs.visibility === 'hidden' || parseFloat(cs.opacity) === 0) return false;
    const r = el.getBoundingClientRect();
    return r.width > 1 && r.height > 1;
  };
  const textOf = (el) => (el.innerText !== undefined && el.innerText !== '' ? el.innerText : el.textContent) || '';
  const zIndexOf = (cs) => { const z = parseInt(cs.zIndex, 10); return Number.isNaN(z) ? 0 : z; };
  const vw = window.innerWidth, vh = window.innerHeight;

  const acceptRes = wordRe(args.acceptWords || []);
  const refuseRes = wordRe(args.refuseWords || []);
  const offersChoice = (root) => {
    let accept = false, refuse = false;
    for (const b of root.querySelectorAll('button, a, [role="button"], input[type="button"], input[type="submit"]')) {
      const label = norm(textOf(b) || b.value || b.getAttribute('aria-label') || '');
      if (!label || label.length > 60) continue;
      if (refuseRes.some((re) => re.test(label))) refuse = true;
      else if (acceptRes.some((re) => re.test(label))) accept = true;
      if (accept && refuse) return true;
    }
    return false;
  };

  // Timed by appearance.js (an init script); absent when it did not run, then nothing is claimed.
  const insertedAt = window.__checkerInsertedAt;
  const appearedAfterLoad = (el) => {
    if (!insertedAt) return null;
    for (let n = el; n; n = n.parentElement || (n.getRootNode && n.getRootNode().host) || null) {
      if (n.nodeType !== 1) break;
      if (insertedAt.has(n)) return Math.round(insertedAt.get(n));
    }
    return null;
  };

  const candidates = [];
  for (const [el, inShadow] of elements) {
    if (el.tagName === 'SCRIPT' || el.tagName === 'STYLE' || el.tagName === 'HTML' || el.tagName === 'BODY') continue;
    const cs = getComputedStyle(el);
    const z = zIndexOf(cs);
    // Inside a floating iframe (a CMP's own frame), any block of its document can be the message.
    const positioned = cs.position === 'fixed' || cs.position === 'sticky' || (cs.position === 'absolute' && z >= 100)
      || el.tagName === 'DIALOG' && el.open || (args.floatingFrame && el.parentElement === document.body);
    if (!positioned || !visible(el)) continue;
    const r = el.getBoundingClientRect();
    if (r.width < 100 || r.height < 20) continue;
    if (r.bottom <= 0 || r.right <= 0 || r.top >= vh || r.left >= vw) continue;
    const raw = textOf(el).trim();
    if (raw.length < 20 || raw.length > 6000) continue;
    const text = norm(raw);
    const s = hits(text, strong), p = hits(text, supporting);
    // Words, or behaviour: a floating box that offers to accept and to refuse (or choose) is a consent banner even
    // when its text never says "cookie" ("We process your personal information for these purposes…").
    const choice = s === 0 && p < 2 && offersChoice(el);
    if (s === 0 && p < 2 && !choice) continue;
    // Behaviour counts too: among candidates, one put into the page after the load event is likelier the banner.
    const late = appearedAfterLoad(el);
    candidates.push({ el, inShadow, cs, r, z, raw, late, score: s * 3 + p + (choice ? 2 : 0) + (late !== null ? 1 : 0) });
  }
  if (candidates.length === 0) return { detected: false };

  // Prefer the highest score; among equals, the outermost (an overlay that wraps its dialog holds all its controls).
  candidates.sort((a, b) => b.score - a.score || (a.el.contains(b.el) ? -1 : b.el.contains(a.el) ? 1 : 0));
  const best = candidates[0];

  // Every control and toggle gets an id, so that the clicking engine can find it again (open shadow roots too).
  window.__checkerSeq = window.__checkerSeq || 0;
  const idOf = (el) => {
    if (!el.hasAttribute('data-checker-id')) el.setAttribute('data-checker-id', 'c' + (++window.__checkerSeq));
    return el.getAttribute('data-checker-id');
  };
  const transparent = (c) => !c || c === 'transparent' || /rgba\([^)]*,\s*0\)$/.test(c);
  const backgroundOf = (el) => {
    for (let n = el; n; n = n.parentElement || (n.getRootNode() && n.getRootNode().host)) {
      if (n.nodeType !== 1) break;
      const bg = getComputedStyle(n).backgroundColor;
      if (!transparent(bg)) return bg;
    }
    return 'rgb(255, 255, 255)';
  };
  const boxOf = (el) => { const r = el.getBoundingClientRect(); return { x: r.x, y: r.y, width: r.width, height: r.height }; };

  const controls = [];
  const toggles = [];
  const seen = new Set();
  // Hidden controls are kept (marked) for the auditor, a few dozen at most: a second layer often hides there.
  let hiddenKept = 0;
  const labelOf = (input) => {
    const byFor = input.id && input.getRootNode().querySelector && input.getRootNode().querySelector('label[for="' + CSS.escape(input.id) + '"]');
    const label = byFor || input.closest('label') || input.parentElement;
    return ((label && (label.innerText || label.textContent)) || input.getAttribute('aria-label') || input.name || '').replace(/\s+/g, ' ').trim();
  };
  const collect = (root) => {
    for (const el of root.querySelectorAll('button, a, [role="button"], [role="link"], input[type="button"], input[type="submit"]')) {
      if (seen.has(el)) continue;
      seen.add(el);
      const shown = visible(el);
      if (!shown && hiddenKept >= 40) continue;
      const label = (textOf(el).trim() || el.value || el.getAttribute('aria-label') || el.title || '').replace(/\s+/g, ' ').trim();
      if (!label) continue;
      if (!shown) hiddenKept++;
      const cs = getComputedStyle(el);
      const isLink = (el.tagName === 'A' || el.getAttribute('role') === 'link') && el.getAttribute('role') !== 'button';
      const ownBg = cs.backgroundColor;
      const filled = !transparent(ownBg) || (parseFloat(cs.borderTopWidth) > 0 && cs.borderTopStyle !== 'none' && !transparent(cs.borderTopColor));
      controls.push({
        text: label.slice(0, 200),
        element: isLink ? 'link' : 'button',
        href: el.tagName === 'A' ? el.getAttribute('href') : null,
        box: boxOf(el),
        id: idOf(el),
        tag: el.tagName.toLowerCase(),
        fontSizePx: parseFloat(cs.fontSize) || null,
        fontWeight: parseInt(cs.fontWeight, 10) || null,
        color: cs.color,
        backgroundColor: backgroundOf(el),
        filled,
        visible: shown,
      });
    }
    for (const el of root.querySelectorAll('input[type="checkbox"], [role="switch"], [role="checkbox"]')) {
      if (seen.has(el)) continue;
      seen.add(el);
      const isInput = el.tagName === 'INPUT';
      // Styled switches often hide the input itself and show its label: count it if its label is visible.
      const shown = visible(el) || (isInput && el.labels && [...el.labels].some(visible)) || (el.parentElement && visible(el.parentElement));
      if (!shown) continue;
      toggles.push({
        label: labelOf(el).slice(0, 200),
        checked: isInput ? el.checked : el.getAttribute('aria-checked') === 'true',
        disabled: isInput ? el.disabled : el.getAttribute('aria-disabled') === 'true',
        id: idOf(el),
      });
    }
    for (const el of root.querySelectorAll('*')) if (el.shadowRoot) collect(el.shadowRoot);
  };
  collect(best.el);
  if (best.el.shadowRoot) collect(best.el.shadowRoot);

  // How much of the viewport the banner takes, itself or through an overlay (backdrop) behind it.
  const area = (r) => Math.max(0, Math.min(r.right, vw) - Math.max(r.left, 0)) * Math.max(0, Math.min(r.bottom, vh) - Math.max(r.top, 0));
  let coverage = area(best.r) / (vw * vh);
  // Backdrops are the banner's fixed ancestors or fixed siblings of it or of an ancestor.
  const related = new Set();
  for (let n = best.el; n && n.nodeType === 1; n = n.parentElement) {
    related.add(n);
    if (n.parentElement) for (const sibling of n.parentElement.children) related.add(sibling);
  }
  for (const el of related) {
    if (el === best.el || el === document.body || el === document.documentElement) continue;
    const cs = getComputedStyle(el);
    if (cs.position !== 'fixed' || !visible(el)) continue;
    coverage = Math.max(coverage, area(el.getBoundingClientRect()) / (vw * vh));
  }
  const overflowHidden = (el) => { const cs = getComputedStyle(el); return cs.overflow === 'hidden' || cs.overflowY === 'hidden'; };
  const scrollLocked = overflowHidden(document.documentElement) || overflowHidden(document.body);

  const selectorOf = (el) => {
    const parts = [];
    for (let node = el; node && node.nodeType === 1 && parts.length < 4; node = node.parentElement) {
      if (node.id) { parts.unshift('#' + CSS.escape(node.id)); break; }
      const classes = [...node.classList].slice(0, 2).map((c) => '.' + CSS.escape(c)).join('');
      parts.unshift(node.tagName.toLowerCase() + classes);
    }
    return parts.join(' > ');
  };

  return {
    detected: true,
    method: 'generic:' + best.cs.position + '+keywords' + (best.late !== null ? '+late' : ''),
    selector: selectorOf(best.el),
    text: best.raw.replace(/\s+/g, ' ').slice(0, 4000),
    position: best.cs.position,
    zIndex: best.z,
    box: { x: best.r.x, y: best.r.y, width: best.r.width, height: best.r.height },
    inShadowRoot: best.inShadow,
    controls,
    toggles,
    viewportCoverage: Math.round(coverage * 1000) / 1000,
    scrollLocked,
    appearedAfterLoadMs: best.late,
  };
}

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

  const candidates = [];
  for (const [el, inShadow] of elements) {
    if (el.tagName === 'SCRIPT' || el.tagName === 'STYLE' || el.tagName === 'HTML' || el.tagName === 'BODY') continue;
    const cs = getComputedStyle(el);
    const z = zIndexOf(cs);
    const positioned = cs.position === 'fixed' || cs.position === 'sticky' || (cs.position === 'absolute' && z >= 100)
      || el.tagName === 'DIALOG' && el.open;
    if (!positioned || !visible(el)) continue;
    const r = el.getBoundingClientRect();
    if (r.width < 100 || r.height < 20) continue;
    if (r.bottom <= 0 || r.right <= 0 || r.top >= vh || r.left >= vw) continue;
    const raw = textOf(el).trim();
    if (raw.length < 20 || raw.length > 6000) continue;
    const text = norm(raw);
    const s = hits(text, strong), p = hits(text, supporting);
    if (s === 0 && p < 2) continue;
    candidates.push({ el, inShadow, cs, r, z, raw, score: s * 3 + p });
  }
  if (candidates.length === 0) return { detected: false };

  // Prefer the highest score; among equals, the outermost (an overlay that wraps its dialog holds all its controls).
  candidates.sort((a, b) => b.score - a.score || (a.el.contains(b.el) ? -1 : b.el.contains(a.el) ? 1 : 0));
  const best = candidates[0];

  const controls = [];
  const seen = new Set();
  const collect = (root) => {
    for (const el of root.querySelectorAll('button, a, [role="button"], [role="link"], input[type="button"], input[type="submit"]')) {
      if (seen.has(el)) continue;
      seen.add(el);
      if (!visible(el)) continue;
      const label = (textOf(el).trim() || el.value || el.getAttribute('aria-label') || el.title || '').replace(/\s+/g, ' ').trim();
      if (!label) continue;
      const r = el.getBoundingClientRect();
      const isLink = (el.tagName === 'A' || el.getAttribute('role') === 'link') && el.getAttribute('role') !== 'button';
      controls.push({
        text: label.slice(0, 200),
        element: isLink ? 'link' : 'button',
        href: el.tagName === 'A' ? el.getAttribute('href') : null,
        box: { x: r.x, y: r.y, width: r.width, height: r.height },
      });
    }
    for (const el of root.querySelectorAll('*')) if (el.shadowRoot) collect(el.shadowRoot);
  };
  collect(best.el);
  if (best.el.shadowRoot) collect(best.el.shadowRoot);

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
    method: 'generic:' + best.cs.position + '+keywords',
    selector: selectorOf(best.el),
    text: best.raw.replace(/\s+/g, ' ').slice(0, 4000),
    position: best.cs.position,
    zIndex: best.z,
    box: { x: best.r.x, y: best.r.y, width: best.r.width, height: best.r.height },
    inShadowRoot: best.inShadow,
    controls,
  };
}

// Reads who wrote the page, when, for whom, and its main text, from JSON-LD, meta tags, microdata and the DOM.
// Returns plain data only; judging it is the rules' job.
(args) => {
  const clean = (s) => (s || '').replace(/\s+/g, ' ').trim();
  const agencies = new Set(args.agencies.map((a) => a.toLowerCase()));
  const orgWords = args.organisationWords.map((w) => w.toLowerCase());
  const isOrganisation = (name) => {
    const n = name.toLowerCase();
    return agencies.has(n) || orgWords.some((w) => n.split(/[^\p{L}]+/u).includes(w));
  };
  const meta = (attr, key) => {
    const el = document.querySelector(`meta[${attr}="${key}" i]`);
    return el ? clean(el.getAttribute('content')) : null;
  };

  // JSON-LD: every node, @graph flattened.
  const nodes = [];
  const visit = (value) => {
    if (Array.isArray(value)) { value.forEach(visit); return; }
    if (!value || typeof value !== 'object') return;
    nodes.push(value);
    if (value['@graph']) visit(value['@graph']);
  };
  for (const script of document.querySelectorAll('script[type="application/ld+json"]')) {
    try { visit(JSON.parse(script.textContent)); } catch (e) { /* invalid JSON-LD is the page's problem, not ours */ }
  }
  const typesOf = (n) => [].concat(n['@type'] || []).map(String);
  const articleTypes = /^(Article|NewsArticle|ReportageNewsArticle|AnalysisNewsArticle|OpinionNewsArticle|ReviewNewsArticle|BackgroundNewsArticle|BlogPosting|LiveBlogPosting|Report|ScholarlyArticle|TechArticle)$/;
  const articleNode = nodes.find((n) => typesOf(n).some((t) => articleTypes.test(t)));
  const nameOf = (v) => typeof v === 'string' ? clean(v) : v && typeof v === 'object' ? clean(v.name || '') : '';

  const authors = [];
  const credits = [];
  const addAuthor = (name, source, explicitType) => {
    name = clean(name).replace(/^(by|par|von|por|di|de)\s+/i, '');
    if (!name || name.length > 100 || /^https?:\/\//.test(name)) return;
    const org = explicitType ? explicitType === 'Organization' || explicitType === 'NewsMediaOrganization' : isOrganisation(name);
    const list = org ? credits : authors;
    if (!list.some((a) => a.name.toLowerCase() === name.toLowerCase())) list.push({ name, source });
  };
  const splitNames = (text) => clean(text).replace(/^(by|par|von|por|di|de)\s+/i, '')
    .split(/\s*(?:,|;|&|\band\b|\bet\b|\bund\b|\by\b|\be\b)\s*/i).filter(Boolean);

  if (articleNode) {
    for (const a of [].concat(articleNode.author || [])) {
      const type = typeof a === 'object' ? typesOf(a)[0] : undefined;
      addAuthor(nameOf(a), 'json-ld', type);
    }
    for (const o of [].concat(articleNode.sourceOrganization || [])) addAuthor(nameOf(o), 'json-ld:sourceOrganization', 'Organization');
    if (articleNode.creditText) addAuthor(String(articleNode.creditText), 'json-ld:creditText', 'Organization');
  }
  const metaAuthor = meta('name', 'author');
  if (metaAuthor) splitNames(metaAuthor).forEach((n) => addAuthor(n, 'meta:author'));
  const articleAuthor = meta('property', 'article:author');
  if (articleAuthor) splitNames(articleAuthor).forEach((n) => addAuthor(n, 'meta:article:author'));
  const byl = meta('name', 'byl');
  if (byl) splitNames(byl).forEach((n) => addAuthor(n, 'meta:byl'));
  for (const el of document.querySelectorAll('[itemprop="author"]')) {
    const nameEl = el.querySelector('[itemprop="name"]');
    const value = nameEl ? (nameEl.getAttribute('content') || nameEl.textContent) : (el.getAttribute('content') || el.textContent);
    const type = (el.getAttribute('itemtype') || '').split('/').pop() || undefined;
    addAuthor(value, 'microdata', type);
  }
  for (const el of document.querySelectorAll('a[rel~="author"]')) addAuthor(el.textContent, 'rel=author');

  // The visible byline: a short element whose class or id says byline/author.
  let bylineText = null;
  for (const el of document.querySelectorAll('.byline, .by-line, [class*="byline" i], [class*="author" i], [id*="byline" i], address[class*="author" i]')) {
    if (el.closest('nav, footer, aside, [role="navigation"]')) continue;
    const text = clean(el.innerText || el.textContent);
    if (!text || text.length > 150) continue;
    bylineText = text;
    splitNames(text.replace(/\|.*$/, '')).forEach((n) => addAuthor(n, 'byline'));
    break;
  }
  for (const el of document.querySelectorAll('.credit, [class*="credit" i], .source, [class*="article-source" i]')) {
    if (el.closest('figure, figcaption, nav, footer')) continue;
    const text = clean(el.innerText || el.textContent).replace(/^(source|credit|crédit|quelle|fuente|fonte)\s*:\s*/i, '');
    if (text && text.length <= 120) addAuthor(text, 'credit-line', 'Organization');
  }

  const firstTime = document.querySelector('article time[datetime], time[datetime]');
  const datePublished = (articleNode && articleNode.datePublished)
    || meta('property', 'article:published_time') || meta('name', 'date') || meta('name', 'pubdate')
    || meta('itemprop', 'datePublished') || (document.querySelector('[itemprop="datePublished"]')?.getAttribute('datetime'))
    || (firstTime && firstTime.getAttribute('datetime')) || null;
  const dateModified = (articleNode && articleNode.dateModified) || meta('property', 'article:modified_time')
    || meta('itemprop', 'dateModified') || null;
  const publisher = (articleNode && nameOf(articleNode.publisher)) || meta('property', 'og:site_name') || null;
  const headline = (articleNode && clean(articleNode.headline)) || meta('property', 'og:title')
    || clean(document.querySelector('h1')?.innerText) || clean(document.title) || null;
  const canonical = document.querySelector('link[rel="canonical"]')?.href || null;

  // Main text: the article element with the most text, else itemprop=articleBody, main, body.
  const articles = [...document.querySelectorAll('article, [itemprop="articleBody"]')];
  articles.sort((a, b) => (b.innerText || '').length - (a.innerText || '').length);
  const root = articles[0] || document.querySelector('main, [role="main"]') || document.body;
  const excluded = 'nav, header:not(article header), footer, aside, form, [role="navigation"], [role="dialog"], [aria-modal="true"], figure, figcaption';
  const inOverlay = (el) => {
    for (let n = el; n && n !== document.body; n = n.parentElement) {
      const p = getComputedStyle(n).position;
      if (p === 'fixed' || p === 'sticky') return true;
    }
    return false;
  };
  const paragraphs = [];
  for (const el of root.querySelectorAll('p, h2, h3, h4, h5, li, blockquote, pre')) {
    const furniture = el.closest(excluded);
    if (furniture && !furniture.contains(root)) continue;
    if (el.parentElement && el.parentElement.closest('p, li, blockquote')) continue;
    if (inOverlay(el)) continue;
    const text = clean(el.innerText || el.textContent);
    if (text) paragraphs.push(text.slice(0, 5000));
  }
  const words = paragraphs.join(' ').split(/\s+/).filter(Boolean).length;

  let isArticle = false, reason = 'no article markup and too little text';
  const ogType = meta('property', 'og:type');
  if (articleNode) { isArticle = true; reason = 'structured data: ' + typesOf(articleNode).join(',') ; }
  else if (ogType && /article/i.test(ogType)) { isArticle = true; reason = 'og:type ' + ogType; }
  else if (articles.length > 0 && words >= 150) { isArticle = true; reason = `article element with ${words} words`; }
  else if (words >= 300) { isArticle = true; reason = `main text of ${words} words`; }

  return {
    isArticle, isArticleReason: reason, headline, authors, credits,
    datePublished: datePublished ? String(datePublished) : null,
    dateModified: dateModified ? String(dateModified) : null,
    publisher, canonicalUrl: canonical, language: document.documentElement.lang || null,
    bylineText, paragraphs,
  };
}

// Reads who wrote the page, when, for whom, and its main text, from JSON-LD, microdata, meta tags, the visible
// byline and Mozilla's Readability (its source is put in place of the marker below when the script is loaded).
// Returns plain data only; judging it is the rules' job. Nothing of the page is evaluated by us.
(args) => {
  /*READABILITY*/

  const clean = (s) => (s || '').replace(/\s+/g, ' ').trim();
  // Names compared without case, accents or punctuation.
  const key = (n) => n.toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
  const agencies = new Set(args.agencies.map((a) => a.toLowerCase()));
  const orgWords = args.organisationWords.map((w) => w.toLowerCase());
  // Words of section and topic labels ("World News", "Climate Change"): a label made only of them is no one's name.
  const sectionWords = new Set((args.sectionWords || []).map((w) => w.toLowerCase()));
  const words = (s) => s.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  const isOrganisation = (name) => {
    const n = name.toLowerCase();
    if (agencies.has(n)) return true;
    const w = words(name);
    return orgWords.some((o) => o.includes(' ') ? n.includes(o) : w.includes(o));
  };
  const metaAll = (attr, key) => [...document.querySelectorAll(`meta[${attr}="${key}" i]`)]
    .map((el) => clean(el.getAttribute('content'))).filter(Boolean);
  const meta = (attr, key) => metaAll(attr, key)[0] || null;

  // ---- JSON-LD: every node, @graph flattened --------------------------------------------------------------------
  const nodes = [];
  const visit = (value, depth) => {
    if (depth > 6) return;
    if (Array.isArray(value)) { value.forEach((v) => visit(v, depth + 1)); return; }
    if (!value || typeof value !== 'object') return;
    nodes.push(value);
    if (value['@graph']) visit(value['@graph'], depth + 1);
  };
  let jsonLdErrors = 0;
  for (const script of document.querySelectorAll('script[type="application/ld+json" i]')) {
    try { visit(JSON.parse(script.textContent), 0); } catch (e) { jsonLdErrors++; }
  }
  const typesOf = (n) => [].concat(n && n['@type'] || []).map(String);
  const articleTypes = /^(Article|NewsArticle|ReportageNewsArticle|AnalysisNewsArticle|OpinionNewsArticle|ReviewNewsArticle|BackgroundNewsArticle|AskPublicNewsArticle|SatiricalArticle|BlogPosting|LiveBlogPosting|Report|ScholarlyArticle|TechArticle|SocialMediaPosting)$/i;
  const articleNode = nodes.find((n) => typesOf(n).some((t) => articleTypes.test(t)));
  const byId = new Map(nodes.filter((n) => n['@id']).map((n) => [n['@id'], n]));
  const resolve = (v) => v && typeof v === 'object' && v['@id'] && Object.keys(v).length <= 2 && byId.has(v['@id']) ? byId.get(v['@id']) : v;
  const nameOf = (v) => { v = resolve(v); return typeof v === 'string' ? clean(v) : v && typeof v === 'object' ? clean(String(v.name || '')) : ''; };
  const firstString = (v) => { v = [].concat(v || [])[0]; return v === undefined || v === null ? null : typeof v === 'object' ? (v['@value'] || null) : String(v); };

  // ---- names ------------------------------------------------------------------------------------------------------
  const prefix = /^(?:(?:(?:written|reported|posted|story|text|words|report|edited|compiled|review|interview|analysis|commentary|column|essay|feature|opinion)\s+)?(?:by|par|von|por|di|de|da|door|przez|av|af)\s*:?\s+|(?:author|authors|autor|autores|autorin|auteur|auteurs|autore|autori|autora|writer|text|texte|words)\s*:\s*)/i;
  // "ByJane Doe": the word glued to the name by markup ("By<a>Jane Doe</a>" read as text). Not "Byron".
  const gluedBy = /^(?:By|BY)(?=\p{Lu}\p{Ll})/u;
  // "Image: Getty Images", "Photo: Kentucky State Police": a picture's credit, whoever it names, is not a byline.
  const pictureCredit = /^(?:images?|photos?|photograph(?:y|s)?|pictures?|pics?|fotos?|bild(?:er)?|illustrations?|videos?|graphics?|cr[ée]dits?(?:\s+photo)?|photo\s+credit)\s*[:©]/i;
  // A job title after a name ("Jane Doe Staff Writer", "Jane Doe, Deputy CTO") is not part of it.
  const roleWords = /\s(?:staff writer|senior writer|contributing writer|contributor|correspondent|reporter|editor|columnist|senior editor|editor-at-large|photographer|producer|analyst|writer|deputy|chief|ceo|cto|cfo|coo|cmo|cio|director|president|vice president|founder|co-founder|professor|manager|head of|chairman|chairwoman|spokesperson|executive)\b.*$/i;
  // "Jane Doe, Reuters" / "Jane Doe | Site" / "Jane Doe - Updated …": the person is before the separator.
  // Words glued by markup ("Jane DoePublished: …") and credentials after a name ("Jane Doe MS, RDN") are not the name.
  const glued = /([\p{Ll}])(?:Published|Updated|Posted|Modified|Last updated)\b.*$/u;
  const credentials = /(?:\s+(?:MS|MA|MD|PhD|Ph\.D\.|RDN|RD|LD|RN|DVM|MBA|MPH|CPA|JD|Esq\.?))+$/;
  const cleanName = (raw) => {
    let s = clean(raw).replace(glued, '$1').replace(gluedBy, '').replace(prefix, '');
    s = s.replace(/\S+@\S+/g, '').replace(/\s*[|•·–—]\s.*$/, '').replace(/\s+-\s.*$/, '');
    s = s.replace(/\b(updated|published|posted|last updated|modified)\b.*$/i, '');
    s = s.replace(/\b\d{1,2}[:.]\d{2}\b.*$/, '').replace(/\b(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d{1,2}\b.*$/i, '');
    // A bio or social links glued after the name: "Jane Doe Twitter Jane Doe is a science journalist …".
    s = s.replace(/\s+(?:twitter|facebook|instagram|linkedin|e-?mail|follow|bio)\b.*$/i, '')
      .replace(/\s+(?:is|est|ist|es|è|é)\s+(?:a|an|un|une|ein|eine|uno|una|um|uma)\s.*$/i, '');
    s = s.replace(roleWords, '');
    s = clean(s.replace(/^[,;:\s]+|[,;:\s]+$/g, '')).replace(credentials, '');
    // "Jane Doe on" / "Jane Doe le" left by a date cut off after it.
    s = s.replace(/\s+(?:on|at|le|am|el|il|em|op)$/i, '');
    // "Jane Doe Jane Doe": a name printed twice (a link and its text) is one name.
    const parts = s.split(' ');
    if (parts.length % 2 === 0 && parts.length >= 4) {
      const half = parts.length / 2;
      if (parts.slice(0, half).join(' ').toLowerCase() === parts.slice(half).join(' ').toLowerCase()) s = parts.slice(0, half).join(' ');
    }
    return s;
  };
  // The one-letter conjunctions (Spanish y, Italian/Portuguese e, Catalan i) only in lower case between spaces:
  // "Chris E. Hayner" is one name.
  const splitNames = (text) => clean(text).replace(prefix, '')
    .split(/\s*(?:,|;|&|\b[Aa][Nn][Dd]\b|\b[Ee][Tt]\b|\b[Uu][Nn][Dd]\b|\b[Ss]owie\b)\s*|\s+(?:y|e|i)\s+/).map(cleanName).filter(Boolean);
  const looksLikePerson = (name) => {
    if (!name || name.length < 4 || name.length > 60 || /\d|https?:|www\.|\.com\b|@/.test(name)) return false;
    if (roleWords.test(' ' + name)) return false;
    const parts = name.split(/\s+/);
    if (parts.length < 2 || parts.length > 5) return false;
    if (isOrganisation(name)) return false;
    if (parts.every((p) => sectionWords.has(p.toLowerCase().replace(/[^\p{L}]/gu, '')))) return false;
    // Most words capitalised, as names are (particles like "van", "de", "al-" allowed).
    const capitalised = parts.filter((p) => /^[\p{Lu}]/u.test(p)).length;
    return capitalised >= Math.max(2, parts.length - 2);
  };

  // The site's own name, wherever it is declared: a byline that names it credits the publisher, not a person.
  const siteNames = [meta('property', 'og:site_name'), meta('name', 'application-name'), meta('name', 'apple-mobile-web-app-title'),
    articleNode && nameOf(articleNode.publisher)].filter(Boolean).map((n) => n.toLowerCase());
  const isSiteName = (n) => siteNames.some((site) => site === n.toLowerCase() || (site.length >= 4 && n.toLowerCase() === site.replace(/^the\s+/, '')));
  const stripSiteName = (text) => siteNames.reduce((t, site) => site.length >= 4
    ? t.replace(new RegExp('(^|\\s|,)' + site.replace(/[.*+?^${}()|[\]\\]/g, '\\$&') + '(?=$|\\s|,)', 'ig'), '$1') : t, text);

  // Every place a name was seen, with where; the decision comes after. A declared type is a hint, not proof:
  // "USA TODAY" typed Person is the publisher, "Jane Doe, Associated Press" is a person and an agency.
  const candidates = [];
  // "Chicago Tribune staff", "Le Parisien rédaction": the organisation is the outlet; "staff" alone is no one.
  const deskWords = /\s+(?:staff(?:\s+(?:reports?|writers?))?|newsroom|news\s+desk|editorial(?:\s+staff)?|r[ée]daction|redaktion|redacci[oó]n|redazione|reda[cç][aã]o)$/i;
  const seen = (name, source, type, visible) => {
    if (pictureCredit.test(clean(name))) return;
    let n = cleanName(name);
    // "Jane DoeReuters", "Jane DoeThe Associated Press": a person and an organisation glued by markup are two names.
    const glue = n.match(/^(.*\p{Ll})(\p{Lu}.*)$/u);
    if (glue && glue[1].includes(' ') && (agencies.has(glue[2].toLowerCase()) || isOrganisation(glue[2]))) {
      seen(glue[1], source, undefined, visible);
      seen(glue[2], source, 'Organization', visible);
      return;
    }
    if (!n || n.length > 100 || /^https?:\/\//.test(n)) return;
    if (/^(?:staff|newsroom|editorial|r[ée]daction|redaktion|redazione)$/i.test(n)) return;
    const outlet = n.replace(deskWords, '');
    if (outlet !== n && (outlet.split(/\s+/).length >= 2 || isSiteName(outlet))) { n = outlet; type = type || 'Organization'; }
    const organisation = isSiteName(n) || isOrganisation(n) || (type ? /organi[sz]ation|newsmedia|corporation|newsagency/i.test(type) : false);
    candidates.push({ name: n, source, organisation, person: !organisation && looksLikePerson(n), visible: !!visible });
  };
  // A declared name may hold several: "Jane Doe and John Roe, Financial Times".
  const seenAll = (text, source, type, visible) => {
    const names = /,|;|&|\band\b|\bet\b|\bund\b/i.test(text) ? splitNames(text) : [text];
    names.forEach((n) => seen(n, source, names.length > 1 ? undefined : type, visible));
  };

  const structured = { present: !!articleNode, types: articleNode ? typesOf(articleNode) : [], jsonLdErrors };
  if (articleNode) {
    for (const raw of [].concat(articleNode.author || [], articleNode.creator || [])) {
      const a = resolve(raw);
      const type = a && typeof a === 'object' ? typesOf(a)[0] : undefined;
      if (typeof a === 'string') splitNames(a).forEach((n) => seen(n, 'json-ld', undefined));
      else seenAll(nameOf(a), 'json-ld', type);
    }
    for (const o of [].concat(articleNode.sourceOrganization || [])) seen(nameOf(o), 'json-ld:sourceOrganization', 'Organization');
    if (articleNode.creditText) seen(String(articleNode.creditText), 'json-ld:creditText', 'Organization');
    structured.headline = clean(firstString(articleNode.headline) || firstString(articleNode.name) || '') || null;
    structured.authors = [].concat(articleNode.author || []).map(nameOf).filter(Boolean);
    structured.datePublished = firstString(articleNode.datePublished);
    structured.dateModified = firstString(articleNode.dateModified);
    structured.publisher = nameOf(articleNode.publisher) || null;
  }
  for (const el of document.querySelectorAll('[itemprop~="author"], [itemprop~="creator"]')) {
    if (el.closest('[itemtype*="Comment" i], [itemtype*="Review" i]')) continue;
    const nameEl = el.querySelector('[itemprop~="name"]');
    const value = nameEl ? (nameEl.getAttribute('content') || nameEl.textContent) : (el.getAttribute('content') || el.textContent);
    const type = (el.getAttribute('itemtype') || '').split('/').pop() || undefined;
    const text = clean(value);
    if (text.length <= 100) seenAll(text, 'microdata', type, !el.getAttribute('content'));
  }
  for (const [attr, key, source] of [['name', 'author', 'meta:author'], ['property', 'article:author', 'meta:article:author'], ['name', 'byl', 'meta:byl'],
    ['name', 'parsely-author', 'meta:parsely-author'], ['name', 'sailthru.author', 'meta:sailthru.author'], ['name', 'dc.creator', 'meta:dc.creator'],
    ['name', 'dcterms.creator', 'meta:dcterms.creator'], ['property', 'og:article:author', 'meta:og:article:author'], ['name', 'cXenseParse:author', 'meta:cxense-author']]) {
    for (const value of metaAll(attr, key)) splitNames(value).forEach((n) => seen(n, source));
  }
  for (const el of document.querySelectorAll('a[rel~="author"]')) {
    if (el.closest('nav, footer, aside, [role="navigation"], [class*="comment" i]')) continue;
    seen(el.textContent, 'rel=author', undefined, true);
  }

  // ---- the visible byline ------------------------------------------------------------------------------------------
  const h1 = document.querySelector('article h1, main h1, h1');
  let bylineText = null;
  const bylineSelectors = '[class*="byline" i], [id*="byline" i], [class*="by-line" i], [class*="author-name" i], [class*="authorname" i], [class*="article-author" i], [class*="author" i] a, [class*="author" i], [data-testid*="byline" i], address';
  const nearHeadline = (el) => !h1 || !!(h1.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING);
  // Other stories' bylines (lists of more, latest or related stories, each teaser its own <article>) and readers'
  // comments are not the article's.
  const otherStories = 'nav, footer, aside, [role="navigation"], [class*="comment" i], [id*="comment" i], [class*="disqus" i], [class*="related" i], [class*="recommend" i], [class*="latest" i], [class*="popular" i], [class*="trending" i], [class*="most-read" i], [class*="read-next" i], [class*="more-" i], [class*="teaser" i], [class*="outbrain" i], [class*="taboola" i]';
  const inOtherStory = (el) => {
    if (el.closest(otherStories)) return true;
    const story = el.closest('article');
    return !!(h1 && story && !story.contains(h1));
  };
  const bylineElements = [...document.querySelectorAll(bylineSelectors)];
  for (const el of bylineElements) {
    if (inOtherStory(el)) continue;
    const text = clean(el.innerText || el.textContent);
    if (!text || text.length > 150 || text.length < 4) continue;
    if (!nearHeadline(el)) continue;
    // An agency on a line of its own ("Jane Doe" above "Reuters") is credited apart; the other lines are read as one
    // text, as before (a line of its own is not a name: "Plus Icon", "10:00am EDT", "Illustrations by …").
    const lines = (el.innerText || el.textContent).split(/\n+/).map((line) => clean(line)).filter(Boolean);
    const agencyLines = lines.filter((line) => agencies.has(line.toLowerCase()));
    const names = splitNames(stripSiteName(clean(lines.filter((line) => !agencyLines.includes(line)).join(' ')).replace(/\|.*$/, '')));
    if (names.length === 0) continue;
    agencyLines.forEach((line) => seen(line, 'byline', 'Organization', true));
    bylineText = text;
    names.forEach((n) => seen(n, 'byline', undefined, true));
    break;
  }

  // ---- bylines without a byline class --------------------------------------------------------------------------------
  // Many templates mark nothing: "<a href="/author/jane-doe/">Jane Doe</a> - December 21, 2023", "posted on 2023-12-19
  // by Jane Doe", "<span>Jane Doe</span><span>Dec 05, 2023</span>". Looked for only between the headline and the text
  // (its second long paragraph, or the next heading), where bylines stand, never in figures (photo credits) or furniture.
  const afterHeadline = (() => {
    const zone = [];
    if (!h1) return zone;
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_ELEMENT);
    walker.currentNode = h1;
    // The text starts at its second long paragraph: the first may be the standfirst, above the byline.
    let longParagraphs = 0;
    for (let n = walker.nextNode(), steps = 0; n && steps < 400; n = walker.nextNode(), steps++) {
      if (h1.contains(n)) continue;
      if (n.tagName === 'P' && clean(n.textContent).length > 150 && ++longParagraphs >= 2) break;
      if (/^H[2-6]$/.test(n.tagName)) break;
      if (n.closest('figure, figcaption, nav, footer, aside, script, style, noscript, [role="navigation"], [class*="comment" i], [class*="related" i], [class*="caption" i], [class*="credit" i]')) continue;
      zone.push(n);
    }
    return zone;
  })();
  const monthWords = /\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec|janv|févr|mars|avr|mai|juin|juil|août|sept|déc|januar|februar|märz|mai|juni|juli|august|oktober|dezember|enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|octubre|noviembre|diciembre|gennaio|febbraio|aprile|maggio|giugno|luglio|settembre|ottobre|novembre|dicembre|janeiro|fevereiro|março|maio|junho|julho|setembro|outubro|dezembro)[a-zé]*\.?\b/i;
  const looksLikeDate = (text) => text.length >= 6 && text.length <= 40 && /\b(?:19|20)\d{2}\b|\b\d{1,2}[./-]\d{1,2}[./-]\d{2,4}\b/.test(text)
    && (monthWords.test(text) || /\d{4}-\d{2}-\d{2}|\b\d{1,2}[./-]\d{1,2}[./-]\d{2,4}\b/.test(text));
  // Author pages: /author/jane-doe/, /autor/…, /journalist/…; nytimes' /by/jane-doe.
  const authorPath = /\/(?:authors?|autor(?:es)?|autori?e?|auteurs?|by|writers?|journalist(?:s|en)?|reporters?|columnists?|contributors?|profiles?|staff|redakteur(?:e|in)?|redacteurs?|redactor(?:es)?|firmas?)\/[^/?#]+/i;
  // Section and topic pages: a link to one is a label ("Climate Change"), never a byline.
  const sectionPath = /\/(?:sections?|category|categories|topics?|tags?|themes?|themen|rubri(?:ques?|k|ek)|ressorts?|secciones|seccion|sezioni|sezione|categoria|kategorie|dossiers?)\//i;
  const linksToSection = (el) => { const a = el.closest('a[href]'); try { return !!a && sectionPath.test(new URL(a.href).pathname); } catch (e) { return false; } };
  // Co-authors are linked in one line: the links of the first line that has one, not every author link down the page.
  let authorLine = null;
  for (const a of afterHeadline) {
    if (a.tagName !== 'A' || (authorLine && !authorLine.contains(a))) continue;
    let path = '';
    try { path = new URL(a.href).pathname; } catch (e) { continue; }
    const name = cleanName(a.textContent);
    if (!authorPath.test(path) || sectionPath.test(path) || !looksLikePerson(name)) continue;
    authorLine = authorLine || a.parentElement.closest('p, div, li, header, section, span') || a.parentElement;
    seen(name, 'author-link', undefined, true);
  }
  // "by Jane Doe" in a short line; "photo by", "edited by", "produced by" credit someone else.
  const byPhrase = /(?:^|[\s(|·•,])(?:[Bb]y|BY|[Pp]ar|PAR|[Vv]on|VON|[Pp]or|POR|[Dd]i|DI|[Dd]oor|DOOR)\s+(\p{Lu}[^|·•–—\n\d]{2,120})/u;
  const someoneElse = /(?:photo(?:graph)?s?|photography|pictures?|images?|illustrations?|videos?|graphics?|edited|produced|designed|reviewed|fact-checked|hosted|narrated|read|fotos?|bilder?)\s*$/i;
  // The lines of the zone, and the text the headline's own container has after it ("<h1>…</h1> posted on … by …").
  // (Read only while it is short enough to be a byline: the headline's container may be the whole page.)
  let headlineTail = '';
  for (let n = h1 && h1.nextSibling; n && headlineTail.length <= 200; n = n.nextSibling) headlineTail += ' ' + (n.textContent || '').slice(0, 400);
  headlineTail = clean(headlineTail);
  // Each element's text read once (innerText lays the page out): for bylines here, for contributors below.
  const zoneTexts = afterHeadline.map((el) => clean(el.innerText || el.textContent));
  const zoneLines = zoneTexts.filter((_, i) => !afterHeadline[i].querySelector('p, div, li, section, article'));
  for (const text of [headlineTail, ...zoneLines]) {
    if (!text || text.length > 200) continue;
    const m = text.match(byPhrase);
    // At the start of the line, or after its date ("posted on 2023-12-19 by …"): "approved by Mayor Jane Doe" in a
    // standfirst is not a byline.
    const before = m ? text.slice(0, m.index + 1) : '';
    if (!m || someoneElse.test(before) || !(before.trim() === '' || /posted|published|written|updated|story|text|words|\d/i.test(before))) continue;
    const names = splitNames(stripSiteName(m[1])).filter(looksLikePerson);
    if (names.length === 0) continue;
    names.forEach((n) => seen(n, 'byline-text', undefined, true));
    break;
  }
  // A name alone in an element next to a date: the byline row of a template that marks neither.
  // Styles inlined by CSS-in-JS and empty avatar boxes stand between the two; they are not part of the row.
  const shows = (n) => !/^(?:STYLE|SCRIPT|NOSCRIPT|TEMPLATE|LINK|META)$/.test(n.tagName) && clean(n.textContent) !== '';
  const sibling = (n, step) => { for (let m = n[step]; m; m = m[step]) if (shows(m)) return m; return null; };
  for (const el of afterHeadline) {
    if (el.childElementCount > 0) continue;
    const text = clean(el.textContent);
    if (text.length > 50 || !looksLikePerson(text) || linksToSection(el)) continue;
    let box = el;
    for (let up = 0; up < 3 && box.parentElement && [...box.parentElement.children].filter(shows).length === 1; up++) box = box.parentElement;
    const neighbours = [sibling(box, 'previousElementSibling'), sibling(box, 'nextElementSibling')].filter(Boolean);
    if (neighbours.some((n) => looksLikeDate(clean(n.textContent)))) { seen(text, 'name-by-date', undefined, true); break; }
  }
  // "By Jane Doe / Contributions from John Roe", "with additional reporting by John Roe": contributors are not authors.
  const contributorMark = /(?:contributions?\s+(?:from|by)|contributing(?:\s+(?:reporters?|writers?))?\s*:|with\s+(?:additional\s+)?reporting\s+(?:from|by)|additional\s+reporting\s+(?:from|by)|avec\s+la\s+collaboration\s+de|unter\s+mitarbeit\s+von|mitarbeit\s*:|con\s+la\s+colaboraci[oó]n\s+de|con\s+la\s+collaborazione\s+di|com\s+colabora[cç][aã]o\s+de)\s*:?\s*(.+)$/i;
  const contributorTexts = bylineElements.filter((el) => nearHeadline(el)).slice(0, 50)
    .map((el) => clean(el.innerText || el.textContent)).filter((t) => t.length <= 300)
    .concat(zoneTexts.filter((t) => t.length <= 300));
  const contributors = new Set();
  for (const text of contributorTexts) {
    const m = text.match(contributorMark);
    if (m) for (const n of splitNames(m[1])) contributors.add(key(n));
  }

  // ---- Readability: main text, and its byline as one more witness ------------------------------------------------
  let readable = null, readabilityError = null;
  // A page of tens of thousands of elements (an endless archive, a hostile page) would keep Readability and the walks
  // below busy past the page's timeout: Readability is skipped and every walk is capped.
  const elementCount = document.getElementsByTagName('*').length;
  const walkCap = 30000;
  if (elementCount > walkCap) readabilityError = `the page has ${elementCount} elements, too many for Readability: main text read from the page, capped`;
  try {
    if (typeof Readability === 'function' && elementCount <= walkCap) {
      // Readability reads a copy, which is not rendered: what the reader does not see as part of the page (fixed or
      // sticky overlays such as cookie banners, hidden blocks) is taken out of the copy first, by position in the tree.
      const copy = document.cloneNode(true);
      const live = document.querySelectorAll('body *');
      const copied = copy.querySelectorAll('body *');
      if (live.length === copied.length) {
        const drop = [];
        for (let i = 0; i < live.length; i++) {
          const cs = getComputedStyle(live[i]);
          if (cs.position === 'fixed' || cs.position === 'sticky' || cs.display === 'none' || cs.visibility === 'hidden') drop.push(copied[i]);
        }
        for (const el of drop) el.remove();
      }
      readable = new Readability(copy, { charThreshold: 400 }).parse();
    }
  } catch (e) { readabilityError = String(e && e.message || e).slice(0, 200); }
  if (readable && readable.byline) {
    const b = clean(readable.byline);
    // Readability takes the first byline-like element it meets, which may be a teaser's below the article or a comment's.
    const shownAt = bylineElements.filter((el) => clean(el.innerText || el.textContent) === b);
    const fromAnotherStory = shownAt.length > 0 && shownAt.every(inOtherStory);
    // Not marked as seen by the reader: Readability takes its byline from JSON-LD and meta tags as readily as from the page.
    if (b.length <= 150 && !fromAnotherStory) { if (!bylineText) bylineText = b; splitNames(stripSiteName(b)).forEach((n) => seen(n, 'readability:byline', undefined, false)); }
  }

  // Credit lines ("Source: AFP") and agency datelines in the text are organisations.
  const citedWork = /[“”«»„"]|\b(?:report|study|survey|index|outlook|census|review|yearbook|bericht|rapport|informe|studie|étude)\b[^,;]*\b(?:19|20)\d{2}\b/i;
  const roleCredit = /^(.*?)\s*\b(?:by|par|von|por|di|de|door)\s*:?\s+(\p{Lu}.*)$/u;
  for (const el of document.querySelectorAll('[class*="credit" i]:not(figure *), [class*="article-source" i], [class*="story-source" i]')) {
    if (el.closest('figure, figcaption, nav, footer, [class*="image" i], [class*="photo" i]')) continue;
    const text = clean(el.innerText || el.textContent).replace(/^(source|credit|crédit|quelle|fuente|fonte|bron)\s*:\s*/i, '');
    // A work the article cites ("Source: “Global Risks Report 2024”, World Economic Forum") is not a credit.
    if (!text || text.length > 120 || citedWork.test(text)) continue;
    // "Words by Jane Doe · Photographs by John Roe": the writer is a byline, the photographer someone else.
    const roles = text.split(/\s*[|·•]\s*/).map((part) => part.match(roleCredit)).filter(Boolean);
    if (roles.length > 0) {
      for (const m of roles) if (!someoneElse.test(m[1])) splitNames(m[2]).forEach((n) => seen(n, 'byline-text', undefined, true));
      continue;
    }
    seen(text, 'credit-line', 'Organization', true);
  }

  // Credit lines in the body: "Reporting by Jane Doe; Editing by John Roe", "Reporting by The Associated Press.",
  // "Texte : Marie Dupont". Reporters are credited, editors are not authors.
  const closingLines = (() => {
    let blocks = [];
    try {
      if (readable && readable.content) blocks = [...new DOMParser().parseFromString(readable.content, 'text/html').querySelectorAll('p')];
    } catch (e) { blocks = []; }
    if (blocks.length === 0) blocks = [...(document.querySelector('article, main') || document.body).querySelectorAll('p')];
    // Anywhere in the body: Readability often keeps related-story blocks after the credit line.
    return blocks.slice(0, 3000).map((p) => clean(p.textContent)).filter((t) => t.length > 0 && t.length <= 200);
  })();
  const closingCredit = /^(?:\(?\s*)?(?:additional\s+)?(?:reporting|reported|written|compiled|words|text|texte|reportage|textos?|testo|bericht|redacci[oó]n|a cura)\s*(?:by|par|de|von|di|da|:)\s*:?\s*([^;]{3,160}?)(?:\s*;.*)?[.)]*$/i;
  for (const line of closingLines) {
    const m = line.match(closingCredit);
    if (!m) continue;
    for (const name of splitNames(m[1].replace(/\s+in\s+[\p{Lu}][\p{L} -]+$/u, ''))) seen(name, 'closing-credit', undefined, true);
  }

  // ---- deciding the authors: the most reliable source that names a person ----------------------------------------
  // Structured data first (what the publisher declares), then what the reader sees, then meta tags; names from
  // different sources are not pooled, so that a site name in a meta tag does not become a co-author.
  const tiers = [['json-ld'], ['microdata'], ['byline', 'rel=author'], ['readability:byline'],
    ['meta:author', 'meta:article:author', 'meta:byl', 'meta:parsely-author', 'meta:sailthru.author', 'meta:dc.creator', 'meta:dcterms.creator', 'meta:og:article:author', 'meta:cxense-author'],
    ['author-link', 'byline-text'], ['name-by-date'], ['closing-credit']];
  const personsOf = (tier) => {
    const byKey = new Map();
    for (const p of candidates.filter((c) => tier.includes(c.source) && c.person)) if (!byKey.has(key(p.name))) byKey.set(key(p.name), { name: p.name, source: p.source });
    // "Jane Doe" and "Jane Doe Staff" from two witnesses of one tier are one person.
    return [...byKey.values()].filter((a, _, all) => !all.some((b) => b !== a && key(a.name).includes(key(b.name))));
  };
  // A name one witness declares an organisation ("author": {"@type": "Organization", "name": "Science X"}) is one
  // wherever else it is seen: Readability or a meta tag repeating it does not make it a person.
  const organisations = new Set(candidates.filter((c) => c.organisation).map((c) => key(c.name)));
  for (const c of candidates) if (organisations.has(key(c.name))) { c.organisation = true; c.person = false; }
  let authors = [];
  for (const tier of tiers) {
    authors = personsOf(tier);
    if (authors.length > 0) break;
  }
  // Structured data often names the first author only: a visible byline that names every declared author and more
  // is the fuller list.
  const shown = personsOf(['byline', 'rel=author']);
  if (authors.length > 0 && shown.length > authors.length && authors.every((a) => shown.some((v) => key(v.name) === key(a.name)))) authors = shown;
  const notContributors = authors.filter((a) => !contributors.has(key(a.name)));
  if (notContributors.length > 0) authors = notContributors;
  const credits = [];
  for (const c of candidates.filter((c) => c.organisation)) {
    if (!credits.some((x) => key(x.name) === key(c.name))) credits.push({ name: c.name, source: c.source });
  }
  const visibleAuthors = [...new Set(candidates.filter((c) => c.visible && c.person).map((c) => c.name))];

  // ---- dates --------------------------------------------------------------------------------------------------------
  // Every date the page states, with where it stands and what it says it is; which one is the publication date is
  // decided from these by the collector (PublicationDates), so the choice can be read and re-run from the evidence.
  const dateCandidates = [];
  // Each zone has room of its own: a sidebar of 50 dated stories (zone "elsewhere") or a head of 50 meta tags used to
  // fill one shared budget before the dateline under the headline was read. The page zone (last-resort estimates,
  // below) has the most.
  const perZone = new Map();
  const addDate = (source, value, kind, zone) => {
    const v = clean(String(value || '')).slice(0, 120);
    if (!v || !/\d/.test(v) || (perZone.get(zone) || 0) >= (zone === 'page' ? 100 : 40)) return;
    perZone.set(zone, (perZone.get(zone) || 0) + 1);
    dateCandidates.push({ source, value: v, kind, zone });
  };
  const modifiedWord = /modif|updat|revis|edited|lastmod|last-mod|aktualisiert|geändert|actualiz|mis à jour|mise à jour|aggiornat|atualizad|bijgewerkt/i;
  const publishedWord = /publish|pubdate|posted|created|issued|released|written|veröffentlicht|publié|publicado|pubblicat|gepubliceerd|erschienen|erstellt/i;
  // The label that comes first is the first date's: "Written: 2023-11-07 / Updated: 2023-11-07 15:30", "Published 3 May,
  // updated 5 May" state a publication date first.
  const kindOf = (text) => {
    const modified = text.search(modifiedWord), published = text.search(publishedWord);
    if (modified < 0) return published < 0 ? 'unknown' : 'published';
    return published >= 0 && published < modified ? 'published' : 'modified';
  };
  // Lists of other stories, comments, footers and menus: their dates are not this page's. Classes are read as words
  // ("widget", "post-footer", not "node-promoted"), and a box that holds the page's own headline or text, or that
  // stands inside the story itself (an article's own <footer> or meta <aside>), is the page's frame, not furniture:
  // themes put "has-sidebar" on <body>, Blogger puts every post in a "widget".
  const furnitureWords = /^(?:comments?|related|recommend(?:ed|ations?)?|sidebar|widgets?|teasers?|more|popular|trending|newsletters?|copyright|archives?|calendar|footer|replies|reply|disqus|promos?)$/i;
  const commentWords = /^(?:comments?|replies|reply|disqus)$/i;
  const wordsOf = (el) => (String(el.className && el.className.baseVal !== undefined ? el.className.baseVal : el.className || '') + ' ' + (el.id || ''))
    .split(/[\s_-]+|(?<=[a-z])(?=[A-Z])/).filter(Boolean);
  const isFurniture = (el) => /^(?:NAV|FOOTER|ASIDE)$/.test(el.tagName) || /^(?:navigation|complementary)$/.test(el.getAttribute('role') || '')
    || wordsOf(el).some((w) => furnitureWords.test(w));
  const isCommentBox = (box) => wordsOf(box).some((w) => commentWords.test(w));
  // A reader's comment is never the page's text, however long it is…
  const inComments = (el) => {
    if (el.closest('[itemtype*="Comment" i]')) return true;
    for (let box = el; box && box !== document.body; box = box.parentElement) if (isCommentBox(box)) return true;
    return false;
  };
  // …nor is a paragraph made mostly of links (a tag cloud, a menu written as one <p>).
  // Counted without white space: a template's indentation between the links is most of a tag cloud's text.
  const letters = (el) => el.textContent.replace(/\s+/g, '').length;
  const mostlyLinks = (p) => [...p.querySelectorAll('a')].reduce((n, a) => n + letters(a), 0) > letters(p) / 2;
  // Both are asked only of a paragraph longer than the best so far: a page has up to 3000 of them.
  const longestParagraph = [...document.querySelectorAll('p')].slice(0, 3000)
    .reduce((best, p) => (p.textContent.length > (best ? best.textContent.length : 0) && !inComments(p) && !mostlyLinks(p) ? p : best), null);
  const story = longestParagraph && longestParagraph.closest('article, [itemtype*="Article" i], [itemtype*="BlogPosting" i], .hentry, .post, .entry');
  const pageCore = [h1, longestParagraph].filter(Boolean);
  const afterHeadlineSet = new Set(afterHeadline);
  const headlineHome = h1 && (h1.closest('header, article, main, [class*="header" i], [class*="head" i]') || h1.parentElement);
  // The smallest box that holds both the headline and the text; none when only the page's body does.
  const storyBox = (() => {
    if (!h1 || !longestParagraph) return null;
    let box = h1.parentElement;
    while (box && !box.contains(longestParagraph)) box = box.parentElement;
    return box && box !== document.body && box !== document.documentElement ? box : null;
  })();
  const zoneOf = (el) => {
    for (let box = el; box && box !== document.body && box !== document.documentElement; box = box.parentElement) {
      if (!isFurniture(box) || pageCore.some((core) => box.contains(core))) continue;
      // Comments stay comments inside the story; its own footer or meta box does not.
      if (isCommentBox(box) || !(story && story.contains(box) && story !== box)) return 'elsewhere';
    }
    if (afterHeadlineSet.has(el) || (h1 && (h1.contains(el) || headlineHome && headlineHome.contains(el) && clean(headlineHome.textContent).length < 1500))) return 'header';
    // Above the headline and outside the box that holds the headline and the text: the site's masthead and navigation.
    // A portal shows the day it serves the page there ("Mittwoch, 01. November 2023", often with a <time> of that
    // moment), which is not the story's date; no tier of the publication date reads this zone. A dateline above the
    // headline inside the story's box (a kicker) stays the story's.
    if (storyBox && !storyBox.contains(el) && !el.contains(h1) && !nearHeadline(el)) return 'masthead';
    return 'body';
  };
  // JSON-LD: the article's own node first, then any other node that declares dates (a WebPage, a blog posting list).
  for (const n of [articleNode, ...nodes.filter((x) => x !== articleNode)]) {
    if (!n || typeof n !== 'object') continue;
    const own = n === articleNode;
    for (const [field, kind] of [['datePublished', 'published'], ['dateCreated', 'published'], ['uploadDate', 'published'], ['dateModified', 'modified']]) {
      const v = firstString(n[field]);
      if (v) addDate(own ? 'json-ld' : 'json-ld:' + (typesOf(n)[0] || 'node'), v, own ? kind : kind === 'modified' ? 'modified' : 'unknown', 'head');
    }
  }
  // Meta tags: whatever name they go by (article:published_time, dc.date.issued, parsely-pub-date, date, …).
  for (const el of document.querySelectorAll('meta[content]')) {
    const name = (el.getAttribute('property') || el.getAttribute('name') || el.getAttribute('itemprop') || el.getAttribute('http-equiv') || '').toLowerCase();
    if (!name || !/date|time|publish|modif|updat|created|issued/.test(name) || /expir|valid|generat|timezone|viewport|format|zone|-type|refresh/.test(name)) continue;
    const kind = modifiedWord.test(name) ? 'modified'
      : /publish|pub_?date|created|issued|release|^date$|^dc\.date$|^dcterms\.date$|^og:.*time$|original/.test(name) ? 'published' : 'unknown';
    addDate('meta:' + name, el.getAttribute('content'), kind, 'head');
  }
  // Microdata outside comments and reviews.
  for (const el of document.querySelectorAll('[itemprop~="datePublished" i], [itemprop~="dateCreated" i], [itemprop~="dateModified" i]')) {
    if (el.tagName === 'META' || el.closest('[itemtype*="Comment" i], [itemtype*="Review" i]')) continue;
    const kind = /modified/i.test(el.getAttribute('itemprop')) ? 'modified' : 'published';
    addDate('microdata', el.getAttribute('content') || el.getAttribute('datetime') || el.textContent, kind, zoneOf(el) === 'elsewhere' ? 'elsewhere' : 'head');
  }
  // time elements and hAtom's abbr: the machine date, and the text a reader sees.
  // What marks a date as published or updated: its own class, id or itemprop, its parent's class, and the words just
  // before it ("Updated: <time>") — not the whole line, which may name both.
  const hintOf = (el) => {
    let before = '';
    for (let n = el.previousSibling; n && before.length < 30; n = n.previousSibling) before = (n.textContent || '') + before;
    return [el.className && String(el.className), el.id, el.getAttribute('itemprop'), el.hasAttribute('pubdate') ? 'pubdate' : '',
      el.parentElement && String(el.parentElement.className || ''), before.slice(-30)].join(' ');
  };
  for (const el of document.querySelectorAll('time, abbr[title][class*="publish" i], abbr[title][class*="updated" i], abbr[title][class*="date" i]')) {
    const zone = zoneOf(el);
    const kind = kindOf(hintOf(el));
    if (el.tagName === 'ABBR') { addDate('abbr', el.getAttribute('title'), kind, zone); continue; }
    if (el.getAttribute('datetime')) addDate('time', el.getAttribute('datetime'), kind, zone);
    addDate('element', el.textContent, kind, zone);
  }
  // Elements that say they hold a date (class or id: date, time, publish, posted, meta, dateline, Datum, fecha, data).
  const hinted = '[class*="date" i], [id*="date" i], [class*="publish" i], [class*="posted" i], [class*="time" i]:not(time), [class*="datum" i], '
    + '[class*="fecha" i], [class*="dateline" i], [class*="byline" i], [class*="meta" i], [class*="entry-info" i], [class*="post-info" i], [class*="submitted" i], '
    // htmldate's further expressions: the subline, an info or publication line, a <small>, a Drupal view's field, the
    // line that a calendar or clock icon starts.
    + '[class*="subline" i], [class*="info" i], [class*="publication" i], [class*="field-content" i], [class*="updated" i], [class*="created" i], small, '
    + ':has(> [class*="fa-calendar" i], > [class*="fa-clock" i])';
  let hintedCount = 0;
  for (const el of document.querySelectorAll(hinted)) {
    if (hintedCount >= 40) break;
    // Its text, and the date in its tooltip: <a class="date" title="12th December 2018">, <span class="date" title="…">vor 3 Tagen</span>.
    const title = clean(el.getAttribute('title') || '');
    const titled = title.length >= 6 && title.length <= 60 && /\d/.test(title);
    const text = clean(el.textContent);
    const texted = text.length >= 6 && text.length <= 200 && !el.querySelector('p, li, article, h1, h2');
    if (!titled && !texted) continue;
    const zone = zoneOf(el);
    if (zone === 'elsewhere') continue;
    for (const value of [titled && title, texted && text].filter(Boolean)) {
      hintedCount++;
      addDate('element', value, kindOf(String(el.className) + ' ' + el.id + ' ' + value.slice(0, 40)), zone);
    }
  }
  // A date after its label ("<dt>Datum</dt><dd>12.01.2017</dd>", "<strong>Published:</strong> 3 May 2021"): the label
  // says what it is, even in a box beside the text; never in menus, footers or comments.
  const dateLabel = /^(?:date|dated|published|publication date|posted|datum|veröffentlicht|erschienen|publié le|publié|date de publication|fecha|publicado|data|pubblicato|gepubliceerd|datum van publicatie)\s*:?$/i;
  let labelled = 0;
  for (const label of document.querySelectorAll('dt, th, strong, b, label, span, em')) {
    if (labelled >= 10) break;
    const text = clean(label.textContent);
    if (text.length > 30 || !dateLabel.test(text) || label.closest('nav, footer, [role="navigation"], [class*="comment" i], [id*="comment" i]')) continue;
    const value = label.nextElementSibling ? clean(label.nextElementSibling.textContent)
      : clean((label.nextSibling && label.nextSibling.textContent) || '');
    if (value.length < 6 || value.length > 60) continue;
    labelled++;
    addDate('labelled', value, kindOf(text) === 'modified' ? 'modified' : 'published', zoneOf(label) === 'header' ? 'header' : 'body');
  }
  // The lines between the headline and the text, read as a reader would ("Posted on 22 December 2023 by …").
  if (headlineTail) addDate('header-text', headlineTail.slice(0, 200), kindOf(headlineTail.slice(0, 40)), 'header');
  for (const el of afterHeadline) {
    if (el.children.length === 0 || el.children.length <= 2 && clean(el.textContent).length <= 120) addDate('header-text', el.textContent, kindOf(clean(el.textContent).slice(0, 40)), 'header');
  }
  // The page's own address (/2023/12/22/) is read by the collector (PublicationDates.DateInAddress).
  // Last resort: the first dates written in the main text, outside furniture.
  if (readable && readable.publishedTime) addDate('readability', readable.publishedTime, 'published', 'head');
  // The main box is the first that holds the page's text: a site's header bar is often a "content" box too.
  const pageText = longestParagraph || h1;
  const mainRoot = [...document.querySelectorAll('article, main, [role="main"], #content, .content')]
    .find((box) => pageText && box.contains(pageText)) || document.body;
  const textWalker = document.createTreeWalker(mainRoot, NodeFilter.SHOW_TEXT);
  let pageTextDates = 0;
  for (let n = textWalker.nextNode(), steps = 0; n && steps < 3000 && pageTextDates < 8; n = textWalker.nextNode(), steps++) {
    const t = n.nodeValue;
    if (!t || t.length < 6 || !/\d{2}/.test(t) || !n.parentElement || n.parentElement.closest('script, style, noscript')) continue;
    if (!/\b(?:19|20)\d{2}\b|\d{1,2}[./-]\d{1,2}[./-]\d{2}\b|[年년]/.test(t)) continue;
    const zone = zoneOf(n.parentElement);
    if (zone === 'elsewhere') continue;
    // The masthead's day is kept (and read by no tier) without using up the text's share of dates.
    if (zone !== 'masthead') pageTextDates++;
    addDate('page-text', t.length > 120 ? t.slice(0, 120) : t, kindOf(t.slice(0, 60)), zone === 'header' || zone === 'masthead' ? zone : 'body');
  }
  // Last resort, where the page declares no publication date (the decision's estimate, never a publication date): a
  // date under a label anywhere on the page, hidden ones included (a print footer's "[Stand: 09.10.2017, 01:40 Uhr]",
  // "Date of Last Revision: August 9, 2017"), and the dates of its short texts (a front page's teasers), furniture
  // included, comments not.
  if (!dateCandidates.some((c) => c.zone === 'head' && c.kind === 'published')) {
    // The page's title and headline ("Protokoll der Sitzung vom 12.03.2021"), and the address of its share image
    // (/uploads/2021/03/05/…): htmldate's next resorts.
    for (const t of [document.title, h1 && h1.textContent]) if (t && /\b(?:19|20)\d{2}\b/.test(t)) addDate('title', t.slice(0, 120), 'unknown', 'page');
    const shareImage = meta('property', 'og:image') || meta('name', 'twitter:image');
    if (shareImage && /\d/.test(shareImage)) addDate('image-address', shareImage.slice(0, 120), 'unknown', 'page');
    const anyLabel = /(?:^|[^\p{L}])(?:stand|datum|date|dated|date of last revision|last (?:updated|modified|revised)|revised|updated|published|posted|aktualisiert|zuletzt (?:aktualisiert|geändert)|veröffentlicht|erstellt|publié|mis à jour|dernière mise à jour|fecha|actualizado|publicado|pubblicato|aggiornato)(?:\s+(?:am|on|le|el|il))?\s*:\s*(.{6,60})/iu;
    const walker = document.createTreeWalker(document.body || document.documentElement, NodeFilter.SHOW_TEXT);
    let labelledAnywhere = 0, shortTexts = 0;
    for (let n = walker.nextNode(), steps = 0; n && steps < 5000 && shortTexts < 30; n = walker.nextNode(), steps++) {
      const t = n.nodeValue;
      if (!t || t.length < 6 || !/\b(?:19|20)\d{2}\b/.test(t) || !n.parentElement || n.parentElement.closest('script, style, noscript, template')) continue;
      const label = labelledAnywhere < 5 && anyLabel.exec(t);
      if (label) { labelledAnywhere++; addDate('labelled', label[1], kindOf(t.slice(0, label.index + 40)), 'page'); continue; }
      const text = t.trim();
      if (text.length < 6 || text.length > 60 || inComments(n.parentElement)) continue;
      shortTexts++;
      addDate('short-text', text, 'unknown', 'page');
    }
    // htmldate's rescues after those, taken only where nothing else dates the page: what its inline scripts hold under
    // a publication key (a data layer's "publishDate"; never an update or expiry key), then the first whole dates
    // written anywhere in its markup outside scripts (an inline image's /2021/03/05/ address, a data attribute, a "05.03.2021").
    const scriptKey = /["']?\b(datePublished|date_published|publishDate|publish_date|publishedDate|published_date|publishedAt|published_at|pubDate|pub_date|publicationDate|publication_date|firstPublishedDate|first_published_at|articlePublishDate|article_publish_date|createdDate|dateCreated)["']?\s*[:=]\s*["']([^"'<>]{8,40})["']/g;
    // Inline scripts that are not JSON-LD (read above), each up to 300 000 characters.
    const inlineCode = [...document.querySelectorAll('script:not([src])')].filter((script) => !/ld\+json/i.test(script.type || ''))
      .map((script) => (script.textContent || '').slice(0, 300000));
    let scriptDates = 0;
    for (const code of inlineCode) {
      if (scriptDates >= 3) break;
      scriptKey.lastIndex = 0;
      for (let m = scriptKey.exec(code); m && scriptDates < 3; m = scriptKey.exec(code), scriptDates++) addDate('script', m[2], 'published', 'page');
    }
    const markup = document.documentElement.outerHTML.slice(0, 3000000).replace(/<(script|style)\b[^>]*>[\s\S]*?<\/\1>/gi, '');
    // Year first (2021-03-05, 2021/03/05) or day first with dots (05.03.2021, the German way; never with slashes, which
    // are month first in the US), in the order the markup writes them.
    const wholeDate = /(?<![\d.])(?:((?:19|20)\d{2})([\/.-])(0[1-9]|1[0-2])\2(0[1-9]|[12]\d|3[01])|(0?[1-9]|[12]\d|3[01])\.\s?(0?[1-9]|1[0-2])\.\s?((?:19|20)\d{2}))(?!\d)/g;
    const seen = new Set();
    for (let m = wholeDate.exec(markup); m && seen.size < 3; m = wholeDate.exec(markup)) {
      const day = m[1] ? `${m[1]}-${m[3]}-${m[4]}` : `${m[7]}-${m[6].padStart(2, '0')}-${m[5].padStart(2, '0')}`;
      if (!seen.has(day)) { seen.add(day); addDate('markup', day, 'unknown', 'page'); }
    }
    // Last of all, the first whole dates the inline scripts write under any key (a page's data, a player's), as
    // htmldate's timestamp rescue reads the whole HTML; never one under a key of an expiry or an end.
    const scriptDate = /(?<![\d.])((?:19|20)\d{2})-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])(?!\d)/g;
    const scriptSeen = new Set();
    for (const code of inlineCode) {
      if (scriptSeen.size >= 3) break;
      for (let m = scriptDate.exec(code); m && scriptSeen.size < 3; m = scriptDate.exec(code)) {
        const day = `${m[1]}-${m[2]}-${m[3]}`;
        if (scriptSeen.has(day) || /(?:expir|valid|until|deadline|end(?:s|_?date|_?time)?)\w*["']?\s*[:=]\s*["']?$/i.test(code.slice(Math.max(0, m.index - 40), m.index))) continue;
        scriptSeen.add(day);
        addDate('script-date', day, 'unknown', 'page');
      }
      scriptDate.lastIndex = 0;
    }
  }
  const timeEl = (h1 && [...document.querySelectorAll('article time[datetime], main time[datetime], time[datetime]')]
    .find((t) => !t.closest('nav, footer, aside, [class*="related" i], [class*="comment" i]'))) || null;
  const visibleDate = timeEl ? { datetime: timeEl.getAttribute('datetime'), text: clean(timeEl.innerText || timeEl.textContent).slice(0, 100) } : null;

  const publisher = structured.publisher || meta('property', 'og:site_name') || meta('name', 'application-name')
    || (readable && readable.siteName) || null;
  const headline = structured.headline || meta('property', 'og:title') || clean(h1?.innerText) || clean(document.title) || null;
  const canonical = document.querySelector('link[rel="canonical"]')?.href || null;
  const robots = metaAll('name', 'robots').concat(metaAll('name', 'googlebot')).join(', ').toLowerCase();

  // ---- main text ----------------------------------------------------------------------------------------------------
  const inOverlay = (el) => {
    for (let n = el; n && n !== document.body; n = n.parentElement) {
      const p = getComputedStyle(n).position;
      if (p === 'fixed' || p === 'sticky') return true;
    }
    return false;
  };
  let paragraphs = [];
  let mainTextSource = null;
  if (readable && readable.content) {
    try {
      const doc = new DOMParser().parseFromString(readable.content, 'text/html');
      for (const el of doc.querySelectorAll('p, h2, h3, h4, h5, li, blockquote, pre')) {
        if (el.parentElement && el.parentElement.closest('p, li, blockquote')) continue;
        const text = clean(el.textContent);
        if (text) paragraphs.push(text.slice(0, 5000));
      }
      mainTextSource = 'readability';
    } catch (e) { paragraphs = []; }
  }
  const articles = [...document.querySelectorAll('article, [itemprop="articleBody"]')];
  articles.sort((a, b) => (b.innerText || '').length - (a.innerText || '').length);
  if (paragraphs.length === 0) {
    const root = articles[0] || document.querySelector('main, [role="main"]') || document.body;
    const excluded = 'nav, header:not(article header), footer, aside, form, [role="navigation"], [role="dialog"], [aria-modal="true"], figure, figcaption';
    for (const el of root.querySelectorAll('p, h2, h3, h4, h5, li, blockquote, pre')) {
      if (paragraphs.length >= 3000) break;
      const furniture = el.closest(excluded);
      if (furniture && !furniture.contains(root)) continue;
      if (el.parentElement && el.parentElement.closest('p, li, blockquote')) continue;
      if (inOverlay(el)) continue;
      const text = clean(el.innerText || el.textContent);
      if (text) paragraphs.push(text.slice(0, 5000));
    }
    mainTextSource = 'dom';
  }
  const wordCount = paragraphs.join(' ').split(/\s+/).filter(Boolean).length;

  // ---- figures and their credits ------------------------------------------------------------------------------------
  const creditRe = /(?:^|\s|\()(?:photo|photograph|photography|photo by|foto|fotografia|image|picture|illustration|graphic|video|credit|crédit|crédito|bild|quelle|source|courtesy of|©|\(c\))\s*:?\s*([^|]{2,80})$/i;
  // Captions that end with the agency or picture library, as "… Jane Doe/AFP via Getty Images" or "(Reuters)".
  const libraries = ['getty images', 'shutterstock', 'istock', 'alamy', 'epa', 'ap photo', 'unsplash', 'pexels', 'wikimedia commons', 'nasa', 'imago', 'sipa', 'abaca', 'picture alliance', 'keystone'];
  const creditTail = (text) => {
    const tail = text.slice(-80);
    const found = [...agencies, ...libraries].find((n) => n.length >= 2 && new RegExp('(^|[^\\p{L}])' + n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&') + '\\)?\\.?$', 'iu').test(tail));
    if (!found) return null;
    const m = tail.match(/(?:[.)]\s+|\(|^)([^.()]{2,80})\)?\.?$/);
    return clean(m ? m[1] : tail);
  };
  const images = [];
  const scope = articles[0] || document.querySelector('main, [role="main"]') || document.body;
  for (const img of scope.querySelectorAll('img')) {
    if (images.length >= 30) break;
    const r = img.getBoundingClientRect();
    if (r.width < 200 || r.height < 120) continue;
    if (img.closest('nav, footer, aside, header:not(article header), [class*="related" i], [class*="recommend" i], [class*="promo" i], [class*="logo" i], a[href]:not([href^="#"])')) continue;
    const figure = img.closest('figure');
    const caption = figure ? clean(figure.querySelector('figcaption')?.innerText || '') : '';
    const creditEl = figure && figure.querySelector('[class*="credit" i], [class*="copyright" i], [class*="source" i], small, cite');
    let credit = creditEl ? clean(creditEl.innerText || creditEl.textContent) : null;
    let creditSource = credit ? 'credit-element' : null;
    if (!credit && caption) { const m = caption.match(creditRe); if (m) { credit = clean(m[1]); creditSource = 'caption'; } }
    const alt = clean(img.getAttribute('alt') || '');
    if (!credit && alt) { const m = alt.match(creditRe); if (m) { credit = clean(m[1]); creditSource = 'alt'; } }
    if (!credit && caption) { const t = creditTail(caption); if (t) { credit = t; creditSource = 'caption'; } }
    images.push({ src: (img.currentSrc || img.src || '').slice(0, 500), alt: alt.slice(0, 300), caption: caption.slice(0, 500) || null, credit, creditSource });
  }
  for (const n of nodes.filter((n) => typesOf(n).includes('ImageObject'))) {
    const credit = clean(String(n.creditText || nameOf(n.copyrightHolder) || nameOf(n.author) || ''));
    const url = String(n.url || n.contentUrl || '');
    if (credit && url) for (const image of images) if (!image.credit && image.src && url && image.src.split('?')[0].endsWith(url.split('/').pop().split('?')[0])) {
      image.credit = credit; image.creditSource = 'json-ld:ImageObject';
    }
  }

  // ---- sponsorship signals and labels -------------------------------------------------------------------------------
  const labelRes = (args.sponsoredLabels || []).map((p) => new RegExp('(^|[^\\p{L}])' + p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&') + '($|[^\\p{L}])', 'iu'));
  const isLabel = (text) => labelRes.some((re) => re.test(text));
  const labelSet = new Set((args.sponsoredLabels || []).map((l) => l.toLowerCase()));
  // A label labels the article when it is in it or next to its headline; "Sponsored" over a recommendation widget
  // in the sidebar says nothing of the article.
  const headerZone = h1 ? (h1.parentElement && h1.parentElement.parentElement) || h1.parentElement : null;
  const widgets = 'script, style, noscript, nav, footer, aside, [class*="related" i], [class*="recommend" i], [class*="taboola" i], [class*="outbrain" i], [id*="taboola" i], [id*="outbrain" i]';
  const labels = [];
  const hiddenLabels = [];
  let walked = 0;
  for (const el of document.querySelectorAll('body *')) {
    if (labels.length >= 10 || ++walked > walkCap) break;
    if (el.children.length > 2 || el.closest(widgets)) continue;
    if (!(scope.contains(el) || (headerZone && headerZone.contains(el)))) continue;
    const text = clean(el.textContent || '');
    if (!text || text.length > 60 || !isLabel(text)) continue;
    const r = el.getBoundingClientRect();
    const cs = getComputedStyle(el);
    const shown = r.width >= 1 && r.height >= 1 && cs.visibility !== 'hidden' && Number(cs.opacity) > 0.1;
    const list = shown ? labels : hiddenLabels;
    if (!list.some((l) => l.text === text)) list.push({ text, tag: el.tagName.toLowerCase(), nearHeadline: !!(headerZone && headerZone.contains(el) && !scope.contains(el)) || !!(h1 && el.compareDocumentPosition(h1) & Node.DOCUMENT_POSITION_FOLLOWING) });
  }
  const sponsoredLinks = [...scope.querySelectorAll('a[rel~="sponsored"]')].filter((a) => !a.closest(widgets)).slice(0, 20)
    .map((a) => ({ href: a.href.slice(0, 300), text: clean(a.textContent).slice(0, 100) }));
  const sponsors = articleNode ? [].concat(articleNode.sponsor || [], articleNode.funder || []).map(nameOf).filter(Boolean) : [];
  // What calls the page paid content, seen or not: a label hidden by the headline, the markup of the article and its
  // containers (where CMSs mark a post type), its tags, its address. Ad slots inside the body ("Anzeige" over an
  // advert) are not the article's own label, and are not counted.
  const sponsorSignals = hiddenLabels.filter((l) => l.nearHeadline).map((l) => ({ value: l.text, where: `hidden ${l.tag}` }));
  const paidWord = /(^|[^a-z])(sponsored|advertorial|paid-?post|paid-?content|partner-?content|branded-?content|brand-?studio|publireportage)([^a-z]|$)/i;
  for (let el = scope; el; el = el.parentElement) {
    const marks = [el.getAttribute('class'), el.getAttribute('id'), el.getAttribute('data-type'), el.getAttribute('data-content-type')].filter(Boolean).join(' ');
    const m = marks.match(paidWord);
    if (m && !sponsorSignals.some((s) => s.value === m[2].toLowerCase())) sponsorSignals.push({ value: m[2].toLowerCase(), where: `markup of <${el.tagName.toLowerCase()}>` });
  }
  for (const [attr, name] of [['property', 'article:tag'], ['name', 'keywords'], ['name', 'news_keywords'], ['name', 'parsely-tags'], ['name', 'sailthru.tags'], ['property', 'article:section']]) {
    for (const value of metaAll(attr, name)) {
      const hit = value.split(/\s*,\s*/).find((t) => labelSet.has(t.toLowerCase()) || paidWord.test(t));
      if (hit) { sponsorSignals.push({ value: hit.slice(0, 60), where: `meta ${name}` }); break; }
    }
  }
  // Affiliate disclosures: a sentence, shown in or next to the article, that says links earn the publisher money.
  const fold = (t) => t.toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[\u2019\u2018]/g, "'");
  const disclosurePhrases = (args.disclosures || []).map(fold);
  const disclosures = [];
  for (const el of [...scope.querySelectorAll('p, div, span, small, em, aside')].slice(0, walkCap).concat(headerZone ? [...headerZone.querySelectorAll('p, div, span, small, em')].slice(0, 1000) : [])) {
    if (disclosures.length >= 3) break;
    if (el.children.length > 6 || el.closest('script, style, noscript, footer, nav')) continue;
    const text = clean(el.textContent || '');
    if (text.length < 20 || text.length > 400) continue;
    const folded = fold(text);
    if (!disclosurePhrases.some((p) => folded.includes(p))) continue;
    const r = el.getBoundingClientRect();
    if (r.width < 1 || r.height < 1) continue;
    if (!disclosures.some((d) => d.includes(text) || text.includes(d))) disclosures.push(text.slice(0, 300));
  }
  // Links in the article, and whether each stays on this site: a "Read also" line that links to another outlet is
  // that outlet's cross-link, copied with its article.
  const siteOf = (host) => {
    const labels = host.toLowerCase().replace(/^www\./, '').split('.');
    const n = labels.length >= 3 && labels[labels.length - 1].length === 2 && labels[labels.length - 2].length <= 3 ? 3 : 2;
    return labels.slice(-n).join('.');
  };
  // The site is the page's host, and the host its canonical or og:url names (a mirror, an AMP or staging copy).
  const ownSites = new Set([location.hostname, canonical, meta('property', 'og:url')].filter(Boolean).map((u) => {
    try { return siteOf(u.includes('://') ? new URL(u).hostname : u); } catch (e) { return null; }
  }).filter(Boolean));
  const links = [];
  for (const a of scope.querySelectorAll('a[href]')) {
    if (links.length >= 200) break;
    const text = clean(a.textContent || '');
    if (text.length < 10 || text.length > 300 || !/^https?:/.test(a.href)) continue;
    let host = '';
    try { host = new URL(a.href).hostname; } catch (e) { continue; }
    links.push({ text, href: a.href.slice(0, 300), sameSite: ownSites.has(siteOf(host)) });
  }
  const pathMark = location.pathname.match(paidWord);
  if (pathMark) sponsorSignals.push({ value: location.pathname.slice(0, 200), where: 'address' });

  // ---- is it an article at all --------------------------------------------------------------------------------------
  let isArticle = false, reason = 'no article markup and too little text';
  const ogType = meta('property', 'og:type');
  if (articleNode) { isArticle = true; reason = 'structured data: ' + typesOf(articleNode).join(','); }
  else if (ogType && /article/i.test(ogType)) { isArticle = true; reason = 'og:type ' + ogType; }
  else if (articles.length > 0 && wordCount >= 150) { isArticle = true; reason = `article element with ${wordCount} words`; }
  else if (wordCount >= 300) { isArticle = true; reason = `main text of ${wordCount} words`; }

  return {
    isArticle, isArticleReason: reason, headline, authors, credits,
    dateCandidates,
    publisher, canonicalUrl: canonical, language: document.documentElement.lang || (readable && readable.lang) || null,
    robotsNoIndex: /noindex/.test(robots),
    bylineText, visibleAuthors, visibleDate,
    structuredData: structured,
    candidates: candidates.slice(0, 40),
    paragraphs, mainTextSource, readabilityError,
    images, labels: labels.map(({ text, tag }) => ({ text, tag })), sponsoredLinks, sponsors, sponsorSignals, disclosures, links,
  };
}

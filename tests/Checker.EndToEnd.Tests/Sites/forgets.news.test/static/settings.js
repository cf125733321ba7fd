/* The site's own settings script: cacheable for an hour, and it sets a language cookie as it is served. */
window.siteSettings = { lang: "en" };

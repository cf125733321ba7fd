// Encodes TC strings with the IAB's own library (@iabtcf/core) and prints them with the fields they carry, as test
// vectors for Checker's C# decoder. Run: node make-tcf-vectors.cjs > ../../Checker.Core.Tests/Fixtures/tcf-vectors.json
const { GVL, TCModel, TCString } = require('@iabtcf/core');

// A small Global Vendor List: encoding drops vendors and purposes the list does not declare.
const ids = [...Array.from({ length: 500 }, (_, i) => i + 1), 755, 1000, 2000];
const named = (n) => Object.fromEntries(Array.from({ length: n }, (_, i) => [i + 1, { id: i + 1, name: `Item ${i + 1}`, description: '', illustrations: [] }]));
const gvl = new GVL({
  gvlSpecificationVersion: 3, vendorListVersion: 150, tcfPolicyVersion: 4, lastUpdated: '2026-11-01T00:00:00Z',
  purposes: named(11), specialPurposes: named(3), features: named(3), specialFeatures: named(2), stacks: {}, dataCategories: {},
  vendors: Object.fromEntries(ids.map((id) => [id, {
    id, name: `Vendor ${id}`, purposes: [1, 3, 4, 5, 6, 7, 8, 9, 10, 11], legIntPurposes: [2], flexiblePurposes: [2, 7],
    specialPurposes: [1], features: [], specialFeatures: [1], cookieMaxAgeSeconds: 31536000, usesCookies: true, cookieRefresh: false,
    usesNonCookieAccess: false, urls: [{ langId: 'en', privacy: 'https://vendor.example/privacy' }],
  }])),
});

function make(name, set) {
  let m = new TCModel();
  m.cmpId = 10; m.cmpVersion = 2; m.vendorListVersion = 150; m.tcfPolicyVersion = 4;
  m.consentLanguage = 'FR'; m.publisherCountryCode = 'DE'; m.consentScreen = 1;
  m.created = new Date(Date.UTC(2026, 10, 1, 12, 0, 0)); m.lastUpdated = new Date(Date.UTC(2026, 10, 2, 8, 30, 0));
  m.gvl = gvl;
  set(m);
  const tcString = TCString.encode(m);
  // The expected fields are what the library itself reads back from the string.
  m = TCString.decode(tcString);
  return {
    name, tcString,
    cmpId: m.cmpId, cmpVersion: m.cmpVersion, vendorListVersion: m.vendorListVersion, policyVersion: m.policyVersion,
    consentLanguage: m.consentLanguage, publisherCountryCode: m.publisherCountryCode, isServiceSpecific: m.isServiceSpecific,
    purposeConsents: [...m.purposeConsents.values()].sort((a, b) => a - b),
    purposeLegitimateInterests: [...m.purposeLegitimateInterests.values()].sort((a, b) => a - b),
    specialFeatureOptins: [...m.specialFeatureOptins.values()].sort((a, b) => a - b),
    vendorConsents: [...m.vendorConsents.values()].sort((a, b) => a - b),
    vendorLegitimateInterests: [...m.vendorLegitimateInterests.values()].sort((a, b) => a - b),
    created: m.created.toISOString(), lastUpdated: m.lastUpdated.toISOString(),
  };
}

const vectors = [
  make('no choice yet', () => {}),
  make('all purposes consented', (m) => { m.purposeConsents.set([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]); m.vendorConsents.set([1, 2, 755, 1000]); m.specialFeatureOptins.set([1]); }),
  make('legitimate interest for ads purposes (not allowed since TCF 2.2)', (m) => { m.purposeConsents.set([1]); m.purposeLegitimateInterests.set([2, 3, 4, 7, 10]); m.vendorLegitimateInterests.set([8, 9]); }),
  make('rejected: nothing but LI for measurement', (m) => { m.purposeLegitimateInterests.set([7, 9, 10]); }),
  make('service specific, many vendors (range encoding)', (m) => {
    m.isServiceSpecific = true; m.purposeConsents.set([1, 3]);
    m.vendorConsents.set(Array.from({ length: 500 }, (_, i) => i + 1)); m.vendorConsents.set([2000]);
  }),
];
process.stdout.write(JSON.stringify(vectors, null, 2) + '\n');

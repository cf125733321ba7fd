namespace Checker.Core.Tcf;

/// <summary>
/// The core segment of an IAB TCF v2 TC string (Transparency and Consent String v2, "euconsent-v2"): what a reader
/// consented to, per purpose and per vendor, and what is claimed on legitimate interest. Other segments (disclosed
/// vendors, publisher TC) are skipped.
/// </summary>
public sealed record TcString
{
    public required int Version { get; init; }
    public required DateTimeOffset Created { get; init; }
    public required DateTimeOffset LastUpdated { get; init; }
    public required int CmpId { get; init; }
    public required int CmpVersion { get; init; }
    public required int ConsentScreen { get; init; }
    public required string ConsentLanguage { get; init; }
    public required int VendorListVersion { get; init; }
    public required int PolicyVersion { get; init; }
    public required bool IsServiceSpecific { get; init; }
    public required bool UseNonStandardTexts { get; init; }
    public required IReadOnlySet<int> SpecialFeatureOptIns { get; init; }
    public required IReadOnlySet<int> PurposeConsents { get; init; }
    public required IReadOnlySet<int> PurposeLegitimateInterests { get; init; }
    public required bool PurposeOneTreatment { get; init; }
    public required string PublisherCountryCode { get; init; }
    public required IReadOnlySet<int> VendorConsents { get; init; }
    public required IReadOnlySet<int> VendorLegitimateInterests { get; init; }

    /// <summary>Decodes a TC string; throws <see cref="FormatException"/> for anything that is not one.</summary>
    public static TcString Decode(string tcString)
    {
        ArgumentNullException.ThrowIfNull(tcString);
        var core = tcString.Trim().Split('.')[0];
        if (core.Length == 0) throw new FormatException("empty TC string");
        var bits = new BitReader(FromBase64Url(core));
        var version = bits.Int(6);
        if (version != 2) throw new FormatException($"TC string version {version} is not 2");
        var created = bits.Deciseconds();
        var lastUpdated = bits.Deciseconds();
        var cmpId = bits.Int(12);
        var cmpVersion = bits.Int(12);
        var consentScreen = bits.Int(6);
        var language = bits.Letters();
        var vendorListVersion = bits.Int(12);
        var policyVersion = bits.Int(6);
        var serviceSpecific = bits.Bool();
        var nonStandardTexts = bits.Bool();
        var specialFeatures = bits.Field(12);
        var purposeConsents = bits.Field(24);
        var purposeLegitimateInterests = bits.Field(24);
        var purposeOneTreatment = bits.Bool();
        var publisherCountry = bits.Letters();
        var vendorConsents = bits.VendorSection();
        var vendorLegitimateInterests = bits.VendorSection();
        return new TcString
        {
            Version = version,
            Created = created,
            LastUpdated = lastUpdated,
            CmpId = cmpId,
            CmpVersion = cmpVersion,
            ConsentScreen = consentScreen,
            ConsentLanguage = language,
            VendorListVersion = vendorListVersion,
            PolicyVersion = policyVersion,
            IsServiceSpecific = serviceSpecific,
            UseNonStandardTexts = nonStandardTexts,
            SpecialFeatureOptIns = specialFeatures,
            PurposeConsents = purposeConsents,
            PurposeLegitimateInterests = purposeLegitimateInterests,
            PurposeOneTreatment = purposeOneTreatment,
            PublisherCountryCode = publisherCountry,
            VendorConsents = vendorConsents,
            VendorLegitimateInterests = vendorLegitimateInterests,
        };
    }

    public static bool TryDecode(string? tcString, out TcString? decoded)
    {
        decoded = null;
        if (string.IsNullOrWhiteSpace(tcString)) return false;
        try
        {
            decoded = Decode(tcString);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    private static byte[] FromBase64Url(string text)
    {
        var chars = text.Replace('-', '+').Replace('_', '/');
        chars += (chars.Length % 4) switch { 2 => "==", 3 => "=", 1 => throw new FormatException("not base64url"), _ => "" };
        try
        {
            return Convert.FromBase64String(chars);
        }
        catch (FormatException)
        {
            throw new FormatException("not base64url");
        }
    }

    /// <summary>Reads big-endian bit fields, as the TC string lays them out.</summary>
    private sealed class BitReader(byte[] bytes)
    {
        private int _position;

        public long Long(int count)
        {
            if (_position + count > bytes.Length * 8) throw new FormatException("TC string is truncated");
            long value = 0;
            for (var i = 0; i < count; i++, _position++)
                value = (value << 1) | (uint)((bytes[_position / 8] >> (7 - _position % 8)) & 1);
            return value;
        }

        public int Int(int count) => (int)Long(count);

        public bool Bool() => Long(1) == 1;

        public DateTimeOffset Deciseconds() => DateTimeOffset.FromUnixTimeMilliseconds(Long(36) * 100);

        public string Letters() => new([(char)('A' + Int(6)), (char)('A' + Int(6))]);

        /// <summary>A bit field numbered from 1: bit i set means item i is in the set.</summary>
        public IReadOnlySet<int> Field(int count)
        {
            var set = new SortedSet<int>();
            for (var i = 1; i <= count; i++)
                if (Bool()) set.Add(i);
            return set;
        }

        /// <summary>MaxVendorId, then a bit field or ranges (TCF v2 "vendor consent" / "vendor legitimate interest" section).</summary>
        public IReadOnlySet<int> VendorSection()
        {
            var maxVendorId = Int(16);
            if (!Bool()) return Field(maxVendorId);
            var set = new SortedSet<int>();
            var entries = Int(12);
            for (var e = 0; e < entries; e++)
            {
                var isRange = Bool();
                var start = Int(16);
                var end = isRange ? Int(16) : start;
                if (end < start || end > maxVendorId) throw new FormatException("invalid vendor range");
                for (var id = start; id <= end; id++) set.Add(id);
            }
            return set;
        }
    }
}

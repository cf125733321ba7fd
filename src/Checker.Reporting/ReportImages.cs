using System.Security.Cryptography;
using System.Text;
using SkiaSharp;

namespace Checker.Reporting;

/// <summary>
/// The pictures of an HTML report, each stored once: a screenshot shown on many pages (one banner for a whole site
/// session) is one SVG symbol that every place showing it refers to (&lt;use&gt;), so a 500-page run carries each
/// distinct image once. Images wider than asked are scaled down (JPEG) and a byte budget caps the whole: past it,
/// a picture is left out and the report says where the file is. Everything is inlined as data (the report's
/// Content-Security-Policy allows images as data only).
/// </summary>
public sealed class ReportImages(long budgetBytes = ReportImages.DefaultBudgetBytes)
{
    /// <summary>What the inlined pictures may take in all, base64 included: keeps a large run's report well under 15 MB.</summary>
    public const long DefaultBudgetBytes = 9L * 1024 * 1024;

    /// <summary>The share of the budget each page's own pictures may use: the rest is kept for the overview's.</summary>
    public const double PageShare = 0.35;

    private readonly Dictionary<string, Picture> _byContent = new(StringComparer.Ordinal);
    private readonly List<Picture> _pictures = [];
    private long _used;

    /// <summary>The bytes the inlined pictures take (base64).</summary>
    public long UsedBytes => _used;

    /// <summary>Pictures defined once for the places that show them (the overview's).</summary>
    public int Count => _pictures.Count;

    /// <summary>Pictures inlined where their one page shows them.</summary>
    public int LazyCount { get; private set; }

    /// <summary>
    /// The overview's picture of <paramref name="image"/>, at most <paramref name="maxWidth"/> pixels wide, defined once
    /// for every place that shows it; null when it is not an image this report can show or the whole budget is spent.
    /// </summary>
    public Picture? Add(byte[] image, int maxWidth) => Take(image, maxWidth, budgetBytes, lazy: false);

    /// <summary>
    /// A picture shown in one place only, folded away (a page's own screenshot): inlined where it is shown as an image
    /// loaded lazily, so that opening the report neither loads nor decodes it until its page is unfolded. A picture
    /// already defined for the overview is reused instead. Stops at <see cref="PageShare"/> of the budget, so that the
    /// overview's pictures always fit.
    /// </summary>
    public Picture? AddLazy(byte[] image, int maxWidth) => Take(image, maxWidth, (long)(budgetBytes * PageShare), lazy: true);

    private Picture? Take(byte[] image, int maxWidth, long limit, bool lazy)
    {
        var key = Convert.ToHexString(SHA256.HashData(image)) + "/" + maxWidth;
        if (_byContent.TryGetValue(key, out var known)) return known;
        var scaled = Scale(image, maxWidth);
        if (scaled is null) return null;
        var (data, mime, width, height) = scaled.Value;
        var size = (data.Length + 2) / 3 * 4L;
        if (_used + size > limit) return null;
        _used += size;
        if (lazy)
        {
            LazyCount++;
            return new Picture("", width, height, mime, data) { Lazy = true };
        }
        var picture = new Picture($"img{_pictures.Count + 1}", width, height, mime, data);
        _pictures.Add(picture);
        _byContent[key] = picture;
        return picture;
    }

    /// <summary>The SVG that defines every picture once (hidden; the places that show one refer to it).</summary>
    public string Definitions()
    {
        if (_pictures.Count == 0) return "";
        var svg = new StringBuilder("<svg data-report=\"images\" class=\"defs\" aria-hidden=\"true\" width=\"0\" height=\"0\"><defs>");
        foreach (var p in _pictures)
            svg.Append($"<symbol id=\"{p.Id}\" viewBox=\"0 0 {p.Width} {p.Height}\"><image width=\"{p.Width}\" height=\"{p.Height}\" href=\"data:{p.Mime};base64,")
                .Append(Convert.ToBase64String(p.Data)).Append("\"/></symbol>");
        return svg.Append("</defs></svg>\n").ToString();
    }

    /// <summary>The decoded size, scaled to <paramref name="maxWidth"/> when wider (JPEG); the original PNG when it fits.</summary>
    private static (byte[] Data, string Mime, int Width, int Height)? Scale(byte[] image, int maxWidth)
    {
        // Screenshots come from the report's folder, which may have been edited: what does not decode is no picture.
        using var data = SKData.CreateCopy(image);
        using var codec = SKCodec.Create(data);
        if (codec is null) return null;
        using var bitmap = SKBitmap.Decode(codec);
        if (bitmap is null || bitmap.Width < 1 || bitmap.Height < 1) return null;
        if (bitmap.Width <= maxWidth)
            return IsPng(image) ? (image, "image/png", bitmap.Width, bitmap.Height) : Encode(bitmap);
        var height = Math.Max(1, (int)Math.Round((double)bitmap.Height * maxWidth / bitmap.Width));
        using var resized = bitmap.Resize(new SKImageInfo(maxWidth, height), new SKSamplingOptions(SKCubicResampler.Mitchell));
        return resized is null ? null : Encode(resized);
    }

    private static (byte[] Data, string Mime, int Width, int Height)? Encode(SKBitmap bitmap)
    {
        using var encoded = bitmap.Encode(SKEncodedImageFormat.Jpeg, 78);
        return encoded is null ? null : (encoded.ToArray(), "image/jpeg", bitmap.Width, bitmap.Height);
    }

    private static bool IsPng(byte[] data) => data.Length > 8 && data[0] == 0x89 && data[1] == (byte)'P' && data[2] == (byte)'N' && data[3] == (byte)'G';

    public sealed record Picture(string Id, int Width, int Height, string Mime, byte[] Data)
    {
        /// <summary>Shown in one place as a lazily loaded image, not defined once for many places.</summary>
        public bool Lazy { get; init; }

        /// <summary>Markup that shows the picture, at most <paramref name="displayWidth"/> CSS pixels wide.</summary>
        public string Markup(string label, int displayWidth, string cssClass = "shot", int? maxHeight = null)
        {
            var width = Math.Min(displayWidth, Width);
            if (maxHeight is { } most && (double)Height * width / Width > most) width = Math.Max(1, (int)Math.Round((double)Width * most / Height));
            var height = Math.Max(1, (int)Math.Round((double)Height * width / Width));
            if (Lazy)
                return $"<img class=\"{cssClass}\" loading=\"lazy\" decoding=\"async\" width=\"{width}\" height=\"{height}\" " +
                       $"alt=\"{System.Net.WebUtility.HtmlEncode(ReportText.Safe(label))}\" src=\"data:{Mime};base64,{Convert.ToBase64String(Data)}\">";
            return $"<svg data-report=\"image\" class=\"{cssClass}\" role=\"img\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {Width} {Height}\">" +
                   $"<title>{System.Net.WebUtility.HtmlEncode(ReportText.Safe(label))}</title><use href=\"#{Id}\"/></svg>";
        }
    }
}

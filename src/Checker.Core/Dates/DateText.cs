using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Checker.Core.Dates;

/// <summary>A calendar date a page states, with its time and offset where it states them.</summary>
public sealed record StatedDate(int Year, int Month, int Day, TimeSpan? TimeOfDay = null, TimeSpan? Offset = null)
{
    public DateOnly Date => new(Year, Month, Day);

    /// <summary>ISO 8601: the day alone when no time is known, else date and time, with the offset when one is stated.</summary>
    public string Iso
    {
        get
        {
            var day = Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            if (TimeOfDay is not { } time) return day;
            var clock = $"{day}T{time.Hours:00}:{time.Minutes:00}:{time.Seconds:00}";
            if (Offset is not { } offset) return clock;
            if (offset == TimeSpan.Zero) return clock + "Z";
            var sign = offset < TimeSpan.Zero ? '-' : '+';
            var abs = offset.Duration();
            return $"{clock}{sign}{abs.Hours:00}:{abs.Minutes:00}";
        }
    }

    public bool InUtc => Offset == TimeSpan.Zero;
}

/// <summary>Which of two numbers comes first in a numeric date such as 03/04/2023: the page's language decides.</summary>
public enum NumericDateOrder
{
    DayFirst,
    MonthFirst,
}

/// <summary>
/// Dates as pages write them, in many formats and languages: ISO 8601 and its variants, RFC 1123, numeric dates
/// (day-first or month-first by the page's language, unless a number over 12 says which), month names and their
/// abbreviations in English, French, German, Spanish, Italian, Portuguese and Dutch, and in Swedish, Danish, Norwegian,
/// Polish, Czech, Russian, Ukrainian, Greek, Turkish, Romanian, Indonesian, Catalan, Hungarian and Finnish; Chinese,
/// Japanese and Korean year-month-day, and compact yyyyMMdd. Finds the first date in a longer text.
/// </summary>
public static partial class DateText
{
    /// <summary>The first date found in the text, or null.</summary>
    public static StatedDate? Parse(string? text, NumericDateOrder order = NumericDateOrder.DayFirst) => FindAll(text, order).FirstOrDefault();

    /// <summary>
    /// The day a short relative dateline gives, counted back from <paramref name="reference"/> (the moment the page was
    /// served): "3 hours ago", "vor 2 Tagen", "il y a 3 jours", "hace 2 días", "3 giorni fa", "há 2 dias", "2 dagen geleden",
    /// and "yesterday, 17:30", "heute, 10:32" (with a clock time: alone, such words are prose). Weeks, months and years
    /// give no day; nor does a longer text (a sentence that says "two days ago" of something else).
    /// </summary>
    public static DateOnly? ParseRelative(string? text, DateTimeOffset reference)
    {
        if (string.IsNullOrWhiteSpace(text) || text.Length > 60) return null;
        var normalised = Normalise(text);
        var today = DateOnly.FromDateTime(reference.DateTime);
        var ago = RelativeBefore().Match(normalised);
        if (!ago.Success) ago = RelativeAfter().Match(normalised);
        if (ago.Success)
        {
            var n = int.TryParse(ago.Groups["n"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var count) ? count : 1;
            var unit = ago.Groups["u"].Value;
            TimeSpan? span = unit switch
            {
                _ when unit.StartsWith("sec", StringComparison.Ordinal) || unit.StartsWith("sek", StringComparison.Ordinal) || unit.StartsWith("seg", StringComparison.Ordinal) => TimeSpan.Zero,
                _ when unit.StartsWith("min", StringComparison.Ordinal) => TimeSpan.FromMinutes(n),
                "hour" or "hours" or "hr" or "hrs" or "h" or "stunde" or "stunden" or "std" or "heure" or "heures" or "hora" or "horas" or "ora" or "ore" or "uur" => TimeSpan.FromHours(n),
                "day" or "days" or "tag" or "tage" or "tagen" or "jour" or "jours" or "día" or "días" or "dia" or "dias" or "giorno" or "giorni" or "dag" or "dagen" => TimeSpan.FromDays(n),
                _ => null,
            };
            return span is { } back && n < 1000 ? DateOnly.FromDateTime((reference - back).DateTime) : null;
        }
        if (!ClockTime().IsMatch(normalised)) return null;
        if (Today().IsMatch(normalised)) return today;
        if (Yesterday().IsMatch(normalised)) return today.AddDays(-1);
        return null;
    }

    [GeneratedRegex(@"(?<![\p{L}\d])(?:vor|il y a|hace|há)\s+(?<n>\d{1,3}|an?|one|eine[mnr]?|ein|une?|una?|um|uma)\s+(?<u>\p{L}+)")]
    private static partial Regex RelativeBefore();

    [GeneratedRegex(@"(?<![\p{L}\d])(?<n>\d{1,3}|an?|one|un[ao]?|een)\s*(?<u>\p{L}+)\.?\s+(?:ago|fa|geleden)(?!\p{L})")]
    private static partial Regex RelativeAfter();

    [GeneratedRegex(@"(?<!\p{L})(?:today|heute|aujourd'hui|aujourd’hui|hoy|oggi|hoje|vandaag)(?!\p{L})")]
    private static partial Regex Today();

    // French "hier" only before its time ("hier à 18h05"): in German it is "here".
    [GeneratedRegex(@"(?<!\p{L})(?:yesterday|gestern|ayer|ieri|ontem|gisteren|hier(?=\s*(?:à|,)\s*\d))(?!\p{L})")]
    private static partial Regex Yesterday();

    [GeneratedRegex(@"(?<!\d)\d{1,2}\s*[:h.]\s*\d{2}(?!\d)")]
    private static partial Regex ClockTime();

    /// <summary>Every date found in the text, in the order written.</summary>
    public static IEnumerable<StatedDate> FindAll(string? text, NumericDateOrder order = NumericDateOrder.DayFirst)
    {
        if (string.IsNullOrWhiteSpace(text)) yield break;
        var normalised = Normalise(text);
        var found = new List<(int Index, int Length, StatedDate Date)>();
        foreach (Match m in IsoPattern().Matches(normalised)) Add(found, m, FromIso(m));
        foreach (Match m in NamedDayFirst().Matches(normalised)) Add(found, m, FromNamed(m.Groups["y"].Value, m.Groups["mon"].Value, m.Groups["d"].Value));
        foreach (Match m in NamedMonthFirst().Matches(normalised)) Add(found, m, FromNamed(m.Groups["y"].Value, m.Groups["mon"].Value, m.Groups["d"].Value));
        foreach (Match m in NamedYearFirst().Matches(normalised)) Add(found, m, FromNamed(m.Groups["y"].Value, m.Groups["mon"].Value, m.Groups["d"].Value));
        foreach (Match m in CjkPattern().Matches(normalised)) Add(found, m, Make(m.Groups["y"].Value, m.Groups["m"].Value, m.Groups["d"].Value));
        foreach (Match m in NumericPattern().Matches(normalised)) Add(found, m, FromNumeric(m, order));
        foreach (Match m in CompactPattern().Matches(normalised)) Add(found, m, Make(m.Groups["y"].Value, m.Groups["m"].Value, m.Groups["d"].Value));
        // Where two readings overlap (an ISO date is also digits), the earlier and longer one wins.
        var taken = new List<(int Start, int End)>();
        foreach (var (index, length, date) in found.OrderBy(f => f.Index).ThenByDescending(f => f.Length))
        {
            if (taken.Any(t => index < t.End && index + length > t.Start)) continue;
            taken.Add((index, index + length));
            yield return date;
        }
    }

    private static void Add(List<(int, int, StatedDate)> found, Match m, StatedDate? date)
    {
        if (date is not null) found.Add((m.Index, m.Length, date));
    }

    /// <summary>Lower case, accents kept (month names need them), odd spaces and dashes made plain.</summary>
    private static string Normalise(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
            builder.Append(c switch
            {
                '\u00A0' or '\u2009' or '\u202F' or '\u2002' or '\u2003' => ' ',
                '\u2010' or '\u2011' or '\u2012' or '\u2013' or '\u2014' => '-',
                _ => char.ToLowerInvariant(c),
            });
        return builder.ToString();
    }

    private static StatedDate? FromIso(Match m)
    {
        var date = Make(m.Groups["y"].Value, m.Groups["m"].Value, m.Groups["d"].Value);
        if (date is null || !m.Groups["h"].Success) return date;
        var hour = int.Parse(m.Groups["h"].Value, CultureInfo.InvariantCulture);
        var minute = int.Parse(m.Groups["min"].Value, CultureInfo.InvariantCulture);
        var second = m.Groups["s"].Success ? int.Parse(m.Groups["s"].Value, CultureInfo.InvariantCulture) : 0;
        if (hour > 23 || minute > 59 || second > 59) return date;
        TimeSpan? offset = null;
        if (m.Groups["z"].Success)
        {
            var zone = m.Groups["z"].Value;
            if (zone == "z") offset = TimeSpan.Zero;
            else
            {
                var digits = zone[1..].Replace(":", "", StringComparison.Ordinal);
                var hours = int.Parse(digits[..2], CultureInfo.InvariantCulture);
                var minutes = digits.Length >= 4 ? int.Parse(digits[2..4], CultureInfo.InvariantCulture) : 0;
                if (hours <= 14 && minutes < 60)
                    offset = (zone[0] == '-' ? -1 : 1) * new TimeSpan(hours, minutes, 0);
            }
        }
        return date with { TimeOfDay = new TimeSpan(hour, minute, second), Offset = offset };
    }

    private static StatedDate? FromNamed(string year, string monthName, string day)
    {
        var month = MonthOf(monthName);
        return month is null ? null : Make(year, month.Value.ToString(CultureInfo.InvariantCulture), day);
    }

    private static StatedDate? FromNumeric(Match m, NumericDateOrder order)
    {
        var a = int.Parse(m.Groups["a"].Value, CultureInfo.InvariantCulture);
        var b = int.Parse(m.Groups["b"].Value, CultureInfo.InvariantCulture);
        var yearText = m.Groups["y"].Value;
        if (yearText.Length == 2)
        {
            // Two-digit years only with dots or slashes between (12.05.21), never as a bare range like 3-4-21.
            if (m.Groups["sep"].Value == "-") return null;
            // 11/10/99 is of the last century: the web's pages begin in the nineties.
            yearText = (yearText[0] == '9' ? "19" : "20") + yearText;
        }
        var (day, month) = a > 12 ? (a, b) : b > 12 ? (b, a) : order == NumericDateOrder.DayFirst ? (a, b) : (b, a);
        return Make(yearText, month.ToString(CultureInfo.InvariantCulture), day.ToString(CultureInfo.InvariantCulture));
    }

    private static StatedDate? Make(string year, string month, string day)
    {
        if (!int.TryParse(year, NumberStyles.None, CultureInfo.InvariantCulture, out var y)
            || !int.TryParse(month, NumberStyles.None, CultureInfo.InvariantCulture, out var mo)
            || !int.TryParse(day, NumberStyles.None, CultureInfo.InvariantCulture, out var d)) return null;
        if (y is < 1900 or > 2199 || mo is < 1 or > 12 || d < 1 || d > DateTime.DaysInMonth(y, mo)) return null;
        return new StatedDate(y, mo, d);
    }

    /// <summary>The month a name or abbreviation stands for, in any of the languages known, or null.</summary>
    public static int? MonthOf(string name)
    {
        var key = name.Trim('.', ' ').ToLowerInvariant();
        if (Months.TryGetValue(key, out var month)) return month;
        // Abbreviations: the first three or four letters of a full name ("sept", "déc", "okt").
        if (key.Length >= 3)
            foreach (var (full, m) in Months)
                if (full.Length > key.Length && full.StartsWith(key, StringComparison.Ordinal)) return m;
        return null;
    }

    private static readonly Dictionary<string, int> Months = BuildMonths();

    private static Dictionary<string, int> BuildMonths()
    {
        string[][] languages =
        [
            ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"],
            ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"],
            ["januar", "februar", "märz", "april", "mai", "juni", "juli", "august", "september", "oktober", "november", "dezember"],
            ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre"],
            ["gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio", "agosto", "settembre", "ottobre", "novembre", "dicembre"],
            ["janeiro", "fevereiro", "março", "abril", "maio", "junho", "julho", "agosto", "setembro", "outubro", "novembro", "dezembro"],
            ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november", "december"],
            // Austrian German, unaccented spellings pages use, Swedish, Polish (genitive, as dates write it).
            ["jänner", "feber", "marz", "april", "mai", "juni", "juli", "august", "september", "oktober", "november", "dezember"],
            ["janvier", "fevrier", "mars", "avril", "mai", "juin", "juillet", "aout", "septembre", "octobre", "novembre", "decembre"],
            ["januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september", "oktober", "november", "december"],
            ["stycznia", "lutego", "marca", "kwietnia", "maja", "czerwca", "lipca", "sierpnia", "września", "października", "listopada", "grudnia"],
            // Danish and Norwegian, Czech and Russian and Ukrainian and Greek (genitive, as dates write them), Turkish,
            // Romanian, Indonesian, Catalan, Hungarian, Finnish (partitive, as dates write it).
            ["januar", "februar", "marts", "april", "maj", "juni", "juli", "august", "september", "oktober", "november", "desember"],
            ["ledna", "února", "března", "dubna", "května", "června", "července", "srpna", "září", "října", "listopadu", "prosince"],
            ["января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября", "октября", "ноября", "декабря"],
            ["січня", "лютого", "березня", "квітня", "травня", "червня", "липня", "серпня", "вересня", "жовтня", "листопада", "грудня"],
            ["ιανουαρίου", "φεβρουαρίου", "μαρτίου", "απριλίου", "μαΐου", "ιουνίου", "ιουλίου", "αυγούστου", "σεπτεμβρίου", "οκτωβρίου", "νοεμβρίου", "δεκεμβρίου"],
            ["ocak", "şubat", "mart", "nisan", "mayıs", "haziran", "temmuz", "ağustos", "eylül", "ekim", "kasım", "aralık"],
            ["ianuarie", "februarie", "martie", "aprilie", "mai", "iunie", "iulie", "august", "septembrie", "octombrie", "noiembrie", "decembrie"],
            ["januari", "februari", "maret", "april", "mei", "juni", "juli", "agustus", "september", "oktober", "november", "desember"],
            ["gener", "febrer", "març", "abril", "maig", "juny", "juliol", "agost", "setembre", "octubre", "novembre", "desembre"],
            ["január", "február", "március", "április", "május", "június", "július", "augusztus", "szeptember", "október", "november", "december"],
            ["tammikuuta", "helmikuuta", "maaliskuuta", "huhtikuuta", "toukokuuta", "kesäkuuta", "heinäkuuta", "elokuuta", "syyskuuta", "lokakuuta", "marraskuuta", "joulukuuta"],
        ];
        var months = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var names in languages)
            for (var i = 0; i < 12; i++) months.TryAdd(names[i], i + 1);
        // Abbreviations that are not the start of a full name above.
        months.TryAdd("mrt", 3);
        months.TryAdd("setiembre", 9);
        return months;
    }

    private const string MonthWord = @"(?<mon>\p{L}{3,12}\.?)";

    // 2023-12-22, 2023/12/22, 2023.12.22, with an optional time and zone (2023-12-22T10:00:00.000+01:00, "2023-12-22 10:00").
    [GeneratedRegex(@"(?<![\d])(?<y>(?:19|20|21)\d{2})[-/.](?<m>\d{1,2})[-/.](?<d>\d{1,2})(?:[t ]+(?<h>\d{1,2}):(?<min>\d{2})(?::(?<s>\d{2})(?:[.,]\d+)?)?\s*(?<z>z|[+-]\d{2}:?\d{2})?)?(?![\d])")]
    private static partial Regex IsoPattern();

    // 22 December 2023, 22. Dezember 2023, 22 de diciembre de 2023, 22 déc. 2023, Fri, 22 Dec 2023, 22nd of December 2023.
    [GeneratedRegex(@"(?<![\d])(?<d>\d{1,2})(?:\.|er|st|nd|rd|th|º)?\s*(?:de\s+|of\s+|-)?" + MonthWord + @"(?:\s+del?|,)?[\s-]*(?<y>(?:19|20|21)\d{2})(?![\d])")]
    private static partial Regex NamedDayFirst();

    // December 22, 2023; Dec. 22nd 2023; December 22 2023; "September 1 - 2017", "September 1 | 2017" (a theme's separators).
    // "Apr 04 2013", and "Apr 042013": a calendar badge whose day and year sit in boxes of their own, read as one text.
    [GeneratedRegex(@"(?<!\p{L})" + MonthWord + @"\s*(?:(?<d>\d{1,2})(?:st|nd|rd|th)?(?:,?\s+|\s*[-|]\s*)|(?<d>\d{2}))(?<y>(?:19|20|21)\d{2})(?![\d])")]
    private static partial Regex NamedMonthFirst();

    // 2023. december 22., 2023. március 5. (Hungarian), 2023 Dec 22.
    [GeneratedRegex(@"(?<![\d])(?<y>(?:19|20|21)\d{2})\.?\s+" + MonthWord + @"\s+(?<d>\d{1,2})(?:\.|(?![\d:]))")]
    private static partial Regex NamedYearFirst();

    // 2023年12月22日, 2023년 12월 22일.
    [GeneratedRegex(@"(?<y>(?:19|20|21)\d{2})\s*[年년]\s*(?<m>\d{1,2})\s*[月월]\s*(?<d>\d{1,2})\s*[日일]?")]
    private static partial Regex CjkPattern();

    // 22.12.2023, 12/22/2023, 22-12-2023, 22.12.23.
    [GeneratedRegex(@"(?<![\d.\-/])(?<a>\d{1,2})(?<sep>[./-])\s?(?<b>\d{1,2})\k<sep>\s?(?<y>(?:19|20|21)\d{2}|\d{2})(?![\d]|[./-]\d)")]
    private static partial Regex NumericPattern();

    // 20231222 (in addresses and ids), only where nothing but the date is digits.
    [GeneratedRegex(@"(?<![\d])(?<y>(?:19|20)\d{2})(?<m>0[1-9]|1[0-2])(?<d>0[1-9]|[12]\d|3[01])(?![\d])")]
    private static partial Regex CompactPattern();
}

using System.Text.RegularExpressions;

namespace NewsApi.Text;

public enum CreditRole { Text, Photo, Video, Graphics, Translation, Compilation }

public sealed record ParsedCredit(string Name, IReadOnlyList<CreditRole> Roles);

public sealed record ParsedByline(string Text, IReadOnlyList<ParsedCredit> Credits, string? Source);

/// <summary>
/// Reads the credit line printed under Vietnamese articles: "Tin, ảnh: HƯƠNG HỒNG THU (QĐND)",
/// "Video: X; Bài: Y", "X - Y", "X (tổng hợp)", "Theo TTXVN", "Nguồn: VOV", "X (Theo VOV)".
/// </summary>
public static partial class BylineParser
{
    // Credit lines are short; a long line is prose even when it starts like a credit ("Ảnh: Thượng tướng … phát biểu").
    private const int MaxParseLength = 200;
    private const int MaxBylineLength = 120;
    private const int MaxNameWords = 6;
    private const int MaxNameLength = 40;

    private static readonly Dictionary<string, CreditRole> RoleWords = new(StringComparer.Ordinal)
    {
        ["tin"] = CreditRole.Text,
        ["bài"] = CreditRole.Text,
        ["bài viết"] = CreditRole.Text,
        ["ảnh"] = CreditRole.Photo,
        ["video"] = CreditRole.Video,
        ["clip"] = CreditRole.Video,
        ["đồ họa"] = CreditRole.Graphics,
        ["đồ hoạ"] = CreditRole.Graphics,
        ["dịch"] = CreditRole.Translation,
        ["lược dịch"] = CreditRole.Translation,
        ["biên dịch"] = CreditRole.Translation,
        ["tổng hợp"] = CreditRole.Compilation,
    };

    // Words that may open a "Theo …" source before the name of the paper itself: "Theo báo Quân đội nhân dân".
    private static readonly string[] MediaNouns =
        ["báo", "tạp chí", "đài", "trang", "cổng thông tin", "kênh", "hãng tin", "thông tấn xã", "tờ"];

    /// <summary>
    /// Parses one byline line. Null for an empty line; a line in no known form keeps its text with no credits,
    /// and a source only when one is printed in a recognizable form.
    /// </summary>
    public static ParsedByline? Parse(string? line)
    {
        if (string.IsNullOrWhiteSpace(line))
        {
            return null;
        }
        var text = VietnameseText.NormalizeLine(line);
        if (text.Length == 0)
        {
            return null;
        }
        var analysis = Analyze(text);
        return new ParsedByline(text, analysis.Credits, analysis.Source);
    }

    /// <summary>
    /// Whether a paragraph is a credit line rather than body text: short, and in a form only a byline takes
    /// (a role prefix, "Theo X", a name in capitals, a trailing agency in parentheses, "(tổng hợp)").
    /// </summary>
    public static bool LooksLikeByline(string? line)
    {
        if (string.IsNullOrWhiteSpace(line) || line.Length > MaxBylineLength * 4)
        {
            return false;
        }
        var text = VietnameseText.NormalizeLine(line);
        if (text.Length is 0 or > MaxBylineLength)
        {
            return false;
        }
        var analysis = Analyze(text);
        if (!analysis.Recognized || (analysis.Credits.Count == 0 && analysis.Source is null))
        {
            return false;
        }
        return analysis.HasRolePrefix || analysis.Source is not null || analysis.HasRoleSuffix || analysis.AllNamesInCapitals
            || analysis.Credits.Any(c => c.Name.Split(' ').Any(IsStaffAbbreviation));
    }

    /// <summary>
    /// Whether a line is names alone in ordinary case, "Minh Đức - Hoàng Long", "Ngọc Hân và Thanh Tâm": weaker than
    /// <see cref="LooksLikeByline"/>, so the importer reads only a page's last line this way. Each name has two to
    /// five words and the line no closing full stop, as a sentence would.
    /// </summary>
    public static bool LooksLikeNamesOnly(string? line)
    {
        if (string.IsNullOrWhiteSpace(line) || line.Length > MaxBylineLength)
        {
            return false;
        }
        var text = VietnameseText.NormalizeLine(line);
        if (text.Length == 0 || text.EndsWith('.') || text.EndsWith(':'))
        {
            return false;
        }
        var analysis = Analyze(text);
        return analysis.Recognized && analysis.Credits.Count > 0
            && analysis.Credits.All(c => c.Name.Split(' ').Length is >= 2 and <= 5);
    }

    // "PV" (phóng viên), "CTV", "BTV": a newsroom's credit for its staff, printed in capitals with no vowel.
    private static bool IsStaffAbbreviation(string word) =>
        word.Length is >= 2 and <= 4 && VietnameseText.IsUpperCase(word) && !VietnameseText.Fold(word).Any(c => "aeiouy".Contains(c));

    /// <summary>A name printed in capitals, in proper case; staff credits ("PV", "CTV") stay as printed.</summary>
    public static string ProperName(string name) =>
        string.Join(' ', name.Split(' ').Select(word => IsStaffAbbreviation(word) ? word : VietnameseText.ProperCase(word)));

    private sealed record Analysis(
        bool Recognized,
        IReadOnlyList<ParsedCredit> Credits,
        string? Source,
        bool HasRolePrefix = false,
        bool HasRoleSuffix = false,
        bool AllNamesInCapitals = false);

    private static Analysis Analyze(string text)
    {
        if (text.Length > MaxParseLength)
        {
            return new Analysis(false, [], null);
        }
        var core = text.TrimEnd('.', ' ');
        string? source = null;
        var tailRoles = new List<CreditRole>();

        // Trailing parentheses carry the agency, "(Theo VOV)", or how the piece was made, "(tổng hợp)".
        for (var guard = 0; guard < 3; guard++)
        {
            var match = TrailingParentheses().Match(core);
            if (!match.Success)
            {
                break;
            }
            var inner = match.Groups["inner"].Value.Trim();
            if (TheoSource(inner) is { } theo)
            {
                source ??= theo;
            }
            else if (RoleWithSource().Match(inner) is { Success: true } made && TheoSource("theo " + made.Groups["source"].Value) is { } from)
            {
                // "(lược dịch theo Kyodo)": how the piece was made, and from whom.
                tailRoles.Add(RoleWords[made.Groups["role"].Value.ToLowerInvariant()]);
                source ??= from;
            }
            else if (RoleOf(inner) is { } role)
            {
                tailRoles.Add(role);
            }
            else if (IsAgency(inner))
            {
                source ??= inner;
            }
            else
            {
                break;
            }
            core = core[..match.Index].TrimEnd('.', ' ');
        }

        // "Minh Anh/TTXVN": the agency after a slash.
        var slash = SlashAgency().Match(core);
        if (slash.Success && IsAgency(slash.Groups["agency"].Value) && VietnameseText.IsUpperCase(slash.Groups["agency"].Value))
        {
            source ??= slash.Groups["agency"].Value;
            core = slash.Groups["rest"].Value.TrimEnd();
        }

        var credits = new List<(string Name, List<CreditRole> Roles)>();
        var hasPrefix = false;
        var hasSuffix = tailRoles.Count > 0;
        var allCapitals = true;
        List<CreditRole>? inherited = null;
        var lastPieceCredits = new List<int>();
        var lastPieceHadPrefix = false;

        foreach (var piece in Pieces().Split(core))
        {
            var trimmed = piece.Trim();
            if (trimmed.Length == 0)
            {
                continue;
            }
            if (TheoSource(trimmed) is { } theo)
            {
                source ??= theo;
                continue;
            }

            List<CreditRole> roles;
            string names;
            var colon = trimmed.IndexOf(':');
            var pieceHasPrefix = false;
            if (colon >= 0)
            {
                if (RolesOf(trimmed[..colon]) is not { } prefixRoles)
                {
                    return Unrecognized(source);
                }
                roles = prefixRoles;
                names = trimmed[(colon + 1)..].Trim();
                hasPrefix = pieceHasPrefix = true;
                inherited = roles;
            }
            else if (RoleSuffix().Match(trimmed) is { Success: true } suffix)
            {
                roles = [RoleWords[suffix.Groups["role"].Value]];
                names = suffix.Groups["names"].Value;
                hasSuffix = true;
            }
            else
            {
                roles = inherited is null ? [CreditRole.Text] : [.. inherited];
                names = trimmed;
                pieceHasPrefix = inherited is not null;
            }

            lastPieceCredits = [];
            lastPieceHadPrefix = pieceHasPrefix;
            foreach (var rawName in NameSeparator().Split(names))
            {
                var name = rawName.Trim().TrimEnd('.');
                if (!IsName(name))
                {
                    return Unrecognized(source);
                }
                allCapitals &= VietnameseText.IsUpperCase(name);
                var proper = VietnameseText.IsUpperCase(name) ? ProperName(name) : name;
                var index = credits.FindIndex(c => string.Equals(c.Name, proper, StringComparison.OrdinalIgnoreCase));
                if (index < 0)
                {
                    credits.Add((proper, [.. roles]));
                    index = credits.Count - 1;
                }
                else
                {
                    credits[index].Roles.AddRange(roles.Where(r => !credits[index].Roles.Contains(r)));
                }
                lastPieceCredits.Add(index);
            }
        }

        if (tailRoles.Count > 0)
        {
            if (lastPieceCredits.Count == 0)
            {
                return Unrecognized(source);
            }
            foreach (var index in lastPieceCredits)
            {
                var roles = credits[index].Roles;
                // "X (tổng hợp)" credits compilation alone; the default text role was only a guess.
                if (!lastPieceHadPrefix && roles is [CreditRole.Text])
                {
                    roles.Clear();
                }
                roles.AddRange(tailRoles.Where(r => !roles.Contains(r)));
            }
        }

        return new Analysis(
            true,
            credits.Select(c => new ParsedCredit(c.Name, c.Roles)).ToList(),
            source,
            hasPrefix,
            hasSuffix,
            credits.Count > 0 && allCapitals);
    }

    private static Analysis Unrecognized(string? source) => new(false, [], source);

    private static List<CreditRole>? RolesOf(string prefix)
    {
        var roles = new List<CreditRole>();
        foreach (var word in RoleSeparator().Split(prefix.Trim().ToLowerInvariant()))
        {
            if (!RoleWords.TryGetValue(word.Trim(), out var role))
            {
                return null;
            }
            if (!roles.Contains(role))
            {
                roles.Add(role);
            }
        }
        return roles.Count > 0 ? roles : null;
    }

    // "(tổng hợp)", "(lược dịch)", "(ảnh)" after a name; "(Tin)" or "(Bài)" there would not be a credit.
    private static CreditRole? RoleOf(string word) =>
        RoleWords.TryGetValue(word.Trim().ToLowerInvariant(), out var role) && role is not CreditRole.Text
            ? role
            : null;

    private static string? TheoSource(string text)
    {
        var match = Theo().Match(text);
        if (!match.Success)
        {
            return null;
        }
        var source = match.Groups["source"].Value.Trim().TrimEnd('.');
        if (source.Length is 0 or > 60 || source.Split(' ').Length > 8 || source.AsSpan().IndexOfAny(",;:!?()") >= 0)
        {
            return null;
        }
        var rest = source;
        var lower = source.ToLowerInvariant();
        foreach (var noun in MediaNouns)
        {
            if (lower.StartsWith(noun + " ", StringComparison.Ordinal))
            {
                rest = source[(noun.Length + 1)..];
                break;
            }
        }
        return rest.Length > 0 && (char.IsUpper(rest[0]) || char.IsDigit(rest[0])) ? source : null;
    }

    // An agency is printed as one short token or a few joined by '/': "QĐND", "TTXVN/Vietnam+", "VnExpress".
    private static bool IsAgency(string text) =>
        text.Length is >= 2 and <= 30 && text.Split('/').All(token => AgencyToken().IsMatch(token.Trim()));

    private static bool IsName(string name)
    {
        if (name.Length is 0 or > MaxNameLength)
        {
            return false;
        }
        var words = name.Split(' ');
        if (words.Length > MaxNameWords)
        {
            return false;
        }
        foreach (var word in words)
        {
            if (word.Length == 0 || !char.IsUpper(word[0]))
            {
                return false;
            }
            foreach (var c in word)
            {
                if (!char.IsLetter(c) && c is not ('.' or '-' or '\''))
                {
                    return false;
                }
            }
        }
        return true;
    }

    [GeneratedRegex(@"\s*\((?<inner>[^()]*)\)$", RegexOptions.CultureInvariant)]
    private static partial Regex TrailingParentheses();

    [GeneratedRegex(@"^(?<rest>[^/]*[^/\s])\s*/\s*(?<agency>[^/\s]+)$", RegexOptions.CultureInvariant)]
    private static partial Regex SlashAgency();

    [GeneratedRegex(@"^(?:theo\s+|nguồn\s*:\s*)(?<source>.+)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Theo();

    [GeneratedRegex(@"^(?<role>tổng hợp|lược dịch|biên dịch|dịch)\s+(?:theo|từ)\s+(?<source>.+)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex RoleWithSource();

    [GeneratedRegex(@"^[\p{Lu}\p{Lt}0-9][\p{L}0-9+.&-]{0,19}$", RegexOptions.CultureInvariant)]
    private static partial Regex AgencyToken();

    [GeneratedRegex(@"\s*;\s*|\s+[-–—]\s+", RegexOptions.CultureInvariant)]
    private static partial Regex Pieces();

    [GeneratedRegex(@"\s*,\s*|\s+và\s+|\s*&\s*", RegexOptions.CultureInvariant)]
    private static partial Regex NameSeparator();

    [GeneratedRegex(@"\s*,\s*|\s+và\s+|\s*[&+/]\s*", RegexOptions.CultureInvariant)]
    private static partial Regex RoleSeparator();

    // Role words written after the name are lower case ("Minh Anh tổng hợp"); a capitalized "Dịch" is a name.
    [GeneratedRegex(@"^(?<names>.+?)\s+(?<role>tổng hợp|lược dịch|biên dịch|dịch)$", RegexOptions.CultureInvariant)]
    private static partial Regex RoleSuffix();
}

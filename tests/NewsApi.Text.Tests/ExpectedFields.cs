using System.Globalization;
using System.Text.Json;

namespace NewsApi.Text.Tests;

/// <summary>One field of a fixture page checked against its .expected.json.</summary>
internal sealed record FieldCheck(string Field, bool Right, string? Expected, string? Actual);

/// <summary>
/// Reads a fixture's .expected.json and compares a parse with it field by field, so that the fixture test and the
/// accuracy table count the same things.
/// </summary>
internal static class ExpectedFields
{
    /// <summary>"Today" for pages whose import gives no publication date and that carry none of their own.</summary>
    public static DateOnly Today { get; } = new(2025, 6, 30);

    public static string KindOf(JsonElement expected) =>
        expected.TryGetProperty("kind", out var kind) ? kind.GetString()! : "unknown";

    /// <summary>The publication date the import gives: absent means the seed's date (the first fixtures assume it).</summary>
    public static DateOnly? GivenPublishedOn(JsonElement expected) =>
        !expected.TryGetProperty("givenPublishedOn", out var given) ? FixturePages.SeedPublishedOn
        : given.ValueKind == JsonValueKind.Null ? null
        : DateOnly.Parse(given.GetString()!, CultureInfo.InvariantCulture);

    public static List<FieldCheck> Check(JsonElement expected, ParsedPage? page)
    {
        var checks = new List<FieldCheck>();
        void Add(string field, string? want, string? got, bool? right = null) =>
            checks.Add(new FieldCheck(field, right ?? want == got, want, got));

        Add("headline", expected.GetProperty("headline").GetString(), page?.Headline);
        var lead = expected.GetProperty("leadStartsWith").GetString()!;
        Add("lead", lead, page?.Lead, page?.Lead.StartsWith(lead, StringComparison.Ordinal) == true);
        Add("body.count", expected.GetProperty("bodyParagraphs").GetInt32().ToString(CultureInfo.InvariantCulture),
            page?.Body.Count.ToString(CultureInfo.InvariantCulture));
        var first = expected.GetProperty("bodyFirstStartsWith").GetString()!;
        var actualFirst = page?.Body.FirstOrDefault();
        Add("body.first", first, actualFirst, actualFirst?.StartsWith(first, StringComparison.Ordinal) == true);

        var byline = expected.GetProperty("byline");
        if (byline.ValueKind == JsonValueKind.Null)
        {
            Add("byline", null, page?.Byline?.Text);
        }
        else
        {
            Add("byline.text", byline.GetProperty("text").GetString(), page?.Byline?.Text);
            Add("byline.credits", CreditsOf(byline), page?.Byline is { } b ? string.Join("; ", b.Credits.Select(c => $"{c.Name}: {string.Join(",", c.Roles.Select(Contract.Of))}")) : null);
            Add("byline.source", byline.GetProperty("source").GetString(), page?.Byline?.Source, page?.Byline is not null
                && byline.GetProperty("source").GetString() == page.Byline.Source);
        }

        var dateline = expected.GetProperty("dateline");
        var actual = page?.Dateline;
        if (dateline.ValueKind == JsonValueKind.Null)
        {
            Add("dateline", null, actual?.Text);
        }
        else
        {
            Add("dateline.text", dateline.GetProperty("text").GetString(), actual?.Text);
            Add("dateline.partOfDay", dateline.GetProperty("partOfDay").GetString(), actual?.PartOfDay is { } part ? Contract.Of(part) : null,
                actual is not null && dateline.GetProperty("partOfDay").GetString() == (actual.PartOfDay is { } p ? Contract.Of(p) : null));
            Add("dateline.place", dateline.GetProperty("place").GetString(), actual?.Place, actual is not null
                && dateline.GetProperty("place").GetString() == actual.Place);
            // Day and month always; the full date (the year rule) where the fixture states it.
            var want = dateline.TryGetProperty("date", out var date)
                ? date.GetString()
                : $"--{dateline.GetProperty("month").GetInt32():00}-{dateline.GetProperty("day").GetInt32():00}";
            var got = actual?.Date is not { } d ? null : want!.StartsWith("--", StringComparison.Ordinal) ? $"--{d.Month:00}-{d.Day:00}" : d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            Add("dateline.date", want, got);
        }

        if (expected.TryGetProperty("publishedAt", out var published))
        {
            DateTimeOffset? want = published.ValueKind == JsonValueKind.Null ? null : DateTimeOffset.Parse(published.GetString()!, CultureInfo.InvariantCulture);
            Add("publishedAt", want?.ToString("O", CultureInfo.InvariantCulture), page?.PublishedAt?.ToString("O", CultureInfo.InvariantCulture));
        }

        var contact = expected.GetProperty("contactHeader");
        if (contact.ValueKind == JsonValueKind.Null)
        {
            Add("contactHeader", null, page?.ContactHeader?.Address);
        }
        else
        {
            var header = page?.ContactHeader;
            var phone = header?.Phones.Count == 1 ? header.Phones[0] : null;
            Add("contactHeader",
                $"{contact.GetProperty("address").GetString()} | {contact.GetProperty("phoneDisplay").GetString()} | {contact.GetProperty("phoneE164").GetString()}",
                header is null ? null : $"{header.Address} | {phone?.Display} | {phone?.E164}");
        }

        // A page without the member shows none, so every page is checked.
        Add("breadcrumb", ListOf(expected, "breadcrumb"), page is null ? null : Joined(page.Breadcrumb));
        Add("keywords", ListOf(expected, "keywords"), page is null ? null : Joined(page.Keywords));
        Add("photos", ExpectedPhotos(expected), page is null ? null : PhotosOf(page));
        return checks;
    }

    /// <summary>Each photo as "place sourceUrl caption / alt / credit / width×height", the body's indexed as its blocks are.</summary>
    public static string PhotosOf(ParsedPage page)
    {
        var photos = new List<string>();
        if (page.FeatureImage is { } feature)
        {
            photos.Add(PhotoText("featureImage", feature.SourceUrl, feature.Caption, feature.Alt, feature.Credit, feature.Width, feature.Height));
        }
        for (var i = 0; i < page.Photos.Count; i++)
        {
            var (before, photo) = (page.Photos[i].BeforeParagraph, page.Photos[i].Photo);
            photos.Add(PhotoText($"body[{before + i}]", photo.SourceUrl, photo.Caption, photo.Alt, photo.Credit, photo.Width, photo.Height));
        }
        return Joined(photos);
    }

    private static string ExpectedPhotos(JsonElement expected) =>
        !expected.TryGetProperty("photos", out var photos) ? Joined([])
        : Joined(photos.EnumerateArray().Select(p => PhotoText(p.GetProperty("place").GetString()!, p.GetProperty("sourceUrl").GetString()!,
            p.GetProperty("caption").GetString(), p.GetProperty("alt").GetString(), p.GetProperty("credit").GetString(),
            p.TryGetProperty("width", out var w) ? w.GetInt32() : 0, p.TryGetProperty("height", out var h) ? h.GetInt32() : 0)).ToList());

    private static string PhotoText(string place, string url, string? caption, string? alt, string? credit, int width, int height) =>
        $"{place} {url} {caption} / {alt} / {credit} / {width}x{height}";

    private static string ListOf(JsonElement expected, string member) =>
        expected.TryGetProperty(member, out var list) ? Joined(list.EnumerateArray().Select(e => e.GetString()!).ToList()) : Joined([]);

    private static string Joined(IReadOnlyList<string> items) => "[" + string.Join(" | ", items) + "]";

    private static string CreditsOf(JsonElement byline) =>
        string.Join("; ", byline.GetProperty("credits").EnumerateArray()
            .Select(c => $"{c.GetProperty("name").GetString()}: {string.Join(",", c.GetProperty("roles").EnumerateArray().Select(r => r.GetString()))}"));
}

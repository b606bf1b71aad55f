namespace NewsApi.Text;

/// <summary>
/// One thing the importer found, inferred, dropped, missed or warns about. Kind: "found" (read where the page states
/// it), "inferred" (guessed from layout or wording; the message says from what), "missing" (not on the page),
/// "dropped" or "warning". Every field (headline, lead, body, byline, dateline, dateline.date, publishedAt,
/// contactHeader) gets one found, inferred or missing note, so an editor knows what to check.
/// </summary>
public sealed record ImportNote(string Kind, string Field, string Message);

public sealed record ParsedPage(
    string Headline,
    string Lead,
    IReadOnlyList<string> Body,
    ParsedByline? Byline,
    ParsedDateline? Dateline,
    ParsedContactHeader? ContactHeader,
    IReadOnlyList<ImportNote> Report,
    DateTimeOffset? PublishedAt = null)
{
    /// <summary>The section trail above the article, top first, without the home link or the headline; empty when none.</summary>
    public IReadOnlyList<string> Breadcrumb { get; init; } = [];

    /// <summary>The article's keywords (tags) in page order, each once whatever its tones, at most 20 of at most 60 characters.</summary>
    public IReadOnlyList<string> Keywords { get; init; } = [];

    /// <summary>
    /// The photo at the head of the article: og:image, else the first photo above the body; null when neither. A
    /// photo above the body that is the og:image gives it its caption and is not repeated in the body.
    /// </summary>
    public ParsedPhoto? FeatureImage { get; init; }

    /// <summary>The body's photos in page order, each with the body paragraph it stands before.</summary>
    public IReadOnlyList<PlacedPhoto> Photos { get; init; } = [];
}

/// <summary>Page is null and Error says why when no article could be found.</summary>
public sealed record PageParseResult(ParsedPage? Page, string? Error);

/// <summary>
/// Turns a scraped article page, as text or HTML, into headline, lead, body, byline, dateline, the site's contact
/// header, breadcrumb and keywords, with a report of what was inferred or dropped on the way.
/// </summary>
public static class PageImporter
{
    internal const string UnexpectedError = "The page could not be read.";

    // Binary data decoded as text is full of control characters; real pages have next to none.
    private const double MaxControlShare = 0.05;
    private const int BinarySample = 64 * 1024;
    private const int MaxLeadingFurniture = 4;
    private const int MaxBylineLines = 2;

    /// <param name="text">The page as text.</param>
    /// <param name="publishedOn">The publication date the caller gives; it decides a dateline's missing year.</param>
    /// <param name="today">Without a publication date, given or printed on the page, a dateline is not after today.</param>
    public static PageParseResult FromText(string? text, DateOnly? publishedOn = null, DateOnly? today = null)
    {
        try
        {
            return ReadText(text, publishedOn, today, [], null);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            // Import input is untrusted; a parsing bug must come back as a refused page, never as a crash.
            return Failure(UnexpectedError);
        }
    }

    /// <summary>An HTML page; its own publication time (meta, JSON-LD, &lt;time&gt;, a shown date) stands in for a missing one.</summary>
    public static PageParseResult FromHtml(string? html, DateOnly? publishedOn = null, DateOnly? today = null)
    {
        try
        {
            if (string.IsNullOrWhiteSpace(html))
            {
                return Failure("The page is empty.");
            }
            if (LooksBinary(html))
            {
                return Failure("The page is binary data, not HTML.");
            }
            var page = HtmlPageReader.Read(html);
            if (page.FallbackText is { } text)
            {
                return ReadText(text, publishedOn, today, page.Notes, page.PublishedAt);
            }
            return WithLabels(
                Assemble(page.Paragraphs, page.ContactHeader, page.EmptyParagraphs, publishedOn, today, page.Notes, page.PublishedAt,
                    page.Photos, page.Declared),
                page.Breadcrumb ?? [], page.Keywords ?? []);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            return Failure(UnexpectedError);
        }
    }

    private static PageParseResult ReadText(
        string? text, DateOnly? publishedOn, DateOnly? today, List<ImportNote> notes, DateTimeOffset? publishedAt)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return Failure("The page is empty.");
        }
        if (LooksBinary(text))
        {
            return Failure("The page is binary data, not text.");
        }

        var paragraphs = new List<string>();
        var emptyParagraphs = 0;
        foreach (var rawLine in VietnameseText.ReplaceInvalidCharacters(text).ReplaceLineEndings("\n").Split('\n'))
        {
            var line = VietnameseText.NormalizeLine(rawLine);
            if (line.Length > 0)
            {
                paragraphs.Add(line);
            }
            else if (!string.IsNullOrWhiteSpace(rawLine))
            {
                emptyParagraphs++;
            }
        }

        // Keyword lines are no part of the article wherever they stand; a label with nothing after it heads a column.
        var keywords = new PageLabels.KeywordSet();
        var keywordLines = 0;
        for (var i = 1; i < paragraphs.Count; i++)
        {
            if (PageFurniture.KeywordListText(paragraphs[i]) is not { } listed)
            {
                continue;
            }
            notes.Add(new ImportNote("dropped", "page", $"Dropped the keyword line \"{paragraphs[i]}\"."));
            paragraphs.RemoveAt(i);
            keywordLines++;
            if (listed.Trim().Length > 0)
            {
                keywords.AddList(listed);
            }
            else
            {
                while (i < paragraphs.Count && LooksLikeKeyword(paragraphs[i]))
                {
                    keywords.Add(paragraphs[i]);
                    paragraphs.RemoveAt(i);
                }
            }
            i--;
        }

        // The site's contact line and the reading controls come before the headline in a scrape.
        ParsedContactHeader? contactHeader = null;
        IReadOnlyList<string> breadcrumb = [];
        for (var i = 0; i < MaxLeadingFurniture && paragraphs.Count > 0; i++)
        {
            if (contactHeader is null && ContactHeaderParser.Parse(paragraphs[0]) is { } header)
            {
                contactHeader = header;
                notes.Add(new ImportNote("inferred", "contactHeader", $"Read the site's contact header from \"{paragraphs[0]}\"."));
                paragraphs.RemoveAt(0);
            }
            else if (ReadingControls.IsReadingControls(paragraphs[0]))
            {
                notes.Add(new ImportNote("dropped", "page", $"Dropped the reading controls \"{paragraphs[0]}\"."));
                paragraphs.RemoveAt(0);
            }
            else if (PageFurniture.IsBreadcrumb(paragraphs[0]))
            {
                notes.Add(new ImportNote("dropped", "page", $"Dropped the breadcrumb \"{paragraphs[0]}\"."));
                breadcrumb = PageLabels.Trail(PageFurniture.BreadcrumbSegments(paragraphs[0]).Select(s => (s, (string?)null))) ?? [];
                paragraphs.RemoveAt(0);
            }
            else if (TakeShownDate(paragraphs, 0, notes, ref publishedAt))
            {
                continue;
            }
            else if (paragraphs.Count > 2 && PageFurniture.IsSectionLabel(paragraphs[0]) && !paragraphs[1].TrimEnd().EndsWith('.')
                && paragraphs[1].Split(' ').Length > paragraphs[0].Split(' ').Length + 2)
            {
                // A section's name over a longer line that is no sentence: the longer one is the headline.
                notes.Add(new ImportNote("dropped", "page", $"Dropped the section label \"{paragraphs[0]}\"."));
                if (breadcrumb.Count == 0)
                {
                    breadcrumb = PageLabels.Trail([(paragraphs[0], null)]) ?? [];
                }
                paragraphs.RemoveAt(0);
            }
            else
            {
                break;
            }
        }
        // A copied page may show its date under the headline.
        if (paragraphs.Count > 1)
        {
            TakeShownDate(paragraphs, 1, notes, ref publishedAt);
        }
        if (paragraphs.Count > 0)
        {
            breadcrumb = PageLabels.WithoutHeadline(breadcrumb, paragraphs[0]);
        }
        if (breadcrumb.Count > 0)
        {
            notes.Add(new ImportNote("inferred", "breadcrumb", $"Read the breadcrumb \"{string.Join(" › ", breadcrumb)}\" above the headline."));
        }
        if (keywords.Items.Count > 0)
        {
            notes.Add(new ImportNote("found", "keywords",
                $"Read {keywords.Items.Count} keyword(s) from {keywordLines} keyword line(s): {string.Join(", ", keywords.Items)}."));
        }
        return WithLabels(Assemble(paragraphs, contactHeader, emptyParagraphs, publishedOn, today, notes, publishedAt), breadcrumb, keywords.Items);
    }

    private static PageParseResult WithLabels(PageParseResult result, IReadOnlyList<string> breadcrumb, IReadOnlyList<string> keywords) =>
        result.Page is { } page ? result with { Page = page with { Breadcrumb = breadcrumb, Keywords = keywords } } : result;

    // A keyword on a line of its own, under a bare "Tags:" label: a few words, no sentence.
    private static bool LooksLikeKeyword(string line) =>
        line.Length <= PageLabels.MaxKeywordLength && line.Split(' ').Length <= 6 && !line.TrimEnd().EndsWith('.')
        && !PageFurniture.IsTrailing(line) && !BylineParser.LooksLikeByline(line);

    private static bool TakeShownDate(List<string> paragraphs, int index, List<ImportNote> notes, ref DateTimeOffset? publishedAt)
    {
        if (PageFurniture.PublicationTimeOf(paragraphs[index]) is not { } shown)
        {
            return false;
        }
        if (publishedAt is null)
        {
            publishedAt = shown;
            notes.Add(new ImportNote("inferred", "publishedAt",
                $"Read the publication time {Iso(shown)} from the date shown on the page, \"{paragraphs[index]}\"."));
        }
        paragraphs.RemoveAt(index);
        return true;
    }

    /// <summary>
    /// The rules shared by text and HTML once a page is a list of paragraphs, headline first: lead, repeated lead,
    /// body, byline at the end, dateline from the lead.
    /// </summary>
    private static PageParseResult Assemble(
        List<string> paragraphs,
        ParsedContactHeader? contactHeader,
        int emptyParagraphs,
        DateOnly? publishedOn,
        DateOnly? today,
        List<ImportNote> notes,
        DateTimeOffset? publishedAt,
        List<(int Anchor, ParsedPhoto Photo)>? photos = null,
        ParsedPhoto? declared = null)
    {
        photos ??= [];
        for (var i = paragraphs.Count - 1; i >= 0; i--)
        {
            if (ReadingControls.IsReadingControls(paragraphs[i]))
            {
                notes.Add(new ImportNote("dropped", "page", $"Dropped the reading controls \"{paragraphs[i]}\"."));
                paragraphs.RemoveAt(i);
                for (var p = 0; p < photos.Count; p++)
                {
                    if (photos[p].Anchor > i)
                    {
                        photos[p] = (photos[p].Anchor - 1, photos[p].Photo);
                    }
                }
            }
        }
        if (paragraphs.Count == 0 || !paragraphs[0].Any(char.IsLetterOrDigit))
        {
            return Failure("No headline found: the page has no text.");
        }
        var headline = paragraphs[0];
        var next = 1;
        while (next < paragraphs.Count && paragraphs[next] == headline)
        {
            notes.Add(new ImportNote("dropped", "headline", "Dropped a repeated copy of the headline."));
            next++;
        }
        if (next >= paragraphs.Count)
        {
            return Failure("No lead found: the page has a headline and nothing after it.");
        }
        var lead = paragraphs[next++];
        while (next < paragraphs.Count && paragraphs[next] == lead)
        {
            notes.Add(new ImportNote("dropped", "lead", "Dropped a repeated copy of the lead."));
            next++;
        }
        var body = paragraphs.GetRange(next, paragraphs.Count - next);
        while (body.Count > 0 && PageFurniture.IsTrailing(body[^1]))
        {
            notes.Add(new ImportNote("dropped", "page", $"Dropped \"{body[^1]}\" after the article."));
            body.RemoveAt(body.Count - 1);
        }
        if (emptyParagraphs > 0)
        {
            notes.Add(new ImportNote("dropped", "body", $"Dropped {emptyParagraphs} empty paragraph(s)."));
        }

        var byline = ReadByline(body, notes);
        if (body.Count == 0)
        {
            notes.Add(new ImportNote("warning", "body", "The article has no body paragraphs after the lead."));
        }

        // The year a dateline leaves out: the given publication date, else the page's own, else no later than today.
        var pageDate = publishedAt is { } at ? DateOnly.FromDateTime(at.DateTime) : (DateOnly?)null;
        var bound = publishedOn ?? pageDate;
        var dateline = DatelineParser.Parse(lead, bound, today);
        if (dateline is null)
        {
            notes.Add(new ImportNote("missing", "dateline", "The lead opens with no dateline."));
        }
        else
        {
            notes.Add(new ImportNote("inferred", "dateline", $"Read the dateline \"{dateline.Text}\" from the lead."));
            if (dateline.Year is not null)
            {
                notes.Add(new ImportNote("found", "dateline.date", "The dateline prints its year."));
            }
            else if (dateline.Date is { } date)
            {
                var from = publishedOn is not null ? "the publication date given"
                    : pageDate is not null ? "the page's publication time"
                    : "today's date (no publication date given or on the page), as the latest it can be";
                notes.Add(new ImportNote("inferred", "dateline.date", $"The dateline prints no year; took {date.Year} from {from}."));
            }
            else
            {
                notes.Add(new ImportNote("missing", "dateline.date",
                    "The dateline prints no year and no publication date was given, so its date is unknown."));
            }
        }
        if (contactHeader is null)
        {
            notes.Add(new ImportNote("missing", "contactHeader", "The page shows no contact header."));
        }
        if (!notes.Any(n => n.Field == "headline" && n.Kind is "found" or "inferred"))
        {
            notes.Add(new ImportNote("inferred", "headline", "The first line of the page."));
        }
        notes.Add(new ImportNote("inferred", "lead", "The first paragraph after the headline."));
        notes.Add(body.Count == 0
            ? new ImportNote("missing", "body", "No paragraphs after the lead.")
            : new ImportNote("inferred", "body", $"{body.Count} paragraph(s) after the lead."));
        if (publishedAt is null)
        {
            notes.Add(new ImportNote("missing", "publishedAt", "The page shows no publication time."));
        }

        var (feature, placed) = PlacePhotos(photos, declared, next, body.Count, notes);
        return new PageParseResult(new ParsedPage(headline, lead, body, byline, dateline, contactHeader, notes, publishedAt)
        {
            FeatureImage = feature,
            Photos = placed,
        }, null);
    }

    /// <summary>
    /// The photos' places in the body (a photo above the body, or beside the lead, stands before its first paragraph;
    /// one after the byline after its last) and the feature image: og:image, else the first photo above the body.
    /// </summary>
    private static (ParsedPhoto? Feature, List<PlacedPhoto> Placed) PlacePhotos(
        List<(int Anchor, ParsedPhoto Photo)> photos, ParsedPhoto? declared, int bodyStart, int bodyCount, List<ImportNote> notes)
    {
        var placed = photos.Select(p => new PlacedPhoto(Math.Clamp(p.Anchor - bodyStart, 0, bodyCount), p.Photo)).ToList();
        ParsedPhoto? feature = null;
        if (declared is not null)
        {
            var same = placed.FindIndex(p => p.BeforeParagraph == 0 && p.Photo.SourceUrl == declared.SourceUrl);
            feature = same < 0 ? declared : placed[same].Photo with
            {
                Alt = placed[same].Photo.Alt ?? declared.Alt,
                Width = placed[same].Photo.Width > 0 ? placed[same].Photo.Width : declared.Width,
                Height = placed[same].Photo.Width > 0 ? placed[same].Photo.Height : declared.Height,
            };
            if (same >= 0)
            {
                placed.RemoveAt(same);
            }
            notes.Add(new ImportNote("found", "featureImage", same < 0
                ? $"The page's og:image, {declared.SourceUrl}."
                : $"The page's og:image, {declared.SourceUrl}, shown above the body with its caption."));
        }
        else if (placed.Count > 0 && placed[0].BeforeParagraph == 0)
        {
            feature = placed[0].Photo;
            placed.RemoveAt(0);
            notes.Add(new ImportNote("inferred", "featureImage", $"The first photo above the body, {feature.SourceUrl} (the page declares no og:image)."));
        }
        if (placed.Count > 0)
        {
            notes.Add(new ImportNote("found", "photos", $"{placed.Count} photo(s) in the body."));
        }
        return (feature, placed);
    }

    private static ParsedByline? ReadByline(List<string> body, List<ImportNote> notes)
    {
        var lines = 0;
        while (lines < MaxBylineLines && lines < body.Count && BylineParser.LooksLikeByline(body[^(lines + 1)]))
        {
            lines++;
        }
        // Names alone, in ordinary case, close many pages; only the very last line is read that way.
        var namesOnly = lines == 0 && body.Count > 1 && BylineParser.LooksLikeNamesOnly(body[^1]);
        if (namesOnly)
        {
            lines = 1;
        }
        if (lines == 0)
        {
            notes.Add(new ImportNote("missing", "byline", "No byline found at the end of the page."));
            return null;
        }
        var printed = body.GetRange(body.Count - lines, lines);
        body.RemoveRange(body.Count - lines, lines);
        // Two credit lines ("Bài: X" over "Ảnh: Y") read as the segments of one byline.
        var byline = BylineParser.Parse(string.Join("; ", printed));
        if (byline is null)
        {
            return null;
        }
        notes.Add(new ImportNote("inferred", "byline", namesOnly
            ? $"Read the byline \"{byline.Text}\" from the names alone on the last line: check it."
            : $"Read the byline \"{byline.Text}\" from the end of the page."));
        if (byline.Source is not null)
        {
            notes.Add(new ImportNote("inferred", "byline.source", $"Credited the source \"{byline.Source}\"."));
        }
        return byline;
    }

    private static bool LooksBinary(string text)
    {
        var sample = text.AsSpan(0, Math.Min(text.Length, BinarySample));
        var suspicious = 0;
        foreach (var c in sample)
        {
            if (c == '\0' || c == '\uFFFD' || c is '\uFFFE' or '\uFFFF'
                || (char.IsControl(c) && c is not ('\n' or '\r' or '\t' or '\f' or '\v')))
            {
                suspicious++;
            }
        }
        return suspicious > sample.Length * MaxControlShare;
    }

    private static PageParseResult Failure(string error) => new(null, error);

    private static string Iso(DateTimeOffset time) =>
        time.ToString("yyyy-MM-dd'T'HH:mm:sszzz", System.Globalization.CultureInfo.InvariantCulture);
}

using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using NewsApi.Articles;
using NewsApi.Bylines;
using NewsApi.ContactHeader;
using NewsApi.Data;
using NewsApi.Datelines;
using NewsApi.Http;
using NewsApi.Text;

namespace NewsApi.Imports;

public enum PageFormat { Text, Html }

public sealed record ImportOutcome(bool Created, ImportResponse? Response, string? Error);

/// <summary>Turns a scraped page into a stored draft: the one path for POST /imports, the `import` command and the seed.</summary>
public static class PageImport
{
    public const int MaxBytes = 2 * 1024 * 1024;

    /// <summary>A page from which on an import collects its garbage halfway (see ImportAsync).</summary>
    private const int LargePage = 512 * 1024;

    private static readonly ArticleRequestValidator ArticleRules = new();
    private static readonly ContactHeaderRequestValidator ContactRules = new();

    public static async Task<ImportOutcome> ImportAsync(
        ArticleStore store, string page, PageFormat format, DateTimeOffset? publishedAt, bool dryRun,
        string actor, CancellationToken cancellationToken, ArticleStatus status = ArticleStatus.Draft,
        int? sectionId = null, IReadOnlyList<string>? tags = null)
    {
        var (db, site) = (store.Db, store.Site);
        var now = site.UtcNow;
        var normalized = VietnameseText.Normalize(page);
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(format + "\n" + normalized)));
        // A dateline without a year takes it from the publication date, or, when none is given, from today.
        if (publishedAt is { } given && !TextRules.IsReasonableYear(given.Year))
        {
            return new ImportOutcome(false, null, $"publishedAt is between the years {TextRules.MinYear} and {TextRules.MaxYear}.");
        }
        // The newsroom's calendar decides the year: 2020-12-31T18:00Z is already 2021 in Hanoi. Without a given date the
        // page's own publication time decides, and without that a dateline is no later than today.
        DateOnly? publishedOn = publishedAt is { } at ? site.LocalDate(at.UtcDateTime) : null;
        var today = site.LocalDate(now);
        var parse = format == PageFormat.Html ? PageImporter.FromHtml(page, publishedOn, today) : PageImporter.FromText(page, publishedOn, today);
        if (page.Length > LargePage)
        {
            // The page's DOM and its text in several forms are garbage now, and storing the article makes several
            // more large copies (its JSON, revision, outbox row): collected here, they are not all alive at once. Large
            // objects are only collected with the oldest generation, so they would otherwise pile up for the whole import.
            ImportGate.Collect();
        }
        if (parse.Page is not { } parsed)
        {
            return new ImportOutcome(false, null, parse.Error ?? "No article could be found in this page.");
        }
        if (publishedAt is null && parsed.PublishedAt is { } shown && TextRules.IsReasonableYear(shown.Year) && shown <= now)
        {
            publishedAt = shown;
        }
        var report = parsed.Report.Select(n => new ImportNoteResponse(n.Kind, n.Field, n.Message)).ToList();

        ImportOutcome ImportedBefore(Article existing)
        {
            report.Add(new ImportNoteResponse("warning", "article", $"This page was imported before as article {existing.Id}; nothing new was created."));
            return new ImportOutcome(false, new ImportResponse(existing.ToResponse(site), Contact(parsed.ContactHeader, applied: false), report), null);
        }
        if (await store.LoadForChangeAsync(a => a.ContentHash == hash, cancellationToken) is { } existing)
        {
            return ImportedBefore(existing);
        }

        sectionId ??= await PlaceAsync(db, parsed.Breadcrumb, report, cancellationToken);
        if (tags is null && parsed.Keywords.Count > 0)
        {
            tags = parsed.Keywords;
            var folded = tags.Select(NewsApi.Tags.ArticleTagging.FoldedOf).ToList();
            var known = await db.Tags.Where(t => EF.Parameter(folded).Contains(t.Folded)).Select(t => t.Folded).ToListAsync(cancellationToken);
            var created = folded.Count(f => !known.Contains(f));
            report.Add(new ImportNoteResponse("found", "tags", $"Tagged {string.Join(", ", tags)} from the page's keywords"
                + (created == 0 ? "." : $" ({created} new tag{(created == 1 ? "" : "s")}).")));
        }

        var photos = UsablePhotos(parsed, report);
        // Checked with stand-in ids: the photos' media items are made (or found) inside the transaction, below.
        var request = new ArticleRequest(
            parsed.Headline,
            parsed.Lead,
            Blocks(parsed, photos.Body, _ => 1),
            FeatureImage: photos.Feature is { } standIn ? Placed(standIn, 1) : null,
            Status: status,
            PublishedAt: publishedAt,
            Byline: parsed.Byline is null ? null : BylineMapping.FromParsed(parsed.Byline),
            Dateline: parsed.Dateline is null ? null : DatelineMapping.FromParsed(parsed.Dateline),
            SectionId: sectionId,
            Tags: tags);
        // What a page yields is held to the rules of a written article (lengths above all: a page's "headline" can be a
        // whole paragraph), so an import never stores what POST /articles would refuse.
        if (ArticleRules.Validate(request) is { IsValid: false } invalid)
        {
            return new ImportOutcome(false, null, "The article read from this page does not fit: "
                + string.Join(" ", invalid.Errors.Select(e => e.ErrorMessage).Distinct()));
        }
        // One transaction (the request's, or its own) holds the contributors created on the way with the article;
        // for a dry run, the savepoint takes them back.
        var ownTransaction = await db.BeginUnlessInTransactionAsync(cancellationToken);
        await using var _ = ownTransaction;
        // A dry run, or a race lost to the same page, takes back to here what this import made (media items included).
        await db.Database.CurrentTransaction!.CreateSavepointAsync("import", cancellationToken);
        var media = await MediaForAsync(db, photos, now, cancellationToken);
        request = request with
        {
            Body = Blocks(parsed, photos.Body, url => media[url].Id),
            FeatureImage = photos.Feature is { } feature ? Placed(feature, media[feature.SourceUrl].Id) : null,
        };
        ReportPhotos(photos, media, request.Body!, dryRun, report);
        var article = new Article { ContentHash = hash };
        if (await store.ApplyAsync(article, request, cancellationToken) is { } error)
        {
            return new ImportOutcome(false, null, error.Message);
        }
        store.Add(article);

        var contactRequest = parsed.ContactHeader is null ? null : ContactHeaderMapping.FromParsed(parsed.ContactHeader);
        if (contactRequest is not null && ContactRules.Validate(contactRequest) is { IsValid: false } badContact)
        {
            report.Add(new ImportNoteResponse("warning", "contactHeader", "The page's contact header was not used: "
                + string.Join(" ", badContact.Errors.Select(e => e.ErrorMessage).Distinct())));
            contactRequest = null;
        }
        var applyContact = contactRequest is not null && !await db.ContactHeaders.AnyAsync(cancellationToken);
        if (applyContact)
        {
            var contact = new SiteContact { Version = 0 };
            ContactHeaderMapping.Apply(contact, contactRequest!, now);
            db.ContactHeaders.Add(contact);
        }
        if (!dryRun)
        {
            if (await store.SaveAsync(article, actor, cancellationToken) is { } conflict)
            {
                // The same page imported at the same moment by another request that saved first: answer with its
                // article, as for any repeated import. (On PostgreSQL the clash waits for that transaction's commit;
                // EF Core's own savepoint around SaveChanges has taken the failed insert back, so the transaction goes on.)
                db.ChangeTracker.Clear();
                await db.Database.CurrentTransaction!.RollbackToSavepointAsync("import", cancellationToken);
                return await store.LoadForChangeAsync(a => a.ContentHash == hash, cancellationToken) is { } first
                    ? ImportedBefore(first)
                    : new ImportOutcome(false, null, conflict);
            }
            if (ownTransaction is not null)
            {
                await ownTransaction.CommitAsync(cancellationToken);
            }
        }
        else
        {
            db.ChangeTracker.Clear();
            await db.Database.CurrentTransaction!.RollbackToSavepointAsync("import", cancellationToken);
        }
        if (applyContact)
        {
            // Only now: an import that lost a race to the same page answered above, with nothing of its own applied.
            report.Add(new ImportNoteResponse("inferred", "contactHeader", "The site had no contact header; this page's became it."));
        }
        return new ImportOutcome(!dryRun, new ImportResponse(article.ToResponse(site), Contact(parsed.ContactHeader, applyContact && !dryRun), report), null);
    }

    private sealed record PagePhotos(ParsedPhoto? Feature, IReadOnlyList<PlacedPhoto> Body);

    /// <summary>The media item each photo source stands for, and whether this import made it.</summary>
    private sealed record PhotoMedia(int Id, bool New);

    /// <summary>The page's photos that can be recorded: a source too long for a media item is left out, and said so.</summary>
    private static PagePhotos UsablePhotos(ParsedPage parsed, List<ImportNoteResponse> report)
    {
        bool Fits(ParsedPhoto photo, string field)
        {
            if (Encoding.UTF8.GetByteCount(photo.SourceUrl) <= Media.MediaLimits.SourceUrl)
            {
                return true;
            }
            report.Add(new ImportNoteResponse("warning", field,
                $"A photo's source is longer than {Media.MediaLimits.SourceUrl} bytes; it was left out."));
            return false;
        }
        var feature = parsed.FeatureImage is { } f && Fits(f, "featureImage") ? Clipped(f) : null;
        var body = parsed.Photos.Where(p => Fits(p.Photo, "photos")).Select(p => p with { Photo = Clipped(p.Photo) }).ToList();
        return new PagePhotos(feature, body);
    }

    private static ParsedPhoto Clipped(ParsedPhoto photo) => photo with
    {
        Caption = Clip(photo.Caption, Media.MediaLimits.Caption),
        Alt = Clip(photo.Alt, Media.MediaLimits.Alt),
        Credit = Clip(photo.Credit, Media.MediaLimits.Credit),
    };

    private static string? Clip(string? text, int limit) => text is null || text.Length <= limit ? text : text[..(limit - 1)].TrimEnd() + "…";

    /// <summary>The body as blocks: its paragraphs, with each photo (as idOf names it) before the paragraph it stands before.</summary>
    private static List<BodyBlock> Blocks(ParsedPage parsed, IReadOnlyList<PlacedPhoto> photos, Func<string, int> idOf)
    {
        var blocks = new List<BodyBlock>(parsed.Body.Count + photos.Count);
        var next = 0;
        for (var i = 0; i <= parsed.Body.Count; i++)
        {
            for (; next < photos.Count && photos[next].BeforeParagraph <= i; next++)
            {
                var photo = photos[next].Photo;
                blocks.Add(new BodyBlock(BodyBlock.Image, MediaId: idOf(photo.SourceUrl), Caption: photo.Caption, Alt: photo.Alt, Credit: photo.Credit));
            }
            if (i < parsed.Body.Count)
            {
                blocks.Add(new BodyBlock(BodyBlock.Paragraph, parsed.Body[i]));
            }
        }
        return blocks;
    }

    private static FeatureImageRequest Placed(ParsedPhoto photo, int mediaId) => new(mediaId, photo.Caption, photo.Alt, photo.Credit);

    /// <summary>
    /// One media item per photo source: the item an earlier import made for it, else a new one without bytes (described
    /// as the page first shows it). A relative source (the page named no address) is only shared within this page.
    /// </summary>
    private static async Task<Dictionary<string, PhotoMedia>> MediaForAsync(NewsDbContext db, PagePhotos photos, DateTime now, CancellationToken cancellationToken)
    {
        var all = (photos.Feature is { } feature ? [feature] : Enumerable.Empty<ParsedPhoto>()).Concat(photos.Body.Select(p => p.Photo)).ToList();
        var media = new Dictionary<string, PhotoMedia>(StringComparer.Ordinal);
        if (all.Count == 0)
        {
            return media;
        }
        var absolute = all.Select(p => p.SourceUrl).Where(u => Uri.IsWellFormedUriString(u, UriKind.Absolute)).Distinct().ToList();
        if (absolute.Count > 0)
        {
            var known = await db.Media.AsNoTracking().Where(m => m.SourceUrl != null && EF.Parameter(absolute).Contains(m.SourceUrl))
                .OrderBy(m => m.Id).Select(m => new { m.Id, m.SourceUrl }).ToListAsync(cancellationToken);
            foreach (var item in known)
            {
                media.TryAdd(item.SourceUrl!, new PhotoMedia(item.Id, New: false));
            }
        }
        var created = new List<Media.MediaItem>();
        foreach (var photo in all.Where(p => !media.ContainsKey(p.SourceUrl)).DistinctBy(p => p.SourceUrl))
        {
            var item = Media.MediaItem.Imported(photo.SourceUrl, photo.Width, photo.Height, now);
            item.Describe(photo.Caption, photo.Alt, photo.Credit);
            db.Media.Add(item);
            created.Add(item);
        }
        if (created.Count > 0)
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        foreach (var item in created)
        {
            media[item.SourceUrl!] = new PhotoMedia(item.Id, New: true);
        }
        return media;
    }

    /// <summary>Each photo in the report: where it went, its source, and its media item.</summary>
    private static void ReportPhotos(
        PagePhotos photos, Dictionary<string, PhotoMedia> media, IReadOnlyList<BodyBlock> body, bool dryRun, List<ImportNoteResponse> report)
    {
        string What(string url) => media[url] switch
        {
            { New: true } when dryRun => "a new media item without bytes (not made: a dry run)",
            { New: true, Id: var id } => $"new media item {id}, without bytes until they are uploaded with PUT /api/v1/media/{id}/file",
            { Id: var id } => $"media item {id}, which an earlier import made for this source",
        };
        if (photos.Feature is { } feature)
        {
            report.Add(new ImportNoteResponse("found", "featureImage", $"The photo {feature.SourceUrl}: {What(feature.SourceUrl)}."));
        }
        var index = 0;
        for (var i = 0; i < body.Count; i++)
        {
            if (body[i].Type == BodyBlock.Image)
            {
                var url = photos.Body[index++].Photo.SourceUrl;
                report.Add(new ImportNoteResponse("found", $"body[{i}]", $"The photo {url}: {What(url)}."));
            }
        }
    }

    private static ImportedContactHeader? Contact(ParsedContactHeader? parsed, bool applied) =>
        parsed is null ? null : new(parsed.Address, parsed.Phones.Select(p => new PhoneResponse(p.Display, p.E164)).ToList(), parsed.Email, applied);

    /// <summary>
    /// The section a page's breadcrumb names: its deepest entry that is the name (tone-insensitive) or slug of an existing
    /// section, preferring one whose parent the breadcrumb names too. Says in the report what it placed, or why not.
    /// </summary>
    private static async Task<int?> PlaceAsync(NewsDbContext db, IReadOnlyList<string> breadcrumb, List<ImportNoteResponse> report, CancellationToken cancellationToken)
    {
        if (breadcrumb.Count == 0)
        {
            return null;
        }
        var trail = string.Join(" › ", breadcrumb);
        var sections = await db.Sections.AsNoTracking().Select(s => new { s.Id, s.Name, s.Slug, s.ParentId, s.Path }).ToListAsync(cancellationToken);
        var folded = breadcrumb.Select(NewsApi.Tags.ArticleTagging.FoldedOf).ToList();
        for (var i = breadcrumb.Count - 1; i >= 0; i--)
        {
            var slug = VietnameseText.Slugify(breadcrumb[i]);
            var named = sections.Where(s => NewsApi.Tags.ArticleTagging.FoldedOf(s.Name) == folded[i] || s.Slug == slug).ToList();
            if (named.Count == 0)
            {
                continue;
            }
            // Two sections of one name in different places: the one under a section the breadcrumb names before it.
            var above = folded.Take(i).ToHashSet();
            var section = named.FirstOrDefault(s => s.ParentId is { } parent
                    && sections.FirstOrDefault(p => p.Id == parent) is { } p && above.Contains(NewsApi.Tags.ArticleTagging.FoldedOf(p.Name)))
                ?? named[0];
            report.Add(new ImportNoteResponse("found", "section",
                $"Placed in the section {section.Name} ({section.Path}), named by the breadcrumb \"{trail}\"."
                + (i < breadcrumb.Count - 1 ? $" Not a section here: {string.Join(", ", breadcrumb.Skip(i + 1))}." : "")));
            return section.Id;
        }
        report.Add(new ImportNoteResponse("warning", "section",
            $"The breadcrumb \"{trail}\" names no section of this site; the article is in no section. Create the section, or set sectionId."));
        return null;
    }
}

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

        var request = new ArticleRequest(
            parsed.Headline,
            parsed.Lead,
            parsed.Body.Select(text => new BodyBlock(BodyBlock.Paragraph, text)).ToList(),
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
        if (dryRun)
        {
            await db.Database.CurrentTransaction!.CreateSavepointAsync("dry_run", cancellationToken);
        }
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
            await db.Database.CurrentTransaction!.RollbackToSavepointAsync("dry_run", cancellationToken);
        }
        if (applyContact)
        {
            // Only now: an import that lost a race to the same page answered above, with nothing of its own applied.
            report.Add(new ImportNoteResponse("inferred", "contactHeader", "The site had no contact header; this page's became it."));
        }
        return new ImportOutcome(!dryRun, new ImportResponse(article.ToResponse(site), Contact(parsed.ContactHeader, applyContact && !dryRun), report), null);
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

using FluentValidation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using NewsApi.Articles;
using NewsApi.Data;
using NewsApi.Http;
using NewsApi.Site;
using NewsApi.Text;

namespace NewsApi.Sections;

public sealed class SectionRequestValidator : AbstractValidator<SectionRequest>
{
    public SectionRequestValidator()
    {
        RuleFor(s => s.Name).NotEmpty().Must(TextRules.HasVisibleText).WithMessage("A section needs a name.")
            .MaxNormalizedLength(SectionLimits.Name).WithMessage($"A name is at most {SectionLimits.Name} characters.")
            .Must(TextRules.HasNoControlCharacters).WithMessage("A name has no control characters.");
        RuleFor(s => s.Slug!).Matches("^(?=[a-z0-9-]*[a-z])[a-z0-9]+(-[a-z0-9]+)*$")
            .WithMessage("A slug is lower-case letters a-z, digits and single hyphens, with at least one letter (digits alone would read as an id).")
            .MaximumLength(SectionLimits.Slug).When(s => s.Slug is not null);
        RuleFor(s => s.ParentId).GreaterThan(0).WithMessage("parentId is a section's id.").When(s => s.ParentId is not null);
        RuleFor(s => s.Position).InclusiveBetween(0, 10_000).WithMessage("position is between 0 and 10000.").When(s => s.Position is not null);
    }
}

/// <summary>
/// Creates and changes sections: slugs unique (and retired ones kept for 308s), the tree without cycles and at most
/// <see cref="SectionLimits.Depth"/> deep, paths kept for the section and everything below it, and every article the
/// change shows in rendered again, in one transaction.
/// </summary>
public sealed class SectionWriter(NewsDbContext db, SiteTime site, ArticleStore articles)
{
    public NewsDbContext Db => db;

    public SiteTime Site => site;

    public async Task<(SectionResponse? Section, ProblemHttpResult? Problem)> CreateAsync(SectionRequest request, string actor, CancellationToken cancellationToken)
    {
        if (await db.Sections.CountAsync(cancellationToken) >= SectionLimits.Count)
        {
            return (null, Problems.Conflict($"A site has at most {SectionLimits.Count} sections."));
        }
        var now = site.UtcNow;
        var section = new Section { CreatedAt = now, UpdatedAt = now };
        db.Sections.Add(section);
        return await ApplyAsync(section, request, actor, cancellationToken);
    }

    public Task<(SectionResponse? Section, ProblemHttpResult? Problem)> ChangeAsync(Section section, SectionRequest request, string actor, CancellationToken cancellationToken)
    {
        section.Version++;
        section.UpdatedAt = site.UtcNow;
        return ApplyAsync(section, request, actor, cancellationToken);
    }

    private async Task<(SectionResponse?, ProblemHttpResult?)> ApplyAsync(Section section, SectionRequest request, string actor, CancellationToken cancellationToken)
    {
        var all = await db.Sections.ToListAsync(cancellationToken);
        var (oldName, oldSlug, oldPath) = (section.Name, section.Slug, section.Path);
        var oldParent = section.Id == 0 ? (int?)-1 : section.ParentId;
        section.Name = VietnameseText.NormalizeLine(request.Name);
        section.Slug = request.Slug ?? TextRules.ReadableSlug(section.Name, SectionLimits.Slug, "chuyen-muc");
        var id = section.Id;
        if (all.Any(s => s.Slug == section.Slug && s.Id != id && !ReferenceEquals(s, section))
            || await db.SectionSlugs.AnyAsync(s => s.Slug == section.Slug && s.SectionId != id, cancellationToken))
        {
            return (null, Problems.Conflict($"The slug '{section.Slug}' is used, or was used, by another section."));
        }

        Section? parent = null;
        if (request.ParentId is { } parentId)
        {
            parent = all.FirstOrDefault(s => s.Id == parentId);
            if (parent is null)
            {
                return (null, Problems.Invalid("parentId", $"There is no section {parentId}."));
            }
            // Not under itself or anything below it: walk up from the new parent.
            for (var up = parent; up is not null; up = all.FirstOrDefault(s => s.Id == up.ParentId))
            {
                if (id != 0 && up.Id == id)
                {
                    return (null, Problems.Invalid("parentId", "A section cannot be placed under itself or one of its subsections."));
                }
            }
        }
        var below = id == 0 ? [] : Descendants(all, id).ToList();
        var depthBelow = below.Count == 0 ? 0 : below.Max(d => DepthOf(d, all) - DepthOf(section, all));
        if ((parent is null ? 1 : DepthOf(parent, all) + 1) + depthBelow > SectionLimits.Depth)
        {
            return (null, Problems.Invalid("parentId", $"The tree is at most {SectionLimits.Depth} levels deep."));
        }
        section.ParentId = parent?.Id;
        if (request.Position is { } position)
        {
            section.Position = position;
        }
        else if (oldParent != section.ParentId)
        {
            var siblings = all.Where(s => s.ParentId == section.ParentId && s.Id != id && !ReferenceEquals(s, section)).ToList();
            section.Position = siblings.Count == 0 ? 0 : siblings.Max(s => s.Position) + 1;
        }

        section.Path = parent is null ? section.Slug : parent.Path + "/" + section.Slug;
        if (id != 0 && oldPath != section.Path)
        {
            foreach (var child in below)
            {
                child.Path = section.Path + child.Path[oldPath.Length..];
            }
        }
        if (id != 0 && oldSlug != section.Slug)
        {
            db.SectionSlugs.RemoveRange(await db.SectionSlugs.Where(s => s.Slug == section.Slug).ToListAsync(cancellationToken));
            db.SectionSlugs.Add(new SectionSlug { Slug = oldSlug, SectionId = id, RetiredAt = site.UtcNow });
        }

        var own = await db.BeginUnlessInTransactionAsync(cancellationToken);
        await using (own)
        {
            if (await db.TrySaveAsync(cancellationToken) is { } conflict)
            {
                return (null, Problems.Conflict(conflict));
            }
            // What the articles show of their section changed: the section's own articles for a new name, and every
            // article below it for a new path.
            if (id != 0 && oldPath != section.Path)
            {
                var ids = below.Select(s => s.Id).Append(id).ToList();
                await articles.TouchAsync(a => a.SectionId != null && EF.Parameter(ids).Contains(a.SectionId.Value), actor, cancellationToken);
            }
            else if (id != 0 && oldName != section.Name)
            {
                await articles.TouchAsync(a => a.SectionId == id, actor, cancellationToken);
            }
            await db.SaveChangesAsync(cancellationToken);
            if (own is not null)
            {
                await own.CommitAsync(cancellationToken);
            }
        }
        return (section.ToResponse(site), null);
    }

    private static IEnumerable<Section> Descendants(IReadOnlyCollection<Section> all, int id) =>
        all.Where(s => s.ParentId == id).SelectMany(s => Descendants(all, s.Id).Prepend(s));

    private static int DepthOf(Section section, IReadOnlyCollection<Section> all)
    {
        var depth = 1;
        for (var up = section.ParentId; up is not null; up = all.First(s => s.Id == up).ParentId)
        {
            depth++;
        }
        return depth;
    }

    /// <summary>
    /// The ids of the section named by id, slug or a slug it used to have, and of every section below it (for the section
    /// filter); null when there is no such section.
    /// </summary>
    public static async Task<List<int>?> SubtreeIdsAsync(NewsDbContext db, string idOrSlug, CancellationToken cancellationToken) =>
        await SubtreeAsync(db, idOrSlug, cancellationToken) is { } subtree ? subtree.Ids : null;

    /// <summary>
    /// The section named by id, slug or a slug it used to have (id, slug, name and path), with its id first and then the
    /// ids of every section below it; null when there is no such section. The tree is small (at most SectionLimits.Count)
    /// and read whole.
    /// </summary>
    public static async Task<(Section Top, List<int> Ids)?> SubtreeAsync(NewsDbContext db, string idOrSlug, CancellationToken cancellationToken)
    {
        var all = await db.Sections.AsNoTracking()
            .Select(s => new Section { Id = s.Id, Slug = s.Slug, Name = s.Name, Path = s.Path, ParentId = s.ParentId }).ToListAsync(cancellationToken);
        var top = IdOrSlug.IsId(idOrSlug, out var id) ? all.FirstOrDefault(s => s.Id == id) : all.FirstOrDefault(s => s.Slug == idOrSlug);
        if (top is null && !IdOrSlug.IsId(idOrSlug, out _))
        {
            var retired = await db.SectionSlugs.Where(s => s.Slug == idOrSlug).Select(s => (int?)s.SectionId).FirstOrDefaultAsync(cancellationToken);
            top = all.FirstOrDefault(s => s.Id == retired);
        }
        return top is null ? null : (top, Descendants(all, top.Id).Select(s => s.Id).Prepend(top.Id).ToList());
    }
}

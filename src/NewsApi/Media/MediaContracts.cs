using FluentValidation;

namespace NewsApi.Media;

/// <summary>Who took the photo. contributorId and name are set when the credit names a contributor.</summary>
public sealed record MediaCredit(string Text, int? ContributorId, string? Name);

public sealed record MediaRendition(int Width, int Height, string Format, string Url);

/// <summary>
/// A photo. url is the original (null while an imported item has no bytes yet, and contentType with it); renditions
/// are the sizes and formats it is served in, at their hashed (immutable) URLs (none without bytes). sourceUrl is where
/// an import found it (read-only; null for uploads).
/// </summary>
public sealed record MediaResponse(
    int Id, string? ContentType, int Width, int Height, long Bytes, string? Caption, string? Alt, MediaCredit? Credit,
    string? SourceUrl, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, int Version, string? Url, IReadOnlyList<MediaRendition> Renditions);

public sealed record MediaPage(IReadOnlyList<MediaResponse> Items, int Page, int PageSize, int Total, NewsApi.Http.PageLinks Links);

/// <summary>The fields an upload may set beside the file, and what PATCH changes (null clears).</summary>
public sealed record MediaRequest(string? Caption = null, string? Alt = null, string? Credit = null);

/// <summary>The multipart/form-data upload: the file, and optionally its caption, alt text and credit.</summary>
public sealed record MediaUploadForm(IFormFile File, string? Caption = null, string? Alt = null, string? Credit = null);

public sealed class MediaRequestValidator : AbstractValidator<MediaRequest>
{
    public MediaRequestValidator()
    {
        RuleFor(r => r.Caption).MaximumLength(MediaLimits.Caption);
        RuleFor(r => r.Alt).MaximumLength(MediaLimits.Alt);
        RuleFor(r => r.Credit).MaximumLength(MediaLimits.Credit);
    }
}

/// <summary>What an article embeds of a photo, so a front end needs no second request: url is null while it has no bytes.</summary>
public sealed record MediaSummary(int Id, int Width, int Height, string? Url, IReadOnlyList<MediaRendition> Renditions);

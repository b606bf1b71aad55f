using FluentValidation;
using NewsApi.Bylines;
using NewsApi.Datelines;
using NewsApi.Http;
using NewsApi.Text;

namespace NewsApi.Articles;

public sealed class ArticleRequestValidator : AbstractValidator<ArticleRequest>
{
    public ArticleRequestValidator()
    {
        RuleFor(a => a.Headline).NotEmpty().MaximumLength(ArticleLimits.Headline).Must(TextRules.HasVisibleText)
            .WithMessage("The headline must contain text.");
        RuleFor(a => a.Lead).NotEmpty().MaximumLength(ArticleLimits.Lead).Must(TextRules.HasVisibleText)
            .WithMessage("The lead must contain text.");
        RuleFor(a => a.Headline).MaxNormalizedLength(ArticleLimits.Headline)
            .WithMessage($"The headline is at most {ArticleLimits.Headline} characters.");
        RuleFor(a => a.Lead).MaxNormalizedLength(ArticleLimits.Lead)
            .WithMessage($"The lead is at most {ArticleLimits.Lead} characters.");
        RuleFor(a => a.Body).Must(b => b!.All(block => block is not null))
            .WithMessage("A body block cannot be null.").When(a => a.Body is not null);
        RuleFor(a => a.Body).MaxItems(ArticleLimits.BodyBlocks)
            .WithMessage($"An article has at most {ArticleLimits.BodyBlocks} body blocks.").When(a => a.Body is not null);
        RuleForEach(a => a.Body).SetValidator(new BodyBlockValidator());
        RuleFor(a => a.Slug!).Matches("^(?=[a-z0-9-]*[a-z])[a-z0-9]+(-[a-z0-9]+)*$")
            .WithMessage("A slug is lower-case letters a-z, digits and single hyphens, with at least one letter (digits alone would read as an id).")
            .MaximumLength(ArticleLimits.Slug).When(a => a.Slug is not null);
        RuleFor(a => a.Status).IsInEnum();
        RuleFor(a => a.PublishedAt).NotNull()
            .WithMessage("A scheduled article needs the publishedAt it is scheduled for.")
            .When(a => a.Status == ArticleStatus.Scheduled);
        RuleFor(a => a.PublishedAt!.Value.Year).Must(TextRules.IsReasonableYear).OverridePropertyName("publishedAt")
            .WithMessage($"publishedAt is between the years {TextRules.MinYear} and {TextRules.MaxYear}.")
            .When(a => a.PublishedAt is not null);
        RuleFor(a => a.Byline!).SetValidator(new BylineRequestValidator()).When(a => a.Byline is not null);
        RuleFor(a => a.Dateline!).SetValidator(new DatelineRequestValidator()).When(a => a.Dateline is not null);
        RuleFor(a => a.FeatureImage!).SetValidator(new FeatureImageRequestValidator()).When(a => a.FeatureImage is not null);
        RuleFor(a => a.SectionId).GreaterThan(0).WithMessage("sectionId is a section's id.").When(a => a.SectionId is not null);
        RuleFor(a => a.Tags).MaxItems(NewsApi.Tags.TagLimits.PerArticle)
            .WithMessage($"An article has at most {NewsApi.Tags.TagLimits.PerArticle} tags.").When(a => a.Tags is not null);
        RuleForEach(a => a.Tags).NotNull().WithMessage("A tag is a name.")
            .Must(TextRules.HasVisibleText).WithMessage("A tag name must contain text.")
            .MaxNormalizedLength(NewsApi.Tags.TagLimits.Name).WithMessage($"A tag name is at most {NewsApi.Tags.TagLimits.Name} characters.")
            .Must(TextRules.HasNoControlCharacters).WithMessage("A tag name has no control characters.");
    }
}

public sealed class FeatureImageRequestValidator : AbstractValidator<FeatureImageRequest>
{
    public FeatureImageRequestValidator()
    {
        RuleFor(f => f.MediaId).GreaterThan(0).WithMessage("mediaId is a media item's id.");
        RuleFor(f => f.Caption).MaximumLength(Media.MediaLimits.Caption);
        RuleFor(f => f.Alt).MaximumLength(Media.MediaLimits.Alt);
        RuleFor(f => f.Credit).MaximumLength(Media.MediaLimits.Credit);
    }
}

public sealed class BodyBlockValidator : AbstractValidator<BodyBlock>
{
    public BodyBlockValidator()
    {
        RuleFor(b => b.Type).OneOf([BodyBlock.Paragraph, BodyBlock.Image]).WithMessage("A block's type is 'paragraph' or 'image'.");
        When(b => b.Type == BodyBlock.Paragraph, () =>
        {
            RuleFor(b => b.Text!).NotEmpty().MaximumLength(ArticleLimits.BlockText)
                .MaxNormalizedLength(ArticleLimits.BlockText).WithMessage($"A block is at most {ArticleLimits.BlockText} characters.");
            RuleFor(b => b.MediaId).Null().WithMessage("A paragraph has no mediaId.");
        });
        When(b => b.Type == BodyBlock.Image, () =>
        {
            RuleFor(b => b.MediaId).NotNull().WithMessage("An image block needs the mediaId of the photo it shows.")
                .GreaterThan(0).WithMessage("mediaId is a media item's id.");
            RuleFor(b => b.Text).Null().WithMessage("An image block has no text: give its caption.");
            RuleFor(b => b.Caption).MaximumLength(Media.MediaLimits.Caption);
            RuleFor(b => b.Alt).MaximumLength(Media.MediaLimits.Alt);
            RuleFor(b => b.Credit).MaximumLength(Media.MediaLimits.Credit);
        });
    }
}

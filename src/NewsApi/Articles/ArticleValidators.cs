using FluentValidation;
using NewsApi.Bylines;
using NewsApi.Datelines;
using NewsApi.Http;
using NewsApi.Text;

namespace NewsApi.Articles;

public sealed class ArticleRequestValidator : AbstractValidator<ArticleRequest>
{
    public ArticleRequestValidator(TimeProvider clock)
    {
        RuleFor(a => a.Headline).NotEmpty().MaximumLength(ArticleLimits.Headline).Must(TextRules.HasVisibleText)
            .WithMessage("The headline must contain text.");
        RuleFor(a => a.Lead).NotEmpty().MaximumLength(ArticleLimits.Lead).Must(TextRules.HasVisibleText)
            .WithMessage("The lead must contain text.");
        RuleFor(a => a.Body).Must(b => b!.Count <= ArticleLimits.BodyBlocks)
            .WithMessage($"An article has at most {ArticleLimits.BodyBlocks} body blocks.").When(a => a.Body is not null);
        RuleForEach(a => a.Body).ChildRules(block =>
        {
            block.RuleFor(b => b.Type).Equal(BodyBlock.Paragraph).WithMessage("The only block type is 'paragraph'.");
            block.RuleFor(b => b.Text).NotEmpty().MaximumLength(ArticleLimits.BlockText);
        });
        RuleFor(a => a.Slug!).Matches("^[a-z0-9]+(-[a-z0-9]+)*$")
            .WithMessage("A slug is lower-case letters a-z, digits and single hyphens.")
            .MaximumLength(ArticleLimits.Slug).When(a => a.Slug is not null);
        RuleFor(a => a.Status).IsInEnum();
        RuleFor(a => a.PublishedAt).NotNull().Must(p => p > clock.GetUtcNow())
            .WithMessage("A scheduled article needs a publishedAt in the future.")
            .When(a => a.Status == ArticleStatus.Scheduled);
        RuleFor(a => a.PublishedAt!.Value.Year).InclusiveBetween(1900, 2200).OverridePropertyName("publishedAt")
            .When(a => a.PublishedAt is not null);
        RuleFor(a => a.Byline!).SetValidator(new BylineRequestValidator()).When(a => a.Byline is not null);
        RuleFor(a => a.Dateline!).SetValidator(new DatelineRequestValidator()).When(a => a.Dateline is not null);
    }
}

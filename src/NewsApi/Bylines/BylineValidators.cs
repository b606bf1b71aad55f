using FluentValidation;
using NewsApi.Http;
using NewsApi.Contributors;

namespace NewsApi.Bylines;

public sealed class BylineRequestValidator : AbstractValidator<BylineRequest>
{
    public BylineRequestValidator()
    {
        RuleFor(b => b.Text).NotEmpty().MaximumLength(BylineLimits.Text).Must(TextRules.HasVisibleText)
            .WithMessage("The byline must contain text.");
        RuleFor(b => b.Source).MaximumLength(BylineLimits.Source);
        RuleFor(b => b.Credits!).Must(c => c.Count <= BylineLimits.Credits)
            .WithMessage($"A byline has at most {BylineLimits.Credits} credits.").When(b => b.Credits is not null);
        RuleForEach(b => b.Credits).ChildRules(credit =>
        {
            credit.RuleFor(c => c.Name).NotEmpty().MaximumLength(ContributorLimits.Name).Must(TextRules.HasVisibleText)
                .WithMessage("A credit needs a name.");
            credit.RuleFor(c => c.Roles).NotEmpty().WithMessage("A credit needs at least one role.");
            credit.RuleForEach(c => c.Roles).IsInEnum();
            credit.RuleFor(c => c.ContributorId).GreaterThan(0).When(c => c.ContributorId is not null);
        });
    }
}

using FluentValidation;
using NewsApi.Http;
using NewsApi.Contributors;
using NewsApi.Text;

namespace NewsApi.Bylines;

public sealed class BylineRequestValidator : AbstractValidator<BylineRequest>
{
    public BylineRequestValidator()
    {
        RuleFor(b => b.Text).NotEmpty().MaximumLength(BylineLimits.Text).Must(TextRules.HasVisibleText)
            .WithMessage("The byline must contain text.");
        RuleFor(b => b.Text).MaxNormalizedLength(BylineLimits.Text)
            .WithMessage($"The byline is at most {BylineLimits.Text} characters.");
        RuleFor(b => b.Source).MaximumLength(BylineLimits.Source).MaxNormalizedLength(BylineLimits.Source)
            .WithMessage($"The source is at most {BylineLimits.Source} characters.");
        RuleFor(b => b.Credits).Must(c => c!.All(credit => credit is not null))
            .WithMessage("A credit cannot be null.").When(b => b.Credits is not null);
        RuleFor(b => b.Credits).MaxItems(BylineLimits.Credits)
            .WithMessage($"A byline has at most {BylineLimits.Credits} credits.").When(b => b.Credits is not null);
        RuleForEach(b => b.Credits).SetValidator(new CreditRequestValidator());
    }
}

public sealed class CreditRequestValidator : AbstractValidator<CreditRequest>
{
    public CreditRequestValidator()
    {
        RuleFor(c => c.Name).NotEmpty().Must(TextRules.HasVisibleText).WithMessage("A credit needs a name.")
            .MaxNormalizedLength(ContributorLimits.Name).WithMessage($"A name is at most {ContributorLimits.Name} characters.");
        RuleFor(c => c.Roles).NotEmpty().WithMessage("A credit needs at least one role.")
            .MaxItems(Enum.GetValues<NewsApi.Text.CreditRole>().Length);
        RuleForEach(c => c.Roles).IsInEnum();
        RuleFor(c => c.ContributorId).GreaterThan(0).When(c => c.ContributorId is not null);
    }
}

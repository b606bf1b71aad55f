using FluentValidation;
using NewsApi.Http;

namespace NewsApi.Contributors;

public sealed class ContributorRequestValidator : AbstractValidator<ContributorRequest>
{
    public ContributorRequestValidator()
    {
        RuleFor(c => c.Name).NotEmpty().MaximumLength(ContributorLimits.Name).Must(TextRules.HasVisibleText)
            .WithMessage("A contributor needs a name.");
        RuleFor(c => c.Slug!).Matches("^[a-z0-9]+(-[a-z0-9]+)*$")
            .WithMessage("A slug is lower-case letters a-z, digits and single hyphens.")
            .MaximumLength(ContributorLimits.Slug).When(c => c.Slug is not null);
    }
}

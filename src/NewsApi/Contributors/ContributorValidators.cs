using FluentValidation;
using NewsApi.Http;
using NewsApi.Text;

namespace NewsApi.Contributors;

public sealed class ContributorRequestValidator : AbstractValidator<ContributorRequest>
{
    public ContributorRequestValidator()
    {
        RuleFor(c => c.Name).NotEmpty().Must(TextRules.HasVisibleText).WithMessage("A contributor needs a name.")
            .MaxNormalizedLength(ContributorLimits.Name).WithMessage($"A name is at most {ContributorLimits.Name} characters.");
        RuleFor(c => c.Slug!).Matches("^(?=[a-z0-9-]*[a-z])[a-z0-9]+(-[a-z0-9]+)*$")
            .WithMessage("A slug is lower-case letters a-z, digits and single hyphens, with at least one letter (digits alone would read as an id).")
            .MaximumLength(ContributorLimits.Slug).When(c => c.Slug is not null);
    }
}

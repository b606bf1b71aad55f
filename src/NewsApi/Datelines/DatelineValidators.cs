using FluentValidation;
using NewsApi.Http;
using NewsApi.Text;

namespace NewsApi.Datelines;

public sealed class DatelineRequestValidator : AbstractValidator<DatelineRequest>
{
    public DatelineRequestValidator()
    {
        RuleFor(d => d.Text).NotEmpty().MaximumLength(DatelineLimits.Text).Must(TextRules.HasVisibleText)
            .WithMessage("The dateline must contain text.");
        RuleFor(d => d.PartOfDay).IsInEnum();
        RuleFor(d => d.Text).MaxNormalizedLength(DatelineLimits.Text)
            .WithMessage($"The dateline is at most {DatelineLimits.Text} characters.");
        RuleFor(d => d.Place).MaxNormalizedLength(DatelineLimits.Place)
            .WithMessage($"The place is at most {DatelineLimits.Place} characters.");
        RuleFor(d => d.Date!.Value.Year).Must(TextRules.IsReasonableYear).OverridePropertyName("date")
            .WithMessage($"date is between the years {TextRules.MinYear} and {TextRules.MaxYear}.").When(d => d.Date is not null);
    }
}

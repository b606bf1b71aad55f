using FluentValidation;
using NewsApi.Http;

namespace NewsApi.Datelines;

public sealed class DatelineRequestValidator : AbstractValidator<DatelineRequest>
{
    public DatelineRequestValidator()
    {
        RuleFor(d => d.Text).NotEmpty().MaximumLength(DatelineLimits.Text).Must(TextRules.HasVisibleText)
            .WithMessage("The dateline must contain text.");
        RuleFor(d => d.PartOfDay).IsInEnum();
        RuleFor(d => d.Place).MaximumLength(DatelineLimits.Place);
        RuleFor(d => d.Date!.Value.Year).InclusiveBetween(1900, 2200).OverridePropertyName("date").When(d => d.Date is not null);
    }
}

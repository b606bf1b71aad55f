using FluentValidation;
using NewsApi.Http;
using NewsApi.Text;

namespace NewsApi.ContactHeader;

public sealed class ContactHeaderRequestValidator : AbstractValidator<ContactHeaderRequest>
{
    public ContactHeaderRequestValidator()
    {
        RuleFor(c => c.Address).NotEmpty().MaximumLength(ContactLimits.Address).Must(TextRules.HasVisibleText)
            .WithMessage("The contact header needs an address.");
        RuleFor(c => c.Address).MaxNormalizedLength(ContactLimits.Address)
            .WithMessage($"The address is at most {ContactLimits.Address} characters.");
        RuleFor(c => c.Phones!).Must(p => p.All(phone => phone is not null))
            .WithMessage("A phone cannot be null.").When(c => c.Phones is not null);
        RuleFor(c => c.Phones).MaxItems(ContactLimits.Phones)
            .WithMessage($"At most {ContactLimits.Phones} phones.").When(c => c.Phones is not null);
        RuleForEach(c => c.Phones).SetValidator(new PhoneRequestValidator());
        RuleFor(c => c.Email!).EmailAddress().MaximumLength(ContactLimits.Email).When(c => c.Email is not null);
    }
}

public sealed class PhoneRequestValidator : AbstractValidator<PhoneRequest>
{
    public PhoneRequestValidator()
    {
        RuleFor(p => p.Display).NotEmpty().MaximumLength(ContactLimits.PhoneDisplay);
        RuleFor(p => p.E164!).Matches(PhoneNumbers.E164Pattern)
            .WithMessage("e164 is '+' followed by 8 to 15 digits, e.g. +842083844179.").When(p => p.E164 is not null);
        RuleFor(p => p.Display).Must(d => PhoneNumbers.ToE164(d) is not null)
            .WithMessage("This is not a phone number we can read; send e164 too.").When(p => p.E164 is null);
    }
}

using FluentValidation;
using FluentValidation.Validators;
using NewsApi.Text;

namespace NewsApi.Http;

/// <summary>A rule that caps how many items a list holds; the OpenAPI document reads it as maxItems.</summary>
public interface IMaxItemsValidator
{
    int MaxItems { get; }
}

/// <summary>A rule that admits only the listed values; the OpenAPI document reads it as enum.</summary>
public interface IAllowedValuesValidator
{
    IReadOnlyList<string> AllowedValues { get; }
}

/// <summary>
/// Limits written as validators the OpenAPI document can read back (FluentValidation's ILengthValidator and
/// <see cref="IMaxItemsValidator"/>), so each limit is stated once, in the validator, and the document follows it.
/// </summary>
public static class LimitRules
{
    /// <summary>At most <paramref name="max"/> characters once the text is normalized as it will be stored.</summary>
    public static IRuleBuilderOptions<T, string?> MaxNormalizedLength<T>(this IRuleBuilder<T, string?> rule, int max) =>
        rule.SetValidator(new NormalizedLengthValidator<T>(max));

    public static IRuleBuilderOptions<T, TList?> MaxItems<T, TList>(this IRuleBuilder<T, TList?> rule, int max)
        where TList : class, System.Collections.IEnumerable =>
        rule.SetValidator(new MaxItemsValidator<T, TList?>(max));

    /// <summary>One of <paramref name="allowed"/>, exactly.</summary>
    public static IRuleBuilderOptions<T, string?> OneOf<T>(this IRuleBuilder<T, string?> rule, IReadOnlyList<string> allowed) =>
        rule.SetValidator(new AllowedValuesValidator<T>(allowed));

    private sealed class AllowedValuesValidator<T>(IReadOnlyList<string> allowed) : PropertyValidator<T, string?>, IAllowedValuesValidator
    {
        public override string Name => "AllowedValuesValidator";

        public IReadOnlyList<string> AllowedValues => allowed;

        public override bool IsValid(ValidationContext<T> context, string? value)
        {
            context.MessageFormatter.AppendArgument("AllowedValues", string.Join(", ", allowed));
            return value is not null && allowed.Contains(value, StringComparer.Ordinal);
        }

        protected override string GetDefaultMessageTemplate(string errorCode) => "{PropertyName} is one of {AllowedValues}.";
    }

    private sealed class NormalizedLengthValidator<T>(int max) : PropertyValidator<T, string?>, ILengthValidator
    {
        public override string Name => "NormalizedLengthValidator";

        public int Min => 0;

        public int Max => max;

        public override bool IsValid(ValidationContext<T> context, string? value)
        {
            context.MessageFormatter.AppendArgument("MaxLength", max);
            return TextRules.FitsWhenNormalized(value, max);
        }

        protected override string GetDefaultMessageTemplate(string errorCode) => "{PropertyName} is at most {MaxLength} characters.";
    }

    private sealed class MaxItemsValidator<T, TList>(int max) : PropertyValidator<T, TList>, IMaxItemsValidator
    {
        public override string Name => "MaxItemsValidator";

        public int MaxItems => max;

        public override bool IsValid(ValidationContext<T> context, TList value)
        {
            context.MessageFormatter.AppendArgument("MaxItems", max);
            return value is not System.Collections.IEnumerable items || items.Cast<object?>().Take(max + 1).Count() <= max;
        }

        protected override string GetDefaultMessageTemplate(string errorCode) => "{PropertyName} holds at most {MaxItems} items.";
    }
}

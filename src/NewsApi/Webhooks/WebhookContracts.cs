using FluentValidation;
using Microsoft.Extensions.Options;
using NewsApi.Http;

namespace NewsApi.Webhooks;

public sealed record WebhookRequest(string Url, IReadOnlyList<string> Events, string? Format = null);

public sealed record WebhookResponse(int Id, string Url, IReadOnlyList<string> Events, string Format, DateTimeOffset CreatedAt);

/// <summary>A new subscription: the only time its signing secret is shown.</summary>
public sealed record CreatedWebhookResponse(int Id, string Url, IReadOnlyList<string> Events, string Format, DateTimeOffset CreatedAt, string Secret);

/// <summary>One message to a subscription and what became of it.</summary>
public sealed record WebhookDeliveryResponse(
    long Id,
    string Type,
    int? ArticleId,
    string MessageId,
    string Status,
    int Attempts,
    int? ResponseCode,
    string? Error,
    DateTimeOffset CreatedAt,
    DateTimeOffset? LastAttemptAt,
    DateTimeOffset? NextAttemptAt,
    DateTimeOffset? DeliveredAt);

public sealed record WebhookDeliveryPage(IReadOnlyList<WebhookDeliveryResponse> Items, int Page, int PageSize, int Total, NewsApi.Http.PageLinks Links);

public sealed class WebhookRequestValidator : AbstractValidator<WebhookRequest>
{
    public const int MaxEvents = 5;

    public WebhookRequestValidator(IOptions<WebhookOptions> options)
    {
        RuleFor(w => w.Url).NotEmpty().WithMessage("url is required.")
            .MaximumLength(WebhookLimits.Url).WithMessage($"url is at most {WebhookLimits.Url} characters.")
            .Must(url => WebhookTargets.Refusal(url, options.Value.AllowPrivateTargets) is null)
            .WithMessage(w => WebhookTargets.Refusal(w.Url, options.Value.AllowPrivateTargets) ?? "");
        RuleFor(w => w.Events).NotEmpty().WithMessage("events names at least one event.")
            .MaxItems(MaxEvents).WithMessage($"events names at most {MaxEvents} events.")
            .Must(e => e is null || e.Distinct().Count() == e.Count).WithMessage("events names each event once.");
        RuleForEach(w => w.Events).Must(e => WebhookEventTypes.Subscribable.Contains(e))
            .WithMessage($"Each event is one of {string.Join(", ", WebhookEventTypes.Subscribable)}.");
        RuleFor(w => w.Format).OneOf(WebhookFormats.All).When(w => w.Format is not null)
            .WithMessage($"format is one of {string.Join(", ", WebhookFormats.All)}.");
    }
}

using System.Security.Cryptography;
using System.Text;

namespace NewsApi.Webhooks;

/// <summary>
/// Standard Webhooks (standardwebhooks.com) signing: HMAC-SHA256 over "{webhook-id}.{webhook-timestamp}.{body}" with the
/// secret's bytes (the base64 after "whsec_"), sent as "v1,{base64}". Receivers verify it with any Standard Webhooks or
/// Svix library. Written here rather than taken from a package: no such package is available to this build, and the
/// code is ten lines checked against the specification's published test vector.
/// </summary>
public static class WebhookSignature
{
    public const string SecretPrefix = "whsec_";

    /// <summary>A new secret: 24 random bytes, as Standard Webhooks writes them.</summary>
    public static string NewSecret() => SecretPrefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(24));

    public static string Sign(string secret, string messageId, long timestamp, string body)
    {
        var key = Convert.FromBase64String(secret.StartsWith(SecretPrefix, StringComparison.Ordinal) ? secret[SecretPrefix.Length..] : secret);
        var signed = Encoding.UTF8.GetBytes(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{messageId}.{timestamp}.{body}"));
        return "v1," + Convert.ToBase64String(HMACSHA256.HashData(key, signed));
    }

    /// <summary>Whether one of the space-separated signatures of a webhook-signature header is this message's.</summary>
    public static bool Verify(string secret, string messageId, long timestamp, string body, string signatureHeader)
    {
        var expected = Encoding.ASCII.GetBytes(Sign(secret, messageId, timestamp, body));
        return signatureHeader.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Any(s => CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(s), expected));
    }
}

using NewsApi.Data.Seed;
using NewsApi.Http;

namespace NewsApi.Keys;

/// <summary>Examples of the key contracts.</summary>
[ContractExamples]
public static class KeyExamples
{
    public static IEnumerable<KeyValuePair<Type, object>> All() =>
    [
        new(typeof(KeyRequest), new KeyRequest("editor", Scopes.ContentWrite)),
        new(typeof(KeyResponse), new KeyResponse("editor", Scopes.ContentWrite, SeedExample.Published, null)),
        // The shape of a real key (prefix and 43 base64url characters); this one opens nothing.
        new(typeof(CreatedKeyResponse), new CreatedKeyResponse("editor", Scopes.ContentWrite, SeedExample.Published, ApiKey.Prefix + new string('x', 43))),
    ];
}

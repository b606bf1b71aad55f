namespace NewsApi.Http;

public static class HeadRequests
{
    /// <summary>
    /// Every GET endpoint in the group answers HEAD too, with the same status and headers and no body (Kestrel leaves
    /// the body out of a HEAD response). The endpoints' own HTTP method metadata is widened, so routing, the output
    /// cache, ETags and the OpenAPI document all see HEAD as what it is: a GET without the body.
    /// </summary>
    public static TBuilder AnsweringHead<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder
    {
        builder.Finally(endpoint =>
        {
            if (endpoint.Metadata.OfType<HttpMethodMetadata>().LastOrDefault() is { } methods
                && methods.HttpMethods.Contains(HttpMethods.Get) && !methods.HttpMethods.Contains(HttpMethods.Head))
            {
                endpoint.Metadata.Remove(methods);
                endpoint.Metadata.Add(new HttpMethodMetadata([.. methods.HttpMethods, HttpMethods.Head], methods.AcceptCorsPreflight));
            }
        });
        return builder;
    }
}

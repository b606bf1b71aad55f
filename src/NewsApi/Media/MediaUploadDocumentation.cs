using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace NewsApi.Media;

/// <summary>
/// The upload takes a form or an image as its body, read by the handler itself (the type is sniffed, not trusted), so
/// ApiExplorer sees no body: the document is told here, with the form's limits from <see cref="MediaLimits"/>.
/// Image responses are bytes, not base64 text.
/// </summary>
public sealed class MediaUploadDocumentation : IOperationFilter
{
    private static readonly string[] ImageTypes = ["image/jpeg", "image/png", "image/webp", "image/avif"];

    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        var metadata = context.ApiDescription.ActionDescriptor.EndpointMetadata;
        if (metadata.OfType<UploadBody>().FirstOrDefault() is { } upload)
        {
            var content = new Dictionary<string, OpenApiMediaType>();
            if (upload.Form)
            {
                content["multipart/form-data"] = new()
                {
                    Schema = new OpenApiSchema
                    {
                        Type = JsonSchemaType.Object,
                        Required = new HashSet<string> { "file" },
                        Properties = new Dictionary<string, IOpenApiSchema>
                        {
                            ["file"] = Binary(),
                            ["caption"] = Text(MediaLimits.Caption, "Shown under the photo; read from IPTC/EXIF when not given."),
                            ["alt"] = Text(MediaLimits.Alt, "What the photo shows, for readers who cannot see it."),
                            ["credit"] = Text(MediaLimits.Credit, "Who took it; read from IPTC/EXIF when not given."),
                        },
                    },
                };
            }
            foreach (var type in ImageTypes)
            {
                content[type] = new OpenApiMediaType { Schema = Binary() };
            }
            operation.RequestBody = new OpenApiRequestBody { Required = true, Content = content };
        }
        foreach (var response in operation.Responses?.Values.OfType<OpenApiResponse>() ?? [])
        {
            foreach (var (type, media) in response.Content ?? new Dictionary<string, OpenApiMediaType>())
            {
                if (type.StartsWith("image/", StringComparison.Ordinal))
                {
                    media.Schema = Binary();
                }
            }
        }
    }

    private static OpenApiSchema Binary() => new() { Type = JsonSchemaType.String, Format = "binary", MaxLength = (int)MediaOptions.DefaultMaxBytes };

    private static OpenApiSchema Text(int maxLength, string description) =>
        new() { Type = JsonSchemaType.String, MaxLength = maxLength, Description = description };
}

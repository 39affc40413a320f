using Microsoft.Net.Http.Headers;

namespace StarSync.Web.Assets;

/// <summary>Serves pictures kept by <see cref="LocalAssetStore"/> at <c>/assets/{folder}/{name}</c>.</summary>
public static class AssetEndpoints
{
    public static IEndpointRouteBuilder MapAssetEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/assets/{folder}/{name}", (string folder, string name, IAssetStore store, HttpContext context) =>
        {
            if (store is not LocalAssetStore local || local.Resolve($"{folder}/{name}") is not { } path)
            {
                return Results.NotFound();
            }

            // Names are random per upload and never reused, so a picture can be cached for good; nosniff keeps a
            // browser from reading it as anything but the image type it is served as.
            context.Response.Headers[HeaderNames.CacheControl] = "public, max-age=31536000, immutable";
            context.Response.Headers[HeaderNames.XContentTypeOptions] = "nosniff";
            context.Response.Headers[HeaderNames.ContentSecurityPolicy] = "default-src 'none'";
            return Results.File(path, ProfileImage.ContentType);
        }).ExcludeFromDescription();
        return app;
    }
}

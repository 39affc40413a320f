namespace StarSync.Web.Components.Pages.Account;

/// <summary>Where to go after signing in: only paths of this site (never "//evil.example" or an absolute URL).</summary>
public static class ReturnUrl
{
    public static string Safe(string? returnUrl, string fallback = "/") =>
        returnUrl is { Length: > 0 } url && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\')) && !url.Contains("://", StringComparison.Ordinal)
            ? url
            : fallback;
}

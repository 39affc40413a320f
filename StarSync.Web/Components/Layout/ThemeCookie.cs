namespace StarSync.Web.Components.Layout;

/// <summary>
/// Remembers the light or dark theme in a cookie rather than local storage: the server reads it while prerendering,
/// so a visitor who chose dark never sees a flash of the light theme.
/// </summary>
public static class ThemeCookie
{
    public const string Name = "starsync-theme";

    /// <summary>The name of the cascading value that carries the remembered choice from the root to the layouts.</summary>
    public const string CascadeName = "RememberedDarkMode";

    /// <summary>True for dark, false for light, null when the visitor never chose (then the device's preference applies).</summary>
    public static bool? Read(IRequestCookieCollection? cookies) => cookies?[Name] switch
    {
        "dark" => true,
        "light" => false,
        _ => null,
    };
}

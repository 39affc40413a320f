namespace StarSync.Web.Demo;

/// <summary>
/// Whether demo data is seeded at start-up (<c>STARSYNC_DEMO</c>). <see cref="From"/> refuses demo mode in Production,
/// where printed passwords and money nobody paid for must never exist.
/// </summary>
public sealed record DemoSettings(bool Enabled)
{
    public const string Variable = "STARSYNC_DEMO";

    /// <summary>Reads <c>STARSYNC_DEMO</c> (unset or <c>false</c>: off); throws with a message an operator can act on.</summary>
    public static DemoSettings From(IConfiguration configuration, string environmentName)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var text = configuration[Variable]?.Trim();
        bool enabled;
        if (string.IsNullOrEmpty(text))
        {
            enabled = false;
        }
        else if (!bool.TryParse(text, out enabled))
        {
            throw new InvalidOperationException($"{Variable} must be 'true' or 'false', not '{text}'.");
        }

        if (enabled && string.Equals(environmentName, "Production", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException(
                $"{Variable}=true is refused in Production: demo accounts have their passwords printed in the log and a wallet credited with money nobody paid. Run demos as a Development instance (ASPNETCORE_ENVIRONMENT=Development).");
        }

        return new DemoSettings(enabled);
    }
}

using StarSync.Engine.Platform;

namespace StarSync.Engine.Storage;

/// <summary>The platform settings: one document, versioned.</summary>
/// <remarks>
/// Atomicity: <see cref="SaveAsync"/> is a compare-and-set on the version (an insert on a fixed key for the first
/// save), so of two admins saving over the same version exactly one wins and the other is told to reload.
/// </remarks>
public interface IPlatformSettingsStore
{
    /// <summary>The saved settings, or null when nobody has saved any (the caller uses its defaults).</summary>
    Task<PlatformSettings?> GetAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Saves <paramref name="settings"/> if the stored version is still <see cref="PlatformSettings.Version"/> (0: none
    /// saved yet), stamping the next version, the store's clock and <paramref name="actor"/>. Returns what was saved,
    /// or null when someone saved in between.
    /// </summary>
    /// <exception cref="ArgumentException">The settings have problems (see <see cref="PlatformSettings.Problems"/>).</exception>
    Task<PlatformSettings?> SaveAsync(PlatformSettings settings, string actor, CancellationToken cancellationToken = default);
}

namespace StarSync.Web.Assets;

/// <summary>A stored picture: where browsers fetch it and the key that deletes it.</summary>
/// <param name="Url">An absolute https URL (Cloudinary) or an app-relative path (<c>/assets/…</c>).</param>
/// <param name="Key">The store's own name for it, for <see cref="IAssetStore.DeleteAsync"/>.</param>
public sealed record StoredAsset(string Url, string Key);

/// <summary>The kinds of pictures stored, each in its own folder.</summary>
public enum AssetFolder
{
    /// <summary>Astrologers' profile photos.</summary>
    Astrologers,

    /// <summary>Users' optional avatars.</summary>
    Avatars,
}

/// <summary>Where processed pictures are kept: Cloudinary when configured, else files in the data folder.</summary>
public interface IAssetStore
{
    /// <summary>A short description for the start-up log line.</summary>
    string Description { get; }

    /// <summary>Stores <paramref name="image"/> under a new, unguessable name.</summary>
    Task<StoredAsset> SaveAsync(AssetFolder folder, ProfileImage image, CancellationToken cancellationToken = default);

    /// <summary>Deletes a stored picture; a key that names nothing is ignored.</summary>
    Task DeleteAsync(string key, CancellationToken cancellationToken = default);
}

/// <summary>The asset folder names as they appear in paths and Cloudinary public ids.</summary>
internal static class AssetFolders
{
    public static string Name(AssetFolder folder) => folder switch
    {
        AssetFolder.Astrologers => "astrologers",
        AssetFolder.Avatars => "avatars",
        _ => throw new ArgumentOutOfRangeException(nameof(folder), folder, null),
    };

    public static bool TryParse(string name, out AssetFolder folder)
    {
        switch (name)
        {
            case "astrologers":
                folder = AssetFolder.Astrologers;
                return true;
            case "avatars":
                folder = AssetFolder.Avatars;
                return true;
            default:
                folder = default;
                return false;
        }
    }

    /// <summary>A new random file stem: 128 bits as 32 lower-case hex digits.</summary>
    public static string NewStem() => Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));
}

using System.Text.RegularExpressions;

namespace StarSync.Web.Assets;

/// <summary>
/// Pictures as files under <c>&lt;data folder&gt;/assets/&lt;folder&gt;/&lt;32 hex&gt;.webp</c>, served by the app at
/// <c>/assets/&lt;folder&gt;/&lt;name&gt;</c> (see <see cref="AssetEndpoints"/>).
/// </summary>
public sealed partial class LocalAssetStore(string dataFolder) : IAssetStore
{
    /// <summary>The folder every picture lives under.</summary>
    public string Root { get; } = Path.GetFullPath(Path.Combine(dataFolder, "assets"));

    public string Description => $"local files in {Root}";

    public async Task<StoredAsset> SaveAsync(AssetFolder folder, ProfileImage image, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(image);
        var folderName = AssetFolders.Name(folder);
        var name = AssetFolders.NewStem() + ProfileImage.Extension;
        var directory = Path.Combine(Root, folderName);
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, name);
        // Write to a temporary name and move, so a reader never sees half a file.
        var temporary = path + ".part";
        await File.WriteAllBytesAsync(temporary, image.Content, cancellationToken).ConfigureAwait(false);
        File.Move(temporary, path);
        var key = $"{folderName}/{name}";
        return new StoredAsset($"/assets/{key}", key);
    }

    public Task DeleteAsync(string key, CancellationToken cancellationToken = default)
    {
        if (Resolve(key) is { } path)
        {
            File.Delete(path);
        }

        return Task.CompletedTask;
    }

    /// <summary>
    /// The file a key names, or <see langword="null"/> when the key is not exactly "&lt;known folder&gt;/&lt;32 hex&gt;.webp"
    /// — so no request can reach outside the asset folders (no "..", no other extensions, no absolute paths).
    /// </summary>
    public string? Resolve(string key)
    {
        if (key is null || KeyShape().Match(key) is not { Success: true } match || !AssetFolders.TryParse(match.Groups["folder"].Value, out _))
        {
            return null;
        }

        var path = Path.Combine(Root, match.Groups["folder"].Value, match.Groups["name"].Value);
        return File.Exists(path) ? path : null;
    }

    [GeneratedRegex("^(?<folder>[a-z]+)/(?<name>[0-9a-f]{32}\\.webp)$", RegexOptions.CultureInvariant)]
    private static partial Regex KeyShape();
}

using StarSync.Engine.Accounts;
using StarSync.Engine.Storage;

namespace StarSync.Web.Assets;

/// <summary>Sets and removes a user's picture: process, store, point the account at it, delete the one it replaced.</summary>
public sealed class AvatarService(ProfileImageProcessor processor, IAssetStore assets, IAccountStore accounts, IAuditLog audit, ILogger<AvatarService> logger)
{
    /// <summary>Processes <paramref name="upload"/> and makes it the account's picture.</summary>
    /// <exception cref="ImageRejectedException">The upload is not an acceptable picture.</exception>
    public async Task<AccountAvatar> SetAsync(string accountId, Stream upload, CancellationToken cancellationToken = default)
    {
        var image = await processor.ProcessAsync(upload, cancellationToken).ConfigureAwait(false);
        var stored = await assets.SaveAsync(AssetFolder.Avatars, image, cancellationToken).ConfigureAwait(false);
        var avatar = new AccountAvatar(stored.Url, stored.Key);
        var change = await accounts.SetAvatarAsync(accountId, avatar, cancellationToken).ConfigureAwait(false);
        if (!change.Changed)
        {
            await DeleteQuietlyAsync(stored.Key).ConfigureAwait(false);
            throw new InvalidOperationException("The account no longer exists.");
        }

        await audit.AppendAsync(new NewAuditEntry("account.avatar-set", accountId, accountId), cancellationToken).ConfigureAwait(false);
        if (change.Replaced is { } old)
        {
            await DeleteQuietlyAsync(old.Key).ConfigureAwait(false);
        }

        return avatar;
    }

    /// <summary>Removes the account's picture, if it has one.</summary>
    public async Task RemoveAsync(string accountId, CancellationToken cancellationToken = default)
    {
        var change = await accounts.SetAvatarAsync(accountId, null, cancellationToken).ConfigureAwait(false);
        if (change.Replaced is { } old)
        {
            await audit.AppendAsync(new NewAuditEntry("account.avatar-removed", accountId, accountId), cancellationToken).ConfigureAwait(false);
            await DeleteQuietlyAsync(old.Key).ConfigureAwait(false);
        }
    }

    /// <summary>Deletes a picture the account no longer points at (after account deletion, say).</summary>
    public Task ForgetAsync(AccountAvatar avatar) => DeleteQuietlyAsync(avatar.Key);

    // A picture nobody points at any more is only wasted space: a failed deletion is logged, never shown to the user.
    private async Task DeleteQuietlyAsync(string key)
    {
        try
        {
            await assets.DeleteAsync(key).ConfigureAwait(false);
        }
        catch (Exception e) when (e is AssetStoreException or HttpRequestException or IOException or TaskCanceledException)
        {
            logger.LogWarning(e, "Could not delete the replaced picture {Key}.", key);
        }
    }
}

using StarSync.Engine.Accounts;

namespace StarSync.Engine.Storage;

/// <summary>The answer to <see cref="IAccountStore.SetAvatarAsync"/>.</summary>
/// <param name="Changed">False when there is no such account or it is deleted.</param>
/// <param name="Replaced">The picture the account had before, if any: the caller deletes its asset.</param>
public sealed record AvatarChange(bool Changed, AccountAvatar? Replaced);

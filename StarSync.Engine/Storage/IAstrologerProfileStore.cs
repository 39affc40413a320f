using StarSync.Engine.Accounts;
using StarSync.Engine.Astrologers;

namespace StarSync.Engine.Storage;

/// <summary>Astrologers' profiles, keyed by the astrologer's account id.</summary>
/// <remarks>
/// Atomicity: every method changes one profile document in one atomic step; <see cref="CreateAsync"/> is an insert
/// on the primary key, so of two racing creates for one account exactly one succeeds. A scrubbed (deleted) profile
/// is never changed again.
/// </remarks>
public interface IAstrologerProfileStore
{
    /// <summary>Creates the account's profile (status active); null when it already has one.</summary>
    /// <exception cref="ArgumentException">A field is out of bounds (see <see cref="AstrologerDetails.Normalized"/>).</exception>
    Task<AstrologerProfile?> CreateAsync(string accountId, AstrologerDetails details, CancellationToken cancellationToken = default);

    Task<AstrologerProfile?> FindAsync(string accountId, CancellationToken cancellationToken = default);

    /// <summary>Replaces the details; false when there is no such profile or it is deleted.</summary>
    /// <exception cref="ArgumentException">A field is out of bounds.</exception>
    Task<bool> UpdateAsync(string accountId, AstrologerDetails details, CancellationToken cancellationToken = default);

    /// <summary>Sets or clears the photo and returns the one it replaced (the caller deletes its asset).</summary>
    Task<AvatarChange> SetPhotoAsync(string accountId, AccountAvatar? photo, CancellationToken cancellationToken = default);

    /// <summary>Mirrors the account's status (active, blocked, deactivated); false when there is no such profile or it is deleted.</summary>
    /// <exception cref="ArgumentException"><paramref name="status"/> is <see cref="AccountStatus.Deleted"/>: use <see cref="ScrubAsync"/>.</exception>
    Task<bool> SetStatusAsync(string accountId, AccountStatus status, CancellationToken cancellationToken = default);

    /// <summary>
    /// Turns the profile into a tombstone: the name becomes <see cref="AstrologerProfile.AnonymisedName"/>, bio,
    /// languages, expertise and photo are cleared, status <see cref="AccountStatus.Deleted"/>. Returns the profile as
    /// it was (so the caller can delete the photo), or null when there is none or it was already scrubbed.
    /// </summary>
    Task<AstrologerProfile?> ScrubAsync(string accountId, CancellationToken cancellationToken = default);

    /// <summary>Profiles matching <paramref name="query"/>, by display name.</summary>
    Task<Page<AstrologerProfile>> ListAsync(AstrologerQuery query, CancellationToken cancellationToken = default);
}

/// <summary>A filter over astrologer profiles. Every criterion given must match.</summary>
public sealed record AstrologerQuery
{
    /// <summary>Text found (case-insensitively) in the display name.</summary>
    public string? Search { get; init; }

    public AccountStatus? Status { get; init; }

    /// <summary>A language the astrologer speaks (exact spelling, case-insensitive).</summary>
    public string? Language { get; init; }

    /// <summary>An area of expertise (exact spelling, case-insensitive).</summary>
    public string? Expertise { get; init; }

    public int Skip { get; init; }

    public int Take { get; init; } = 50;
}

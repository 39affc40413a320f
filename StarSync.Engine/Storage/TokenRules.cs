using StarSync.Engine.Accounts;

namespace StarSync.Engine.Storage;

/// <summary>How both adapters explain a token that could not be consumed.</summary>
internal static class TokenRules
{
    // Consumed first: a replayed token is the signal that matters (the caller revokes the session), whether or not it
    // has since been revoked or has expired.
    public static RefreshRotationStatus WhyRefused(RefreshToken token, DateTimeOffset now) =>
        token.ConsumedAt is not null ? RefreshRotationStatus.Reused
        : token.RevokedAt is not null ? RefreshRotationStatus.Revoked
        : token.ExpiresAt <= now ? RefreshRotationStatus.Expired
        : RefreshRotationStatus.Unknown;

    public static SingleUseConsumptionStatus WhyRefused(SingleUseToken token, DateTimeOffset now) =>
        token.ConsumedAt is not null ? SingleUseConsumptionStatus.AlreadyUsed
        : token.ExpiresAt <= now ? SingleUseConsumptionStatus.Expired
        : SingleUseConsumptionStatus.Unknown;
}
